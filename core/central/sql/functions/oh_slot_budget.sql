-- oh_slot_budget(uuid): An event's budget, its live slots and the unused part of its live grants (live + outstanding <= budget).
-- Newest definition: migration 0016.
CREATE OR REPLACE FUNCTION oh_slot_budget(p_event uuid, OUT budget int, OUT live int,
                                          OUT outstanding int)
LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT slot_budget FROM events WHERE id = p_event), 0),
         (SELECT count(*)::int FROM slots
          WHERE event_id = p_event AND state IN ('issued', 'held', 'accepted')),
         (SELECT coalesce(sum(greatest(0, g.size - (SELECT count(*) FROM slots s
                                                     WHERE s.grant_id = g.id AND s.from_grant))), 0)::int
          FROM slot_grants g WHERE g.event_id = p_event AND g.ended_at = 0)
$$;
REVOKE ALL ON FUNCTION oh_slot_budget(uuid) FROM PUBLIC;
