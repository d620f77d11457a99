-- oh_person(uuid): The person a record id stands for: the smallest id with the same e-mail in the event.
-- Newest definition: migration 0006.
--
-- The person a record names: the smaller id of everyone with its e-mail.
CREATE OR REPLACE FUNCTION oh_person(p uuid) RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT min(o.id::text)::uuid FROM attendees a
                   JOIN attendees o ON o.event_id = a.event_id AND o.email = a.email
                   WHERE a.id = p), p)
$$;
-- Privileges: PostgreSQL's default (PUBLIC may execute it).
