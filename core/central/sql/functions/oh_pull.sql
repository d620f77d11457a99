-- oh_pull(uuid, xid8, int, int): One page of the change feed for a device, read below the oldest running transaction.
-- Newest definition: migration 0002.
--
-- The feed after (p_xid, p_pos), only below the oldest transaction still
-- running (pg_snapshot_xmin): nothing there can still commit, so a cursor can
-- never pass a row that commits later. The first row returned carries that
-- horizon (kind NULL): a short page may move the cursor up to it.
CREATE OR REPLACE FUNCTION oh_pull(p_device uuid, p_xid xid8, p_pos int, p_limit int)
RETURNS TABLE (xid xid8, pos int, idem_key uuid, device_id uuid, kind text, payload text)
LANGUAGE plpgsql SECURITY DEFINER STABLE
SET search_path FROM CURRENT  -- this schema, then pg_temp (see sql/README.md)
AS $$
DECLARE
  v_event uuid := oh_check_device(p_device);
  v_horizon xid8 := pg_snapshot_xmin(pg_current_snapshot());
BEGIN
  RETURN QUERY SELECT v_horizon, 0, NULL::uuid, NULL::uuid, NULL::text, NULL::text;
  RETURN QUERY
  SELECT l.xid, l.pos, l.idem_key, l.device_id, l.kind, l.payload FROM change_log l
  WHERE (l.xid, l.pos) > (p_xid, p_pos) AND l.xid < v_horizon AND l.device_id <> p_device
    AND (v_event IS NULL OR l.event_id IS NULL OR l.event_id = v_event)
  ORDER BY l.xid, l.pos LIMIT p_limit;
END $$;
REVOKE ALL ON FUNCTION oh_pull(uuid, xid8, int, int) FROM PUBLIC;
-- scripts/create-device-roles.sh grants EXECUTE to openhouse_device.
