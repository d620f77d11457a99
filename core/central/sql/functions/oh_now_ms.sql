-- oh_now_ms(): The server clock in milliseconds since the epoch (clock_timestamp, not the transaction start).
-- Newest definition: migration 0002.
CREATE OR REPLACE FUNCTION oh_now_ms() RETURNS bigint LANGUAGE sql STABLE AS
$$ SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint $$;
-- Privileges: PostgreSQL's default (PUBLIC may execute it).
