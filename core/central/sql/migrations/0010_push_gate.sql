
INSERT INTO oh_meta (key, value) VALUES ('max_drift_ms', '300000') ON CONFLICT (key) DO NOTHING;
CREATE FUNCTION oh_max_drift_ms() RETURNS bigint LANGUAGE sql STABLE AS
$$ SELECT coalesce((SELECT value::bigint FROM oh_meta WHERE key = 'max_drift_ms'), 300000) $$;

CREATE FUNCTION oh_uuid_or_null(p text) RETURNS uuid LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN oh_is_uuid(p) THEN p::uuid END $$;

-- The owner's word on each device role: its event and its device id.
CREATE TABLE device_roles (
  role_name text PRIMARY KEY, event_id uuid NOT NULL, device_id uuid NOT NULL UNIQUE,
  bound_at bigint NOT NULL);
-- Roles that bound themselves before this step keep their binding.
INSERT INTO device_roles (role_name, event_id, device_id, bound_at)
SELECT DISTINCT ON (d.role_name) d.role_name, d.event_id, d.id, oh_now_ms()
FROM devices d WHERE d.role_name IS NOT NULL AND d.event_id IS NOT NULL
ORDER BY d.role_name, d.registered_at
ON CONFLICT DO NOTHING;

-- Who registered a walk-in (NULL: the program team's roster).
ALTER TABLE attendees ADD COLUMN registered_by uuid;

CREATE FUNCTION oh_bind_device_role(p_role text, p_event uuid, p_device uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF p_role IS NULL OR p_event IS NULL OR p_device IS NULL THEN
    RAISE EXCEPTION 'a device role needs a role, an event and a device id' USING ERRCODE = '22023';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM events WHERE id = p_event) THEN
    RAISE EXCEPTION 'no event %', p_event USING ERRCODE = '22023';
  END IF;
  IF EXISTS (SELECT 1 FROM devices WHERE id = p_device AND event_id IS DISTINCT FROM p_event
                                     AND event_id IS NOT NULL) THEN
    RAISE EXCEPTION 'device % belongs to another event', p_device USING ERRCODE = '22023';
  END IF;
  INSERT INTO device_roles (role_name, event_id, device_id, bound_at)
  VALUES (p_role, p_event, p_device, oh_now_ms())
  ON CONFLICT (role_name) DO UPDATE SET event_id = excluded.event_id,
    device_id = excluded.device_id, bound_at = excluded.bound_at;
END $$;
REVOKE ALL ON FUNCTION oh_bind_device_role(text, uuid, uuid) FROM PUBLIC;

-- The owner and superusers act for any device; a device role only for the
-- device the owner bound it to, never a revoked one. Returns the event.
CREATE OR REPLACE FUNCTION oh_check_device(p_device uuid) RETURNS uuid LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_event uuid;
  v_revoked bigint;
  v_bound uuid;
BEGIN
  SELECT event_id, revoked_at INTO v_event, v_revoked FROM devices WHERE id = p_device;
  IF v_revoked IS NOT NULL THEN
    RAISE EXCEPTION 'device % is revoked', p_device USING ERRCODE = '42501';
  END IF;
  IF oh_is_admin() THEN
    RETURN v_event;
  END IF;
  SELECT device_id, event_id INTO v_bound, v_event FROM device_roles
  WHERE role_name = session_user::text;
  IF v_bound IS DISTINCT FROM p_device THEN
    RAISE EXCEPTION 'role % may not act for device %', session_user, p_device USING ERRCODE = '42501';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM devices WHERE id = p_device AND role_name = session_user::text) THEN
    RAISE EXCEPTION 'device % is not registered', p_device USING ERRCODE = '42501';
  END IF;
  RETURN v_event;
END $$;

CREATE OR REPLACE FUNCTION oh_register_device(p_id uuid, p_event uuid, p_name text, p_public_key text,
                                              p_certificate text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
  v_bound record;
BEGIN
  IF NOT oh_is_admin() THEN
    IF p_event IS NULL THEN
      RAISE EXCEPTION 'a device must name its event' USING ERRCODE = '42501';
    END IF;
    SELECT * INTO v_bound FROM device_roles WHERE role_name = session_user::text;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'role % is not bound to a device: the program team binds it with '
                      'scripts/create-device-roles.sh', session_user USING ERRCODE = '42501';
    END IF;
    IF v_bound.device_id <> p_id THEN
      RAISE EXCEPTION 'role % is bound to another device', session_user USING ERRCODE = '42501';
    END IF;
    IF v_bound.event_id <> p_event THEN
      RAISE EXCEPTION 'device % is bound to another event', p_id USING ERRCODE = '42501';
    END IF;
  END IF;
  PERFORM oh_register_device_v2(p_id, p_event, p_name, p_public_key, p_certificate);
END $$;

-- Every field the gate reads, as text (text never fails to type).
CREATE TYPE oh_gate_fields AS (
  id text, event_id text, device_id text, attendee_id text, judge_id text, author_id text,
  showcase_id text, intern_id text, role text, blocked text, updated_at text, hlc text);

-- The batch as entries "key \x1f kind \x1f payload" (either wire format).
CREATE FUNCTION oh_batch_entries(p_batch text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(x.e ORDER BY x.ord), '{}') FROM (
    SELECT r.ord, r.e FROM string_to_table(p_batch, E'\x1e') WITH ORDINALITY AS r(e, ord)
    WHERE left(p_batch, 1) <> '[' AND p_batch <> ''
    UNION ALL
    SELECT b.ord, concat_ws(E'\x1f', b.e->>'k', b.e->>'t', b.e->>'p')
    FROM jsonb_array_elements(CASE WHEN left(p_batch, 1) = '[' THEN p_batch::jsonb ELSE '[]' END)
         WITH ORDINALITY AS b(e, ord)) x
$$;

-- Who may push what: one refusal reason per entry (NULL: let it through to
-- the merge rules). The same rules and reasons as the embedded central's
-- (core/central_sqlite.cpp, deviceRefusal). Raises a data exception when a
-- payload is not a JSON object (oh_push then finds that entry alone).
CREATE FUNCTION oh_push_gate(p_device uuid, p_event uuid, p_admin boolean, p_entries text[],
                             p_drift bigint)
RETURNS TABLE (ord int, refused text) LANGUAGE sql STABLE
-- Inlined, its many subplans looked costly enough for JIT, which then spent
-- about 1 ms per entry compiling (measured: 2.3 s for a batch of 2000).
SET jit = off
AS $$
  WITH e AS MATERIALIZED (
    SELECT x.ord::int AS ord, oh_is_uuid(split_part(x.entry, E'\x1f', 1)) AS idem_ok,
           split_part(x.entry, E'\x1f', 2) AS kind, g.*,
           oh_uuid_or_null(g.attendee_id) AS attendee_uuid,
           CASE WHEN p_admin THEN oh_uuid_or_null(g.event_id) ELSE p_event END AS scope
    FROM unnest(p_entries) WITH ORDINALITY AS x(entry, ord)
    CROSS JOIN LATERAL json_populate_record(NULL::oh_gate_fields,
                                            split_part(x.entry, E'\x1f', 3)::json) AS g),
  -- People first: the other kinds may name someone registered in this batch.
  people AS MATERIALIZED (
    SELECT e.ord, e.id, e.scope, CASE
      WHEN NOT coalesce(e.idem_ok, false) THEN 'malformed entry key'
      WHEN NOT p_admin AND e.event_id IS DISTINCT FROM p_event::text THEN 'not this device''s event'
      WHEN NOT p_admin AND e.role IS DISTINCT FROM 'guest' THEN 'a device registers guests only'
      WHEN NOT p_admin AND coalesce(e.blocked, 'false') <> 'false' THEN 'a device may not block a person'
      WHEN NOT coalesce(oh_is_uuid(e.id), false) THEN 'malformed attendee.upsert'
      WHEN NOT p_admin AND NOT coalesce(oh_is_int8(e.updated_at), false) THEN 'malformed attendee.upsert'
      WHEN NOT p_admin AND e.updated_at::bigint > oh_now_ms() + p_drift
        THEN 'clock ' || ((e.updated_at::bigint - oh_now_ms()) / 1000) || ' s ahead of the central'
      WHEN NOT p_admin AND EXISTS (SELECT 1 FROM attendees a WHERE a.id = e.id::uuid
                                   AND a.registered_by IS DISTINCT FROM p_device)
        THEN 'attendee ' || e.id || ' was not registered by this device'
      WHEN NOT EXISTS (SELECT 1 FROM events v WHERE v.id = e.scope)
           AND NOT EXISTS (SELECT 1 FROM e y WHERE y.kind = 'event.upsert' AND y.ord < e.ord
                           AND oh_uuid_or_null(y.id) = e.scope)
        THEN 'unknown event'
    END AS refused
    FROM e WHERE e.kind = 'attendee.upsert'),
  rest AS (
    SELECT e.ord, CASE
      WHEN NOT coalesce(e.idem_ok, false) THEN 'malformed entry key'
      WHEN e.kind NOT IN ('checkin.create', 'checkin.annul', 'attendee.upsert', 'score.upsert',
                          'score.delete', 'feedback.create', 'feedback.delete') AND NOT p_admin
        THEN 'kind ' || e.kind || ' is for the program team, not a device'
      WHEN NOT p_admin AND e.event_id IS DISTINCT FROM p_event::text THEN 'not this device''s event'
      WHEN NOT p_admin AND e.device_id IS NOT NULL AND e.device_id <> p_device::text
        THEN 'device_id is not the pushing device'
      WHEN e.kind = 'checkin.create' AND e.attendee_uuid IS NULL THEN 'malformed checkin.create'
      WHEN e.kind = 'checkin.create' AND NOT (EXISTS (SELECT 1 FROM attendees a WHERE a.id = e.attendee_uuid AND a.event_id = e.scope)
                    OR EXISTS (SELECT 1 FROM people p WHERE p.refused IS NULL AND p.id = e.attendee_id
                               AND p.scope = e.scope AND p.ord < e.ord))
        THEN 'unknown attendee'
      WHEN e.kind = 'checkin.annul' AND NOT p_admin
           -- The feed, not the checkins view (which settles every check-in of the event).
           AND NOT EXISTS (SELECT 1 FROM change_log l WHERE l.kind = 'checkin.create'
                           AND l.event_id = e.scope AND oh_is_uuid(e.id) AND strpos(l.payload, e.id) > 0)
           AND NOT EXISTS (SELECT 1 FROM e y WHERE y.kind = 'checkin.create' AND y.ord < e.ord AND y.id = e.id)
        THEN 'unknown check-in'
      WHEN e.kind IN ('score.upsert', 'score.delete') AND NOT (EXISTS (SELECT 1 FROM attendees a WHERE a.id = oh_uuid_or_null(e.judge_id) AND a.event_id = e.scope)
                    OR EXISTS (SELECT 1 FROM people p WHERE p.refused IS NULL AND p.id = e.judge_id
                               AND p.scope = e.scope AND p.ord < e.ord))
        THEN 'unknown judge'
      WHEN e.kind = 'feedback.create' AND NOT (EXISTS (SELECT 1 FROM attendees a WHERE a.id = oh_uuid_or_null(e.author_id) AND a.event_id = e.scope)
                    OR EXISTS (SELECT 1 FROM people p WHERE p.refused IS NULL AND p.id = e.author_id
                               AND p.scope = e.scope AND p.ord < e.ord))
        THEN 'unknown author'
      WHEN e.kind IN ('score.upsert', 'score.delete', 'feedback.create')
           AND NOT EXISTS (SELECT 1 FROM showcases s WHERE s.id = oh_uuid_or_null(e.showcase_id) AND s.event_id = e.scope)
           AND NOT EXISTS (SELECT 1 FROM e y WHERE y.kind = 'showcase.upsert' AND y.ord < e.ord
                           AND y.id = e.showcase_id AND oh_uuid_or_null(y.event_id) = e.scope)
        THEN 'unknown showcase'
      WHEN e.kind = 'showcase.upsert' AND coalesce(e.intern_id, '') <> ''
           AND NOT (EXISTS (SELECT 1 FROM attendees a WHERE a.id = oh_uuid_or_null(e.intern_id) AND a.event_id = e.scope)
                    OR EXISTS (SELECT 1 FROM people p WHERE p.refused IS NULL AND p.id = e.intern_id
                               AND p.scope = e.scope AND p.ord < e.ord))
        THEN 'unknown intern'
      WHEN e.kind IN ('showcase.upsert', 'event_key.add', 'token.revoke')
           AND NOT EXISTS (SELECT 1 FROM events v WHERE v.id = e.scope)
           AND NOT EXISTS (SELECT 1 FROM e y WHERE y.kind = 'event.upsert' AND y.ord < e.ord
                           AND oh_uuid_or_null(y.id) = e.scope)
        THEN 'unknown event'
    END AS refused
    FROM e WHERE e.kind <> 'attendee.upsert')
  SELECT p.ord, p.refused FROM people p
  UNION ALL
  SELECT r.ord, r.refused FROM rest r
$$;


REVOKE ALL ON FUNCTION oh_push_gate(uuid, uuid, boolean, text[], bigint) FROM PUBLIC;

-- The merge paths of step 7 (fast, vetting, one at a time) stay as they are,
-- behind the gate: only oh_push (below) may call them.
ALTER FUNCTION oh_push(uuid, text, bigint) RENAME TO oh_push_paths;
ALTER FUNCTION oh_push_paths(uuid, text, bigint) SECURITY INVOKER;
REVOKE ALL ON FUNCTION oh_push_paths(uuid, text, bigint) FROM PUBLIC;
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'openhouse_device') THEN
    REVOKE ALL ON FUNCTION oh_push_paths(uuid, text, bigint) FROM openhouse_device;
  END IF;
END $$;

-- A device.revoke from the program team's own store (`openhouse device
-- revoke` on the admin laptop, pushed by its sync): claimed by its key like
-- every entry, at a feed position after the batch's others.
CREATE FUNCTION oh_apply_device_revoke(p_from uuid, p_entry text, p_pos int) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  v_p json := split_part(p_entry, E'\x1f', 3)::json;
BEGIN
  INSERT INTO change_log (pos, idem_key, device_id, event_id, kind, payload)
  VALUES (p_pos, split_part(p_entry, E'\x1f', 1)::uuid, p_from,
          oh_uuid_or_null(v_p->>'event_id'), 'device.revoke', split_part(p_entry, E'\x1f', 3))
  ON CONFLICT (idem_key) DO NOTHING;
  IF NOT FOUND THEN
    RETURN 'd';
  END IF;
  UPDATE devices SET revoked_at = coalesce(revoked_at, (v_p->>'revoked_at')::bigint)
  WHERE id = oh_uuid_or_null(v_p->>'id');
  RETURN 'a';
END $$;
REVOKE ALL ON FUNCTION oh_apply_device_revoke(uuid, text, int) FROM PUBLIC;

-- Gate, then merge. p_max_drift_ms is ignored: the limit is the server's.
CREATE FUNCTION oh_push(p_device uuid, p_batch text, p_max_drift_ms bigint)
RETURNS TABLE (statuses text, refused_reason text)
LANGUAGE plpgsql SECURITY DEFINER SET jit = off AS $$
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

-- A lost or stolen device (scripts/create-device-roles.sh revoke, `openhouse
-- device revoke`): refused from now on, its role locked out (when the owner
-- may do so: CREATEROLE), and a device.revoke record in its event's feed so
-- every device refuses the badges its key signed.
CREATE FUNCTION oh_revoke_device(p_device uuid) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  v_event uuid;
  v_role text;
  v_at bigint;
  v_pos int;
BEGIN
  UPDATE devices SET revoked_at = coalesce(revoked_at, oh_now_ms()) WHERE id = p_device
  RETURNING event_id, role_name, revoked_at INTO v_event, v_role, v_at;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  SELECT coalesce(max(pos), 0) + 1 INTO v_pos FROM change_log WHERE xid = pg_current_xact_id();
  INSERT INTO change_log (pos, idem_key, device_id, event_id, kind, payload)
  VALUES (v_pos, gen_random_uuid(), p_device, v_event, 'device.revoke',
          json_build_object('id', p_device, 'event_id', v_event, 'revoked_at', v_at)::text);
  v_role := coalesce(v_role, (SELECT role_name FROM device_roles WHERE device_id = p_device));
  IF v_role IS NOT NULL THEN
    BEGIN
      EXECUTE format('ALTER ROLE %I NOLOGIN', v_role);
      PERFORM pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = v_role;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE WARNING 'device % is revoked, but role % can still log in (it can do nothing): '
                    'give the owner CREATEROLE to lock it out', p_device, v_role;
    END;
  END IF;
  RETURN true;
END $$;
REVOKE ALL ON FUNCTION oh_revoke_device(uuid) FROM PUBLIC;

-- CREATE OR REPLACE dropped the search_path of the functions it replaced;
-- every SECURITY DEFINER function gets it again (see step 6).
DO $$
DECLARE
  f regprocedure;
BEGIN
  FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
           WHERE p.pronamespace = current_schema()::regnamespace AND p.prosecdef LOOP
    EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f, current_schema());
  END LOOP;
END $$;
