-- oh_uuid_or_null(text): A text as a uuid, or NULL when it is not one.
-- Newest definition: migration 0010.
CREATE OR REPLACE FUNCTION oh_uuid_or_null(p text) RETURNS uuid LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN oh_is_uuid(p) THEN p::uuid END $$;
-- Privileges: PostgreSQL's default (PUBLIC may execute it).
