#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster on a free loopback port, for tests and benchmarks.
#
#   eval "$(scripts/start-postgres.sh start DIR)"   # exports OPENHOUSE_TEST_PG, ..._PORT, ..._DIR
#   scripts/start-postgres.sh stop DIR
#
# Trust authentication on 127.0.0.1 only, the socket in DIR, no fsync: never use it for data
# you want to keep. As root, initdb/pg_ctl run as the postgres user (they refuse root).
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
cmd=${1:-}
dir=${2:-}
if [[ -z "$cmd" || -z "$dir" ]]; then
    echo "usage: $0 start|stop DIR" >&2
    exit 2
fi
[[ -x "$PGBIN/pg_ctl" ]] || { echo "start-postgres: $PGBIN/pg_ctl not found; install postgresql-15" >&2; exit 2; }

as_pg() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    # Ask the kernel for a free port; a short race with other starters is possible,
    # so start retries with another port if the server cannot bind.
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
        || echo $((20000 + RANDOM % 20000))
}

case "$cmd" in
start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    data="$dir/data"
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres:postgres "$dir"
        # postgres must be able to reach DIR through its parents.
        p="$dir"; while [[ "$p" != "/" ]]; do p=$(dirname "$p"); chmod o+x "$p" 2>/dev/null || true; done
    fi
    if [[ ! -f "$data/PG_VERSION" ]]; then
        as_pg "$PGBIN/initdb" -D "$data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync \
            >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    for attempt in 1 2 3 4 5; do
        # A restart of the same cluster keeps its port (clients reconnect to it).
        if [[ $attempt -eq 1 && -f "$dir/port" ]]; then port=$(cat "$dir/port"); else port=$(free_port); fi
        if as_pg "$PGBIN/pg_ctl" -D "$data" -l "$dir/postgres.log" -w -t 30 start \
            -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
            >/dev/null 2>&1; then
            echo "$port" >"$dir/port"
            echo "export OPENHOUSE_TEST_PG='postgresql://postgres@127.0.0.1:$port/postgres'"
            echo "export OPENHOUSE_TEST_PG_PORT=$port"
            echo "export OPENHOUSE_TEST_PG_DIR='$dir'"
            exit 0
        fi
        echo "start-postgres: port $port failed (attempt $attempt); see $dir/postgres.log" >&2
    done
    exit 1
    ;;
stop)
    data="$dir/data"
    [[ -f "$data/postmaster.pid" ]] || exit 0
    as_pg "$PGBIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
