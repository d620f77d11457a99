-- oh_slot_feed(uuid, uuid): Appends a slot as the central now holds it to the feed (a slot.state record, written by p_writer).
-- Newest definition: migration 0016.
--
-- The same fields as core/slots/slot_wire.cpp writes for the embedded central.
CREATE OR REPLACE FUNCTION oh_slot_feed(p_slot uuid, p_writer uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_pos int;
BEGIN
  SELECT coalesce(max(pos), 0) + 1 INTO v_pos FROM change_log WHERE xid = pg_current_xact_id();
  INSERT INTO change_log (pos, idem_key, device_id, event_id, kind, payload)
  SELECT v_pos, gen_random_uuid(), p_writer, s.event_id, 'slot.state',
         json_build_object('id', s.id, 'event_id', s.event_id, 'intern_id', s.intern_id,
                           'showcase_id', coalesce(s.showcase_id::text, ''),
                           'device_id', coalesce(s.device_id::text, ''),
                           'grant_id', coalesce(s.grant_id::text, ''), 'from_grant', s.from_grant,
                           'issued_at', s.issued_at, 'state', s.state, 'state_at', s.state_at,
                           'reason', s.reason, 'explanation', s.explanation,
                           'version', s.version)::text
  FROM slots s WHERE s.id = p_slot;
END $$;
REVOKE ALL ON FUNCTION oh_slot_feed(uuid, uuid) FROM PUBLIC;
