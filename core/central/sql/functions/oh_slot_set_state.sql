-- oh_slot_set_state(uuid, text, text, text, text, text, uuid): A lead's act on a slot, as a compare-and-set: the new state only if the slot is still in the one the act was decided from.
-- Newest definition: migration 0016.
--
-- The transition itself is core/slots/slot_rules.hpp's (afterAct), decided by the admin's
-- tool: this applies it atomically, logs the act and feeds the slot to the devices. False
-- when the slot moved meanwhile (the tool reads it again and decides again).
CREATE OR REPLACE FUNCTION oh_slot_set_state(p_slot uuid, p_from text, p_to text, p_act text,
                                             p_actor text, p_reason text, p_writer uuid)
RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  v_event uuid;
  v_now bigint := oh_now_ms();
BEGIN
  SELECT s.event_id INTO v_event FROM slots s WHERE s.id = p_slot;
  PERFORM 1 FROM events e WHERE e.id = v_event FOR UPDATE;
  UPDATE slots s SET state = p_to, state_at = v_now, reason = p_reason, version = s.version + 1
  WHERE s.id = p_slot AND s.state = p_from;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  INSERT INTO slot_acts (slot_id, seq, act, from_state, to_state, actor, device_id, at, reason)
  VALUES (p_slot, (SELECT coalesce(max(a.seq), 0) + 1 FROM slot_acts a WHERE a.slot_id = p_slot),
          p_act, p_from, p_to, p_actor, NULL, v_now, p_reason);
  PERFORM oh_slot_feed(p_slot, p_writer);
  RETURN true;
END $$;
REVOKE ALL ON FUNCTION oh_slot_set_state(uuid, text, text, text, text, text, uuid) FROM PUBLIC;
