-- Step 14: peer feedback's three quick questions: feedback.create's "answers", a JSON array
-- of levels 1-5 ('[]' on feedback from before; devices: store step 10), kept by
-- oh_push_apply. A second feedback of one person on one demo now replaces the first: the
-- newest (created_at, id) wins in oh_push_apply and oh_merge_people, as on the devices.
-- oh_push_gate refuses a device's feedback.create stamped at or after the judging close (or
-- ahead of the central's clock: a later stamp now wins), and feedback.delete likewise by
-- its deleted_at; it reads those fields as JSON, so a number written as a string (which
-- the devices' stores could not apply) is refused too.
ALTER TABLE feedback ADD COLUMN answers jsonb NOT NULL DEFAULT '[]';
ALTER TYPE oh_gate_fields ADD ATTRIBUTE created_at json, ADD ATTRIBUTE deleted_at json,
  ADD ATTRIBUTE answers json;
