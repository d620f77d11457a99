
CREATE FUNCTION oh_now_ms() RETURNS bigint LANGUAGE sql STABLE AS
$$ SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint $$;

-- True when the login role is the owner or a superuser: the program team's
-- tools and the single-role setups (tests, one kiosk) act for any device.
CREATE FUNCTION oh_is_admin() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT session_user::text = (SELECT value FROM oh_meta WHERE key = 'owner')
      OR coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
$$;

-- The login role must be the device's own role (bound at registration); a
-- revoked device is refused. Returns the device's event (its read scope).
CREATE FUNCTION oh_check_device(p_device uuid) RETURNS uuid LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_event uuid;
  v_role text;
  v_revoked bigint;
BEGIN
  SELECT event_id, role_name, revoked_at INTO v_event, v_role, v_revoked FROM devices WHERE id = p_device;
  IF v_revoked IS NOT NULL THEN
    RAISE EXCEPTION 'device % is revoked', p_device USING ERRCODE = '42501';
  END IF;
  IF NOT oh_is_admin() AND v_role IS DISTINCT FROM session_user::text THEN
    RAISE EXCEPTION 'role % may not act for device %', session_user, p_device USING ERRCODE = '42501';
  END IF;
  RETURN v_event;
END $$;

CREATE FUNCTION oh_ping() RETURNS TABLE (central_id text, now_ms bigint)
LANGUAGE sql SECURITY DEFINER STABLE AS $$
  SELECT (SELECT value FROM oh_meta WHERE key = 'central_id'), oh_now_ms()
$$;

-- A device role binds itself to one device id the first time it registers.
CREATE FUNCTION oh_register_device(p_id uuid, p_event uuid, p_name text, p_public_key text,
                                   p_certificate text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER AS $$
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

-- Applies a batch: a JSON array of {"k": idem key, "t": kind, "p": payload text}.
-- Each key is claimed in applied_keys (ON CONFLICT DO NOTHING) in the same
-- transaction as its effect; only freshly claimed entries take effect.
-- Answers with one row: a status letter per entry in batch order (a applied,
-- d duplicate, r refused) and the first refusal's reason. One small row, so
-- the whole answer leaves the server after the commit, in one piece.
CREATE FUNCTION oh_push(p_device uuid, p_batch text, p_max_drift_ms bigint)
RETURNS TABLE (statuses text, refused_reason text)
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
  v_now bigint := oh_now_ms();
BEGIN
  PERFORM oh_check_device(p_device);
  -- Session scratch tables, created once (no NOTICE on later calls) and
  -- emptied at commit.
  IF to_regclass('pg_temp.oh_batch') IS NULL THEN
    CREATE TEMP TABLE oh_batch (
      ord int, idem_key uuid, kind text, payload text, p jsonb, fresh boolean, refused text)
      ON COMMIT DELETE ROWS;
    CREATE TEMP TABLE oh_settle (event_id uuid, attendee_id uuid) ON COMMIT DELETE ROWS;
  END IF;
  INSERT INTO oh_batch
  SELECT b.ord, (b.e->>'k')::uuid, b.e->>'t', b.e->>'p', (b.e->>'p')::jsonb, false, NULL
  FROM jsonb_array_elements(p_batch::jsonb) WITH ORDINALITY AS b(e, ord);

  UPDATE oh_batch SET refused = 'unknown kind ' || kind
  WHERE kind NOT IN ('event.upsert', 'event_key.add', 'token.revoke', 'attendee.upsert',
                     'showcase.upsert', 'checkin.create', 'checkin.annul', 'score.upsert',
                     'score.delete', 'feedback.create', 'feedback.delete');
  UPDATE oh_batch SET refused = 'clock ' || ((left(p->>'hlc', 18)::bigint - v_now) / 1000) ||
                                ' s ahead of the central'
  WHERE refused IS NULL AND kind IN ('score.upsert', 'score.delete')
    AND left(p->>'hlc', 18)::bigint > v_now + p_max_drift_ms;

  WITH claimed AS (
    INSERT INTO applied_keys (idem_key, device_id)
    SELECT b.idem_key, p_device FROM oh_batch b WHERE b.refused IS NULL ORDER BY b.idem_key
    ON CONFLICT (idem_key) DO NOTHING RETURNING applied_keys.idem_key)
  UPDATE oh_batch b SET fresh = true FROM claimed c WHERE b.idem_key = c.idem_key;

  INSERT INTO events (id, name, venue, timezone, starts_at, ends_at, slot_budget, updated_at)
  SELECT DISTINCT ON ((p->>'id')::uuid) (p->>'id')::uuid, p->>'name', coalesce(p->>'venue', ''),
         coalesce(p->>'timezone', 'UTC'), (p->>'starts_at')::bigint, (p->>'ends_at')::bigint,
         coalesce((p->>'slot_budget')::int, 0), v_now
  FROM oh_batch b WHERE b.fresh AND b.kind = 'event.upsert' ORDER BY (p->>'id')::uuid, b.ord DESC
  ON CONFLICT (id) DO UPDATE SET name = excluded.name, venue = excluded.venue,
    timezone = excluded.timezone, starts_at = excluded.starts_at, ends_at = excluded.ends_at,
    slot_budget = excluded.slot_budget, updated_at = excluded.updated_at;

  INSERT INTO event_keys (key_id, event_id, public_key, created_at)
  SELECT DISTINCT ON (p->>'key_id') p->>'key_id', (p->>'event_id')::uuid, p->>'public_key', v_now
  FROM oh_batch b WHERE b.fresh AND b.kind = 'event_key.add' ORDER BY p->>'key_id'
  ON CONFLICT (key_id) DO NOTHING;

  INSERT INTO revocations (token_id, event_id, reason, revoked_at)
  SELECT DISTINCT ON (p->>'token_id') p->>'token_id', (p->>'event_id')::uuid,
         coalesce(p->>'reason', ''), v_now
  FROM oh_batch b WHERE b.fresh AND b.kind = 'token.revoke' ORDER BY p->>'token_id'
  ON CONFLICT (token_id) DO NOTHING;

  INSERT INTO attendees (id, event_id, full_name, email, role, cohort, team, pronouns, strengths,
                         blocked, updated_at)
  SELECT DISTINCT ON ((p->>'id')::uuid) (p->>'id')::uuid, (p->>'event_id')::uuid, p->>'full_name',
         p->>'email', p->>'role', coalesce(p->>'cohort', ''), coalesce(p->>'team', ''),
         coalesce(p->>'pronouns', ''), coalesce(p->>'strengths', ''),
         coalesce((p->>'blocked')::boolean, false), coalesce((p->>'updated_at')::bigint, 0)
  FROM oh_batch b WHERE b.fresh AND b.kind = 'attendee.upsert'
  ORDER BY (p->>'id')::uuid, coalesce((p->>'updated_at')::bigint, 0) DESC, b.ord DESC
  ON CONFLICT (id) DO UPDATE SET full_name = excluded.full_name, email = excluded.email,
    role = excluded.role, cohort = excluded.cohort, team = excluded.team,
    pronouns = excluded.pronouns, strengths = excluded.strengths, blocked = excluded.blocked,
    updated_at = excluded.updated_at
  WHERE excluded.updated_at > attendees.updated_at;

  INSERT INTO showcases (id, event_id, intern_id, title, brief, metric_name, metric_change,
                         location, slot_start, slot_end, updated_at)
  SELECT DISTINCT ON ((p->>'id')::uuid) (p->>'id')::uuid, (p->>'event_id')::uuid,
         NULLIF(p->>'intern_id', ''), p->>'title', coalesce(p->>'brief', ''),
         coalesce(p->>'metric_name', ''), coalesce(p->>'metric_change', ''),
         coalesce(p->>'location', ''), coalesce((p->>'slot_start')::bigint, 0),
         coalesce((p->>'slot_end')::bigint, 0), coalesce((p->>'updated_at')::bigint, 0)
  FROM oh_batch b WHERE b.fresh AND b.kind = 'showcase.upsert'
  ORDER BY (p->>'id')::uuid, coalesce((p->>'updated_at')::bigint, 0) DESC, b.ord DESC
  ON CONFLICT (id) DO UPDATE SET intern_id = excluded.intern_id, title = excluded.title,
    brief = excluded.brief, metric_name = excluded.metric_name,
    metric_change = excluded.metric_change, location = excluded.location,
    slot_start = excluded.slot_start, slot_end = excluded.slot_end, updated_at = excluded.updated_at
  WHERE excluded.updated_at > showcases.updated_at;

  -- Lock the people whose check-in sets change, in key order (no deadlocks),
  -- and note the sets that may now hold more than one live check-in: a person
  -- seen before, or twice in this batch. Only those need settling.
  WITH wanted AS (
    SELECT (b.p->>'event_id')::uuid AS event_id, (b.p->>'attendee_id')::uuid AS attendee_id,
           count(*) AS n
    FROM oh_batch b WHERE b.fresh AND b.kind = 'checkin.create' GROUP BY 1, 2
    UNION ALL
    SELECT c.event_id, c.attendee_id, 2 FROM oh_batch b JOIN checkins c ON c.id = (b.p->>'id')::uuid
    WHERE b.fresh AND b.kind = 'checkin.annul'),
  pairs AS (SELECT w.event_id, w.attendee_id, sum(w.n) AS n FROM wanted w GROUP BY 1, 2),
  heads AS (
    INSERT INTO checkin_heads (event_id, attendee_id)
    SELECT x.event_id, x.attendee_id FROM pairs x ORDER BY 1, 2
    ON CONFLICT (event_id, attendee_id) DO UPDATE SET touched = checkin_heads.touched + 1
    RETURNING checkin_heads.event_id, checkin_heads.attendee_id, (xmax <> 0) AS existed)
  INSERT INTO oh_settle
  SELECT h.event_id, h.attendee_id FROM heads h JOIN pairs x USING (event_id, attendee_id)
  WHERE h.existed OR x.n > 1;

  INSERT INTO checkins (id, event_id, attendee_id, device_id, method, at)
  SELECT (p->>'id')::uuid, (p->>'event_id')::uuid, (p->>'attendee_id')::uuid,
         coalesce((p->>'device_id')::uuid, p_device), coalesce(p->>'method', ''),
         (p->>'at')::bigint
  FROM oh_batch b WHERE b.fresh AND b.kind = 'checkin.create'
  ON CONFLICT (id) DO NOTHING;

  UPDATE checkins c SET annulled_at = (b.p->>'annulled_at')::bigint,
                        annulled_by = coalesce(b.p->>'annulled_by', '')
  FROM oh_batch b
  WHERE b.fresh AND b.kind = 'checkin.annul' AND c.id = (b.p->>'id')::uuid AND c.annulled_at IS NULL;

  -- Settle those sets: the earliest live check-in wins, later live ones are
  -- repeats of it, annulled ones point nowhere.
  WITH ranked AS (
    SELECT c.id, CASE WHEN c.annulled_at IS NOT NULL THEN NULL
                      ELSE NULLIF(first_value(c.id) OVER w, c.id) END AS want
    FROM oh_settle t JOIN checkins c USING (event_id, attendee_id)
    WINDOW w AS (PARTITION BY c.event_id, c.attendee_id
                 ORDER BY (c.annulled_at IS NOT NULL), c.at, c.id))
  UPDATE checkins c SET repeat_of = r.want FROM ranked r
  WHERE c.id = r.id AND c.repeat_of IS DISTINCT FROM r.want;

  INSERT INTO scores (judge_id, showcase_id, id, event_id, criteria, total, notes, encore, hlc,
                      device_id, deleted)
  SELECT DISTINCT ON ((p->>'judge_id')::uuid, (p->>'showcase_id')::uuid)
         (p->>'judge_id')::uuid, (p->>'showcase_id')::uuid, (p->>'id')::uuid,
         (p->>'event_id')::uuid, coalesce(p->>'criteria', '{}'), (p->>'total')::double precision,
         coalesce(p->>'notes', ''), coalesce((p->>'encore')::boolean, false), p->>'hlc',
         coalesce((p->>'device_id')::uuid, p_device), coalesce((p->>'deleted')::boolean, false)
  FROM oh_batch b WHERE b.fresh AND b.kind IN ('score.upsert', 'score.delete')
  ORDER BY (p->>'judge_id')::uuid, (p->>'showcase_id')::uuid, p->>'hlc' COLLATE "C" DESC
  ON CONFLICT (judge_id, showcase_id) DO UPDATE SET id = excluded.id, criteria = excluded.criteria,
    total = excluded.total, notes = excluded.notes, encore = excluded.encore, hlc = excluded.hlc,
    device_id = excluded.device_id, deleted = excluded.deleted
  WHERE excluded.hlc > scores.hlc;

  INSERT INTO feedback (id, event_id, author_id, showcase_id, rating, text, created_at, device_id)
  SELECT DISTINCT ON ((p->>'author_id')::uuid, (p->>'showcase_id')::uuid)
         (p->>'id')::uuid, (p->>'event_id')::uuid, (p->>'author_id')::uuid,
         (p->>'showcase_id')::uuid, (p->>'rating')::int, coalesce(p->>'text', ''),
         (p->>'created_at')::bigint, coalesce((p->>'device_id')::uuid, p_device)
  FROM oh_batch b WHERE b.fresh AND b.kind = 'feedback.create'
  ORDER BY (p->>'author_id')::uuid, (p->>'showcase_id')::uuid, (p->>'created_at')::bigint,
           (p->>'id')::uuid
  ON CONFLICT (author_id, showcase_id) DO UPDATE SET id = excluded.id, event_id = excluded.event_id,
    rating = excluded.rating, text = excluded.text, created_at = excluded.created_at,
    device_id = excluded.device_id
  WHERE (excluded.created_at, excluded.id) < (feedback.created_at, feedback.id);

  INSERT INTO tombstones (entity, entity_id, event_id, deleted_at, device_id)
  SELECT DISTINCT ON ((p->>'id')::uuid) 'feedback', (p->>'id')::uuid, (p->>'event_id')::uuid,
         (p->>'deleted_at')::bigint, coalesce((p->>'device_id')::uuid, p_device)
  FROM oh_batch b WHERE b.fresh AND b.kind = 'feedback.delete' ORDER BY (p->>'id')::uuid
  ON CONFLICT (entity, entity_id) DO NOTHING;

  INSERT INTO change_log (pos, idem_key, device_id, event_id, kind, payload)
  SELECT b.ord, b.idem_key, p_device,
         (CASE WHEN b.kind = 'event.upsert' THEN p->>'id' ELSE p->>'event_id' END)::uuid,
         b.kind, b.payload
  FROM oh_batch b WHERE b.fresh ORDER BY b.ord;

  RETURN QUERY
  SELECT string_agg(CASE WHEN b.refused IS NOT NULL THEN 'r' WHEN b.fresh THEN 'a' ELSE 'd' END,
                    '' ORDER BY b.ord),
         (SELECT min(r.refused) FROM oh_batch r WHERE r.refused IS NOT NULL)
  FROM oh_batch b;
END $$;

-- The feed after (p_xid, p_pos), only below the oldest transaction still
-- running (pg_snapshot_xmin): nothing there can still commit, so a cursor can
-- never pass a row that commits later. The first row returned carries that
-- horizon (kind NULL): a short page may move the cursor up to it.
CREATE FUNCTION oh_pull(p_device uuid, p_xid xid8, p_pos int, p_limit int)
RETURNS TABLE (xid xid8, pos int, idem_key uuid, device_id uuid, kind text, payload text)
LANGUAGE plpgsql SECURITY DEFINER STABLE AS $$
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
