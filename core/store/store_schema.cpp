#include "core/store/store_schema.hpp"

namespace oh {
namespace {

// Version 1: events, keys, roster, devices, check-ins, the outbox.
constexpr std::string_view kStep1 = R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE events (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  venue       TEXT NOT NULL DEFAULT '',
  timezone    TEXT NOT NULL DEFAULT 'UTC',
  starts_at   INTEGER NOT NULL,
  ends_at     INTEGER NOT NULL,
  slot_budget INTEGER NOT NULL DEFAULT 0 CHECK (slot_budget >= 0),
  updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE event_keys (
  key_id     TEXT PRIMARY KEY,
  event_id   TEXT NOT NULL REFERENCES events(id),
  public_key TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  retired_at INTEGER
) STRICT;

CREATE TABLE attendees (
  id         TEXT PRIMARY KEY,
  event_id   TEXT NOT NULL REFERENCES events(id),
  full_name  TEXT NOT NULL,
  email      TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('intern', 'guest', 'staff', 'lead')),
  cohort     TEXT NOT NULL DEFAULT '',
  team       TEXT NOT NULL DEFAULT '',
  pronouns   TEXT NOT NULL DEFAULT '',
  strengths  TEXT NOT NULL DEFAULT '',
  blocked    INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (event_id, email)
) STRICT;

CREATE TABLE devices (
  id            TEXT PRIMARY KEY,
  event_id      TEXT REFERENCES events(id),
  name          TEXT NOT NULL,
  public_key    TEXT,
  certificate   TEXT,
  registered_at INTEGER NOT NULL,
  revoked_at    INTEGER
) STRICT;

-- repeat_of: later check-ins of the same person merged from other devices
-- (the first wins; the others are kept as repeats).
CREATE TABLE checkins (
  id          TEXT PRIMARY KEY,
  event_id    TEXT NOT NULL REFERENCES events(id),
  attendee_id TEXT NOT NULL REFERENCES attendees(id),
  device_id   TEXT NOT NULL,
  method      TEXT NOT NULL,
  at          INTEGER NOT NULL,
  repeat_of   TEXT,
  annulled_at INTEGER,
  annulled_by TEXT
) STRICT;
CREATE UNIQUE INDEX checkins_one_active ON checkins (event_id, attendee_id)
  WHERE annulled_at IS NULL AND repeat_of IS NULL;

CREATE TABLE outbox (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  idem_key   TEXT NOT NULL UNIQUE,
  kind       TEXT NOT NULL,
  payload    TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at    INTEGER
) STRICT;
CREATE INDEX outbox_pending ON outbox (seq) WHERE sent_at IS NULL;
)sql";

// Version 2: judging, feedback, offer slots, revocations, the audit log.
constexpr std::string_view kStep2 = R"sql(
CREATE TABLE revocations (
  token_id   TEXT PRIMARY KEY,
  event_id   TEXT NOT NULL REFERENCES events(id),
  reason     TEXT NOT NULL DEFAULT '',
  revoked_at INTEGER NOT NULL
) STRICT;

CREATE TABLE showcases (
  id            TEXT PRIMARY KEY,
  event_id      TEXT NOT NULL REFERENCES events(id),
  intern_id     TEXT REFERENCES attendees(id),
  title         TEXT NOT NULL,
  brief         TEXT NOT NULL DEFAULT '',
  metric_name   TEXT NOT NULL DEFAULT '',
  metric_change TEXT NOT NULL DEFAULT '',
  location      TEXT NOT NULL DEFAULT '',
  slot_start    INTEGER NOT NULL DEFAULT 0,
  slot_end      INTEGER NOT NULL DEFAULT 0,
  updated_at    INTEGER NOT NULL
) STRICT;

-- Last writer wins per (judge, showcase) by hybrid logical clock.
CREATE TABLE scores (
  id          TEXT PRIMARY KEY,
  event_id    TEXT NOT NULL REFERENCES events(id),
  judge_id    TEXT NOT NULL REFERENCES attendees(id),
  showcase_id TEXT NOT NULL REFERENCES showcases(id),
  criteria    TEXT NOT NULL DEFAULT '{}',
  total       REAL,
  notes       TEXT NOT NULL DEFAULT '',
  encore      INTEGER NOT NULL DEFAULT 0,
  hlc         TEXT NOT NULL,
  device_id   TEXT NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0,
  UNIQUE (judge_id, showcase_id)
) STRICT;

-- One per person per showcase (until step 10 the first stood; since, the newest).
CREATE TABLE feedback (
  id          TEXT PRIMARY KEY,
  event_id    TEXT NOT NULL REFERENCES events(id),
  author_id   TEXT NOT NULL REFERENCES attendees(id),
  showcase_id TEXT NOT NULL REFERENCES showcases(id),
  rating      INTEGER,
  text        TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  device_id   TEXT NOT NULL,
  UNIQUE (author_id, showcase_id)
) STRICT;

CREATE TABLE offer_slots (
  id          TEXT PRIMARY KEY,
  event_id    TEXT NOT NULL REFERENCES events(id),
  attendee_id TEXT NOT NULL REFERENCES attendees(id),
  status      TEXT NOT NULL CHECK (status IN ('issued', 'accepted', 'declined', 'returned')),
  issued_at   INTEGER NOT NULL,
  device_id   TEXT NOT NULL,
  grant_id    TEXT,
  explanation TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY,
  at      INTEGER NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  detail  TEXT NOT NULL DEFAULT ''
) STRICT;
)sql";

// Version 3: sync. Tombstones for deletes that must travel; on the embedded
// central record (which uses this same schema) the keys applied once and the
// change feed devices pull from, in commit order (one writer at a time).
constexpr std::string_view kStep3 = R"sql(
CREATE TABLE tombstones (
  entity     TEXT NOT NULL,
  entity_id  TEXT NOT NULL,
  event_id   TEXT,
  deleted_at INTEGER NOT NULL,
  device_id  TEXT NOT NULL,
  PRIMARY KEY (entity, entity_id)
) STRICT;

CREATE TABLE applied_keys (
  idem_key   TEXT PRIMARY KEY,
  device_id  TEXT NOT NULL,
  applied_at INTEGER NOT NULL
) STRICT;

CREATE TABLE change_log (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  idem_key   TEXT NOT NULL UNIQUE,
  device_id  TEXT NOT NULL,
  event_id   TEXT,
  kind       TEXT NOT NULL,
  payload    TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX checkins_by_attendee ON checkins (event_id, attendee_id);
)sql";

// Version 4: one person, two records (the same e-mail in one event, e.g. a
// walk-in registered on two offline kiosks). The record with the smaller id
// is kept; the other id is remembered here, so records that still name it
// (check-ins, badges) reach the kept one.
constexpr std::string_view kStep4 = R"sql(
CREATE TABLE attendee_aliases (
  alias_id     TEXT PRIMARY KEY,
  canonical_id TEXT NOT NULL,
  event_id     TEXT NOT NULL
) STRICT;
)sql";

// Version 5: records pulled from the central that this replica cannot apply
// (a reference it does not know, a kind from a newer version). They wait here,
// visible in `openhouse sync status`, and are tried again after each pull;
// the rest of the feed goes on (one bad record never stops a device's sync).
constexpr std::string_view kStep5 = R"sql(
CREATE TABLE quarantine (
  idem_key      TEXT PRIMARY KEY,
  origin_device TEXT NOT NULL,
  kind          TEXT NOT NULL,
  payload       TEXT NOT NULL,
  reason        TEXT NOT NULL,
  first_seen    INTEGER NOT NULL,
  attempts      INTEGER NOT NULL DEFAULT 1
) STRICT;
)sql";

// Version 6: an undo annuls the person's check-in on every replica. Each
// annulment names the check-ins it annuls (those of the person the undoing
// replica held, "happened before" it); they are kept here, so a check-in that
// arrives after its annulment is annulled on arrival. event_id '' = the
// check-in the staff picked (any event: the first releases named only it).
// On the embedded central: each device's outbox sequence numbers with their
// keys (a second store with the same device id pushes other keys under the
// same numbers: a copied store), and when each device was last seen.
constexpr std::string_view kStep6 = R"sql(
CREATE TABLE checkin_annulments (
  checkin_id  TEXT NOT NULL,
  event_id    TEXT NOT NULL,
  annulled_at INTEGER NOT NULL,
  annulled_by TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (checkin_id, annulled_at, annulled_by, event_id)
) STRICT, WITHOUT ROWID;
INSERT OR IGNORE INTO checkin_annulments (checkin_id, event_id, annulled_at, annulled_by)
  SELECT id, '', annulled_at, coalesce(annulled_by, '') FROM checkins WHERE annulled_at IS NOT NULL;

CREATE TABLE device_seqs (
  device_id TEXT NOT NULL,
  seq       INTEGER NOT NULL,
  idem_key  TEXT NOT NULL,
  PRIMARY KEY (device_id, seq)
) STRICT, WITHOUT ROWID;
ALTER TABLE devices ADD COLUMN copy_seen_at INTEGER;
ALTER TABLE devices ADD COLUMN last_seen_at INTEGER;
)sql";

// Version 7: the family name when the roster gave it in its own column (Last Name), so the
// short name takes its initial ("José Muñoz García" -> "José M."); '' when only the full
// name is known (every record from before this step).
constexpr std::string_view kStep7 = R"sql(
ALTER TABLE attendees ADD COLUMN family_name TEXT NOT NULL DEFAULT '';
)sql";

// Version 8: team demos. The presenting interns as a JSON array of attendee ids, in order
// (intern_id stays the first, so older devices and the judging sheet still read a demo);
// '[]' on every demo from before this step, which intern_id alone presents.
constexpr std::string_view kStep8 = R"sql(
ALTER TABLE showcases ADD COLUMN presenter_ids TEXT NOT NULL DEFAULT '[]';
)sql";

// Version 9: when the lead closed judging (Unix ms; 0 while open), synced in event.upsert.
constexpr std::string_view kStep9 = R"sql(
ALTER TABLE events ADD COLUMN judging_closed_at INTEGER NOT NULL DEFAULT 0;
)sql";

// Version 10: peer feedback's three quick questions, as a JSON array of levels ("[4,5,3]"),
// synced in feedback.create; '[]' on feedback from before this step (its rating alone).
// A second feedback of one person on one demo now replaces the first (the newest wins),
// which the UNIQUE (author_id, showcase_id) of step 2 still fits.
constexpr std::string_view kStep10 = R"sql(
ALTER TABLE feedback ADD COLUMN answers TEXT NOT NULL DEFAULT '[]';
)sql";

// Version 11: conversion slots (core/slots/). Grants are escrow leases of an event's budget:
// the central holds every device's, a device its own (with the expiry on its own clock,
// local_expires_at). Slots are issued from a grant (from_grant: counted against it) or from
// the pool; `version` is the central's count of changes to the row (0: issued on this device
// and not yet confirmed). Acts are the leads' log (accept, revoke, ...), kept centrally.
constexpr std::string_view kStep11 = R"sql(
CREATE TABLE slot_grants (
  id               TEXT PRIMARY KEY,
  event_id         TEXT NOT NULL,
  device_id        TEXT NOT NULL,
  size             INTEGER NOT NULL,
  granted_at       INTEGER NOT NULL,
  expires_at       INTEGER NOT NULL,
  ended_at         INTEGER NOT NULL DEFAULT 0,
  ended_how        TEXT NOT NULL DEFAULT '',
  local_expires_at INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX slot_grants_event ON slot_grants (event_id, ended_at);
CREATE TABLE slots (
  id          TEXT PRIMARY KEY,
  event_id    TEXT NOT NULL,
  intern_id   TEXT NOT NULL,
  showcase_id TEXT NOT NULL DEFAULT '',
  device_id   TEXT NOT NULL DEFAULT '',
  grant_id    TEXT NOT NULL DEFAULT '',
  from_grant  INTEGER NOT NULL DEFAULT 0,
  issued_at   INTEGER NOT NULL,
  state       TEXT NOT NULL,
  state_at    INTEGER NOT NULL,
  reason      TEXT NOT NULL DEFAULT '',
  explanation TEXT NOT NULL DEFAULT '',
  version     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX slots_event_intern ON slots (event_id, intern_id);
CREATE INDEX slots_grant ON slots (grant_id);
CREATE TABLE slot_acts (
  slot_id    TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  act        TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state   TEXT NOT NULL,
  actor      TEXT NOT NULL,
  device_id  TEXT NOT NULL,
  at         INTEGER NOT NULL,
  reason     TEXT NOT NULL,
  PRIMARY KEY (slot_id, seq)
) STRICT;
)sql";

// Each device's last sync health report (device.health), newest report wins.
constexpr std::string_view kStep12 = R"sql(
CREATE TABLE device_health (
  device_id       TEXT PRIMARY KEY,
  event_id        TEXT NOT NULL,
  reported_at     INTEGER NOT NULL,
  backlog         INTEGER NOT NULL,
  clock_offset_ms INTEGER NOT NULL
) STRICT;
)sql";

// Encore assignments (encore.upsert), the record as written: the newest version wins.
constexpr std::string_view kStep13 = R"sql(
CREATE TABLE encores (
  id          TEXT PRIMARY KEY,
  event_id    TEXT NOT NULL,
  showcase_id TEXT NOT NULL,
  intern_id   TEXT NOT NULL,
  updated_at  INTEGER NOT NULL,
  payload     TEXT NOT NULL
) STRICT;
CREATE INDEX encores_event ON encores (event_id);
)sql";

}  // namespace

const std::vector<std::string_view>& storeMigrations() {
    static const std::vector<std::string_view> steps{kStep1,  kStep2,  kStep3, kStep4, kStep5,
                                                     kStep6,  kStep7,  kStep8, kStep9, kStep10,
                                                     kStep11, kStep12, kStep13};
    return steps;
}

}  // namespace oh
