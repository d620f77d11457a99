-- oh_register_device_v2(uuid, uuid, text, text, text): The registration of steps 2-5, kept under this name; oh_register_device no longer calls it.
-- Newest definition: migration 0002 (as oh_register_device).
--
-- A device role binds itself to one device id the first time it registers.
CREATE OR REPLACE FUNCTION oh_register_device_v2(p_id uuid, p_event uuid, p_name text, p_public_key text,
                                   p_certificate text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT  -- this schema, then pg_temp (see sql/README.md)
AS $$
DECLARE
  v_admin boolean := oh_is_admin();
  v_payload text;
BEGIN
  IF EXISTS (SELECT 1 FROM devices WHERE id = p_id AND revoked_at IS NOT NULL) THEN
    RAISE EXCEPTION 'device % is revoked', p_id USING ERRCODE = '42501';
  END IF;
  IF NOT v_admin AND (
       EXISTS (SELECT 1 FROM devices WHERE role_name = session_user::text AND id <> p_id)
    OR EXISTS (SELECT 1 FROM devices WHERE id = p_id AND role_name IS DISTINCT FROM session_user::text)) THEN
    RAISE EXCEPTION 'role % is bound to another device', session_user USING ERRCODE = '42501';
  END IF;
  INSERT INTO devices (id, event_id, name, public_key, certificate, role_name, registered_at)
  VALUES (p_id, p_event, p_name, NULLIF(p_public_key, ''), NULLIF(p_certificate, ''),
          CASE WHEN v_admin THEN NULL ELSE session_user::text END, oh_now_ms())
  ON CONFLICT (id) DO UPDATE SET name = excluded.name, event_id = excluded.event_id,
    public_key = coalesce(excluded.public_key, devices.public_key),
    certificate = coalesce(excluded.certificate, devices.certificate),
    role_name = coalesce(devices.role_name, excluded.role_name);
  v_payload := json_build_object('id', p_id, 'event_id', p_event, 'name', p_name,
      'public_key', coalesce(p_public_key, ''), 'certificate', coalesce(p_certificate, ''),
      'registered_at', oh_now_ms())::text;
  INSERT INTO change_log (pos, idem_key, device_id, event_id, kind, payload)
  VALUES (1, gen_random_uuid(), p_id, p_event, 'device.register', v_payload);
END $$;
REVOKE ALL ON FUNCTION oh_register_device_v2(uuid, uuid, text, text, text) FROM PUBLIC;
-- No longer for devices (it was granted to them before).
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'openhouse_device') THEN
    REVOKE ALL ON FUNCTION oh_register_device_v2(uuid, uuid, text, text, text) FROM openhouse_device;
  END IF;
END $$;
