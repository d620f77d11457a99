
CREATE FUNCTION oh_is_uuid(p text) RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT p ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' $$;
CREATE FUNCTION oh_is_int8(p text) RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT p ~ '^-?[0-9]{1,18}$' $$;

-- Backfill: every check-in and every annulment as a feed row.
INSERT INTO change_log (pos, idem_key, device_id, event_id, kind, payload)
SELECT row_number() OVER (ORDER BY c.id)::int, gen_random_uuid(), c.device_id, c.event_id,
       'checkin.create',
       json_build_object('id', c.id, 'event_id', c.event_id, 'attendee_id', c.attendee_id,
                         'device_id', c.device_id, 'method', c.method, 'at', c.at)::text
FROM checkins c
WHERE NOT EXISTS (SELECT 1 FROM change_log l
                  WHERE l.kind = 'checkin.create' AND l.payload::json->>'id' = c.id::text);
INSERT INTO change_log (pos, idem_key, device_id, event_id, kind, payload)
SELECT 1000000 + row_number() OVER (ORDER BY c.id)::int, gen_random_uuid(), c.device_id,
       c.event_id, 'checkin.annul',
       json_build_object('id', c.id, 'event_id', c.event_id, 'annulled_at', c.annulled_at,
                         'annulled_by', coalesce(c.annulled_by, ''))::text
FROM checkins c
WHERE c.annulled_at IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM change_log l
                  WHERE l.kind = 'checkin.annul' AND l.payload::json->>'id' = c.id::text);

DROP TABLE checkin_heads;
DROP TABLE checkins;

-- Whether the login role may read every event (the owner, a superuser).
-- SECURITY DEFINER: a device role may not read oh_meta itself.
CREATE FUNCTION oh_reads_every_event() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER AS
$$ SELECT oh_is_admin() $$;

-- One person registered twice (the same e-mail in one event, e.g. a walk-in on
-- two offline kiosks): the record with the smaller id is the person, as on the
-- devices (Store::mergeAttendee); the other's check-ins count as theirs.
CREATE INDEX attendees_by_email ON attendees (event_id, email);
CREATE VIEW attendee_canonical AS
SELECT a.id, min(a.id::text) OVER (PARTITION BY a.event_id, a.email)::uuid AS canonical_id
FROM attendees a;

-- The person a record names: the smaller id of everyone with its e-mail.
CREATE FUNCTION oh_person(p uuid) RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT min(o.id::text)::uuid FROM attendees a
                   JOIN attendees o ON o.event_id = a.event_id AND o.email = a.email
                   WHERE a.id = p), p)
$$;

-- After attendees arrive: scores, feedback and showcases of a second record
-- move to the person, as on the devices (where both scored or commented one
-- demo, the later clock and the earlier feedback stay).
CREATE FUNCTION oh_merge_people() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM attendees GROUP BY event_id, email HAVING count(*) > 1) THEN
    RETURN;
  END IF;
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
                AND k.showcase_id = f.showcase_id AND (k.created_at, k.id) <= (f.created_at, f.id));
  DELETE FROM feedback f USING attendee_canonical m
  WHERE f.author_id = m.canonical_id AND m.id <> m.canonical_id
    AND EXISTS (SELECT 1 FROM feedback o WHERE o.author_id = m.id
                AND o.showcase_id = f.showcase_id AND (o.created_at, o.id) < (f.created_at, f.id));
  UPDATE feedback f SET author_id = m.canonical_id FROM attendee_canonical m
  WHERE f.author_id = m.id AND m.id <> m.canonical_id;
  UPDATE showcases s SET intern_id = m.canonical_id::text FROM attendee_canonical m
  WHERE s.intern_id = m.id::text AND m.id <> m.canonical_id;
END $$;
REVOKE ALL ON FUNCTION oh_merge_people() FROM PUBLIC;

-- The check-in sets, from the feed. A device role sees its own event's
-- (security_barrier: its own predicates cannot see other rows first).
CREATE VIEW checkins WITH (security_barrier) AS
SELECT c.id, c.event_id, c.attendee_id, c.device_id, c.method, c.at,
       CASE WHEN a.id IS NULL THEN NULLIF(first_value(c.id) OVER w, c.id) END AS repeat_of,
       a.annulled_at, a.annulled_by
FROM (SELECT DISTINCT ON (r.id) r.id, r.event_id, coalesce(m.canonical_id, r.attendee_id) AS attendee_id,
             coalesce(r.device_id, l.device_id) AS device_id, coalesce(r.method, '') AS method, r.at
      FROM change_log l
      CROSS JOIN jsonb_to_record(l.payload::jsonb)
             AS r(id uuid, event_id uuid, attendee_id uuid, device_id uuid, method text, at bigint)
      LEFT JOIN attendee_canonical m ON m.id = r.attendee_id
      WHERE l.kind = 'checkin.create'
        AND ((SELECT oh_reads_every_event()) OR l.event_id = (SELECT oh_my_event()))
      ORDER BY r.id, l.xid, l.pos) c
LEFT JOIN (SELECT DISTINCT ON (r.id) r.id, r.annulled_at, coalesce(r.annulled_by, '') AS annulled_by
           FROM change_log l, jsonb_to_record(l.payload::jsonb)
                                AS r(id uuid, annulled_at bigint, annulled_by text)
           WHERE l.kind = 'checkin.annul'
           ORDER BY r.id, l.xid, l.pos) a ON a.id = c.id
WINDOW w AS (PARTITION BY c.event_id, c.attendee_id ORDER BY (a.id IS NOT NULL), c.at, c.id);

DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'openhouse_device') THEN
    GRANT SELECT ON checkins TO openhouse_device;
  END IF;
END $$;

-- One statement: parse, vet, claim each key with its feed row, and apply the
-- fresh entries of the kinds that still have tables of their own. Check-ins
-- and annulments need nothing beyond their feed row, but their fields must
-- parse, or the checkins view could not read them: casting them costs little,
-- matching each against a pattern costs as much as the rest of the push. So
-- the fast path (p_vet false) only casts, and a cast that fails (an error)
-- sends the batch down the slow path, which matches every check-in and
-- annulment first and refuses the malformed ones alone.
CREATE FUNCTION oh_push_apply(p_device uuid, p_batch text, p_max_drift_ms bigint, p_vet boolean)
RETURNS TABLE (statuses text, refused_reason text)
LANGUAGE plpgsql
SET work_mem = '64MB'
AS $$
DECLARE
  v_now bigint := oh_now_ms();
BEGIN
  RETURN QUERY
  WITH raw AS (
    SELECT r.ord::int AS ord, split_part(r.e, E'\x1f', 1) AS k, split_part(r.e, E'\x1f', 2) AS t,
           split_part(r.e, E'\x1f', 3) AS payload
    FROM string_to_table(p_batch, E'\x1e') WITH ORDINALITY AS r(e, ord)
    WHERE left(p_batch, 1) <> '['
    UNION ALL
    SELECT b.ord::int, b.e->>'k', b.e->>'t', b.e->>'p'
    FROM jsonb_array_elements(CASE WHEN left(p_batch, 1) = '[' THEN p_batch::jsonb ELSE '[]' END)
         WITH ORDINALITY AS b(e, ord)),
  -- MATERIALIZED: inlined, every use of p would parse the payload again.
  parsed AS MATERIALIZED (
    SELECT x.ord, x.k::uuid AS idem_key, x.t AS kind, x.payload, x.payload::jsonb AS p FROM raw x),
  b AS MATERIALIZED (
    SELECT x.ord, x.idem_key, x.kind, x.payload, x.p, CASE
      WHEN x.kind NOT IN ('event.upsert', 'event_key.add', 'token.revoke', 'attendee.upsert',
                          'showcase.upsert', 'checkin.create', 'checkin.annul', 'score.upsert',
                          'score.delete', 'feedback.create', 'feedback.delete')
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
      WHEN x.kind = 'checkin.create' AND (
             (x.p->>'id')::uuid IS NULL OR (x.p->>'event_id')::uuid IS NULL
             OR (x.p->>'attendee_id')::uuid IS NULL OR (x.p->>'at')::bigint IS NULL
             OR ((x.p->>'device_id')::uuid IS NULL AND x.p->>'device_id' IS NOT NULL))
        THEN 'malformed checkin.create'
      WHEN x.kind = 'checkin.annul' AND (
             (x.p->>'id')::uuid IS NULL OR (x.p->>'annulled_at')::bigint IS NULL)
        THEN 'malformed checkin.annul'
      WHEN x.kind IN ('score.upsert', 'score.delete')
           AND left(x.p->>'hlc', 18)::bigint > v_now + p_max_drift_ms
        THEN 'clock ' || ((left(x.p->>'hlc', 18)::bigint - v_now) / 1000) || ' s ahead of the central'
      END AS refused
    FROM parsed x),
  claimed AS (
    INSERT INTO change_log (pos, idem_key, device_id, event_id, kind, payload)
    SELECT b.ord, b.idem_key, p_device,
           (CASE WHEN b.kind = 'event.upsert' THEN b.p->>'id' ELSE b.p->>'event_id' END)::uuid,
           b.kind, b.payload
    FROM b WHERE b.refused IS NULL ORDER BY b.idem_key
    ON CONFLICT (idem_key) DO NOTHING RETURNING change_log.pos),
  fresh AS MATERIALIZED (
    SELECT b.ord, b.kind, b.p FROM b JOIN claimed c ON c.pos = b.ord
    WHERE b.kind NOT IN ('checkin.create', 'checkin.annul')),
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
  fb AS (
    INSERT INTO feedback (id, event_id, author_id, showcase_id, rating, text, created_at, device_id)
    SELECT DISTINCT ON (oh_person((p->>'author_id')::uuid), (p->>'showcase_id')::uuid)
           (p->>'id')::uuid, (p->>'event_id')::uuid, oh_person((p->>'author_id')::uuid),
           (p->>'showcase_id')::uuid, (p->>'rating')::int, coalesce(p->>'text', ''),
           (p->>'created_at')::bigint, coalesce((p->>'device_id')::uuid, p_device)
    FROM fresh f WHERE f.kind = 'feedback.create'
    ORDER BY oh_person((p->>'author_id')::uuid), (p->>'showcase_id')::uuid, (p->>'created_at')::bigint,
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

CREATE OR REPLACE FUNCTION oh_push(p_device uuid, p_batch text, p_max_drift_ms bigint)
RETURNS TABLE (statuses text, refused_reason text)
LANGUAGE plpgsql SECURITY DEFINER
AS $$
BEGIN
  PERFORM oh_check_device(p_device);
  BEGIN
    RETURN QUERY SELECT * FROM oh_push_apply(p_device, p_batch, p_max_drift_ms, false);
  EXCEPTION WHEN invalid_text_representation OR numeric_value_out_of_range THEN
    RETURN QUERY SELECT * FROM oh_push_apply(p_device, p_batch, p_max_drift_ms, true);
  END;
END $$;
REVOKE ALL ON FUNCTION oh_push_apply(uuid, text, bigint, boolean) FROM PUBLIC;

DROP TYPE oh_push_entry;

-- A device role binds itself to one device id at its first registration, and
-- now to that registration's event too: before, registering again with
-- another event id moved the device (and what its role may read) there.
-- The registration of step 2 keeps doing the work under another name (its
-- grants go with it; it is revoked from PUBLIC), behind the event check.
ALTER FUNCTION oh_register_device(uuid, uuid, text, text, text) RENAME TO oh_register_device_v2;
REVOKE ALL ON FUNCTION oh_register_device_v2(uuid, uuid, text, text, text) FROM PUBLIC;
CREATE FUNCTION oh_register_device(p_id uuid, p_event uuid, p_name text, p_public_key text,
                                   p_certificate text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  IF NOT oh_is_admin() AND EXISTS (SELECT 1 FROM devices WHERE id = p_id AND event_id IS NOT NULL
                                                         AND event_id IS DISTINCT FROM p_event) THEN
    RAISE EXCEPTION 'device % is bound to another event', p_id USING ERRCODE = '42501';
  END IF;
  PERFORM oh_register_device_v2(p_id, p_event, p_name, p_public_key, p_certificate);
END $$;
REVOKE ALL ON FUNCTION oh_register_device(uuid, uuid, text, text, text) FROM PUBLIC;
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'openhouse_device') THEN
    GRANT EXECUTE ON FUNCTION oh_register_device(uuid, uuid, text, text, text) TO openhouse_device;
    -- The grant of step 2's function went with its new name: take it back.
    REVOKE ALL ON FUNCTION oh_register_device_v2(uuid, uuid, text, text, text) FROM openhouse_device;
  END IF;
END $$;

-- Every SECURITY DEFINER function looks up names in this schema and only then
-- in pg_temp: with the default search_path, pg_temp comes first, and a device
-- role could shadow devices or oh_meta with temporary tables of its own and
-- push as another device, or read every event.
DO $$
DECLARE
  f regprocedure;
BEGIN
  FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
           WHERE p.pronamespace = current_schema()::regnamespace AND p.prosecdef LOOP
    EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f, current_schema());
  END LOOP;
END $$;
