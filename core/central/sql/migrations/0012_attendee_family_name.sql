-- Step 12: a person's family name when the roster gave it in its own column (Last
-- Name), so the short name takes its initial ("José Muñoz García" -> "José M.").
-- '' for every person from before this step and when only the full name is known.
-- oh_push_apply and oh_merge_people (functions/) carry it like the other fields;
-- the devices read it from the feed's attendee.upsert payloads ("family_name").
ALTER TABLE attendees ADD COLUMN family_name text NOT NULL DEFAULT '';
