-- oh_slot_return(uuid, uuid): A device gives its grant back; the unused part returns to the pool. False when it had already ended.
-- Newest definition: migration 0016.
CREATE OR REPLACE FUNCTION oh_slot_return(p_device uuid, p_grant uuid) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT  -- this schema, then pg_temp (see sql/README.md)
AS $$
DECLARE
  v_event uuid := oh_check_device(p_device);
BEGIN
  IF NOT EXISTS (SELECT 1 FROM slot_grants g WHERE g.id = p_grant AND g.device_id = p_device) THEN
    RAISE EXCEPTION 'not a grant of this device' USING ERRCODE = '42501';
  END IF;
  PERFORM 1 FROM events e WHERE e.id = v_event FOR UPDATE;
  UPDATE slot_grants g SET ended_at = oh_now_ms(), ended_how = 'returned'
  WHERE g.id = p_grant AND g.ended_at = 0;
  RETURN FOUND;
END $$;
REVOKE ALL ON FUNCTION oh_slot_return(uuid, uuid) FROM PUBLIC;
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'openhouse_device') THEN
    GRANT EXECUTE ON FUNCTION oh_slot_return(uuid, uuid) TO openhouse_device;
  END IF;
END $$;
