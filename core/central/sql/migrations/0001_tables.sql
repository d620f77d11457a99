
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
