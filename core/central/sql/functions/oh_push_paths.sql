-- oh_push_paths(uuid, text, bigint): The three paths around oh_push_apply: the whole batch, vetted, then one entry at a time.
-- Newest definition: migration 0007 (as oh_push).
--
-- Three paths, each taken only when the one before raised a data error:
--  1. the fast path (casts only);
--  2. the vetting path (every check-in and annulment matched first);
--  3. one entry at a time, each in its own subtransaction: an entry that still
--     raises (a payload that is not JSON at all, a person whose id is not a
--     UUID, ...) is refused alone with the database's reason, and the rest of
--     the batch applies. Before, such an entry failed its batch at every
--     retry, and with it every later push from its device.
-- Applying a batch's entries one by one gives the same result as applying the
-- batch: every effect is a merge (last writer by clock, first check-in, ...).
CREATE OR REPLACE FUNCTION oh_push_paths(p_device uuid, p_batch text, p_max_drift_ms bigint)
RETURNS TABLE (statuses text, refused_reason text)
LANGUAGE plpgsql SECURITY INVOKER
SET search_path FROM CURRENT  -- this schema, then pg_temp (see sql/README.md)
AS $$
DECLARE
  v_entry record;
  v_one record;
  v_statuses text := '';
  v_reason text;
BEGIN
  PERFORM oh_check_device(p_device);
  BEGIN
    RETURN QUERY SELECT * FROM oh_push_apply(p_device, p_batch, p_max_drift_ms, false, 1);
    RETURN;
  EXCEPTION WHEN data_exception OR integrity_constraint_violation THEN
    NULL;  -- a field that does not type: vet
  END;
  BEGIN
    RETURN QUERY SELECT * FROM oh_push_apply(p_device, p_batch, p_max_drift_ms, true, 1);
    RETURN;
  EXCEPTION WHEN data_exception OR integrity_constraint_violation THEN
    NULL;  -- still raises: find the entry
  END;
  FOR v_entry IN
    SELECT r.ord, split_part(r.e, E'\x1f', 2) AS kind, r.e AS one
    FROM string_to_table(p_batch, E'\x1e') WITH ORDINALITY AS r(e, ord)
    WHERE left(p_batch, 1) <> '['
    UNION ALL
    SELECT b.ord, b.e->>'t', concat_ws(E'\x1f', b.e->>'k', b.e->>'t', b.e->>'p')
    FROM jsonb_array_elements(CASE WHEN left(p_batch, 1) = '[' THEN p_batch::jsonb ELSE '[]' END)
         WITH ORDINALITY AS b(e, ord)
    ORDER BY 1
  LOOP
    BEGIN
      SELECT * INTO v_one FROM oh_push_apply(p_device, v_entry.one, p_max_drift_ms, true,
                                                 v_entry.ord::int);
      v_statuses := v_statuses || v_one.statuses;
      v_reason := coalesce(v_reason, v_one.refused_reason);
    EXCEPTION WHEN data_exception OR integrity_constraint_violation THEN
      v_statuses := v_statuses || 'r';
      v_reason := coalesce(v_reason, 'malformed ' || coalesce(v_entry.kind, 'entry') || ': ' || SQLERRM);
    END;
  END LOOP;
  RETURN QUERY SELECT v_statuses, v_reason;
END $$;
REVOKE ALL ON FUNCTION oh_push_paths(uuid, text, bigint) FROM PUBLIC;
-- No longer for devices (it was granted to them before).
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'openhouse_device') THEN
    REVOKE ALL ON FUNCTION oh_push_paths(uuid, text, bigint) FROM openhouse_device;
  END IF;
END $$;
