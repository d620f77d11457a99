-- oh_bind_device_role(text, uuid, uuid): The owner binds a device role to one event and one device id (scripts/create-device-roles.sh).
-- Newest definition: migration 0010.
CREATE OR REPLACE FUNCTION oh_bind_device_role(p_role text, p_event uuid, p_device uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF p_role IS NULL OR p_event IS NULL OR p_device IS NULL THEN
    RAISE EXCEPTION 'a device role needs a role, an event and a device id' USING ERRCODE = '22023';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM events WHERE id = p_event) THEN
    RAISE EXCEPTION 'no event %', p_event USING ERRCODE = '22023';
  END IF;
  IF EXISTS (SELECT 1 FROM devices WHERE id = p_device AND event_id IS DISTINCT FROM p_event
                                     AND event_id IS NOT NULL) THEN
    RAISE EXCEPTION 'device % belongs to another event', p_device USING ERRCODE = '22023';
  END IF;
  INSERT INTO device_roles (role_name, event_id, device_id, bound_at)
  VALUES (p_role, p_event, p_device, oh_now_ms())
  ON CONFLICT (role_name) DO UPDATE SET event_id = excluded.event_id,
    device_id = excluded.device_id, bound_at = excluded.bound_at;
END $$;
REVOKE ALL ON FUNCTION oh_bind_device_role(text, uuid, uuid) FROM PUBLIC;
