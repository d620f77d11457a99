-- oh_revoke_device(uuid): Revokes a lost or stolen device: refused from now on, its role locked out, a device.revoke record in the feed.
-- Newest definition: migration 0010.
--
-- A lost or stolen device (scripts/create-device-roles.sh revoke, `openhouse
-- device revoke`): refused from now on, its role locked out (when the owner
-- may do so: CREATEROLE), and a device.revoke record in its event's feed so
-- every device refuses the badges its key signed.
CREATE OR REPLACE FUNCTION oh_revoke_device(p_device uuid) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  v_event uuid;
  v_role text;
  v_at bigint;
  v_pos int;
BEGIN
  UPDATE devices SET revoked_at = coalesce(revoked_at, oh_now_ms()) WHERE id = p_device
  RETURNING event_id, role_name, revoked_at INTO v_event, v_role, v_at;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  SELECT coalesce(max(pos), 0) + 1 INTO v_pos FROM change_log WHERE xid = pg_current_xact_id();
  INSERT INTO change_log (pos, idem_key, device_id, event_id, kind, payload)
  VALUES (v_pos, gen_random_uuid(), p_device, v_event, 'device.revoke',
          json_build_object('id', p_device, 'event_id', v_event, 'revoked_at', v_at)::text);
  v_role := coalesce(v_role, (SELECT role_name FROM device_roles WHERE device_id = p_device));
  IF v_role IS NOT NULL THEN
    BEGIN
      EXECUTE format('ALTER ROLE %I NOLOGIN', v_role);
      PERFORM pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = v_role;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE WARNING 'device % is revoked, but role % can still log in (it can do nothing): '
                    'give the owner CREATEROLE to lock it out', p_device, v_role;
    END;
  END IF;
  RETURN true;
END $$;
REVOKE ALL ON FUNCTION oh_revoke_device(uuid) FROM PUBLIC;
