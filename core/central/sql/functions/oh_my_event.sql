-- oh_my_event(): The event of the calling device role (row-level security on the event tables).
-- Newest definition: migration 0003.
CREATE OR REPLACE FUNCTION oh_my_event() RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER
SET search_path FROM CURRENT  -- this schema, then pg_temp (see sql/README.md)
AS $$
  SELECT event_id FROM devices WHERE role_name = session_user::text AND revoked_at IS NULL
$$;
-- Privileges: PostgreSQL's default (PUBLIC may execute it).
