
CREATE TYPE oh_checkin_fields AS (id uuid, event_id uuid, attendee_id uuid, device_id uuid,
                                  at bigint, annulled_at bigint);

-- p_first_pos: the feed position of the batch's first entry. The feed's key
-- is (transaction, position), and the one-at-a-time path applies several
-- single entries in one transaction.
DROP FUNCTION oh_push_apply(uuid, text, bigint, boolean);
CREATE FUNCTION oh_push_apply(p_device uuid, p_batch text, p_max_drift_ms bigint, p_vet boolean,
                              p_first_pos int)
RETURNS TABLE (statuses text, refused_reason text)
LANGUAGE plpgsql
SET work_mem = '64MB'
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
REVOKE ALL ON FUNCTION oh_push_apply(uuid, text, bigint, boolean, int) FROM PUBLIC;

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
CREATE OR REPLACE FUNCTION oh_push(p_device uuid, p_batch text, p_max_drift_ms bigint)
RETURNS TABLE (statuses text, refused_reason text)
LANGUAGE plpgsql SECURITY DEFINER
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
-- CREATE OR REPLACE dropped the search_path step 6 gave it (see there).
DO $$ BEGIN
  EXECUTE format('ALTER FUNCTION oh_push(uuid, text, bigint) SET search_path = %I, pg_temp',
                 current_schema());
END $$;
