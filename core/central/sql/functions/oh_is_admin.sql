-- oh_is_admin(): True when the login role is the owner or a superuser (the program team).
-- Newest definition: migration 0002.
--
-- True when the login role is the owner or a superuser: the program team's
-- tools and the single-role setups (tests, one kiosk) act for any device.
CREATE OR REPLACE FUNCTION oh_is_admin() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT session_user::text = (SELECT value FROM oh_meta WHERE key = 'owner')
      OR coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
$$;
-- Privileges: PostgreSQL's default (PUBLIC may execute it).
