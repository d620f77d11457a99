CREATE TYPE public.oh_checkin_fields AS (
	id uuid,
	event_id uuid,
	attendee_id uuid,
	device_id uuid,
	at bigint,
	annulled_at bigint
);

CREATE TYPE public.oh_gate_fields AS (
	id text,
	event_id text,
	device_id text,
	attendee_id text,
	judge_id text,
	author_id text,
	showcase_id text,
	intern_id text,
	role text,
	blocked text,
	updated_at text,
	hlc text,
	created_at json,
	deleted_at json,
	answers json
);

CREATE FUNCTION public.oh_apply_device_revoke(p_from uuid, p_entry text, p_pos integer) RETURNS text
    LANGUAGE plpgsql
    AS $$
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

CREATE FUNCTION public.oh_batch_entries(p_batch text) RETURNS text[]
    LANGUAGE sql IMMUTABLE
    AS $$
  SELECT coalesce(array_agg(x.e ORDER BY x.ord), '{}') FROM (
    SELECT r.ord, r.e FROM string_to_table(p_batch, E'\x1e') WITH ORDINALITY AS r(e, ord)
    WHERE left(p_batch, 1) <> '[' AND p_batch <> ''
    UNION ALL
    SELECT b.ord, concat_ws(E'\x1f', b.e->>'k', b.e->>'t', b.e->>'p')
    FROM jsonb_array_elements(CASE WHEN left(p_batch, 1) = '[' THEN p_batch::jsonb ELSE '[]' END)
         WITH ORDINALITY AS b(e, ord)) x
$$;

CREATE FUNCTION public.oh_bind_device_role(p_role text, p_event uuid, p_device uuid) RETURNS void
    LANGUAGE plpgsql
    AS $$
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

CREATE FUNCTION public.oh_check_device(p_device uuid) RETURNS uuid
    LANGUAGE plpgsql STABLE
    AS $$
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

CREATE FUNCTION public.oh_grant_margin_ms() RETURNS bigint
    LANGUAGE sql STABLE
    AS $$
  SELECT coalesce((SELECT value::bigint FROM oh_meta WHERE key = 'grant_margin_ms'), 600000)
$$;

CREATE FUNCTION public.oh_is_admin() RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
  SELECT session_user::text = (SELECT value FROM oh_meta WHERE key = 'owner')
      OR coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
$$;

CREATE FUNCTION public.oh_is_int8(p text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $_$ SELECT p ~ '^-?[0-9]{1,18}$' $_$;

CREATE FUNCTION public.oh_is_uuid(p text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $_$ SELECT p ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' $_$;

CREATE FUNCTION public.oh_max_drift_ms() RETURNS bigint
    LANGUAGE sql STABLE
    AS $$ SELECT coalesce((SELECT value::bigint FROM oh_meta WHERE key = 'max_drift_ms'), 300000) $$;

CREATE FUNCTION public.oh_merge_people() RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM attendees GROUP BY event_id, email HAVING count(*) > 1) THEN
    RETURN;
  END IF;
  -- The person's row takes the newest fields of all their records (ties: the
  -- fields decide, bytewise, as in step 8), as on the devices, where the
  -- other record is merged into it and removed.
  UPDATE attendees c
  SET full_name = n.full_name, role = n.role, cohort = n.cohort, team = n.team,
      pronouns = n.pronouns, strengths = n.strengths, blocked = n.blocked,
      family_name = n.family_name, updated_at = n.updated_at
  FROM (SELECT DISTINCT ON (m.canonical_id) m.canonical_id, a.*
        FROM attendee_canonical m JOIN attendees a ON a.id = m.id
        ORDER BY m.canonical_id, a.updated_at DESC, a.full_name COLLATE "C" DESC,
                 a.role COLLATE "C" DESC, a.cohort COLLATE "C" DESC, a.team COLLATE "C" DESC,
                 a.pronouns COLLATE "C" DESC, a.strengths COLLATE "C" DESC, a.blocked DESC,
                 a.family_name COLLATE "C" DESC) n
  WHERE c.id = n.canonical_id AND n.id <> c.id
    AND (n.updated_at, n.full_name COLLATE "C", n.role COLLATE "C", n.cohort COLLATE "C",
         n.team COLLATE "C", n.pronouns COLLATE "C", n.strengths COLLATE "C", n.blocked,
         n.family_name COLLATE "C")
      > (c.updated_at, c.full_name COLLATE "C", c.role COLLATE "C", c.cohort COLLATE "C",
         c.team COLLATE "C", c.pronouns COLLATE "C", c.strengths COLLATE "C", c.blocked,
         c.family_name COLLATE "C");
  DELETE FROM scores s USING attendee_canonical m
  WHERE s.judge_id = m.id AND m.id <> m.canonical_id
    AND EXISTS (SELECT 1 FROM scores k WHERE k.judge_id = m.canonical_id
                AND k.showcase_id = s.showcase_id AND k.hlc >= s.hlc);
  DELETE FROM scores s USING attendee_canonical m
  WHERE s.judge_id = m.canonical_id AND m.id <> m.canonical_id
    AND EXISTS (SELECT 1 FROM scores o WHERE o.judge_id = m.id
                AND o.showcase_id = s.showcase_id AND o.hlc > s.hlc);
  UPDATE scores s SET judge_id = m.canonical_id FROM attendee_canonical m
  WHERE s.judge_id = m.id AND m.id <> m.canonical_id;
  DELETE FROM feedback f USING attendee_canonical m
  WHERE f.author_id = m.id AND m.id <> m.canonical_id
    AND EXISTS (SELECT 1 FROM feedback k WHERE k.author_id = m.canonical_id
                AND k.showcase_id = f.showcase_id AND (k.created_at, k.id) >= (f.created_at, f.id));
  DELETE FROM feedback f USING attendee_canonical m
  WHERE f.author_id = m.canonical_id AND m.id <> m.canonical_id
    AND EXISTS (SELECT 1 FROM feedback o WHERE o.author_id = m.id
                AND o.showcase_id = f.showcase_id AND (o.created_at, o.id) > (f.created_at, f.id));
  UPDATE feedback f SET author_id = m.canonical_id FROM attendee_canonical m
  WHERE f.author_id = m.id AND m.id <> m.canonical_id;
  UPDATE showcases s SET intern_id = m.canonical_id::text FROM attendee_canonical m
  WHERE s.intern_id = m.id::text AND m.id <> m.canonical_id;
END $$;

CREATE FUNCTION public.oh_my_event() RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
  SELECT event_id FROM devices WHERE role_name = session_user::text AND revoked_at IS NULL
$$;

CREATE FUNCTION public.oh_now_ms() RETURNS bigint
    LANGUAGE sql STABLE
    AS $$ SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint $$;

CREATE FUNCTION public.oh_person(p uuid) RETURNS uuid
    LANGUAGE sql STABLE
    AS $$
  SELECT coalesce((SELECT min(o.id::text)::uuid FROM attendees a
                   JOIN attendees o ON o.event_id = a.event_id AND o.email = a.email
                   WHERE a.id = p), p)
$$;

CREATE FUNCTION public.oh_ping() RETURNS TABLE(central_id text, now_ms bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
  SELECT (SELECT value FROM oh_meta WHERE key = 'central_id'), oh_now_ms()
$$;

CREATE FUNCTION public.oh_pull(p_device uuid, p_xid xid8, p_pos integer, p_limit integer) RETURNS TABLE(xid xid8, pos integer, idem_key uuid, device_id uuid, kind text, payload text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
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

CREATE FUNCTION public.oh_push(p_device uuid, p_batch text, p_max_drift_ms bigint) RETURNS TABLE(statuses text, refused_reason text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET jit TO 'off'
    SET search_path TO 'public', 'pg_temp'
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

CREATE FUNCTION public.oh_push_apply(p_device uuid, p_batch text, p_max_drift_ms bigint, p_vet boolean, p_first_pos integer) RETURNS TABLE(statuses text, refused_reason text)
    LANGUAGE plpgsql
    SET work_mem TO '64MB'
    AS $$
DECLARE
  v_now bigint := oh_now_ms();
BEGIN
  RETURN QUERY
  WITH raw AS (
    SELECT (r.ord + p_first_pos - 1)::int AS ord, split_part(r.e, E'\x1f', 1) AS k,
           split_part(r.e, E'\x1f', 2) AS t,
           split_part(r.e, E'\x1f', 3) AS payload
    FROM string_to_table(p_batch, E'\x1e') WITH ORDINALITY AS r(e, ord)
    WHERE left(p_batch, 1) <> '['
    UNION ALL
    SELECT (b.ord + p_first_pos - 1)::int, b.e->>'k', b.e->>'t', b.e->>'p'
    FROM jsonb_array_elements(CASE WHEN left(p_batch, 1) = '[' THEN p_batch::jsonb ELSE '[]' END)
         WITH ORDINALITY AS b(e, ord)),
  -- MATERIALIZED: inlined, every use of p would parse the payload again.
  parsed AS MATERIALIZED (
    SELECT x.ord, x.k::uuid AS idem_key, x.t AS kind, x.payload,
           CASE WHEN p_vet OR x.t NOT IN ('checkin.create', 'checkin.annul') THEN x.payload::jsonb END AS p,
           CASE WHEN NOT p_vet AND x.t IN ('checkin.create', 'checkin.annul')
                THEN json_populate_record(NULL::oh_checkin_fields, x.payload::json) END AS c
    FROM raw x),
  b AS MATERIALIZED (
    SELECT x.ord, x.idem_key, x.kind, x.payload, x.p, x.c, CASE
      WHEN x.kind NOT IN ('event.upsert', 'event_key.add', 'token.revoke', 'attendee.upsert',
                          'showcase.upsert', 'checkin.create', 'checkin.annul', 'score.upsert',
                          'score.delete', 'feedback.create', 'feedback.delete', 'device.health',
                          'encore.upsert')
        THEN 'unknown kind ' || x.kind
      WHEN x.kind = 'checkin.create' AND p_vet AND NOT (
             coalesce(oh_is_uuid(x.p->>'id'), false) AND coalesce(oh_is_uuid(x.p->>'event_id'), false)
             AND coalesce(oh_is_uuid(x.p->>'attendee_id'), false)
             AND coalesce(oh_is_uuid(x.p->>'device_id'), x.p->>'device_id' IS NULL)
             AND coalesce(oh_is_int8(x.p->>'at'), false))
        THEN 'malformed checkin.create'
      WHEN x.kind = 'checkin.annul' AND p_vet AND NOT (
             coalesce(oh_is_uuid(x.p->>'id'), false) AND coalesce(oh_is_int8(x.p->>'annulled_at'), false))
        THEN 'malformed checkin.annul'
      -- The fast path's check: raises an error when a field does not parse.
      WHEN x.kind = 'checkin.create' AND NOT p_vet AND (
             (x.c).id IS NULL OR (x.c).event_id IS NULL OR (x.c).attendee_id IS NULL OR (x.c).at IS NULL)
        THEN 'malformed checkin.create'
      WHEN x.kind = 'checkin.annul' AND NOT p_vet AND ((x.c).id IS NULL OR (x.c).annulled_at IS NULL)
        THEN 'malformed checkin.annul'
      WHEN x.kind IN ('score.upsert', 'score.delete')
           AND left(x.p->>'hlc', 18)::bigint > v_now + p_max_drift_ms
        THEN 'clock ' || ((left(x.p->>'hlc', 18)::bigint - v_now) / 1000) || ' s ahead of the central'
      END AS refused
    FROM parsed x),
  claimed AS (
    INSERT INTO change_log (pos, idem_key, device_id, event_id, kind, payload)
    SELECT b.ord, b.idem_key, p_device,
           -- (b.c IS NOT NULL would be false: a row is NULL-free only if every field is)
           CASE WHEN b.p IS NULL THEN (b.c).event_id
                ELSE (CASE WHEN b.kind = 'event.upsert' THEN b.p->>'id' ELSE b.p->>'event_id' END)::uuid END,
           b.kind, b.payload
    FROM b WHERE b.refused IS NULL ORDER BY b.idem_key
    ON CONFLICT (idem_key) DO NOTHING RETURNING change_log.pos),
  fresh AS MATERIALIZED (
    SELECT b.ord, b.kind, b.p FROM b JOIN claimed c ON c.pos = b.ord
    WHERE b.kind NOT IN ('checkin.create', 'checkin.annul')),
  ev AS (
    INSERT INTO events (id, name, venue, timezone, starts_at, ends_at, slot_budget, updated_at,
                        judging_closed_at)
    SELECT DISTINCT ON ((p->>'id')::uuid) (p->>'id')::uuid, p->>'name', coalesce(p->>'venue', ''),
           coalesce(p->>'timezone', 'UTC'), (p->>'starts_at')::bigint, (p->>'ends_at')::bigint,
           coalesce((p->>'slot_budget')::int, 0), v_now,
           coalesce((p->>'judging_closed_at')::bigint, 0)
    FROM fresh f WHERE f.kind = 'event.upsert' ORDER BY (p->>'id')::uuid, f.ord DESC
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, venue = excluded.venue,
      timezone = excluded.timezone, starts_at = excluded.starts_at, ends_at = excluded.ends_at,
      slot_budget = excluded.slot_budget, updated_at = excluded.updated_at,
      judging_closed_at = excluded.judging_closed_at),
  ek AS (
    INSERT INTO event_keys (key_id, event_id, public_key, created_at)
    SELECT DISTINCT ON (p->>'key_id') p->>'key_id', (p->>'event_id')::uuid, p->>'public_key', v_now
    FROM fresh f WHERE f.kind = 'event_key.add' ORDER BY p->>'key_id'
    ON CONFLICT (key_id) DO NOTHING),
  rv AS (
    INSERT INTO revocations (token_id, event_id, reason, revoked_at)
    SELECT DISTINCT ON (p->>'token_id') p->>'token_id', (p->>'event_id')::uuid,
           coalesce(p->>'reason', ''), v_now
    FROM fresh f WHERE f.kind = 'token.revoke' ORDER BY p->>'token_id'
    ON CONFLICT (token_id) DO NOTHING),
  att AS (
    INSERT INTO attendees (id, event_id, full_name, email, role, cohort, team, pronouns, strengths,
                           blocked, updated_at, family_name)
    SELECT DISTINCT ON ((p->>'id')::uuid) (p->>'id')::uuid, (p->>'event_id')::uuid, p->>'full_name',
           p->>'email', p->>'role', coalesce(p->>'cohort', ''), coalesce(p->>'team', ''),
           coalesce(p->>'pronouns', ''), coalesce(p->>'strengths', ''),
           coalesce((p->>'blocked')::boolean, false), coalesce((p->>'updated_at')::bigint, 0),
           coalesce(p->>'family_name', '')
    FROM fresh f WHERE f.kind = 'attendee.upsert'
    ORDER BY (p->>'id')::uuid, coalesce((p->>'updated_at')::bigint, 0) DESC,
             p->>'full_name' COLLATE "C" DESC, p->>'email' COLLATE "C" DESC,
             p->>'role' COLLATE "C" DESC, coalesce(p->>'cohort', '') COLLATE "C" DESC,
             coalesce(p->>'team', '') COLLATE "C" DESC, coalesce(p->>'pronouns', '') COLLATE "C" DESC,
             coalesce(p->>'strengths', '') COLLATE "C" DESC,
             coalesce((p->>'blocked')::boolean, false) DESC,
             coalesce(p->>'family_name', '') COLLATE "C" DESC
    ON CONFLICT (id) DO UPDATE SET full_name = excluded.full_name, email = excluded.email,
      role = excluded.role, cohort = excluded.cohort, team = excluded.team,
      pronouns = excluded.pronouns, strengths = excluded.strengths, blocked = excluded.blocked,
      family_name = excluded.family_name, updated_at = excluded.updated_at
    WHERE (excluded.updated_at, excluded.full_name COLLATE "C", excluded.email COLLATE "C",
           excluded.role COLLATE "C", excluded.cohort COLLATE "C", excluded.team COLLATE "C",
           excluded.pronouns COLLATE "C", excluded.strengths COLLATE "C", excluded.blocked,
           excluded.family_name COLLATE "C")
        > (attendees.updated_at, attendees.full_name COLLATE "C", attendees.email COLLATE "C",
           attendees.role COLLATE "C", attendees.cohort COLLATE "C", attendees.team COLLATE "C",
           attendees.pronouns COLLATE "C", attendees.strengths COLLATE "C", attendees.blocked,
           attendees.family_name COLLATE "C")),
  sc AS (
    INSERT INTO showcases (id, event_id, intern_id, title, brief, metric_name, metric_change,
                           location, slot_start, slot_end, updated_at, presenter_ids)
    SELECT DISTINCT ON ((p->>'id')::uuid) (p->>'id')::uuid, (p->>'event_id')::uuid,
           NULLIF(p->>'intern_id', ''), p->>'title', coalesce(p->>'brief', ''),
           coalesce(p->>'metric_name', ''), coalesce(p->>'metric_change', ''),
           coalesce(p->>'location', ''), coalesce((p->>'slot_start')::bigint, 0),
           coalesce((p->>'slot_end')::bigint, 0), coalesce((p->>'updated_at')::bigint, 0),
           -- A record from before team demos has no list: '[]' (intern_id presents).
           CASE WHEN jsonb_typeof(p->'presenter_ids') = 'array' THEN p->'presenter_ids' ELSE '[]' END
    FROM fresh f WHERE f.kind = 'showcase.upsert'
    ORDER BY (p->>'id')::uuid, coalesce((p->>'updated_at')::bigint, 0) DESC, f.ord DESC
    ON CONFLICT (id) DO UPDATE SET intern_id = excluded.intern_id, title = excluded.title,
      brief = excluded.brief, metric_name = excluded.metric_name,
      metric_change = excluded.metric_change, location = excluded.location,
      slot_start = excluded.slot_start, slot_end = excluded.slot_end,
      updated_at = excluded.updated_at, presenter_ids = excluded.presenter_ids
    WHERE excluded.updated_at > showcases.updated_at),
  so AS (
    INSERT INTO scores (judge_id, showcase_id, id, event_id, criteria, total, notes, encore, hlc,
                        device_id, deleted)
    SELECT DISTINCT ON (oh_person((p->>'judge_id')::uuid), (p->>'showcase_id')::uuid)
           oh_person((p->>'judge_id')::uuid), (p->>'showcase_id')::uuid, (p->>'id')::uuid,
           (p->>'event_id')::uuid, coalesce(p->>'criteria', '{}'), (p->>'total')::double precision,
           coalesce(p->>'notes', ''), coalesce((p->>'encore')::boolean, false), p->>'hlc',
           coalesce((p->>'device_id')::uuid, p_device), coalesce((p->>'deleted')::boolean, false)
    FROM fresh f WHERE f.kind IN ('score.upsert', 'score.delete')
    ORDER BY oh_person((p->>'judge_id')::uuid), (p->>'showcase_id')::uuid, p->>'hlc' COLLATE "C" DESC
    ON CONFLICT (judge_id, showcase_id) DO UPDATE SET id = excluded.id,
      criteria = excluded.criteria, total = excluded.total, notes = excluded.notes,
      encore = excluded.encore, hlc = excluded.hlc, device_id = excluded.device_id,
      deleted = excluded.deleted
    WHERE excluded.hlc > scores.hlc),
  -- One per (person, demo): the newest (created_at, id) wins, in the batch and against the row.
  fb AS (
    INSERT INTO feedback (id, event_id, author_id, showcase_id, rating, text, created_at, device_id,
                          answers)
    SELECT DISTINCT ON (oh_person((p->>'author_id')::uuid), (p->>'showcase_id')::uuid)
           (p->>'id')::uuid, (p->>'event_id')::uuid, oh_person((p->>'author_id')::uuid),
           (p->>'showcase_id')::uuid, (p->>'rating')::int, coalesce(p->>'text', ''),
           (p->>'created_at')::bigint, coalesce((p->>'device_id')::uuid, p_device),
           -- A record from before the three questions has none: '[]'.
           CASE WHEN jsonb_typeof(p->'answers') = 'array' THEN p->'answers' ELSE '[]' END
    FROM fresh f WHERE f.kind = 'feedback.create'
    ORDER BY oh_person((p->>'author_id')::uuid), (p->>'showcase_id')::uuid,
             (p->>'created_at')::bigint DESC, (p->>'id')::uuid DESC
    ON CONFLICT (author_id, showcase_id) DO UPDATE SET id = excluded.id,
      event_id = excluded.event_id, rating = excluded.rating, text = excluded.text,
      created_at = excluded.created_at, device_id = excluded.device_id, answers = excluded.answers
    WHERE (excluded.created_at, excluded.id) > (feedback.created_at, feedback.id)),
  tb AS (
    INSERT INTO tombstones (entity, entity_id, event_id, deleted_at, device_id)
    SELECT DISTINCT ON ((p->>'id')::uuid) 'feedback', (p->>'id')::uuid, (p->>'event_id')::uuid,
           (p->>'deleted_at')::bigint, coalesce((p->>'device_id')::uuid, p_device)
    FROM fresh f WHERE f.kind = 'feedback.delete' ORDER BY (p->>'id')::uuid
    ON CONFLICT (entity, entity_id) DO NOTHING)
  SELECT string_agg(CASE WHEN b.refused IS NOT NULL THEN 'r'
                         WHEN c.pos IS NOT NULL THEN 'a' ELSE 'd' END, '' ORDER BY b.ord),
         min(b.refused)
  FROM b LEFT JOIN claimed c ON c.pos = b.ord;
  -- New people may be second records of someone (the statement above could
  -- not see its own inserts): move their records.
  IF strpos(p_batch, 'attendee.upsert') > 0 THEN
    PERFORM oh_merge_people();
  END IF;
END $$;

CREATE FUNCTION public.oh_push_gate(p_device uuid, p_event uuid, p_admin boolean, p_entries text[], p_drift bigint) RETURNS TABLE(ord integer, refused text)
    LANGUAGE sql STABLE
    SET jit TO 'off'
    AS $_$
  WITH e AS MATERIALIZED (
    SELECT x.ord::int AS ord, oh_is_uuid(split_part(x.entry, E'\x1f', 1)) AS idem_ok,
           split_part(x.entry, E'\x1f', 2) AS kind, g.*,
           split_part(x.entry, E'\x1f', 3) AS raw,
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
                          'score.delete', 'feedback.create', 'feedback.delete',
                          'device.health') AND NOT p_admin
        THEN 'kind ' || e.kind || ' is for the program team, not a device'
      WHEN NOT p_admin AND e.event_id IS DISTINCT FROM p_event::text THEN 'not this device''s event'
      WHEN NOT p_admin AND e.device_id IS NOT NULL AND e.device_id <> p_device::text
        THEN 'device_id is not the pushing device'
      WHEN e.kind = 'device.health' AND NOT (e.device_id IS NOT NULL
           AND coalesce(oh_is_int8(e.raw::jsonb->>'reported_at'), false)
           AND coalesce(oh_is_int8(e.raw::jsonb->>'backlog'), false)
           AND coalesce(oh_is_int8(e.raw::jsonb->>'clock_offset_ms'), false))
        THEN 'malformed device.health'
      WHEN e.kind = 'checkin.create' AND e.attendee_uuid IS NULL THEN 'malformed checkin.create'
      -- The clock's text form (core/model/hlc.hpp): anything else could not be compared.
      WHEN e.kind IN ('score.upsert', 'score.delete')
           AND NOT coalesce(e.hlc ~ '^[0-9]{18}-[0-9a-f]{6}-', false) THEN 'score without a clock'
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
      -- A score written (by its clock) once the lead closed judging: one written before
      -- the close and pushed after it still counts. The program team may still write.
      WHEN NOT p_admin AND e.kind IN ('score.upsert', 'score.delete')
           AND EXISTS (SELECT 1 FROM events v WHERE v.id = e.scope AND v.judging_closed_at > 0
                       AND left(e.hlc, 18)::bigint >= v.judging_closed_at)
        THEN 'judging closed'
      -- Feedback (step 14): stamped as a number (what the devices' stores apply), answers
      -- absent (an older device), none, or the three questions' levels 1-5.
      WHEN NOT p_admin AND e.kind = 'feedback.create' AND NOT (
             coalesce(json_typeof(e.created_at) = 'number' AND oh_is_int8(e.created_at::text), false)
             AND (e.answers IS NULL OR coalesce(json_typeof(e.answers) = 'array' AND e.answers::text
                  ~ '^\[\s*(\]|[1-5]\s*,\s*[1-5]\s*,\s*[1-5]\s*\])$', false)))
        THEN 'malformed feedback.create'
      WHEN NOT p_admin AND e.kind = 'feedback.delete'
           AND NOT coalesce(json_typeof(e.deleted_at) = 'number' AND oh_is_int8(e.deleted_at::text), false)
        THEN 'malformed feedback.delete'
      -- The newest feedback wins: a stamp from the future would win for good.
      WHEN NOT p_admin AND e.kind = 'feedback.create'
           AND e.created_at::text::bigint > oh_now_ms() + p_drift
        THEN 'clock ' || ((e.created_at::text::bigint - oh_now_ms()) / 1000) || ' s ahead of the central'
      -- Feedback given or withdrawn once the lead closed judging, as for scores.
      WHEN NOT p_admin AND e.kind IN ('feedback.create', 'feedback.delete')
           AND EXISTS (SELECT 1 FROM events v WHERE v.id = e.scope AND v.judging_closed_at > 0
                       AND (CASE WHEN e.kind = 'feedback.create' THEN e.created_at
                                 ELSE e.deleted_at END)::text::bigint >= v.judging_closed_at)
        THEN 'judging closed'
      -- Nobody rates a demo they present, or one presented by someone of their own (named)
      -- team: core/judging/feedback.hpp's rule, which devices apply first (step 15).
      WHEN NOT p_admin AND e.kind = 'feedback.create' AND EXISTS (
             SELECT 1 FROM showcases s
             CROSS JOIN LATERAL jsonb_array_elements_text(
                 CASE WHEN jsonb_array_length(s.presenter_ids) > 0 THEN s.presenter_ids
                      ELSE jsonb_build_array(s.intern_id) END) AS pr(id)
             JOIN attendees au ON au.id = oh_person(oh_uuid_or_null(e.author_id))
             LEFT JOIN attendees pa ON pa.id = oh_person(oh_uuid_or_null(pr.id))
             WHERE s.id = oh_uuid_or_null(e.showcase_id)
               AND (oh_person(oh_uuid_or_null(pr.id)) = au.id
                    OR (oh_team_key(au.team) <> '' AND oh_team_key(au.team) = oh_team_key(pa.team))))
        THEN 'own team'
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
$_$;

CREATE FUNCTION public.oh_push_paths(p_device uuid, p_batch text, p_max_drift_ms bigint) RETURNS TABLE(statuses text, refused_reason text)
    LANGUAGE plpgsql
    SET search_path TO 'public', 'pg_temp'
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

CREATE FUNCTION public.oh_push_seq(p_device uuid, p_batch text, p_seqs bigint[]) RETURNS TABLE(statuses text, refused_reason text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET jit TO 'off'
    SET search_path TO 'public', 'pg_temp'
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

CREATE FUNCTION public.oh_reads_every_event() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$ SELECT oh_is_admin() $$;

CREATE FUNCTION public.oh_register_device(p_id uuid, p_event uuid, p_name text, p_public_key text, p_certificate text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
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
  UPDATE devices SET last_seen_at = oh_now_ms() WHERE id = p_id;
END $$;

CREATE FUNCTION public.oh_register_device_v2(p_id uuid, p_event uuid, p_name text, p_public_key text, p_certificate text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
DECLARE
  v_admin boolean := oh_is_admin();
  v_payload text;
BEGIN
  IF EXISTS (SELECT 1 FROM devices WHERE id = p_id AND revoked_at IS NOT NULL) THEN
    RAISE EXCEPTION 'device % is revoked', p_id USING ERRCODE = '42501';
  END IF;
  IF NOT v_admin AND (
       EXISTS (SELECT 1 FROM devices WHERE role_name = session_user::text AND id <> p_id)
    OR EXISTS (SELECT 1 FROM devices WHERE id = p_id AND role_name IS DISTINCT FROM session_user::text)) THEN
    RAISE EXCEPTION 'role % is bound to another device', session_user USING ERRCODE = '42501';
  END IF;
  INSERT INTO devices (id, event_id, name, public_key, certificate, role_name, registered_at)
  VALUES (p_id, p_event, p_name, NULLIF(p_public_key, ''), NULLIF(p_certificate, ''),
          CASE WHEN v_admin THEN NULL ELSE session_user::text END, oh_now_ms())
  ON CONFLICT (id) DO UPDATE SET name = excluded.name, event_id = excluded.event_id,
    public_key = coalesce(excluded.public_key, devices.public_key),
    certificate = coalesce(excluded.certificate, devices.certificate),
    role_name = coalesce(devices.role_name, excluded.role_name);
  v_payload := json_build_object('id', p_id, 'event_id', p_event, 'name', p_name,
      'public_key', coalesce(p_public_key, ''), 'certificate', coalesce(p_certificate, ''),
      'registered_at', oh_now_ms())::text;
  INSERT INTO change_log (pos, idem_key, device_id, event_id, kind, payload)
  VALUES (1, gen_random_uuid(), p_id, p_event, 'device.register', v_payload);
END $$;

CREATE FUNCTION public.oh_revoke_device(p_device uuid) RETURNS boolean
    LANGUAGE plpgsql
    AS $$
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

CREATE FUNCTION public.oh_slot_budget(p_event uuid, OUT budget integer, OUT live integer, OUT outstanding integer) RETURNS record
    LANGUAGE sql STABLE
    AS $$
  SELECT coalesce((SELECT slot_budget FROM events WHERE id = p_event), 0),
         (SELECT count(*)::int FROM slots
          WHERE event_id = p_event AND state IN ('issued', 'held', 'accepted')),
         (SELECT coalesce(sum(greatest(0, g.size - (SELECT count(*) FROM slots s
                                                     WHERE s.grant_id = g.id AND s.from_grant))), 0)::int
          FROM slot_grants g WHERE g.event_id = p_event AND g.ended_at = 0)
$$;

CREATE FUNCTION public.oh_slot_by_hand(p_slot uuid, p_event uuid, p_intern uuid, p_showcase uuid, p_explanation text, p_actor text, p_reason text, p_writer uuid) RETURNS TABLE(state text, reason text, state_at bigint, version integer)
    LANGUAGE plpgsql
    AS $$
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

CREATE FUNCTION public.oh_slot_feed(p_slot uuid, p_writer uuid) RETURNS void
    LANGUAGE plpgsql
    AS $$
DECLARE
  v_pos int;
BEGIN
  SELECT coalesce(max(pos), 0) + 1 INTO v_pos FROM change_log WHERE xid = pg_current_xact_id();
  INSERT INTO change_log (pos, idem_key, device_id, event_id, kind, payload)
  SELECT v_pos, gen_random_uuid(), p_writer, s.event_id, 'slot.state',
         json_build_object('id', s.id, 'event_id', s.event_id, 'intern_id', s.intern_id,
                           'showcase_id', coalesce(s.showcase_id::text, ''),
                           'device_id', coalesce(s.device_id::text, ''),
                           'grant_id', coalesce(s.grant_id::text, ''), 'from_grant', s.from_grant,
                           'issued_at', s.issued_at, 'state', s.state, 'state_at', s.state_at,
                           'reason', s.reason, 'explanation', s.explanation,
                           'version', s.version)::text
  FROM slots s WHERE s.id = p_slot;
END $$;

CREATE FUNCTION public.oh_slot_grant(p_device uuid, p_want integer, p_ttl_ms bigint) RETURNS TABLE(id uuid, size integer, granted_at bigint, expires_at bigint, central_now bigint)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
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

CREATE FUNCTION public.oh_slot_issue(p_device uuid, p_slots text) RETURNS TABLE(id uuid, state text, reason text, state_at bigint, version integer, from_grant boolean)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
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

CREATE FUNCTION public.oh_slot_return(p_device uuid, p_grant uuid) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
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

CREATE FUNCTION public.oh_slot_set_state(p_slot uuid, p_from text, p_to text, p_act text, p_actor text, p_reason text, p_writer uuid) RETURNS boolean
    LANGUAGE plpgsql
    AS $$
DECLARE
  v_event uuid;
  v_now bigint := oh_now_ms();
BEGIN
  SELECT s.event_id INTO v_event FROM slots s WHERE s.id = p_slot;
  PERFORM 1 FROM events e WHERE e.id = v_event FOR UPDATE;
  UPDATE slots s SET state = p_to, state_at = v_now, reason = p_reason, version = s.version + 1
  WHERE s.id = p_slot AND s.state = p_from;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  INSERT INTO slot_acts (slot_id, seq, act, from_state, to_state, actor, device_id, at, reason)
  VALUES (p_slot, (SELECT coalesce(max(a.seq), 0) + 1 FROM slot_acts a WHERE a.slot_id = p_slot),
          p_act, p_from, p_to, p_actor, NULL, v_now, p_reason);
  PERFORM oh_slot_feed(p_slot, p_writer);
  RETURN true;
END $$;

CREATE FUNCTION public.oh_team_key(p text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT lower(btrim(coalesce(p, ''), E' \t\r\n\x0b\f\u00a0')) $$;

CREATE FUNCTION public.oh_uuid_or_null(p text) RETURNS uuid
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN oh_is_uuid(p) THEN p::uuid END $$;

CREATE TABLE public.change_log (
    xid xid8 DEFAULT pg_current_xact_id() NOT NULL,
    pos integer NOT NULL,
    idem_key uuid NOT NULL,
    device_id uuid NOT NULL,
    event_id uuid,
    kind text NOT NULL,
    payload text NOT NULL
);

CREATE VIEW public.applied_keys AS
 SELECT change_log.idem_key,
    change_log.device_id
   FROM public.change_log
  WHERE (change_log.kind <> 'device.register'::text);

CREATE TABLE public.attendees (
    id uuid NOT NULL,
    event_id uuid NOT NULL,
    full_name text NOT NULL,
    email text NOT NULL,
    role text NOT NULL,
    cohort text DEFAULT ''::text NOT NULL,
    team text DEFAULT ''::text NOT NULL,
    pronouns text DEFAULT ''::text NOT NULL,
    strengths text DEFAULT ''::text NOT NULL,
    blocked boolean DEFAULT false NOT NULL,
    updated_at bigint NOT NULL,
    registered_by uuid,
    family_name text DEFAULT ''::text NOT NULL
);

CREATE VIEW public.attendee_canonical AS
 SELECT a.id,
    (min((a.id)::text) OVER (PARTITION BY a.event_id, a.email))::uuid AS canonical_id
   FROM public.attendees a;

CREATE VIEW public.checkins WITH (security_barrier='true') AS
 WITH annulled AS MATERIALIZED (
         SELECT r.id,
            NULL::uuid AS event_id,
            r.annulled_at,
            COALESCE(r.annulled_by, ''::text) AS annulled_by
           FROM public.change_log l,
            LATERAL jsonb_to_record((l.payload)::jsonb) r(id uuid, annulled_at bigint, annulled_by text)
          WHERE (l.kind = 'checkin.annul'::text)
        UNION ALL
         SELECT (n.id)::uuid AS id,
            public.oh_uuid_or_null(r.event_id) AS oh_uuid_or_null,
            r.annulled_at,
            COALESCE(r.annulled_by, ''::text) AS "coalesce"
           FROM ((public.change_log l
             CROSS JOIN LATERAL jsonb_to_record((l.payload)::jsonb) r(event_id text, annulled_at bigint, annulled_by text, annuls jsonb))
             CROSS JOIN LATERAL jsonb_array_elements_text(
                CASE
                    WHEN (jsonb_typeof(r.annuls) = 'array'::text) THEN r.annuls
                    ELSE '[]'::jsonb
                END) n(id))
          WHERE ((l.kind = 'checkin.annul'::text) AND public.oh_is_uuid(n.id) AND public.oh_is_uuid(r.event_id))
        )
 SELECT k.id,
    k.event_id,
    k.attendee_id,
    k.device_id,
    k.method,
    k.at,
        CASE
            WHEN (k.annulled_at IS NULL) THEN NULLIF(first_value(k.id) OVER w, k.id)
            ELSE NULL::uuid
        END AS repeat_of,
    k.annulled_at,
    k.annulled_by
   FROM ( SELECT DISTINCT ON (c.id) c.id,
            c.event_id,
            c.attendee_id,
            c.device_id,
            c.method,
            c.at,
            a.annulled_at,
            a.annulled_by
           FROM (( SELECT DISTINCT ON (r.id) r.id,
                    r.event_id,
                    COALESCE(m.canonical_id, r.attendee_id) AS attendee_id,
                    COALESCE(r.device_id, l.device_id) AS device_id,
                    COALESCE(r.method, ''::text) AS method,
                    r.at
                   FROM ((public.change_log l
                     CROSS JOIN LATERAL jsonb_to_record((l.payload)::jsonb) r(id uuid, event_id uuid, attendee_id uuid, device_id uuid, method text, at bigint))
                     LEFT JOIN public.attendee_canonical m ON ((m.id = r.attendee_id)))
                  WHERE ((l.kind = 'checkin.create'::text) AND (( SELECT public.oh_reads_every_event() AS oh_reads_every_event) OR (l.event_id = ( SELECT public.oh_my_event() AS oh_my_event))))
                  ORDER BY r.id, l.xid, l.pos) c
             LEFT JOIN annulled a ON (((a.id = c.id) AND ((a.event_id IS NULL) OR (a.event_id = c.event_id)))))
          ORDER BY c.id, a.annulled_at, (a.annulled_by COLLATE "C")) k
  WINDOW w AS (PARTITION BY k.event_id, k.attendee_id ORDER BY (k.annulled_at IS NOT NULL), k.at, k.id);

CREATE TABLE public.device_roles (
    role_name text NOT NULL,
    event_id uuid NOT NULL,
    device_id uuid NOT NULL,
    bound_at bigint NOT NULL
);

CREATE TABLE public.device_seqs (
    device_id uuid NOT NULL,
    seq bigint NOT NULL,
    idem_key uuid NOT NULL
);

CREATE TABLE public.devices (
    id uuid NOT NULL,
    event_id uuid,
    name text NOT NULL,
    public_key text,
    certificate text,
    role_name text,
    registered_at bigint NOT NULL,
    revoked_at bigint,
    copy_seen_at bigint,
    last_seen_at bigint
);

CREATE TABLE public.event_keys (
    key_id text NOT NULL,
    event_id uuid NOT NULL,
    public_key text NOT NULL,
    created_at bigint NOT NULL
);

CREATE TABLE public.events (
    id uuid NOT NULL,
    name text NOT NULL,
    venue text DEFAULT ''::text NOT NULL,
    timezone text DEFAULT 'UTC'::text NOT NULL,
    starts_at bigint NOT NULL,
    ends_at bigint NOT NULL,
    slot_budget integer DEFAULT 0 NOT NULL,
    updated_at bigint NOT NULL,
    judging_closed_at bigint DEFAULT 0 NOT NULL
);

CREATE TABLE public.feedback (
    id uuid NOT NULL,
    event_id uuid NOT NULL,
    author_id uuid NOT NULL,
    showcase_id uuid NOT NULL,
    rating integer,
    text text DEFAULT ''::text NOT NULL,
    created_at bigint NOT NULL,
    device_id uuid NOT NULL,
    answers jsonb DEFAULT '[]'::jsonb NOT NULL
);

CREATE TABLE public.oh_meta (
    key text NOT NULL,
    value text NOT NULL
);

CREATE TABLE public.oh_schema (
    version integer NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE public.revocations (
    token_id text NOT NULL,
    event_id uuid NOT NULL,
    reason text DEFAULT ''::text NOT NULL,
    revoked_at bigint NOT NULL
);

CREATE TABLE public.scores (
    judge_id uuid NOT NULL,
    showcase_id uuid NOT NULL,
    id uuid NOT NULL,
    event_id uuid NOT NULL,
    criteria text DEFAULT '{}'::text NOT NULL,
    total double precision,
    notes text DEFAULT ''::text NOT NULL,
    encore boolean DEFAULT false NOT NULL,
    hlc text NOT NULL COLLATE pg_catalog."C",
    device_id uuid NOT NULL,
    deleted boolean DEFAULT false NOT NULL
);

CREATE TABLE public.showcases (
    id uuid NOT NULL,
    event_id uuid NOT NULL,
    intern_id text,
    title text NOT NULL,
    brief text DEFAULT ''::text NOT NULL,
    metric_name text DEFAULT ''::text NOT NULL,
    metric_change text DEFAULT ''::text NOT NULL,
    location text DEFAULT ''::text NOT NULL,
    slot_start bigint DEFAULT 0 NOT NULL,
    slot_end bigint DEFAULT 0 NOT NULL,
    updated_at bigint NOT NULL,
    presenter_ids jsonb DEFAULT '[]'::jsonb NOT NULL
);

CREATE TABLE public.slot_acts (
    slot_id uuid NOT NULL,
    seq integer NOT NULL,
    act text NOT NULL,
    from_state text NOT NULL,
    to_state text NOT NULL,
    actor text NOT NULL,
    device_id uuid,
    at bigint NOT NULL,
    reason text NOT NULL
);

CREATE TABLE public.slot_grants (
    id uuid NOT NULL,
    event_id uuid NOT NULL,
    device_id uuid NOT NULL,
    size integer NOT NULL,
    granted_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    ended_at bigint DEFAULT 0 NOT NULL,
    ended_how text DEFAULT ''::text NOT NULL,
    CONSTRAINT slot_grants_size_check CHECK ((size > 0))
);

CREATE TABLE public.slots (
    id uuid NOT NULL,
    event_id uuid NOT NULL,
    intern_id uuid NOT NULL,
    showcase_id uuid,
    device_id uuid,
    grant_id uuid,
    from_grant boolean DEFAULT false NOT NULL,
    issued_at bigint NOT NULL,
    state text NOT NULL,
    state_at bigint NOT NULL,
    reason text DEFAULT ''::text NOT NULL,
    explanation text DEFAULT ''::text NOT NULL,
    version integer DEFAULT 1 NOT NULL
);

CREATE TABLE public.tombstones (
    entity text NOT NULL,
    entity_id uuid NOT NULL,
    event_id uuid,
    deleted_at bigint NOT NULL,
    device_id uuid NOT NULL
);

ALTER TABLE ONLY public.attendees
    ADD CONSTRAINT attendees_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.change_log
    ADD CONSTRAINT change_log_pkey PRIMARY KEY (xid, pos);

ALTER TABLE ONLY public.device_roles
    ADD CONSTRAINT device_roles_device_id_key UNIQUE (device_id);

ALTER TABLE ONLY public.device_roles
    ADD CONSTRAINT device_roles_pkey PRIMARY KEY (role_name);

ALTER TABLE ONLY public.device_seqs
    ADD CONSTRAINT device_seqs_pkey PRIMARY KEY (device_id, seq);

ALTER TABLE ONLY public.devices
    ADD CONSTRAINT devices_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.event_keys
    ADD CONSTRAINT event_keys_pkey PRIMARY KEY (key_id);

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.feedback
    ADD CONSTRAINT feedback_author_id_showcase_id_key UNIQUE (author_id, showcase_id);

ALTER TABLE ONLY public.feedback
    ADD CONSTRAINT feedback_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.oh_meta
    ADD CONSTRAINT oh_meta_pkey PRIMARY KEY (key);

ALTER TABLE ONLY public.oh_schema
    ADD CONSTRAINT oh_schema_pkey PRIMARY KEY (version);

ALTER TABLE ONLY public.revocations
    ADD CONSTRAINT revocations_pkey PRIMARY KEY (token_id);

ALTER TABLE ONLY public.scores
    ADD CONSTRAINT scores_pkey PRIMARY KEY (judge_id, showcase_id);

ALTER TABLE ONLY public.showcases
    ADD CONSTRAINT showcases_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.slot_acts
    ADD CONSTRAINT slot_acts_pkey PRIMARY KEY (slot_id, seq);

ALTER TABLE ONLY public.slot_grants
    ADD CONSTRAINT slot_grants_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.slots
    ADD CONSTRAINT slots_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.tombstones
    ADD CONSTRAINT tombstones_pkey PRIMARY KEY (entity, entity_id);

CREATE INDEX attendees_by_email ON public.attendees USING btree (event_id, email);

CREATE UNIQUE INDEX change_log_idem_key ON public.change_log USING btree (idem_key);

CREATE INDEX slot_grants_live ON public.slot_grants USING btree (event_id) WHERE (ended_at = 0);

CREATE INDEX slots_event ON public.slots USING btree (event_id);

CREATE INDEX slots_grant ON public.slots USING btree (grant_id) WHERE from_grant;

CREATE UNIQUE INDEX slots_one_live ON public.slots USING btree (event_id, intern_id) WHERE (state = ANY (ARRAY['issued'::text, 'held'::text, 'accepted'::text]));

ALTER TABLE public.attendees ENABLE ROW LEVEL SECURITY;

CREATE POLICY device_event ON public.attendees FOR SELECT USING ((event_id = public.oh_my_event()));

CREATE POLICY device_event ON public.event_keys FOR SELECT USING ((event_id = public.oh_my_event()));

CREATE POLICY device_event ON public.events FOR SELECT USING ((id = public.oh_my_event()));

CREATE POLICY device_event ON public.feedback FOR SELECT USING ((event_id = public.oh_my_event()));

CREATE POLICY device_event ON public.revocations FOR SELECT USING ((event_id = public.oh_my_event()));

CREATE POLICY device_event ON public.scores FOR SELECT USING ((event_id = public.oh_my_event()));

CREATE POLICY device_event ON public.showcases FOR SELECT USING ((event_id = public.oh_my_event()));

CREATE POLICY device_event ON public.tombstones FOR SELECT USING ((event_id = public.oh_my_event()));

CREATE POLICY device_self ON public.devices FOR SELECT USING ((role_name = (SESSION_USER)::text));

ALTER TABLE public.devices ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.event_keys ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.events ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.feedback ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.revocations ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.scores ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.showcases ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.tombstones ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON FUNCTION public.oh_apply_device_revoke(p_from uuid, p_entry text, p_pos integer) FROM PUBLIC;

REVOKE ALL ON FUNCTION public.oh_bind_device_role(p_role text, p_event uuid, p_device uuid) FROM PUBLIC;

REVOKE ALL ON FUNCTION public.oh_grant_margin_ms() FROM PUBLIC;

REVOKE ALL ON FUNCTION public.oh_merge_people() FROM PUBLIC;

REVOKE ALL ON FUNCTION public.oh_ping() FROM PUBLIC;

REVOKE ALL ON FUNCTION public.oh_pull(p_device uuid, p_xid xid8, p_pos integer, p_limit integer) FROM PUBLIC;

REVOKE ALL ON FUNCTION public.oh_push(p_device uuid, p_batch text, p_max_drift_ms bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION public.oh_push(p_device uuid, p_batch text, p_max_drift_ms bigint) TO openhouse_device;

REVOKE ALL ON FUNCTION public.oh_push_apply(p_device uuid, p_batch text, p_max_drift_ms bigint, p_vet boolean, p_first_pos integer) FROM PUBLIC;

REVOKE ALL ON FUNCTION public.oh_push_gate(p_device uuid, p_event uuid, p_admin boolean, p_entries text[], p_drift bigint) FROM PUBLIC;

REVOKE ALL ON FUNCTION public.oh_push_paths(p_device uuid, p_batch text, p_max_drift_ms bigint) FROM PUBLIC;

REVOKE ALL ON FUNCTION public.oh_push_seq(p_device uuid, p_batch text, p_seqs bigint[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.oh_push_seq(p_device uuid, p_batch text, p_seqs bigint[]) TO openhouse_device;

REVOKE ALL ON FUNCTION public.oh_register_device(p_id uuid, p_event uuid, p_name text, p_public_key text, p_certificate text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.oh_register_device(p_id uuid, p_event uuid, p_name text, p_public_key text, p_certificate text) TO openhouse_device;

REVOKE ALL ON FUNCTION public.oh_register_device_v2(p_id uuid, p_event uuid, p_name text, p_public_key text, p_certificate text) FROM PUBLIC;

REVOKE ALL ON FUNCTION public.oh_revoke_device(p_device uuid) FROM PUBLIC;

REVOKE ALL ON FUNCTION public.oh_slot_budget(p_event uuid, OUT budget integer, OUT live integer, OUT outstanding integer) FROM PUBLIC;

REVOKE ALL ON FUNCTION public.oh_slot_by_hand(p_slot uuid, p_event uuid, p_intern uuid, p_showcase uuid, p_explanation text, p_actor text, p_reason text, p_writer uuid) FROM PUBLIC;

REVOKE ALL ON FUNCTION public.oh_slot_feed(p_slot uuid, p_writer uuid) FROM PUBLIC;

REVOKE ALL ON FUNCTION public.oh_slot_grant(p_device uuid, p_want integer, p_ttl_ms bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION public.oh_slot_grant(p_device uuid, p_want integer, p_ttl_ms bigint) TO openhouse_device;

REVOKE ALL ON FUNCTION public.oh_slot_issue(p_device uuid, p_slots text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.oh_slot_issue(p_device uuid, p_slots text) TO openhouse_device;

REVOKE ALL ON FUNCTION public.oh_slot_return(p_device uuid, p_grant uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.oh_slot_return(p_device uuid, p_grant uuid) TO openhouse_device;

REVOKE ALL ON FUNCTION public.oh_slot_set_state(p_slot uuid, p_from text, p_to text, p_act text, p_actor text, p_reason text, p_writer uuid) FROM PUBLIC;

GRANT SELECT ON TABLE public.checkins TO openhouse_device;
