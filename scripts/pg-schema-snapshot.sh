#!/usr/bin/env bash
# The PostgreSQL central's schema as text, normalised so that two databases with
# the same schema print the same bytes (core/central/sql/schema.sql).
#
#   scripts/pg-schema-snapshot.sh write SERVER_URL   # rewrites core/central/sql/schema.sql
#   scripts/pg-schema-snapshot.sh dump DATABASE_URL  # prints one database's schema
#
# `write` migrates a scratch database (oh_schema_snapshot on SERVER_URL, e.g.
# "$OPENHOUSE_TEST_PG" from scripts/start-postgres.sh) the way the adapter does:
# oh_schema.sql, migrations/*.sql in number order, then functions_begin.sql and
# functions/*.sql in functions.list order, in one transaction; dumps it and drops
# it. The group role openhouse_device is created if missing, so the snapshot
# shows its grants. Review the diff of schema.sql before committing it: the test
# PgSchema.* (tests/integration/test_pg_schema.cpp) compares it with databases
# migrated by the adapter.
#
# Normalised: pg_dump --schema-only --no-owner --no-comments, without its comment
# lines, session settings and \restrict keys, blank lines squeezed. Objects are in
# pg_dump's own order (by kind, then name). PG_DUMP overrides the pg_dump used.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_DUMP=${PG_DUMP:-}
if [[ -z "$PG_DUMP" ]]; then
    if [[ -x /usr/lib/postgresql/15/bin/pg_dump ]]; then PG_DUMP=/usr/lib/postgresql/15/bin/pg_dump
    else PG_DUMP=pg_dump; fi
fi
SQL=core/central/sql

# URL (or key=value conninfo) pointing at database $2 instead.
with_db() {
    local url=$1 db=$2
    if [[ "$url" != *://* ]]; then echo "$url dbname=$db"; return; fi
    local query="" base=$url
    if [[ "$url" == *\?* ]]; then query="?${url#*\?}"; base=${url%%\?*}; fi
    local scheme=${base%%://*} rest=${base#*://}
    echo "$scheme://${rest%%/*}/$db$query"
}

dump() {
    "$PG_DUMP" --schema-only --no-owner --no-comments "$1" | awk '
        /^\\(un)?restrict / { next }
        /^--/ { next }
        !started && (/^SET / || /^SELECT pg_catalog.set_config\(/) { next }
        /^SET default_tablespace = / || /^SET default_table_access_method = / { next }
        /^[^[:space:]]/ { started = 1 }
        { print }' | cat -s | sed -e '/./,$!d' | awk '
        { lines[NR] = $0 } END { n = NR; while (n > 0 && lines[n] == "") n--; for (i = 1; i <= n; i++) print lines[i] }'
}

cmd=${1:-}
url=${2:-}
if [[ -z "$cmd" || -z "$url" ]]; then
    echo "usage: $0 write SERVER_URL | dump DATABASE_URL" >&2
    exit 2
fi

case "$cmd" in
dump)
    dump "$url"
    ;;
write)
    db=oh_schema_snapshot
    psql "$url" -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
    trap 'psql "$url" -qX -c "DROP DATABASE IF EXISTS '"$db"' WITH (FORCE)" >/dev/null 2>&1 || true' EXIT
    psql "$url" -qX -v ON_ERROR_STOP=1 -c "DO \$\$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'openhouse_device') THEN
          CREATE ROLE openhouse_device NOLOGIN;
        END IF;
      END \$\$"
    {
        cat "$SQL/oh_schema.sql"
        v=0
        for file in "$SQL"/migrations/[0-9][0-9][0-9][0-9]_*.sql; do
            v=$((v + 1))
            printf '\n-- %s\n' "$file"
            cat "$file"
            printf ';\nINSERT INTO oh_schema (version) VALUES (%d);\n' "$v"
        done
        printf '\n'
        cat "$SQL/functions_begin.sql"
        grep -v '^#' "$SQL/functions.list" | while read -r name; do
            [[ -n "$name" ]] && { printf '\n'; cat "$SQL/functions/$name"; }
        done
    } | psql "$(with_db "$url" "$db")" -qX -1 -v ON_ERROR_STOP=1 >/dev/null
    dump "$(with_db "$url" "$db")" > "$SQL/schema.sql"
    echo "wrote $SQL/schema.sql ($(wc -l < "$SQL/schema.sql") lines); review it with git diff" >&2
    ;;
*)
    echo "usage: $0 write SERVER_URL | dump DATABASE_URL" >&2
    exit 2
    ;;
esac
