-- oh_push_apply(uuid, text, bigint, boolean, int): Applies a batch of entries (the merge rules per kind); fast or vetting path.
-- Newest definition: migration 0008; the family name since step 12, the judging close since 13,
-- feedback's answers and the newest feedback winning since 14, a demo's presenters since 15;
-- encore assignments (encore.upsert, the program team's; kept in the feed only) since then.
CREATE OR REPLACE FUNCTION oh_push_apply(p_device uuid, p_batch text, p_max_drift_ms bigint, p_vet boolean,
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
REVOKE ALL ON FUNCTION oh_push_apply(uuid, text, bigint, boolean, int) FROM PUBLIC;
