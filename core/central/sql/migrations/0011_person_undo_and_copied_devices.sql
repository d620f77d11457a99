-- Step 11: an undo annuls the person's check-in; copied device stores are
-- noticed; the program team sees when each device was last heard from.

-- An annulment ("checkin.annul") names the check-in staff picked ("id") and,
-- since this step, every check-in of the person the undoing device held
-- ("annuls": they happened before the undo). A listed check-in is annulled
-- only within the annulment's own event (the gate keeps a device to its
-- event). Where several annulments name one check-in, the earliest
-- (annulled_at, annulled_by) is shown, as on the devices. Before, a repeat of
-- the person merged from another kiosk became the check-in after an undo.
CREATE OR REPLACE VIEW checkins WITH (security_barrier) AS
-- Materialized: computed once per read, then joined by id (inlined, it was
-- scanned again for every check-in: minutes for 30,000).
WITH annulled AS MATERIALIZED (
  SELECT r.id, NULL::uuid AS event_id, r.annulled_at, coalesce(r.annulled_by, '') AS annulled_by
  FROM change_log l, jsonb_to_record(l.payload::jsonb)
                       AS r(id uuid, annulled_at bigint, annulled_by text)
  WHERE l.kind = 'checkin.annul'
  UNION ALL
  -- Typed by hand: a malformed field must not make the view unreadable.
  SELECT n.id::uuid, oh_uuid_or_null(r.event_id), r.annulled_at, coalesce(r.annulled_by, '')
  FROM change_log l
  CROSS JOIN jsonb_to_record(l.payload::jsonb)
             AS r(event_id text, annulled_at bigint, annulled_by text, annuls jsonb)
  CROSS JOIN jsonb_array_elements_text(CASE WHEN jsonb_typeof(r.annuls) = 'array'
                                            THEN r.annuls ELSE '[]'::jsonb END) AS n(id)
  WHERE l.kind = 'checkin.annul' AND oh_is_uuid(n.id) AND oh_is_uuid(r.event_id))
SELECT k.id, k.event_id, k.attendee_id, k.device_id, k.method, k.at,
       CASE WHEN k.annulled_at IS NULL THEN NULLIF(first_value(k.id) OVER w, k.id) END AS repeat_of,
       k.annulled_at, k.annulled_by
FROM (SELECT DISTINCT ON (c.id) c.id, c.event_id, c.attendee_id, c.device_id, c.method, c.at,
             a.annulled_at, a.annulled_by
      FROM (SELECT DISTINCT ON (r.id) r.id, r.event_id,
                   coalesce(m.canonical_id, r.attendee_id) AS attendee_id,
                   coalesce(r.device_id, l.device_id) AS device_id, coalesce(r.method, '') AS method,
                   r.at
            FROM change_log l
            CROSS JOIN jsonb_to_record(l.payload::jsonb)
                   AS r(id uuid, event_id uuid, attendee_id uuid, device_id uuid, method text, at bigint)
            LEFT JOIN attendee_canonical m ON m.id = r.attendee_id
            WHERE l.kind = 'checkin.create'
              AND ((SELECT oh_reads_every_event()) OR l.event_id = (SELECT oh_my_event()))
            ORDER BY r.id, l.xid, l.pos) c
      LEFT JOIN annulled a ON a.id = c.id AND (a.event_id IS NULL OR a.event_id = c.event_id)
      ORDER BY c.id, a.annulled_at, a.annulled_by COLLATE "C") k
WINDOW w AS (PARTITION BY k.event_id, k.attendee_id ORDER BY (k.annulled_at IS NOT NULL), k.at, k.id);

-- Each device's outbox sequence numbers with their keys. A store copied to a
-- second laptop keeps the device id and numbers its new entries from the same
-- point as the original: the same number under another key is a copy, and its
-- pushes are refused (oh_push_seq). Only keys the central claimed are kept,
-- so a refused entry sent again later is never taken for a copy.
CREATE TABLE device_seqs (
  device_id uuid NOT NULL,
  seq bigint NOT NULL,
  idem_key uuid NOT NULL,
  PRIMARY KEY (device_id, seq));

-- When a copy was first refused, and when the device last pushed or pulled.
ALTER TABLE devices ADD COLUMN copy_seen_at bigint;
ALTER TABLE devices ADD COLUMN last_seen_at bigint;
