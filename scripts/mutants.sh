#!/usr/bin/env bash
# The mutation check (a tool, not part of CI: it is slow). Applies each mutant listed in
# tests/mutants/*.txt to a copy of the tree under build/mutants/, rebuilds incrementally,
# runs the tests the mutant names, and prints killed/survived per mutant and the score.
# The working tree is never written. Exit: 0 score reached, 1 below --min-score (90 %),
# 2 a list is stale or a mutant does not build.
#
#   scripts/mutants.sh                    # every list
#   scripts/mutants.sh --only checkin     # mutants whose id or path contains "checkin"
#   scripts/mutants.sh --check            # only check that every mutant still applies
#   scripts/mutants.sh --relocate         # after editing sources: renumber snippets that moved
#   scripts/mutants.sh tests/mutants/store.txt
set -euo pipefail
cd "$(dirname "$0")/.."

pgdir=""
# The exit status is the check's: tearing PostgreSQL down never changes it.
cleanup() { local rc=$?; if [[ -n "$pgdir" ]]; then scripts/start-postgres.sh destroy "$pgdir" >/dev/null 2>&1 || true; rm -rf "$pgdir"; fi; exit "$rc"; }
trap cleanup EXIT
if [[ -z "${OPENHOUSE_TEST_PG:-}" && " $* " != *" --check "* && " $* " != *" --relocate "* ]]; then
    pgdir=$(mktemp -d /tmp/openhouse-mutants-pg.XXXXXX)
    eval "$(scripts/start-postgres.sh start "$pgdir")"
fi
python3 scripts/mutants.py "$@"
