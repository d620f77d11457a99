// Schema steps of the PostgreSQL central record (append-only, like the store's).
// Portable choices: UUID keys, no SERIAL order; the change feed is ordered by
// the writing transaction's id (xid8) and read only below the oldest running
// transaction, so a late commit is never skipped.
#include "core/central_pg_schema.hpp"

namespace oh {
namespace {

constexpr std::string_view kPgStep1 = R"sql(
CREATE TABLE oh_meta (key text PRIMARY KEY, value text NOT NULL);

CREATE TABLE events (
  id uuid PRIMARY KEY, name text NOT NULL, venue text NOT NULL DEFAULT '',
  timezone text NOT NULL DEFAULT 'UTC', starts_at bigint NOT NULL, ends_at bigint NOT NULL,
  slot_budget int NOT NULL DEFAULT 0, updated_at bigint NOT NULL);

CREATE TABLE event_keys (
  key_id text PRIMARY KEY, event_id uuid NOT NULL, public_key text NOT NULL,
  created_at bigint NOT NULL);

CREATE TABLE revocations (
  token_id text PRIMARY KEY, event_id uuid NOT NULL, reason text NOT NULL DEFAULT '',
  revoked_at bigint NOT NULL);

CREATE TABLE attendees (
  id uuid PRIMARY KEY, event_id uuid NOT NULL, full_name text NOT NULL, email text NOT NULL,
  role text NOT NULL, cohort text NOT NULL DEFAULT '', team text NOT NULL DEFAULT '',
  pronouns text NOT NULL DEFAULT '', strengths text NOT NULL DEFAULT '',
  blocked boolean NOT NULL DEFAULT false, updated_at bigint NOT NULL);

-- role_name: the PostgreSQL role this device logs in with (scripts/create-device-roles.sh).
CREATE TABLE devices (
  id uuid PRIMARY KEY, event_id uuid, name text NOT NULL, public_key text, certificate text,
  role_name text, registered_at bigint NOT NULL, revoked_at bigint);

CREATE TABLE showcases (
  id uuid PRIMARY KEY, event_id uuid NOT NULL, intern_id text, title text NOT NULL,
  brief text NOT NULL DEFAULT '', metric_name text NOT NULL DEFAULT '',
  metric_change text NOT NULL DEFAULT '', location text NOT NULL DEFAULT '',
  slot_start bigint NOT NULL DEFAULT 0, slot_end bigint NOT NULL DEFAULT 0,
  updated_at bigint NOT NULL);

-- A set per (event, attendee): the earliest live one is the check-in, the
-- other live ones point at it (repeat_of).
CREATE TABLE checkins (
  id uuid PRIMARY KEY, event_id uuid NOT NULL, attendee_id uuid NOT NULL, device_id uuid NOT NULL,
  method text NOT NULL, at bigint NOT NULL, repeat_of uuid, annulled_at bigint, annulled_by text);
CREATE INDEX checkins_by_attendee ON checkins (event_id, attendee_id);
-- One row per person checked in: its row lock serialises concurrent settles.
CREATE TABLE checkin_heads (
  event_id uuid NOT NULL, attendee_id uuid NOT NULL, touched bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (event_id, attendee_id));

CREATE TABLE scores (
  judge_id uuid NOT NULL, showcase_id uuid NOT NULL, id uuid NOT NULL, event_id uuid NOT NULL,
  criteria text NOT NULL DEFAULT '{}', total double precision, notes text NOT NULL DEFAULT '',
  encore boolean NOT NULL DEFAULT false, hlc text COLLATE "C" NOT NULL, device_id uuid NOT NULL,
  deleted boolean NOT NULL DEFAULT false, PRIMARY KEY (judge_id, showcase_id));

CREATE TABLE feedback (
  id uuid PRIMARY KEY, event_id uuid NOT NULL, author_id uuid NOT NULL, showcase_id uuid NOT NULL,
  rating int, text text NOT NULL DEFAULT '', created_at bigint NOT NULL, device_id uuid NOT NULL,
  UNIQUE (author_id, showcase_id));

CREATE TABLE tombstones (
  entity text NOT NULL, entity_id uuid NOT NULL, event_id uuid, deleted_at bigint NOT NULL,
  device_id uuid NOT NULL, PRIMARY KEY (entity, entity_id));

CREATE TABLE applied_keys (
  idem_key uuid PRIMARY KEY, device_id uuid NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());

CREATE TABLE change_log (
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(), pos int NOT NULL, idem_key uuid NOT NULL,
  device_id uuid NOT NULL, event_id uuid, kind text NOT NULL, payload text NOT NULL,
  PRIMARY KEY (xid, pos));
)sql";

// The sync functions: the only way a device role touches the tables.
constexpr std::string_view kPgStep2 = R"sql(
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
)sql";

// Least privilege: nobody but the owner runs the sync functions unless granted
// (scripts/create-device-roles.sh grants them to the openhouse_device group),
// and a device role's direct reads see only its own event's rows.
constexpr std::string_view kPgStep3 = R"sql(
REVOKE ALL ON FUNCTION oh_push(uuid, text, bigint), oh_pull(uuid, xid8, int, int), oh_ping(),
  oh_register_device(uuid, uuid, text, text, text) FROM PUBLIC;

CREATE FUNCTION oh_my_event() RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT event_id FROM devices WHERE role_name = session_user::text AND revoked_at IS NULL
$$;

ALTER TABLE devices ENABLE ROW LEVEL SECURITY;
CREATE POLICY device_self ON devices FOR SELECT USING (role_name = session_user::text);
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
CREATE POLICY device_event ON events FOR SELECT USING (id = oh_my_event());
ALTER TABLE event_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY device_event ON event_keys FOR SELECT USING (event_id = oh_my_event());
ALTER TABLE revocations ENABLE ROW LEVEL SECURITY;
CREATE POLICY device_event ON revocations FOR SELECT USING (event_id = oh_my_event());
ALTER TABLE attendees ENABLE ROW LEVEL SECURITY;
CREATE POLICY device_event ON attendees FOR SELECT USING (event_id = oh_my_event());
ALTER TABLE showcases ENABLE ROW LEVEL SECURITY;
CREATE POLICY device_event ON showcases FOR SELECT USING (event_id = oh_my_event());
ALTER TABLE checkins ENABLE ROW LEVEL SECURITY;
CREATE POLICY device_event ON checkins FOR SELECT USING (event_id = oh_my_event());
ALTER TABLE scores ENABLE ROW LEVEL SECURITY;
CREATE POLICY device_event ON scores FOR SELECT USING (event_id = oh_my_event());
ALTER TABLE feedback ENABLE ROW LEVEL SECURITY;
CREATE POLICY device_event ON feedback FOR SELECT USING (event_id = oh_my_event());
ALTER TABLE tombstones ENABLE ROW LEVEL SECURITY;
CREATE POLICY device_event ON tombstones FOR SELECT USING (event_id = oh_my_event());
)sql";

// Faster pushes (docs/sync.md, "Push"): the feed row is the idempotency record,
// the batch may come in a compact text form, and check-in sets are serialised
// with advisory locks instead of a lock row per person.
//
// 1. change_log.idem_key is unique and a key is claimed by inserting its feed
//    row (ON CONFLICT (idem_key) DO NOTHING): one indexed row per entry
//    instead of two. applied_keys stays as a view for the tools and tests.
//    Feed rows doubled by a batch that held one key twice (the previous
//    oh_push applied both copies; re-applying is harmless) are dropped first.
// 2. oh_push keeps its signature (grants stay valid) and takes either the
//    JSON array of earlier versions or entries "key US kind US payload"
//    separated by RS (U+001F, U+001E; never raw in JSON text, so payloads pass
//    unescaped and are parsed once).
// 3. People whose check-in sets change are locked with transaction-scoped
//    advisory locks on 256 hash buckets, taken in bucket order (a big batch
//    holds at most 256 locks; two pushes touching the same bucket queue).
//    checkin_heads is no longer written.
constexpr std::string_view kPgStep4 = R"sql(
DELETE FROM change_log a USING change_log b
WHERE a.idem_key = b.idem_key AND (a.xid, a.pos) > (b.xid, b.pos);
CREATE UNIQUE INDEX change_log_idem_key ON change_log (idem_key);
DROP TABLE applied_keys;
CREATE VIEW applied_keys AS
  SELECT idem_key, device_id FROM change_log WHERE kind <> 'device.register';

CREATE OR REPLACE FUNCTION oh_push(p_device uuid, p_batch text, p_max_drift_ms bigint)
RETURNS TABLE (statuses text, refused_reason text)
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
  v_now bigint := oh_now_ms();
  v_kinds text[];
  v_settle bigint;
BEGIN
  PERFORM oh_check_device(p_device);
  -- Session scratch tables, created once (no NOTICE on later calls) and
  -- emptied at commit.
  IF to_regclass('pg_temp.oh_entries') IS NULL THEN
    CREATE TEMP TABLE oh_entries (
      ord int, idem_key uuid, kind text, p jsonb, fresh boolean, refused text)
      ON COMMIT DELETE ROWS;
    CREATE TEMP TABLE oh_people (event_id uuid, attendee_id uuid) ON COMMIT DELETE ROWS;
  END IF;

  -- Parse, vet, and claim every key with its feed row, in one statement: an
  -- entry is fresh when its feed row went in (a key already in the feed, or
  -- twice in this batch, is a duplicate).
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
    SELECT x.ord, x.k::uuid AS idem_key, x.t AS kind, x.payload, x.payload::jsonb AS p FROM raw x),
  judged AS (
    SELECT x.*, CASE
      WHEN x.kind NOT IN ('event.upsert', 'event_key.add', 'token.revoke', 'attendee.upsert',
                          'showcase.upsert', 'checkin.create', 'checkin.annul', 'score.upsert',
                          'score.delete', 'feedback.create', 'feedback.delete')
        THEN 'unknown kind ' || x.kind
      WHEN x.kind IN ('score.upsert', 'score.delete')
           AND left(x.p->>'hlc', 18)::bigint > v_now + p_max_drift_ms
        THEN 'clock ' || ((left(x.p->>'hlc', 18)::bigint - v_now) / 1000) || ' s ahead of the central'
      END AS refused
    FROM parsed x),
  claimed AS (
    INSERT INTO change_log (pos, idem_key, device_id, event_id, kind, payload)
    SELECT j.ord, j.idem_key, p_device,
           (CASE WHEN j.kind = 'event.upsert' THEN j.p->>'id' ELSE j.p->>'event_id' END)::uuid,
           j.kind, j.payload
    FROM judged j WHERE j.refused IS NULL ORDER BY j.idem_key
    ON CONFLICT (idem_key) DO NOTHING RETURNING change_log.pos)
  INSERT INTO oh_entries (ord, idem_key, kind, p, fresh, refused)
  SELECT j.ord, j.idem_key, j.kind, j.p, c.pos IS NOT NULL, j.refused
  FROM judged j LEFT JOIN claimed c ON c.pos = j.ord;

  -- Only the statements for kinds present in the batch run.
  SELECT array_agg(DISTINCT b.kind) INTO v_kinds FROM oh_entries b WHERE b.fresh;
  v_kinds := coalesce(v_kinds, '{}');

  IF 'event.upsert' = ANY (v_kinds) THEN
    INSERT INTO events (id, name, venue, timezone, starts_at, ends_at, slot_budget, updated_at)
    SELECT DISTINCT ON ((p->>'id')::uuid) (p->>'id')::uuid, p->>'name', coalesce(p->>'venue', ''),
           coalesce(p->>'timezone', 'UTC'), (p->>'starts_at')::bigint, (p->>'ends_at')::bigint,
           coalesce((p->>'slot_budget')::int, 0), v_now
    FROM oh_entries b WHERE b.fresh AND b.kind = 'event.upsert' ORDER BY (p->>'id')::uuid, b.ord DESC
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, venue = excluded.venue,
      timezone = excluded.timezone, starts_at = excluded.starts_at, ends_at = excluded.ends_at,
      slot_budget = excluded.slot_budget, updated_at = excluded.updated_at;
  END IF;

  IF 'event_key.add' = ANY (v_kinds) THEN
    INSERT INTO event_keys (key_id, event_id, public_key, created_at)
    SELECT DISTINCT ON (p->>'key_id') p->>'key_id', (p->>'event_id')::uuid, p->>'public_key', v_now
    FROM oh_entries b WHERE b.fresh AND b.kind = 'event_key.add' ORDER BY p->>'key_id'
    ON CONFLICT (key_id) DO NOTHING;
  END IF;

  IF 'token.revoke' = ANY (v_kinds) THEN
    INSERT INTO revocations (token_id, event_id, reason, revoked_at)
    SELECT DISTINCT ON (p->>'token_id') p->>'token_id', (p->>'event_id')::uuid,
           coalesce(p->>'reason', ''), v_now
    FROM oh_entries b WHERE b.fresh AND b.kind = 'token.revoke' ORDER BY p->>'token_id'
    ON CONFLICT (token_id) DO NOTHING;
  END IF;

  IF 'attendee.upsert' = ANY (v_kinds) THEN
    INSERT INTO attendees (id, event_id, full_name, email, role, cohort, team, pronouns, strengths,
                           blocked, updated_at)
    SELECT DISTINCT ON ((p->>'id')::uuid) (p->>'id')::uuid, (p->>'event_id')::uuid, p->>'full_name',
           p->>'email', p->>'role', coalesce(p->>'cohort', ''), coalesce(p->>'team', ''),
           coalesce(p->>'pronouns', ''), coalesce(p->>'strengths', ''),
           coalesce((p->>'blocked')::boolean, false), coalesce((p->>'updated_at')::bigint, 0)
    FROM oh_entries b WHERE b.fresh AND b.kind = 'attendee.upsert'
    ORDER BY (p->>'id')::uuid, coalesce((p->>'updated_at')::bigint, 0) DESC, b.ord DESC
    ON CONFLICT (id) DO UPDATE SET full_name = excluded.full_name, email = excluded.email,
      role = excluded.role, cohort = excluded.cohort, team = excluded.team,
      pronouns = excluded.pronouns, strengths = excluded.strengths, blocked = excluded.blocked,
      updated_at = excluded.updated_at
    WHERE excluded.updated_at > attendees.updated_at;
  END IF;

  IF 'showcase.upsert' = ANY (v_kinds) THEN
    INSERT INTO showcases (id, event_id, intern_id, title, brief, metric_name, metric_change,
                           location, slot_start, slot_end, updated_at)
    SELECT DISTINCT ON ((p->>'id')::uuid) (p->>'id')::uuid, (p->>'event_id')::uuid,
           NULLIF(p->>'intern_id', ''), p->>'title', coalesce(p->>'brief', ''),
           coalesce(p->>'metric_name', ''), coalesce(p->>'metric_change', ''),
           coalesce(p->>'location', ''), coalesce((p->>'slot_start')::bigint, 0),
           coalesce((p->>'slot_end')::bigint, 0), coalesce((p->>'updated_at')::bigint, 0)
    FROM oh_entries b WHERE b.fresh AND b.kind = 'showcase.upsert'
    ORDER BY (p->>'id')::uuid, coalesce((p->>'updated_at')::bigint, 0) DESC, b.ord DESC
    ON CONFLICT (id) DO UPDATE SET intern_id = excluded.intern_id, title = excluded.title,
      brief = excluded.brief, metric_name = excluded.metric_name,
      metric_change = excluded.metric_change, location = excluded.location,
      slot_start = excluded.slot_start, slot_end = excluded.slot_end,
      updated_at = excluded.updated_at
    WHERE excluded.updated_at > showcases.updated_at;
  END IF;

  IF v_kinds && ARRAY['checkin.create', 'checkin.annul'] THEN
    -- Lock the people whose check-in sets change, bucket by bucket in order
    -- (no deadlocks). The lock comes first and the look at their existing
    -- check-ins after it, in a later statement (a fresh snapshot): whatever
    -- another push committed for them before we got the lock is seen.
    PERFORM pg_advisory_xact_lock(7433002, s.bucket) FROM (
      SELECT DISTINCT hashtext(w.attendee_id::text) & 255 AS bucket FROM (
        SELECT (b.p->>'attendee_id')::uuid AS attendee_id FROM oh_entries b
        WHERE b.fresh AND b.kind = 'checkin.create'
        UNION ALL
        SELECT c.attendee_id FROM oh_entries b JOIN checkins c ON c.id = (b.p->>'id')::uuid
        WHERE b.fresh AND b.kind = 'checkin.annul') w
      ORDER BY 1) s;

    -- The sets that may now hold more than one live check-in: a person with
    -- check-ins already, twice in this batch, or annulled. Only those settle.
    -- (One index probe per person, LIMIT 1: never a scan of all check-ins.)
    INSERT INTO oh_people
    SELECT g.event_id, g.attendee_id FROM (
      SELECT w.event_id, w.attendee_id, sum(w.n) AS n FROM (
        SELECT (b.p->>'event_id')::uuid AS event_id, (b.p->>'attendee_id')::uuid AS attendee_id,
               1 AS n
        FROM oh_entries b WHERE b.fresh AND b.kind = 'checkin.create'
        UNION ALL
        SELECT c.event_id, c.attendee_id, 2 FROM oh_entries b
        JOIN checkins c ON c.id = (b.p->>'id')::uuid
        WHERE b.fresh AND b.kind = 'checkin.annul') w
      GROUP BY w.event_id, w.attendee_id) g
    LEFT JOIN LATERAL (SELECT true AS seen FROM checkins c
                       WHERE c.event_id = g.event_id AND c.attendee_id = g.attendee_id
                       LIMIT 1) e ON true
    WHERE g.n > 1 OR e.seen;
    GET DIAGNOSTICS v_settle = ROW_COUNT;

    INSERT INTO checkins (id, event_id, attendee_id, device_id, method, at)
    SELECT (p->>'id')::uuid, (p->>'event_id')::uuid, (p->>'attendee_id')::uuid,
           coalesce((p->>'device_id')::uuid, p_device), coalesce(p->>'method', ''),
           (p->>'at')::bigint
    FROM oh_entries b WHERE b.fresh AND b.kind = 'checkin.create'
    ON CONFLICT (id) DO NOTHING;

    IF 'checkin.annul' = ANY (v_kinds) THEN
      UPDATE checkins c SET annulled_at = (b.p->>'annulled_at')::bigint,
                            annulled_by = coalesce(b.p->>'annulled_by', '')
      FROM oh_entries b
      WHERE b.fresh AND b.kind = 'checkin.annul' AND c.id = (b.p->>'id')::uuid
        AND c.annulled_at IS NULL;
    END IF;

    -- Settle those sets: the earliest live check-in wins, later live ones are
    -- repeats of it, annulled ones point nowhere.
    IF v_settle > 0 THEN
      WITH ranked AS (
        SELECT c.id, CASE WHEN c.annulled_at IS NOT NULL THEN NULL
                          ELSE NULLIF(first_value(c.id) OVER w, c.id) END AS want
        FROM oh_people t JOIN checkins c USING (event_id, attendee_id)
        WINDOW w AS (PARTITION BY c.event_id, c.attendee_id
                     ORDER BY (c.annulled_at IS NOT NULL), c.at, c.id))
      UPDATE checkins c SET repeat_of = r.want FROM ranked r
      WHERE c.id = r.id AND c.repeat_of IS DISTINCT FROM r.want;
    END IF;
  END IF;

  IF v_kinds && ARRAY['score.upsert', 'score.delete'] THEN
    INSERT INTO scores (judge_id, showcase_id, id, event_id, criteria, total, notes, encore, hlc,
                        device_id, deleted)
    SELECT DISTINCT ON ((p->>'judge_id')::uuid, (p->>'showcase_id')::uuid)
           (p->>'judge_id')::uuid, (p->>'showcase_id')::uuid, (p->>'id')::uuid,
           (p->>'event_id')::uuid, coalesce(p->>'criteria', '{}'), (p->>'total')::double precision,
           coalesce(p->>'notes', ''), coalesce((p->>'encore')::boolean, false), p->>'hlc',
           coalesce((p->>'device_id')::uuid, p_device), coalesce((p->>'deleted')::boolean, false)
    FROM oh_entries b WHERE b.fresh AND b.kind IN ('score.upsert', 'score.delete')
    ORDER BY (p->>'judge_id')::uuid, (p->>'showcase_id')::uuid, p->>'hlc' COLLATE "C" DESC
    ON CONFLICT (judge_id, showcase_id) DO UPDATE SET id = excluded.id,
      criteria = excluded.criteria, total = excluded.total, notes = excluded.notes,
      encore = excluded.encore, hlc = excluded.hlc, device_id = excluded.device_id,
      deleted = excluded.deleted
    WHERE excluded.hlc > scores.hlc;
  END IF;

  IF 'feedback.create' = ANY (v_kinds) THEN
    INSERT INTO feedback (id, event_id, author_id, showcase_id, rating, text, created_at, device_id)
    SELECT DISTINCT ON ((p->>'author_id')::uuid, (p->>'showcase_id')::uuid)
           (p->>'id')::uuid, (p->>'event_id')::uuid, (p->>'author_id')::uuid,
           (p->>'showcase_id')::uuid, (p->>'rating')::int, coalesce(p->>'text', ''),
           (p->>'created_at')::bigint, coalesce((p->>'device_id')::uuid, p_device)
    FROM oh_entries b WHERE b.fresh AND b.kind = 'feedback.create'
    ORDER BY (p->>'author_id')::uuid, (p->>'showcase_id')::uuid, (p->>'created_at')::bigint,
             (p->>'id')::uuid
    ON CONFLICT (author_id, showcase_id) DO UPDATE SET id = excluded.id,
      event_id = excluded.event_id, rating = excluded.rating, text = excluded.text,
      created_at = excluded.created_at, device_id = excluded.device_id
    WHERE (excluded.created_at, excluded.id) < (feedback.created_at, feedback.id);
  END IF;

  IF 'feedback.delete' = ANY (v_kinds) THEN
    INSERT INTO tombstones (entity, entity_id, event_id, deleted_at, device_id)
    SELECT DISTINCT ON ((p->>'id')::uuid) 'feedback', (p->>'id')::uuid, (p->>'event_id')::uuid,
           (p->>'deleted_at')::bigint, coalesce((p->>'device_id')::uuid, p_device)
    FROM oh_entries b WHERE b.fresh AND b.kind = 'feedback.delete' ORDER BY (p->>'id')::uuid
    ON CONFLICT (entity, entity_id) DO NOTHING;
  END IF;

  RETURN QUERY
  SELECT string_agg(CASE WHEN b.refused IS NOT NULL THEN 'r' WHEN b.fresh THEN 'a' ELSE 'd' END,
                    '' ORDER BY b.ord),
         min(b.refused)
  FROM oh_entries b;
END $$;
)sql";

// No scratch tables in oh_push (docs/sync.md, "Push"): writing each entry to
// a session temp table and emptying it at commit cost about as much as
// applying it. The batch is parsed once into an array in memory, and the keys,
// the feed rows and every kind's effect go in one statement of data-modifying
// CTEs; only the advisory locks (which must come before the statement whose
// snapshot looks at a person's earlier check-ins), annulments (which must see
// check-ins created in the same batch) and settling (which must see both)
// are statements of their own, run only when the batch holds such entries.
constexpr std::string_view kPgStep5 = R"sql(
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
)sql";

}  // namespace

const std::vector<std::string_view>& centralPgMigrations() {
    static const std::vector<std::string_view> steps{kPgStep1, kPgStep2, kPgStep3, kPgStep4,
                                                         kPgStep5};
    return steps;
}

}  // namespace oh
