#!/usr/bin/env bash
# Per-device PostgreSQL roles for the central record (least privilege).
#
#   scripts/create-device-roles.sh create ADMIN_URL EVENT_ID NAME:DEVICE_ID...  # one URL per device
#   scripts/create-device-roles.sh revoke ADMIN_URL NAME...                       # a lost or stolen laptop
#
# ADMIN_URL connects as the owner of the central schema (the role that ran the
# migrations, i.e. the first `openhouse sync` or the program team's tools). It
# needs CREATEROLE (or superuser) to create, lock out and grant roles.
# EVENT_ID is the event the devices work at; DEVICE_ID is the id `openhouse
# enrol --device NAME` printed for the device's store. The owner binds each
# role to that event and that device id (device_roles): the device cannot
# choose either, and a role that is not bound can do nothing.
# Each device gets a LOGIN role oh_dev_<name> in the group openhouse_device,
# which may only EXECUTE the sync functions (oh_ping, oh_register_device,
# oh_push, oh_pull) and SELECT its own event's rows (row-level security). It
# has no INSERT/UPDATE/DELETE on any table: every write goes through oh_push,
# which lets through only what a device makes, for its own event, as itself
# (docs/security.md).
#
# `revoke` marks the device revoked (its pushes and pulls are refused), locks
# its role out, ends its sessions, and puts a device.revoke record in the feed:
# after one sync round every other device of the event refuses the walk-in
# badges the revoked device signed ("revoked device").
#
# Passwords are random, printed once; put them in the device's ~/.pgpass.
# With sslmode=verify-full the device also checks the server's certificate.
set -euo pipefail

usage() {
    echo "usage: $0 create ADMIN_URL EVENT_ID NAME:DEVICE_ID... | revoke ADMIN_URL NAME..." >&2
    exit 2
}
cmd=${1:-}
admin=${2:-}
shift 2 || true
[[ -n "$cmd" && -n "$admin" && $# -gt 0 ]] || usage
uuid_re='^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
if [[ "$cmd" == create ]]; then
    event=$1
    shift
    [[ "$event" =~ $uuid_re ]] || { echo "create-device-roles: EVENT_ID '$event' is not an event id (see 'openhouse status')" >&2; exit 2; }
    [[ $# -gt 0 ]] || usage
fi
command -v psql >/dev/null || { echo "create-device-roles: psql not found (postgresql-client)" >&2; exit 2; }

role_of() {
    local name=$1
    [[ "$name" =~ ^[A-Za-z0-9_-]{1,40}$ ]] || { echo "create-device-roles: bad device name '$name'" >&2; exit 2; }
    echo "oh_dev_${name//-/_}" | tr 'A-Z' 'a-z'
}

psql_admin() { psql "$admin" -v ON_ERROR_STOP=1 -qAt "$@"; }

case "$cmd" in
create)
    # The group: rights are granted once, to it.
    psql_admin <<'SQL'
SELECT 'CREATE ROLE openhouse_device NOLOGIN'
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'openhouse_device') \gexec
GRANT USAGE ON SCHEMA public TO openhouse_device;
GRANT EXECUTE ON FUNCTION oh_ping(), oh_register_device(uuid, uuid, text, text, text),
  oh_push(uuid, text, bigint), oh_push_seq(uuid, text, bigint[]), oh_pull(uuid, xid8, int, int),
  oh_my_event(), oh_slot_grant(uuid, int, bigint), oh_slot_return(uuid, uuid),
  oh_slot_issue(uuid, text) TO openhouse_device;
GRANT SELECT ON events, event_keys, revocations, attendees, showcases, checkins, scores,
  feedback, tombstones, devices, oh_schema TO openhouse_device;
SQL
    for pair in "$@"; do
        name=${pair%%:*}
        device=${pair#*:}
        [[ "$pair" == *:* && "$device" =~ $uuid_re ]] || { echo "create-device-roles: '$pair' is not NAME:DEVICE_ID (the id 'openhouse enrol --device NAME' printed)" >&2; exit 2; }
        role=$(role_of "$name")
        password=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
        psql_admin -v role="$role" -v password="$password" -v event="$event" -v device="$device" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'role')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" WITH LOGIN PASSWORD :'password' CONNECTION LIMIT 4;
GRANT openhouse_device TO :"role";
SELECT oh_bind_device_role(:'role', :'event'::uuid, :'device'::uuid);
SQL
        # The URL without the password; the password separately, for ~/.pgpass.
        base=$(psql_admin -c "SELECT 'postgresql://' || current_setting('listen_addresses') || ':' || current_setting('port') || '/' || current_database()")
        echo "device $name ($device): role $role, bound to event $event"
        echo "  central = \"${base/postgresql:\/\//postgresql://$role@}?sslmode=verify-full\""
        echo "  password (for ~/.pgpass, shown once): $password"
    done
    ;;
revoke)
    for name in "$@"; do
        role=$(role_of "$name")
        psql_admin -v role="$role" <<'SQL' >/dev/null
SELECT oh_revoke_device(d.id) FROM devices d
WHERE d.role_name = :'role' OR d.id = (SELECT device_id FROM device_roles WHERE role_name = :'role');
ALTER ROLE :"role" NOLOGIN;
SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :'role';
SQL
        echo "device $name: role $role can no longer log in; the device and its key are revoked"
    done
    ;;
*)
    usage
    ;;
esac
