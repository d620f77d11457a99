-- oh_push_gate(uuid, uuid, boolean, text[], bigint): Who may push what: the reason each entry of a batch is refused, if any (docs/sync.md).
-- Newest definition: migration 0010; the judging close since step 13, for feedback too (and
-- its stamp bounded, its answers checked) since 14; feedback on one's own team's demo since 15;
-- and a device's health report (device.health), for itself only, well formed.
--
-- Who may push what: one refusal reason per entry (NULL: let it through to
-- the merge rules). The same rules and reasons as the embedded central's
-- (core/central/central_sqlite.cpp, deviceRefusal). Raises a data exception when a
-- payload is not a JSON object (oh_push then finds that entry alone).
CREATE OR REPLACE FUNCTION oh_push_gate(p_device uuid, p_event uuid, p_admin boolean, p_entries text[],
                             p_drift bigint)
RETURNS TABLE (ord int, refused text) LANGUAGE sql STABLE
-- Inlined, its many subplans looked costly enough for JIT, which then spent
-- about 1 ms per entry compiling (measured: 2.3 s for a batch of 2000).
SET jit = off
AS $$
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
$$;
REVOKE ALL ON FUNCTION oh_push_gate(uuid, uuid, boolean, text[], bigint) FROM PUBLIC;
