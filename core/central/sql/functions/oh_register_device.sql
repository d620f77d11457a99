-- oh_register_device(uuid, uuid, text, text, text): Registers a device (its key and certificate) for the event its role is bound to.
-- Newest definition: migration 0011 (the device's last_seen_at).
CREATE OR REPLACE FUNCTION oh_register_device(p_id uuid, p_event uuid, p_name text, p_public_key text,
                                              p_certificate text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT  -- this schema, then pg_temp (see sql/README.md)
AS $$
DECLARE
  v_bound record;
BEGIN
  IF NOT oh_is_admin() THEN
    IF p_event IS NULL THEN
      RAISE EXCEPTION 'a device must name its event' USING ERRCODE = '42501';
    END IF;
    SELECT * INTO v_bound FROM device_roles WHERE role_name = session_user::text;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'role % is not bound to a device: the program team binds it with '
                      'scripts/create-device-roles.sh', session_user USING ERRCODE = '42501';
    END IF;
    IF v_bound.device_id <> p_id THEN
      RAISE EXCEPTION 'role % is bound to another device', session_user USING ERRCODE = '42501';
    END IF;
    IF v_bound.event_id <> p_event THEN
      RAISE EXCEPTION 'device % is bound to another event', p_id USING ERRCODE = '42501';
    END IF;
  END IF;
  PERFORM oh_register_device_v2(p_id, p_event, p_name, p_public_key, p_certificate);
  UPDATE devices SET last_seen_at = oh_now_ms() WHERE id = p_id;
END $$;
REVOKE ALL ON FUNCTION oh_register_device(uuid, uuid, text, text, text) FROM PUBLIC;
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'openhouse_device') THEN
    GRANT EXECUTE ON FUNCTION oh_register_device(uuid, uuid, text, text, text) TO openhouse_device;
  END IF;
END $$;
