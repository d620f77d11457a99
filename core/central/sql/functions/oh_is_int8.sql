-- oh_is_int8(text): True when a text is a bigint (at most 18 digits, so a cast cannot raise).
-- Newest definition: migration 0006.
CREATE OR REPLACE FUNCTION oh_is_int8(p text) RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT p ~ '^-?[0-9]{1,18}$' $$;
-- Privileges: PostgreSQL's default (PUBLIC may execute it).
