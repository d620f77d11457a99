
CREATE TYPE oh_push_entry AS (ord int, idem_key uuid, kind text, payload text, p jsonb, refused text);

CREATE OR REPLACE FUNCTION oh_push(p_device uuid, p_batch text, p_max_drift_ms bigint)
RETURNS TABLE (statuses text, refused_reason text)
LANGUAGE plpgsql SECURITY DEFINER
-- The batch and its fresh entries are held in memory twice (a few MB for
-- 5000 entries): more than the default work_mem, which would spill to disk.
SET work_mem = '64MB'
AS $$
DECLARE
  v_now bigint := oh_now_ms();
  v_batch oh_push_entry[];
  v_kinds text[];
  v_statuses text;
  v_reason text;
  v_settle_events uuid[];
  v_settle_people uuid[];
BEGIN
  PERFORM oh_check_device(p_device);

  -- Parse and vet once: "key US kind US payload" entries separated by RS, or
  -- the JSON array of earlier versions.
  WITH raw AS (
    SELECT r.ord::int AS ord, split_part(r.e, E'\x1f', 1) AS k, split_part(r.e, E'\x1f', 2) AS t,
           split_part(r.e, E'\x1f', 3) AS payload
    FROM string_to_table(p_batch, E'\x1e') WITH ORDINALITY AS r(e, ord)
    WHERE left(p_batch, 1) <> '['
    UNION ALL
    SELECT b.ord::int, b.e->>'k', b.e->>'t', b.e->>'p'
    FROM jsonb_array_elements(CASE WHEN left(p_batch, 1) = '[' THEN p_batch::jsonb ELSE '[]' END)
         WITH ORDINALITY AS b(e, ord)),
  parsed AS (
    SELECT x.ord, x.k::uuid AS idem_key, x.t AS kind, x.payload, x.payload::jsonb AS p FROM raw x)
  SELECT array_agg(ROW(x.ord, x.idem_key, x.kind, x.payload, x.p, CASE
           WHEN x.kind NOT IN ('event.upsert', 'event_key.add', 'token.revoke', 'attendee.upsert',
                               'showcase.upsert', 'checkin.create', 'checkin.annul', 'score.upsert',
                               'score.delete', 'feedback.create', 'feedback.delete')
             THEN 'unknown kind ' || x.kind
           WHEN x.kind IN ('score.upsert', 'score.delete')
                AND left(x.p->>'hlc', 18)::bigint > v_now + p_max_drift_ms
             THEN 'clock ' || ((left(x.p->>'hlc', 18)::bigint - v_now) / 1000) ||
                  ' s ahead of the central'
           END)::oh_push_entry ORDER BY x.ord),
         array_agg(DISTINCT x.kind)
  INTO v_batch, v_kinds
  FROM parsed x;

  IF v_kinds && ARRAY['checkin.create', 'checkin.annul'] THEN
    -- Lock the people whose check-in sets may change (fresh or not), bucket
    -- by bucket in order (no deadlocks), before the statement that looks at
    -- their earlier check-ins: its snapshot then holds whatever another push
    -- committed for them before we got the lock.
    PERFORM pg_advisory_xact_lock(7433002, s.bucket) FROM (
      SELECT DISTINCT hashtext(w.attendee_id::text) & 255 AS bucket FROM (
        SELECT (b.p->>'attendee_id')::uuid AS attendee_id FROM unnest(v_batch) b
        WHERE b.refused IS NULL AND b.kind = 'checkin.create'
        UNION ALL
        SELECT c.attendee_id FROM unnest(v_batch) b JOIN checkins c ON c.id = (b.p->>'id')::uuid
        WHERE b.refused IS NULL AND b.kind = 'checkin.annul') w
      ORDER BY 1) s;
  END IF;

  -- Claim every key with its feed row (a key already in the feed, or twice in
  -- this batch, is a duplicate) and apply the fresh entries, all in one
  -- statement. Every CTE below runs, whether or not the batch holds its kind.
  WITH b AS (SELECT * FROM unnest(v_batch)),
  claimed AS (
    INSERT INTO change_log (pos, idem_key, device_id, event_id, kind, payload)
    SELECT b.ord, b.idem_key, p_device,
           (CASE WHEN b.kind = 'event.upsert' THEN b.p->>'id' ELSE b.p->>'event_id' END)::uuid,
           b.kind, b.payload
    FROM b WHERE b.refused IS NULL ORDER BY b.idem_key
    ON CONFLICT (idem_key) DO NOTHING RETURNING change_log.pos),
  fresh AS MATERIALIZED (SELECT b.ord, b.kind, b.p FROM b JOIN claimed c ON c.pos = b.ord),
  ev AS (
    INSERT INTO events (id, name, venue, timezone, starts_at, ends_at, slot_budget, updated_at)
    SELECT DISTINCT ON ((p->>'id')::uuid) (p->>'id')::uuid, p->>'name', coalesce(p->>'venue', ''),
           coalesce(p->>'timezone', 'UTC'), (p->>'starts_at')::bigint, (p->>'ends_at')::bigint,
           coalesce((p->>'slot_budget')::int, 0), v_now
    FROM fresh f WHERE f.kind = 'event.upsert' ORDER BY (p->>'id')::uuid, f.ord DESC
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, venue = excluded.venue,
      timezone = excluded.timezone, starts_at = excluded.starts_at, ends_at = excluded.ends_at,
      slot_budget = excluded.slot_budget, updated_at = excluded.updated_at),
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
                           blocked, updated_at)
    SELECT DISTINCT ON ((p->>'id')::uuid) (p->>'id')::uuid, (p->>'event_id')::uuid, p->>'full_name',
           p->>'email', p->>'role', coalesce(p->>'cohort', ''), coalesce(p->>'team', ''),
           coalesce(p->>'pronouns', ''), coalesce(p->>'strengths', ''),
           coalesce((p->>'blocked')::boolean, false), coalesce((p->>'updated_at')::bigint, 0)
    FROM fresh f WHERE f.kind = 'attendee.upsert'
    ORDER BY (p->>'id')::uuid, coalesce((p->>'updated_at')::bigint, 0) DESC, f.ord DESC
    ON CONFLICT (id) DO UPDATE SET full_name = excluded.full_name, email = excluded.email,
      role = excluded.role, cohort = excluded.cohort, team = excluded.team,
      pronouns = excluded.pronouns, strengths = excluded.strengths, blocked = excluded.blocked,
      updated_at = excluded.updated_at
    WHERE excluded.updated_at > attendees.updated_at),
  sc AS (
    INSERT INTO showcases (id, event_id, intern_id, title, brief, metric_name, metric_change,
                           location, slot_start, slot_end, updated_at)
    SELECT DISTINCT ON ((p->>'id')::uuid) (p->>'id')::uuid, (p->>'event_id')::uuid,
           NULLIF(p->>'intern_id', ''), p->>'title', coalesce(p->>'brief', ''),
           coalesce(p->>'metric_name', ''), coalesce(p->>'metric_change', ''),
           coalesce(p->>'location', ''), coalesce((p->>'slot_start')::bigint, 0),
           coalesce((p->>'slot_end')::bigint, 0), coalesce((p->>'updated_at')::bigint, 0)
    FROM fresh f WHERE f.kind = 'showcase.upsert'
    ORDER BY (p->>'id')::uuid, coalesce((p->>'updated_at')::bigint, 0) DESC, f.ord DESC
    ON CONFLICT (id) DO UPDATE SET intern_id = excluded.intern_id, title = excluded.title,
      brief = excluded.brief, metric_name = excluded.metric_name,
      metric_change = excluded.metric_change, location = excluded.location,
      slot_start = excluded.slot_start, slot_end = excluded.slot_end,
      updated_at = excluded.updated_at
    WHERE excluded.updated_at > showcases.updated_at),
  -- The check-in sets that may now hold more than one live check-in: a
  -- person with check-ins already (this snapshot does not see the ones
  -- inserted below), twice in this batch, or annulled. Only those settle.
  -- One index probe per person, LIMIT 1: never a scan of all check-ins.
  people AS (
    SELECT g.event_id, g.attendee_id FROM (
      SELECT w.event_id, w.attendee_id, sum(w.n) AS n FROM (
        SELECT (f.p->>'event_id')::uuid AS event_id, (f.p->>'attendee_id')::uuid AS attendee_id,
               1 AS n
        FROM fresh f WHERE f.kind = 'checkin.create'
        UNION ALL
        SELECT c.event_id, c.attendee_id, 2 FROM fresh f JOIN checkins c ON c.id = (f.p->>'id')::uuid
        WHERE f.kind = 'checkin.annul') w
      GROUP BY w.event_id, w.attendee_id) g
    LEFT JOIN LATERAL (SELECT true AS seen FROM checkins c
                       WHERE c.event_id = g.event_id AND c.attendee_id = g.attendee_id
                       LIMIT 1) e ON true
    WHERE g.n > 1 OR e.seen),
  ci AS (
    INSERT INTO checkins (id, event_id, attendee_id, device_id, method, at)
    SELECT (p->>'id')::uuid, (p->>'event_id')::uuid, (p->>'attendee_id')::uuid,
           coalesce((p->>'device_id')::uuid, p_device), coalesce(p->>'method', ''),
           (p->>'at')::bigint
    FROM fresh f WHERE f.kind = 'checkin.create'
    ON CONFLICT (id) DO NOTHING),
  so AS (
    INSERT INTO scores (judge_id, showcase_id, id, event_id, criteria, total, notes, encore, hlc,
                        device_id, deleted)
    SELECT DISTINCT ON ((p->>'judge_id')::uuid, (p->>'showcase_id')::uuid)
           (p->>'judge_id')::uuid, (p->>'showcase_id')::uuid, (p->>'id')::uuid,
           (p->>'event_id')::uuid, coalesce(p->>'criteria', '{}'), (p->>'total')::double precision,
           coalesce(p->>'notes', ''), coalesce((p->>'encore')::boolean, false), p->>'hlc',
           coalesce((p->>'device_id')::uuid, p_device), coalesce((p->>'deleted')::boolean, false)
    FROM fresh f WHERE f.kind IN ('score.upsert', 'score.delete')
    ORDER BY (p->>'judge_id')::uuid, (p->>'showcase_id')::uuid, p->>'hlc' COLLATE "C" DESC
    ON CONFLICT (judge_id, showcase_id) DO UPDATE SET id = excluded.id,
      criteria = excluded.criteria, total = excluded.total, notes = excluded.notes,
      encore = excluded.encore, hlc = excluded.hlc, device_id = excluded.device_id,
      deleted = excluded.deleted
    WHERE excluded.hlc > scores.hlc),
  fb AS (
    INSERT INTO feedback (id, event_id, author_id, showcase_id, rating, text, created_at, device_id)
    SELECT DISTINCT ON ((p->>'author_id')::uuid, (p->>'showcase_id')::uuid)
           (p->>'id')::uuid, (p->>'event_id')::uuid, (p->>'author_id')::uuid,
           (p->>'showcase_id')::uuid, (p->>'rating')::int, coalesce(p->>'text', ''),
           (p->>'created_at')::bigint, coalesce((p->>'device_id')::uuid, p_device)
    FROM fresh f WHERE f.kind = 'feedback.create'
    ORDER BY (p->>'author_id')::uuid, (p->>'showcase_id')::uuid, (p->>'created_at')::bigint,
             (p->>'id')::uuid
    ON CONFLICT (author_id, showcase_id) DO UPDATE SET id = excluded.id,
      event_id = excluded.event_id, rating = excluded.rating, text = excluded.text,
      created_at = excluded.created_at, device_id = excluded.device_id
    WHERE (excluded.created_at, excluded.id) < (feedback.created_at, feedback.id)),
  tb AS (
    INSERT INTO tombstones (entity, entity_id, event_id, deleted_at, device_id)
    SELECT DISTINCT ON ((p->>'id')::uuid) 'feedback', (p->>'id')::uuid, (p->>'event_id')::uuid,
           (p->>'deleted_at')::bigint, coalesce((p->>'device_id')::uuid, p_device)
    FROM fresh f WHERE f.kind = 'feedback.delete' ORDER BY (p->>'id')::uuid
    ON CONFLICT (entity, entity_id) DO NOTHING)
  SELECT (SELECT string_agg(CASE WHEN b.refused IS NOT NULL THEN 'r'
                                 WHEN c.pos IS NOT NULL THEN 'a' ELSE 'd' END, '' ORDER BY b.ord)
          FROM b LEFT JOIN claimed c ON c.pos = b.ord),
         (SELECT min(b.refused) FROM b),
         (SELECT array_agg(x.event_id) FROM people x),
         (SELECT array_agg(x.attendee_id) FROM people x)
  INTO v_statuses, v_reason, v_settle_events, v_settle_people;

  -- Annulments after the statement above: they may annul a check-in it created.
  IF 'checkin.annul' = ANY (v_kinds) THEN
    UPDATE checkins c SET annulled_at = (b.p->>'annulled_at')::bigint,
                          annulled_by = coalesce(b.p->>'annulled_by', '')
    FROM unnest(v_batch) b
    WHERE substr(v_statuses, b.ord, 1) = 'a' AND b.kind = 'checkin.annul'
      AND c.id = (b.p->>'id')::uuid AND c.annulled_at IS NULL;
  END IF;

  -- Settle those sets: the earliest live check-in wins, later live ones are
  -- repeats of it, annulled ones point nowhere.
  IF v_settle_people IS NOT NULL THEN
    WITH ranked AS (
      SELECT c.id, CASE WHEN c.annulled_at IS NOT NULL THEN NULL
                        ELSE NULLIF(first_value(c.id) OVER w, c.id) END AS want
      FROM unnest(v_settle_events, v_settle_people) AS t(event_id, attendee_id)
      JOIN checkins c USING (event_id, attendee_id)
      WINDOW w AS (PARTITION BY c.event_id, c.attendee_id
                   ORDER BY (c.annulled_at IS NOT NULL), c.at, c.id))
    UPDATE checkins c SET repeat_of = r.want FROM ranked r
    WHERE c.id = r.id AND c.repeat_of IS DISTINCT FROM r.want;
  END IF;

  RETURN QUERY SELECT v_statuses, v_reason;
END $$;
