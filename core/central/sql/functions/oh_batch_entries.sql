-- oh_batch_entries(text): A pushed batch (compact RS/US form or the first releases' JSON array) as an array of entries.
-- Newest definition: migration 0010.
--
-- The batch as entries "key \x1f kind \x1f payload" (either wire format).
CREATE OR REPLACE FUNCTION oh_batch_entries(p_batch text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(x.e ORDER BY x.ord), '{}') FROM (
    SELECT r.ord, r.e FROM string_to_table(p_batch, E'\x1e') WITH ORDINALITY AS r(e, ord)
    WHERE left(p_batch, 1) <> '[' AND p_batch <> ''
    UNION ALL
    SELECT b.ord, concat_ws(E'\x1f', b.e->>'k', b.e->>'t', b.e->>'p')
    FROM jsonb_array_elements(CASE WHEN left(p_batch, 1) = '[' THEN p_batch::jsonb ELSE '[]' END)
         WITH ORDINALITY AS b(e, ord)) x
$$;
-- Privileges: PostgreSQL's default (PUBLIC may execute it).
