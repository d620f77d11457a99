
REVOKE ALL ON FUNCTION oh_push(uuid, text, bigint), oh_pull(uuid, xid8, int, int), oh_ping(),
  oh_register_device(uuid, uuid, text, text, text) FROM PUBLIC;

CREATE FUNCTION oh_my_event() RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT event_id FROM devices WHERE role_name = session_user::text AND revoked_at IS NULL
$$;

ALTER TABLE devices ENABLE ROW LEVEL SECURITY;
CREATE POLICY device_self ON devices FOR SELECT USING (role_name = session_user::text);
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
CREATE POLICY device_event ON events FOR SELECT USING (id = oh_my_event());
ALTER TABLE event_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY device_event ON event_keys FOR SELECT USING (event_id = oh_my_event());
ALTER TABLE revocations ENABLE ROW LEVEL SECURITY;
CREATE POLICY device_event ON revocations FOR SELECT USING (event_id = oh_my_event());
ALTER TABLE attendees ENABLE ROW LEVEL SECURITY;
CREATE POLICY device_event ON attendees FOR SELECT USING (event_id = oh_my_event());
ALTER TABLE showcases ENABLE ROW LEVEL SECURITY;
CREATE POLICY device_event ON showcases FOR SELECT USING (event_id = oh_my_event());
ALTER TABLE checkins ENABLE ROW LEVEL SECURITY;
CREATE POLICY device_event ON checkins FOR SELECT USING (event_id = oh_my_event());
ALTER TABLE scores ENABLE ROW LEVEL SECURITY;
CREATE POLICY device_event ON scores FOR SELECT USING (event_id = oh_my_event());
ALTER TABLE feedback ENABLE ROW LEVEL SECURITY;
CREATE POLICY device_event ON feedback FOR SELECT USING (event_id = oh_my_event());
ALTER TABLE tombstones ENABLE ROW LEVEL SECURITY;
CREATE POLICY device_event ON tombstones FOR SELECT USING (event_id = oh_my_event());
