-- Step 13: when the lead closed judging (Unix ms; 0 while open), from the event.upsert
-- payload's "judging_closed_at" (oh_push_apply). oh_push_gate refuses a device's score
-- stamped (by its clock) at or after it; one written before the close and pushed later
-- still counts. The devices read it from the feed and refuse late scores themselves.
ALTER TABLE events ADD COLUMN judging_closed_at bigint NOT NULL DEFAULT 0;
