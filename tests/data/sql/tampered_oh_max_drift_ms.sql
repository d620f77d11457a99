-- A function changed behind the adapter's back (PgSchema.TheOwnerReappliesFunctionsThatDifferFromTheBuild):
-- openCentralRecord must put the built definition back.
CREATE OR REPLACE FUNCTION oh_max_drift_ms() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT 1::bigint $$;
