-- oh_ping(): The central's id and clock.
-- Newest definition: migration 0002.
CREATE OR REPLACE FUNCTION oh_ping() RETURNS TABLE (central_id text, now_ms bigint)
LANGUAGE sql SECURITY DEFINER STABLE
SET search_path FROM CURRENT  -- this schema, then pg_temp (see sql/README.md)
AS $$
  SELECT (SELECT value FROM oh_meta WHERE key = 'central_id'), oh_now_ms()
$$;
REVOKE ALL ON FUNCTION oh_ping() FROM PUBLIC;
-- scripts/create-device-roles.sh grants EXECUTE to openhouse_device.
