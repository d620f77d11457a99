-- oh_push(uuid, text, bigint): One round trip of a push: check the device, gate each entry, merge (oh_push_paths).
-- Newest definition: migration 0010.
--
-- Gate, then merge. p_max_drift_ms is ignored: the limit is the server's.
CREATE OR REPLACE FUNCTION oh_push(p_device uuid, p_batch text, p_max_drift_ms bigint)
RETURNS TABLE (statuses text, refused_reason text)
LANGUAGE plpgsql SECURITY DEFINER SET jit = off
SET search_path FROM CURRENT  -- this schema, then pg_temp (see sql/README.md)
AS $$
DECLARE
  v_event uuid := oh_check_device(p_device);
  v_admin boolean := oh_is_admin();
  v_drift bigint := oh_max_drift_ms();
  v_entries text[] := oh_batch_entries(p_batch);
  v_gated text[];
  v_refused text[];
  v_accepted text[];
  v_inner record;
  v_letters text := '';
  v_n int;
BEGIN
  v_n := coalesce(array_length(v_entries, 1), 0);
  IF v_n = 0 THEN
    RETURN QUERY SELECT ''::text, NULL::text;
    RETURN;
  END IF;
  v_gated := v_entries;
  BEGIN
    SELECT array_agg(g.refused ORDER BY g.ord) INTO v_refused
    FROM oh_push_gate(p_device, v_event, v_admin, v_entries, v_drift) g;
  EXCEPTION WHEN data_exception THEN
    -- A payload that is not a JSON object: refuse it alone, gate the rest.
    FOR i IN 1..v_n LOOP
      BEGIN
        PERFORM json_populate_record(NULL::oh_gate_fields, split_part(v_entries[i], E'\x1f', 3)::json);
      EXCEPTION WHEN data_exception THEN
        v_gated[i] := split_part(v_entries[i], E'\x1f', 1) || E'\x1f' ||
                      split_part(v_entries[i], E'\x1f', 2) || E'\x1f{}';
      END;
    END LOOP;
    SELECT array_agg(g.refused ORDER BY g.ord) INTO v_refused
    FROM oh_push_gate(p_device, v_event, v_admin, v_gated, v_drift) g;
    FOR i IN 1..v_n LOOP
      IF v_gated[i] IS DISTINCT FROM v_entries[i] THEN
        v_refused[i] := 'malformed ' || coalesce(nullif(split_part(v_entries[i], E'\x1f', 2), ''), 'entry');
      END IF;
    END LOOP;
  END;

  -- Entries the gate refused (and device.revoke, applied here) go to the
  -- merge paths as a placeholder of a kind they refuse, so every entry keeps
  -- its place in the batch, and its feed position.
  -- (unnest, not subscripts: a subscript walks a flat array from its start)
  SELECT array_agg(CASE WHEN u.refused IS NULL AND split_part(u.e, E'\x1f', 2) <> 'device.revoke'
                        THEN u.e
                        ELSE coalesce(oh_uuid_or_null(split_part(u.e, E'\x1f', 1)),
                                      '00000000-0000-0000-0000-000000000000')::text
                             || E'\x1foh.gated\x1f{}' END ORDER BY u.i) INTO v_accepted
  FROM unnest(v_entries, v_refused) WITH ORDINALITY AS u(e, refused, i);
  SELECT * INTO v_inner FROM oh_push_paths(p_device, array_to_string(v_accepted, E'\x1e'), v_drift);
  IF NOT v_admin THEN
    UPDATE attendees a SET registered_by = p_device
    WHERE a.registered_by IS NULL AND a.id IN (
      SELECT oh_uuid_or_null(split_part(x, E'\x1f', 3)::json->>'id') FROM unnest(v_accepted) x
      WHERE split_part(x, E'\x1f', 2) = 'attendee.upsert');
  END IF;

  SELECT string_agg(CASE WHEN u.refused IS NOT NULL THEN 'r'
                         WHEN split_part(u.e, E'\x1f', 2) = 'device.revoke'
                           THEN oh_apply_device_revoke(p_device, u.e, v_n + u.i::int)
                         ELSE substr(v_inner.statuses, u.i::int, 1) END, '' ORDER BY u.i)
  INTO v_letters
  FROM unnest(v_entries, v_refused) WITH ORDINALITY AS u(e, refused, i);
  -- The first refusal (the placeholders' own reason never shows).
  RETURN QUERY SELECT v_letters, coalesce(
    (SELECT r FROM unnest(v_refused) WITH ORDINALITY AS u(r, o) WHERE r IS NOT NULL ORDER BY o LIMIT 1),
    CASE WHEN v_inner.refused_reason NOT LIKE 'unknown kind oh.gated%' THEN v_inner.refused_reason END);
END $$;
REVOKE ALL ON FUNCTION oh_push(uuid, text, bigint) FROM PUBLIC;
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'openhouse_device') THEN
    GRANT EXECUTE ON FUNCTION oh_push(uuid, text, bigint) TO openhouse_device;
  END IF;
END $$;
