-- oh_is_uuid(text): True when a text is a UUID in canonical form (so a cast cannot raise).
-- Newest definition: migration 0006.
CREATE OR REPLACE FUNCTION oh_is_uuid(p text) RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT p ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' $$;
-- Privileges: PostgreSQL's default (PUBLIC may execute it).
