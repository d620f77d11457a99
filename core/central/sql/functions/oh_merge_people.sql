-- oh_merge_people(): Merges one person registered twice into the smaller id, with the newest fields of both records.
-- Newest definition: migration 0009; the family name since step 12; the newest feedback of a
-- person on a demo kept since step 14 (before: the earliest).
CREATE OR REPLACE FUNCTION oh_merge_people() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM attendees GROUP BY event_id, email HAVING count(*) > 1) THEN
    RETURN;
  END IF;
  -- The person's row takes the newest fields of all their records (ties: the
  -- fields decide, bytewise, as in step 8), as on the devices, where the
  -- other record is merged into it and removed.
  UPDATE attendees c
  SET full_name = n.full_name, role = n.role, cohort = n.cohort, team = n.team,
      pronouns = n.pronouns, strengths = n.strengths, blocked = n.blocked,
      family_name = n.family_name, updated_at = n.updated_at
  FROM (SELECT DISTINCT ON (m.canonical_id) m.canonical_id, a.*
        FROM attendee_canonical m JOIN attendees a ON a.id = m.id
        ORDER BY m.canonical_id, a.updated_at DESC, a.full_name COLLATE "C" DESC,
                 a.role COLLATE "C" DESC, a.cohort COLLATE "C" DESC, a.team COLLATE "C" DESC,
                 a.pronouns COLLATE "C" DESC, a.strengths COLLATE "C" DESC, a.blocked DESC,
                 a.family_name COLLATE "C" DESC) n
  WHERE c.id = n.canonical_id AND n.id <> c.id
    AND (n.updated_at, n.full_name COLLATE "C", n.role COLLATE "C", n.cohort COLLATE "C",
         n.team COLLATE "C", n.pronouns COLLATE "C", n.strengths COLLATE "C", n.blocked,
         n.family_name COLLATE "C")
      > (c.updated_at, c.full_name COLLATE "C", c.role COLLATE "C", c.cohort COLLATE "C",
         c.team COLLATE "C", c.pronouns COLLATE "C", c.strengths COLLATE "C", c.blocked,
         c.family_name COLLATE "C");
  DELETE FROM scores s USING attendee_canonical m
  WHERE s.judge_id = m.id AND m.id <> m.canonical_id
    AND EXISTS (SELECT 1 FROM scores k WHERE k.judge_id = m.canonical_id
                AND k.showcase_id = s.showcase_id AND k.hlc >= s.hlc);
  DELETE FROM scores s USING attendee_canonical m
  WHERE s.judge_id = m.canonical_id AND m.id <> m.canonical_id
    AND EXISTS (SELECT 1 FROM scores o WHERE o.judge_id = m.id
                AND o.showcase_id = s.showcase_id AND o.hlc > s.hlc);
  UPDATE scores s SET judge_id = m.canonical_id FROM attendee_canonical m
  WHERE s.judge_id = m.id AND m.id <> m.canonical_id;
  DELETE FROM feedback f USING attendee_canonical m
  WHERE f.author_id = m.id AND m.id <> m.canonical_id
    AND EXISTS (SELECT 1 FROM feedback k WHERE k.author_id = m.canonical_id
                AND k.showcase_id = f.showcase_id AND (k.created_at, k.id) >= (f.created_at, f.id));
  DELETE FROM feedback f USING attendee_canonical m
  WHERE f.author_id = m.canonical_id AND m.id <> m.canonical_id
    AND EXISTS (SELECT 1 FROM feedback o WHERE o.author_id = m.id
                AND o.showcase_id = f.showcase_id AND (o.created_at, o.id) > (f.created_at, f.id));
  UPDATE feedback f SET author_id = m.canonical_id FROM attendee_canonical m
  WHERE f.author_id = m.id AND m.id <> m.canonical_id;
  UPDATE showcases s SET intern_id = m.canonical_id::text FROM attendee_canonical m
  WHERE s.intern_id = m.id::text AND m.id <> m.canonical_id;
END $$;
REVOKE ALL ON FUNCTION oh_merge_people() FROM PUBLIC;
