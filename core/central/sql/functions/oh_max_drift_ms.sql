-- oh_max_drift_ms(): The server's drift limit for stamps where the later wins (oh_meta 'max_drift_ms', default 300000).
-- Newest definition: migration 0010.
CREATE OR REPLACE FUNCTION oh_max_drift_ms() RETURNS bigint LANGUAGE sql STABLE AS
$$ SELECT coalesce((SELECT value::bigint FROM oh_meta WHERE key = 'max_drift_ms'), 300000) $$;
-- Privileges: PostgreSQL's default (PUBLIC may execute it).
