-- oh_slot_grant(uuid, int, bigint): A device's request for a lease of up to p_want slots of its event's budget for p_ttl_ms (size 0: no room).
-- Newest definition: migration 0016.
--
-- Under a lock on the event's row (every grant, issue and act of an event takes it, so
-- live + outstanding <= budget holds at every instant): grants past expiry plus the margin
-- are reclaimed first, then the device gets min(p_want, what is free). The lease lasts 1
-- second to 24 hours (kMinGrantTtlMs, kMaxGrantTtlMs in core/central/embedded_slots.hpp).
CREATE OR REPLACE FUNCTION oh_slot_grant(p_device uuid, p_want int, p_ttl_ms bigint)
RETURNS TABLE (id uuid, size int, granted_at bigint, expires_at bigint, central_now bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT  -- this schema, then pg_temp (see sql/README.md)
AS $$
DECLARE
  v_event uuid := oh_check_device(p_device);
  v_now bigint := oh_now_ms();
  v_size int;
  v_id uuid;
BEGIN
  IF v_event IS NULL THEN
    RAISE EXCEPTION 'device % is not registered', p_device USING ERRCODE = '42501';
  END IF;
  PERFORM 1 FROM events e WHERE e.id = v_event FOR UPDATE;
  UPDATE slot_grants g SET ended_at = v_now, ended_how = 'reclaimed'
  WHERE g.event_id = v_event AND g.ended_at = 0 AND g.expires_at + oh_grant_margin_ms() <= v_now;
  SELECT least(greatest(p_want, 0), greatest(0, b.budget - b.live - b.outstanding))
  INTO v_size FROM oh_slot_budget(v_event) b;
  IF v_size > 0 THEN
    v_id := gen_random_uuid();
    INSERT INTO slot_grants (id, event_id, device_id, size, granted_at, expires_at)
    VALUES (v_id, v_event, p_device, v_size, v_now,
            v_now + least(greatest(p_ttl_ms, 1000), 86400000));
  END IF;
  RETURN QUERY SELECT g.id, g.size, g.granted_at, g.expires_at, v_now FROM slot_grants g
               WHERE g.id = v_id;
  IF v_id IS NULL THEN
    RETURN QUERY SELECT NULL::uuid, 0, 0::bigint, 0::bigint, v_now;
  END IF;
END $$;
REVOKE ALL ON FUNCTION oh_slot_grant(uuid, int, bigint) FROM PUBLIC;
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'openhouse_device') THEN
    GRANT EXECUTE ON FUNCTION oh_slot_grant(uuid, int, bigint) TO openhouse_device;
  END IF;
END $$;
