-- oh_grant_margin_ms(): How long after its expiry a grant is reclaimed (the server's setting, oh_meta 'grant_margin_ms').
-- Newest definition: migration 0016.
CREATE OR REPLACE FUNCTION oh_grant_margin_ms() RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT value::bigint FROM oh_meta WHERE key = 'grant_margin_ms'), 600000)
$$;
REVOKE ALL ON FUNCTION oh_grant_margin_ms() FROM PUBLIC;
