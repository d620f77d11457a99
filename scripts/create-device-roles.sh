#!/usr/bin/env bash
# Per-device PostgreSQL roles for the central record (least privilege).
#
#   scripts/create-device-roles.sh create ADMIN_URL DEVICE_NAME...   # prints one URL per device
#   scripts/create-device-roles.sh revoke ADMIN_URL DEVICE_NAME      # a stolen laptop
#
# ADMIN_URL connects as the owner of the central schema (the role that ran the
# migrations, i.e. the first `openhouse sync` or the program team's tools).
# Each device gets a LOGIN role oh_dev_<name> in the group openhouse_device,
# which may only EXECUTE the sync functions (oh_ping, oh_register_device,
# oh_push, oh_pull) and SELECT its own event's rows (row-level security, see
# the schema's step 3). It has no INSERT/UPDATE/DELETE on any table: every
# write goes through oh_push, which checks that the login role is the one
# bound to the device id (at its first oh_register_device) and not revoked.
#
# Passwords are random, printed once; put them in the device's ~/.pgpass.
# With sslmode=verify-full the device also checks the server's certificate.
set -euo pipefail

cmd=${1:-}
admin=${2:-}
shift 2 || true
if [[ -z "$cmd" || -z "$admin" || $# -eq 0 ]]; then
    echo "usage: $0 create|revoke ADMIN_URL DEVICE_NAME..." >&2
    exit 2
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
  oh_push(uuid, text, bigint), oh_pull(uuid, xid8, int, int), oh_my_event() TO openhouse_device;
GRANT SELECT ON events, event_keys, revocations, attendees, showcases, checkins, scores,
  feedback, tombstones, devices, oh_schema TO openhouse_device;
SQL
    for name in "$@"; do
        role=$(role_of "$name")
        password=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
        psql_admin -v role="$role" -v password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'role')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" WITH LOGIN PASSWORD :'password' CONNECTION LIMIT 4;
GRANT openhouse_device TO :"role";
SQL
        # The URL without the password; the password separately, for ~/.pgpass.
        base=$(psql_admin -c "SELECT 'postgresql://' || current_setting('listen_addresses') || ':' || current_setting('port') || '/' || current_database()")
        echo "device $name: role $role"
        echo "  central = \"${base/postgresql:\/\//postgresql://$role@}?sslmode=verify-full\""
        echo "  password (for ~/.pgpass, shown once): $password"
    done
    ;;
revoke)
    for name in "$@"; do
        role=$(role_of "$name")
        psql_admin -v role="$role" <<'SQL'
UPDATE devices SET revoked_at = (extract(epoch FROM now()) * 1000)::bigint
WHERE role_name = :'role' AND revoked_at IS NULL;
ALTER ROLE :"role" NOLOGIN;
SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :'role';
SQL
        echo "device $name: role $role can no longer log in; its device id is revoked"
    done
    ;;
*)
    echo "usage: $0 create|revoke ADMIN_URL DEVICE_NAME..." >&2
    exit 2
    ;;
esac
