-- oh_reads_every_event(): True when the caller reads every event (the owner): the checkins view filters with it.
-- Newest definition: migration 0006.
--
-- Whether the login role may read every event (the owner, a superuser).
-- SECURITY DEFINER: a device role may not read oh_meta itself.
CREATE OR REPLACE FUNCTION oh_reads_every_event() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path FROM CURRENT  -- this schema, then pg_temp (see sql/README.md)
AS
$$ SELECT oh_is_admin() $$;
-- Privileges: PostgreSQL's default (PUBLIC may execute it).
