-- Step 15: a team demo's presenters centrally too: showcases.presenter_ids, from
-- showcase.upsert's "presenter_ids" (oh_push_apply; '[]' when intern_id alone presents, as on
-- the devices, store step 8), so oh_push_gate can refuse a device's feedback by a presenter
-- of the demo or by someone of a presenter's team ("own team"; oh_team_key), the rule of
-- core/judging/feedback.hpp that devices apply first. Demos written before this step take
-- their presenters from the feed: the showcase.upsert that the row holds (its updated_at;
-- the first committed of equal ones, as ON CONFLICT kept it).
ALTER TABLE showcases ADD COLUMN presenter_ids jsonb NOT NULL DEFAULT '[]';
UPDATE showcases s SET presenter_ids = l.ids
FROM (SELECT DISTINCT ON (x.id) x.id, x.updated_at, x.ids
      FROM (SELECT oh_uuid_or_null(c.payload::jsonb->>'id') AS id,
                   coalesce((c.payload::jsonb->>'updated_at')::bigint, 0) AS updated_at,
                   c.payload::jsonb->'presenter_ids' AS ids, c.xid, c.pos
            FROM change_log c WHERE c.kind = 'showcase.upsert') x
      WHERE jsonb_typeof(x.ids) = 'array'
      ORDER BY x.id, x.updated_at DESC, x.xid, x.pos) l
WHERE s.id = l.id AND s.updated_at = l.updated_at;
