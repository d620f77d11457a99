-- oh_slot_by_hand(uuid, uuid, uuid, uuid, text, text, text, uuid): A lead's grant of a slot by hand: from the pool, with a reason, logged (void when the pool is empty, duplicate when the intern holds one).
-- Newest definition: migration 0016.
--
-- decideIssue's by-hand path (core/slots/slot_rules.hpp): the intern's live slot first,
-- then the pool. A retry with the same id answers the same.
CREATE OR REPLACE FUNCTION oh_slot_by_hand(p_slot uuid, p_event uuid, p_intern uuid,
                                           p_showcase uuid, p_explanation text, p_actor text,
                                           p_reason text, p_writer uuid)
RETURNS TABLE (state text, reason text, state_at bigint, version int)
LANGUAGE plpgsql AS $$
DECLARE
  v_now bigint := oh_now_ms();
  v_state text;
  v_reason text;
BEGIN
  PERFORM 1 FROM events e WHERE e.id = p_event FOR UPDATE;
  IF NOT EXISTS (SELECT 1 FROM slots s WHERE s.id = p_slot) THEN
    IF EXISTS (SELECT 1 FROM slots s WHERE s.event_id = p_event AND s.intern_id = p_intern
                 AND s.state IN ('issued', 'held', 'accepted')) THEN
      v_state := 'duplicate'; v_reason := 'the intern already holds a live slot';
    ELSIF (SELECT b.budget - b.live - b.outstanding FROM oh_slot_budget(p_event) b) >= 1 THEN
      v_state := 'issued'; v_reason := 'granted by hand';
    ELSE
      v_state := 'void'; v_reason := 'no budget left';
    END IF;
    INSERT INTO slots (id, event_id, intern_id, showcase_id, from_grant, issued_at, state,
                       state_at, reason, explanation, version)
    VALUES (p_slot, p_event, p_intern, p_showcase, false, v_now, v_state, v_now, v_reason,
            p_explanation, 1);
    INSERT INTO slot_acts (slot_id, seq, act, from_state, to_state, actor, device_id, at, reason)
    VALUES (p_slot, 1, 'grant', '', v_state, p_actor, NULL, v_now, p_reason);
    PERFORM oh_slot_feed(p_slot, p_writer);
  END IF;
  RETURN QUERY SELECT s.state, s.reason, s.state_at, s.version FROM slots s WHERE s.id = p_slot;
END $$;
REVOKE ALL ON FUNCTION oh_slot_by_hand(uuid, uuid, uuid, uuid, text, text, text, uuid) FROM PUBLIC;
