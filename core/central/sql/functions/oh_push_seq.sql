-- oh_push_seq(uuid, text, bigint[]): oh_push with each entry's outbox sequence number: refuses a copied device store.
-- Newest definition: migration 0011.
--
-- A device store copied to a second laptop keeps its device id and numbers
-- its new outbox entries from the same point as the original. The central
-- keeps each device's numbers with the keys it claimed (device_seqs): a batch
-- with a number already claimed under another key comes from a copy, and is
-- refused whole (none of it applies), with a reason that says how to enrol
-- the second laptop. Numbers below 1 come from no outbox (hand-made batches)
-- and are not kept. Also records when the device was last heard from.
CREATE OR REPLACE FUNCTION oh_push_seq(p_device uuid, p_batch text, p_seqs bigint[])
RETURNS TABLE (statuses text, refused_reason text)
LANGUAGE plpgsql SECURITY DEFINER SET jit = off
SET search_path FROM CURRENT  -- this schema, then pg_temp (see sql/README.md)
AS $$
DECLARE
  v_entries text[] := oh_batch_entries(p_batch);
  v_n int := coalesce(array_length(v_entries, 1), 0);
  v_result record;
BEGIN
  PERFORM oh_check_device(p_device);
  IF coalesce(array_length(p_seqs, 1), 0) <> v_n THEN
    RAISE EXCEPTION 'oh_push_seq: % sequence numbers for % entries',
      coalesce(array_length(p_seqs, 1), 0), v_n USING ERRCODE = '22023';
  END IF;
  UPDATE devices SET last_seen_at = oh_now_ms() WHERE id = p_device;
  IF EXISTS (SELECT 1 FROM unnest(v_entries, p_seqs) AS u(e, seq)
             JOIN device_seqs s ON s.device_id = p_device AND s.seq = u.seq
             WHERE u.seq > 0 AND s.idem_key::text <> split_part(u.e, E'\x1f', 1)) THEN
    UPDATE devices SET copy_seen_at = coalesce(copy_seen_at, oh_now_ms()) WHERE id = p_device;
    RETURN QUERY SELECT repeat('r', v_n),
      'this store is a copy of device ' || p_device || ': another store with this device id '
      || 'already pushed other records under the same numbers, so this copy''s pushes are '
      || 'refused (they stay in its outbox). Never copy a device store: enrol each laptop as '
      || 'a device of its own with ''openhouse enrol --device NEW-NAME'' and use that store';
    RETURN;
  END IF;
  SELECT * INTO v_result FROM oh_push(p_device, p_batch, 0);
  INSERT INTO device_seqs (device_id, seq, idem_key)
  SELECT p_device, u.seq, split_part(u.e, E'\x1f', 1)::uuid
  FROM unnest(v_entries, p_seqs) WITH ORDINALITY AS u(e, seq, i)
  WHERE substr(v_result.statuses, u.i::int, 1) IN ('a', 'd') AND u.seq > 0
    AND oh_is_uuid(split_part(u.e, E'\x1f', 1))
  ON CONFLICT DO NOTHING;
  RETURN QUERY SELECT v_result.statuses, v_result.refused_reason;
END $$;
REVOKE ALL ON FUNCTION oh_push_seq(uuid, text, bigint[]) FROM PUBLIC;
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'openhouse_device') THEN
    GRANT EXECUTE ON FUNCTION oh_push_seq(uuid, text, bigint[]) TO openhouse_device;
  END IF;
END $$;
