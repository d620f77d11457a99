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

pgdir=$(mktemp -d /tmp/openhouse-pg.XXXXXX)
cleanup() { [ -x scripts/start-postgres.sh ] && scripts/start-postgres.sh destroy "$pgdir" >/dev/null 2>&1 || true; rm -rf "$pgdir"; }
trap cleanup EXIT
if [ -x scripts/start-postgres.sh ]; then
  eval "$(scripts/start-postgres.sh start "$pgdir")"
  echo "test: PostgreSQL for the integration tests at ${OPENHOUSE_TEST_PG:-?}"
fi

echo "test: release build"
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release

# The sanitizer build (ASan + UBSan): core, the openhouse program, the unit and integration
# tests (the concurrency of sync and slots, both centrals). Not the kiosk: its build and its
# screen tests under ASan were a third of CI (Mesa's software renderer sanitized), which took
# 38 min on 2 cores with them; the release run drives every kiosk test. Run them sanitized by
# hand with: cmake -S . -B build/asan-kiosk -G Ninja -DCMAKE_BUILD_TYPE=Debug -DOPENHOUSE_SANITIZE=ON
# It builds at the lowest priority while the release tests run: those mostly wait on timers,
# workers and I/O, and they wait for conditions with generous limits, never a fixed time.
# -g1: line tables only (ASan's reports keep file:line; smaller objects, faster links).
cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DOPENHOUSE_SANITIZE=ON \
  -DOPENHOUSE_BUILD_BENCH=OFF -DOPENHOUSE_BUILD_KIOSK=OFF -DCMAKE_CXX_FLAGS_DEBUG=-g1 >/dev/null
echo "test: sanitizer build (in the background, at low priority) and the release tests"
nice -n 19 cmake --build build/asan > build/asan-build.log 2>&1 &
asan_build=$!
release_status=0
(cd build/release && ctest --output-on-failure -j "$(nproc)" --timeout 900) || release_status=$?
asan_status=0
wait "$asan_build" || asan_status=$?
if [ "$asan_status" -ne 0 ]; then
  tail -n 60 build/asan-build.log
  echo "test: the sanitizer build failed (build/asan-build.log)"
  exit 1
fi
if [ "$release_status" -ne 0 ]; then
  echo "test: release tests failed"
  exit 1
fi

echo "test: sanitizer tests (ASan + UBSan): the unit and the integration binaries, side by side"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
# Each binary in one process, not one per test as ctest runs them: a sanitized process takes
# about a second to start, which was most of this stage. (The integration binary runs its tests
# one after another, as ctest's RUN_SERIAL does: they share one PostgreSQL cluster.)
timeout 1200 build/asan/tests/openhouse_tests --gtest_brief=1 > build/asan-unit.log 2>&1 &
unit=$!
integration_status=0
timeout 1200 build/asan/tests/integration/openhouse_integration_tests --gtest_brief=1 \
  > build/asan-integration.log 2>&1 || integration_status=$?
unit_status=0
wait "$unit" || unit_status=$?
tail -n 40 build/asan-unit.log
tail -n 40 build/asan-integration.log
if [ "$unit_status" -ne 0 ] || [ "$integration_status" -ne 0 ]; then
  echo "test: sanitizer tests failed (unit $unit_status, integration $integration_status;" \
       "build/asan-unit.log, build/asan-integration.log)"
  exit 1
fi

echo "test: all tests passed (release and sanitizer builds)"
