#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster on a free loopback port, for tests and benchmarks.
#
#   eval "$(scripts/start-postgres.sh start DIR)"   # exports OPENHOUSE_TEST_PG, ..._PORT, ..._DIR
#   scripts/start-postgres.sh stop DIR      # keeps the data: `start DIR` again restarts it
#   scripts/start-postgres.sh destroy DIR   # stops it and deletes the cluster
#
# Trust authentication on 127.0.0.1 only, the socket in the cluster folder, fsync off: never
# use it for data you want to keep. As root, initdb/pg_ctl run as the postgres user (they
# refuse root); if that user cannot reach DIR (e.g. under /root), the cluster lives in a
# private folder under /tmp and DIR only records where. `start` on a stopped cluster reuses
# its port, so clients reconnect to the same URL.
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
cmd=${1:-}
dir=${2:-}
if [[ -z "$cmd" || -z "$dir" ]]; then
    echo "usage: $0 start|stop|destroy DIR" >&2
    exit 2
fi
[[ -x "$PGBIN/pg_ctl" ]] || { echo "start-postgres: $PGBIN/pg_ctl not found; install postgresql-15" >&2; exit 2; }

as_root=0
[[ $(id -u) -eq 0 ]] && as_root=1
as_pg() {
    if [[ $as_root -eq 1 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_free() {
    # Nothing answers on it (bash's /dev/tcp; no python or ss needed).
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 30000))
        if port_free "$port"; then echo "$port"; return; fi
    done
    echo "start-postgres: no free port found" >&2
    return 1
}

# Where the cluster lives: DIR itself, or the folder recorded in DIR/location.
cluster_root() {
    if [[ -f "$dir/location" ]]; then cat "$dir/location"; else echo "$dir"; fi
}

case "$cmd" in
start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    root=$(cluster_root)
    if [[ ! -f "$dir/location" && $as_root -eq 1 ]]; then
        chown postgres:postgres "$dir"
        if ! runuser -u postgres -- test -w "$dir" -a -x "$dir"; then
            root=$(mktemp -d /tmp/openhouse-pg.XXXXXX)
            chown postgres:postgres "$root"
            echo "$root" >"$dir/location"
        fi
    fi
    data="$root/data"
    if [[ ! -f "$data/PG_VERSION" ]]; then
        as_pg "$PGBIN/initdb" -D "$data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync \
            >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    for attempt in 1 2 3 4 5; do
        if [[ $attempt -eq 1 && -f "$dir/port" ]]; then port=$(cat "$dir/port"); else port=$(free_port); fi
        if as_pg "$PGBIN/pg_ctl" -D "$data" -l "$root/postgres.log" -w -t 30 start \
            -o "-p $port -k $root -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
            >/dev/null 2>&1; then
            echo "$port" >"$dir/port"
            echo "export OPENHOUSE_TEST_PG='postgresql://postgres@127.0.0.1:$port/postgres'"
            echo "export OPENHOUSE_TEST_PG_PORT=$port"
            echo "export OPENHOUSE_TEST_PG_DIR='$dir'"
            exit 0
        fi
        echo "start-postgres: port $port failed (attempt $attempt); see $root/postgres.log" >&2
    done
    exit 1
    ;;
stop)
    [[ -d "$dir" ]] || exit 0
    root=$(cluster_root)
    [[ -f "$root/data/postmaster.pid" ]] || exit 0
    as_pg "$PGBIN/pg_ctl" -D "$root/data" -m fast -w stop >/dev/null
    ;;
destroy)
    [[ -d "$dir" ]] || exit 0
    root=$(cluster_root)
    if [[ -f "$root/data/postmaster.pid" ]]; then
        as_pg "$PGBIN/pg_ctl" -D "$root/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    [[ "$root" != "$dir" ]] && rm -rf "$root"
    rm -rf "$dir/data" "$dir/location" "$dir/port" "$dir/postgres.log" "$dir/initdb.log"
    ;;
*)
    echo "usage: $0 start|stop|destroy DIR" >&2
    exit 2
    ;;
esac
