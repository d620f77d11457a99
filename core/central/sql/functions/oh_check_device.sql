-- oh_check_device(uuid): Checks the caller may act as a device (bound role, not revoked) and returns the device's event.
-- Newest definition: migration 0010.
--
-- The owner and superusers act for any device; a device role only for the
-- device the owner bound it to, never a revoked one. Returns the event.
CREATE OR REPLACE FUNCTION oh_check_device(p_device uuid) RETURNS uuid LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_event uuid;
  v_revoked bigint;
  v_bound uuid;
BEGIN
  SELECT event_id, revoked_at INTO v_event, v_revoked FROM devices WHERE id = p_device;
  IF v_revoked IS NOT NULL THEN
    RAISE EXCEPTION 'device % is revoked', p_device USING ERRCODE = '42501';
  END IF;
  IF oh_is_admin() THEN
    RETURN v_event;
  END IF;
  SELECT device_id, event_id INTO v_bound, v_event FROM device_roles
  WHERE role_name = session_user::text;
  IF v_bound IS DISTINCT FROM p_device THEN
    RAISE EXCEPTION 'role % may not act for device %', session_user, p_device USING ERRCODE = '42501';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM devices WHERE id = p_device AND role_name = session_user::text) THEN
    RAISE EXCEPTION 'device % is not registered', p_device USING ERRCODE = '42501';
  END IF;
  RETURN v_event;
END $$;
-- Privileges: PostgreSQL's default (PUBLIC may execute it).
