-- Step 16: conversion slots (core/slots/slot_rules.hpp). Escrow grants lease part of an
-- event's budget to one device until expires_at (the central's clock) or until returned or
-- reclaimed (ended_at); slots are issued from a grant (from_grant: counted against it) or
-- from the pool; slot_acts is the leads' log. `version` counts a slot's changes. At most one
-- live slot (issued, held, accepted) per intern and event, enforced by a partial unique index
-- as well as by oh_slot_issue. The grant's reclaim margin is the server's ('grant_margin_ms').
CREATE TABLE slot_grants (
  id         uuid PRIMARY KEY,
  event_id   uuid NOT NULL,
  device_id  uuid NOT NULL,
  size       int NOT NULL CHECK (size > 0),
  granted_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  ended_at   bigint NOT NULL DEFAULT 0,
  ended_how  text NOT NULL DEFAULT ''
);
CREATE INDEX slot_grants_live ON slot_grants (event_id) WHERE ended_at = 0;
CREATE TABLE slots (
  id          uuid PRIMARY KEY,
  event_id    uuid NOT NULL,
  intern_id   uuid NOT NULL,
  showcase_id uuid,
  device_id   uuid,
  grant_id    uuid,
  from_grant  boolean NOT NULL DEFAULT false,
  issued_at   bigint NOT NULL,
  state       text NOT NULL,
  state_at    bigint NOT NULL,
  reason      text NOT NULL DEFAULT '',
  explanation text NOT NULL DEFAULT '',
  version     int NOT NULL DEFAULT 1
);
CREATE INDEX slots_event ON slots (event_id);
CREATE INDEX slots_grant ON slots (grant_id) WHERE from_grant;
CREATE UNIQUE INDEX slots_one_live ON slots (event_id, intern_id)
  WHERE state IN ('issued', 'held', 'accepted');
CREATE TABLE slot_acts (
  slot_id    uuid NOT NULL,
  seq        int NOT NULL,
  act        text NOT NULL,
  from_state text NOT NULL,
  to_state   text NOT NULL,
  actor      text NOT NULL,
  device_id  uuid,
  at         bigint NOT NULL,
  reason     text NOT NULL,
  PRIMARY KEY (slot_id, seq)
);
REVOKE ALL ON slot_grants, slots, slot_acts FROM PUBLIC;
INSERT INTO oh_meta (key, value) VALUES ('grant_margin_ms', '600000') ON CONFLICT (key) DO NOTHING;
