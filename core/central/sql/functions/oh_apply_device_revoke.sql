-- oh_apply_device_revoke(uuid, text, int): Applies one device.revoke entry (the program team's): marks the device revoked.
-- Newest definition: migration 0010.
--
-- A device.revoke from the program team's own store (`openhouse device
-- revoke` on the admin laptop, pushed by its sync): claimed by its key like
-- every entry, at a feed position after the batch's others.
CREATE OR REPLACE FUNCTION oh_apply_device_revoke(p_from uuid, p_entry text, p_pos int) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  v_p json := split_part(p_entry, E'\x1f', 3)::json;
BEGIN
  INSERT INTO change_log (pos, idem_key, device_id, event_id, kind, payload)
  VALUES (p_pos, split_part(p_entry, E'\x1f', 1)::uuid, p_from,
          oh_uuid_or_null(v_p->>'event_id'), 'device.revoke', split_part(p_entry, E'\x1f', 3))
  ON CONFLICT (idem_key) DO NOTHING;
  IF NOT FOUND THEN
    RETURN 'd';
  END IF;
  UPDATE devices SET revoked_at = coalesce(revoked_at, (v_p->>'revoked_at')::bigint)
  WHERE id = oh_uuid_or_null(v_p->>'id');
  RETURN 'a';
END $$;
REVOKE ALL ON FUNCTION oh_apply_device_revoke(uuid, text, int) FROM PUBLIC;
