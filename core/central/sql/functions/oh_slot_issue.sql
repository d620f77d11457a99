-- oh_slot_issue(uuid, text): Decides the slots a device issued from its grant (a JSON array), each once by its id; returns each as the central holds it.
-- Newest definition: migration 0016.
--
-- core/slots/slot_rules.hpp's decideIssue, in the same order: an issue naming no grant of
-- the device is void; the intern already holding a live slot makes it a duplicate (the
-- first to reach the central wins; the later one's place in its grant goes to the pool); a
-- live grant with room issues from the grant, a live one used up is void; an ended grant
-- (returned, or reclaimed while the device was away) issues from the pool if it has room,
-- else void. A malformed issue (not a UUID, another event, an unknown intern or demo)
-- refuses the whole call (SQLSTATE 22023), as the embedded central does.
CREATE OR REPLACE FUNCTION oh_slot_issue(p_device uuid, p_slots text)
RETURNS TABLE (id uuid, state text, reason text, state_at bigint, version int, from_grant boolean)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT  -- this schema, then pg_temp (see sql/README.md)
AS $$
DECLARE
  v_event uuid := oh_check_device(p_device);
  v_now bigint := oh_now_ms();
  v_item jsonb;
  v_id uuid;
  v_grant slot_grants%ROWTYPE;
  v_used int;
  v_free int;
  v_state text;
  v_reason text;
  v_from_grant boolean;
BEGIN
  PERFORM 1 FROM events e WHERE e.id = v_event FOR UPDATE;
  FOR v_item IN SELECT x FROM jsonb_array_elements(p_slots::jsonb) AS t(x) LOOP
    v_id := oh_uuid_or_null(v_item->>'id');
    IF v_id IS NULL THEN
      RAISE EXCEPTION 'a slot id is not a UUID' USING ERRCODE = '22023';
    END IF;
    CONTINUE WHEN EXISTS (SELECT 1 FROM slots s WHERE s.id = v_id);
    IF oh_uuid_or_null(v_item->>'event_id') IS DISTINCT FROM v_event THEN
      RAISE EXCEPTION 'not this device''s event' USING ERRCODE = '22023';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM attendees a WHERE a.id = oh_uuid_or_null(v_item->>'intern_id')
                                               AND a.event_id = v_event) THEN
      RAISE EXCEPTION 'unknown intern' USING ERRCODE = '22023';
    END IF;
    IF coalesce(v_item->>'showcase_id', '') <> '' AND NOT EXISTS (
         SELECT 1 FROM showcases d WHERE d.id = oh_uuid_or_null(v_item->>'showcase_id')
                                     AND d.event_id = v_event) THEN
      RAISE EXCEPTION 'unknown showcase' USING ERRCODE = '22023';
    END IF;
    SELECT * INTO v_grant FROM slot_grants g
    WHERE g.id = oh_uuid_or_null(v_item->>'grant_id') AND g.device_id = p_device
      AND g.event_id = v_event;
    SELECT count(*)::int INTO v_used FROM slots s WHERE s.grant_id = v_grant.id AND s.from_grant;
    SELECT b.budget - b.live - b.outstanding INTO v_free FROM oh_slot_budget(v_event) b;
    v_from_grant := false;
    v_reason := '';
    IF v_grant.id IS NULL THEN
      v_state := 'void'; v_reason := 'not a grant of the issuing device';
    ELSIF EXISTS (SELECT 1 FROM slots s WHERE s.event_id = v_event
                    AND s.intern_id = (v_item->>'intern_id')::uuid
                    AND s.state IN ('issued', 'held', 'accepted')) THEN
      v_state := 'duplicate'; v_reason := 'the intern already holds a live slot';
      v_from_grant := v_grant.ended_at = 0 AND v_used < v_grant.size;
    ELSIF v_grant.ended_at = 0 AND v_used < v_grant.size THEN
      v_state := 'issued'; v_from_grant := true;
    ELSIF v_grant.ended_at = 0 THEN
      v_state := 'void'; v_reason := 'its grant was used up';
    ELSIF v_free >= 1 THEN
      v_state := 'issued'; v_reason := 'from the pool';
    ELSE
      v_state := 'void'; v_reason := 'no budget left';
    END IF;
    INSERT INTO slots (id, event_id, intern_id, showcase_id, device_id, grant_id, from_grant,
                       issued_at, state, state_at, reason, explanation, version)
    VALUES (v_id, v_event, (v_item->>'intern_id')::uuid, oh_uuid_or_null(v_item->>'showcase_id'),
            p_device, v_grant.id, v_from_grant, coalesce((v_item->>'issued_at')::bigint, v_now),
            v_state, v_now, v_reason, coalesce(v_item->>'explanation', ''), 1);
    PERFORM oh_slot_feed(v_id, p_device);
  END LOOP;
  RETURN QUERY
  SELECT s.id, s.state, s.reason, s.state_at, s.version, s.from_grant
  FROM jsonb_array_elements(p_slots::jsonb) WITH ORDINALITY AS t(x, n)
  JOIN slots s ON s.id = (t.x->>'id')::uuid ORDER BY t.n;
END $$;
REVOKE ALL ON FUNCTION oh_slot_issue(uuid, text) FROM PUBLIC;
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'openhouse_device') THEN
    GRANT EXECUTE ON FUNCTION oh_slot_issue(uuid, text) TO openhouse_device;
  END IF;
END $$;
