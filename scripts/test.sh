#!/usr/bin/env bash
# The test command (README, .ci/run): installs packages, builds everything
# (Release), runs every test against a throw-away PostgreSQL, then builds and
# runs the tests again with AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

echo "test: core's parts include only what they declare"
bash scripts/check-parts.sh
echo "test: no source file over 600 lines (core, kiosk, sync, tests, bench), no function over 60 (core, kiosk, sync)"
python3 scripts/check-sizes.py
echo "test: the sources are formatted (.clang-format)"
git ls-files 'core/*.cpp' 'core/*.hpp' 'kiosk/*.cpp' 'kiosk/*.hpp' 'sync/*.cpp' 'sync/*.hpp' \
  'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp' | xargs clang-format --dry-run -Werror

# build_and_test DIR JOBS EXCLUDE CMAKE_ARGS...: EXCLUDE is a ctest -E regex ('' for none).
build_and_test() {
  local dir=$1 jobs=$2 exclude=$3; shift 3
  cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
  cmake --build "$dir"
  (cd "$dir" && ctest --output-on-failure -j "$jobs" --timeout 900 ${exclude:+-E "$exclude"})
}

pgdir=$(mktemp -d /tmp/openhouse-pg.XXXXXX)
cleanup() { [ -x scripts/start-postgres.sh ] && scripts/start-postgres.sh destroy "$pgdir" >/dev/null 2>&1 || true; rm -rf "$pgdir"; }
trap cleanup EXIT
if [ -x scripts/start-postgres.sh ]; then
  eval "$(scripts/start-postgres.sh start "$pgdir")"
  echo "test: PostgreSQL for the integration tests at ${OPENHOUSE_TEST_PG:-?}"
fi

echo "test: release build and tests"
build_and_test build/release "$(nproc)" '' -DCMAKE_BUILD_TYPE=Release

echo "test: sanitizer build (ASan + UBSan) and tests"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
# Under the sanitizers: core, the openhouse program, the unit and integration tests (the
# concurrency of sync and slots, both centrals), two more tests at a time than cores (most wait
# on timers, workers and I/O). Not the kiosk: its build and its screen tests under ASan were a
# third of CI (Mesa's software renderer sanitized), which took 38 min on 2 cores with them; the
# release run above drives every kiosk test. Run them sanitized by hand with
#   cmake -S . -B build/asan-kiosk -G Ninja -DCMAKE_BUILD_TYPE=Debug -DOPENHOUSE_SANITIZE=ON
build_and_test build/asan "$(( $(nproc) + 2 ))" '' -DCMAKE_BUILD_TYPE=Debug \
  -DOPENHOUSE_SANITIZE=ON -DOPENHOUSE_BUILD_BENCH=OFF -DOPENHOUSE_BUILD_KIOSK=OFF

echo "test: all tests passed (release and sanitizer builds)"
