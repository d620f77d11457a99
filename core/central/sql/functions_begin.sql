-- Runs before functions/*.sql, in the same transaction: every function that
-- says `SET search_path FROM CURRENT` keeps this schema, then pg_temp (never
-- pg_temp first: a device role could shadow the tables a SECURITY DEFINER
-- function reads with temporary ones). Reverts at the end of the transaction.
DO $$ BEGIN
  PERFORM set_config('search_path', format('%I, pg_temp', current_schema()), true);
END $$;
