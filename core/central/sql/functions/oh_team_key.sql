-- oh_team_key(text): A team's name as compared: trimmed (ASCII blanks and U+00A0, as
-- core/text/trim.hpp) and lower-cased by the database's locale ('' for no team).
-- Newest definition: step 15.
--
-- The devices and the embedded central compare teams by Unicode case folding
-- (core/text/case_fold.hpp, ICU); lower() under a UTF-8 locale agrees for every letter that
-- has one lower case (not ß or a final sigma), and under the C locale for ASCII letters only.
CREATE OR REPLACE FUNCTION oh_team_key(p text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT lower(btrim(coalesce(p, ''), E' \t\r\n\x0b\f\u00a0')) $$;
-- Privileges: PostgreSQL's default (PUBLIC may execute it).
