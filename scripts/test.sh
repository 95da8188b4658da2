#!/usr/bin/env bash
# The whole test suite; .ci/run runs this with CI=true. Installs what it
# needs, then runs these stages in order, each timed (docs/testing.md has the
# figures):
#   release  the Release build (tests and benchmarks) and every test, ctest
#   asan     the asan preset: every suite under AddressSanitizer and
#            UndefinedBehaviorSanitizer, built with -Wthread-safety -Wpedantic
#            -Werror, plus the fuzzers' seed and regression corpora replayed
#   fuzz     each libFuzzer target of tests/fuzz/ for FUZZ_SECONDS (default 30)
#   tsan     the engine's suites under ThreadSanitizer (the tsan-engine
#            presets), with no suppressions
# A failing stage does not stop the later ones (each reports what it found);
# the script fails at the end if any stage did.
# SCORECARD_TEST_STAGES picks stages, e.g. SCORECARD_TEST_STAGES="release".
set -euo pipefail
cd "$(dirname "$0")/.."
stages=${SCORECARD_TEST_STAGES:-release asan fuzz tsan}
fuzz_seconds=${FUZZ_SECONDS:-30}

scripts/install-deps.sh --test-tools

timings=()
failed=()
# Runs a stage in a subshell (set -e inside it stops that stage only) and
# records its time and outcome.
run_stage() {
  local name=$1
  shift
  local start=$SECONDS
  echo "=== test.sh: stage $name"
  local outcome=passed status
  # Not "( ... ) || ...": bash would then ignore set -e inside.
  set +e
  ( set -e; "$@" )
  status=$?
  set -e
  if [ "$status" -ne 0 ]; then
    outcome=FAILED
    failed+=("$name")
  fi
  local took=$((SECONDS - start))
  timings+=("$name ${took}s ($outcome)")
  echo "=== test.sh: stage $name $outcome in ${took}s"
}

release() {
  scripts/build.sh
  ctest --test-dir build --output-on-failure --timeout 300 -j "$(nproc)"
}

asan() {
  cmake --preset asan > /dev/null
  cmake --build --preset asan
  ctest --preset asan
}

fuzz() {
  [ -d build-asan ] || asan
  cmake --build --preset asan --target decimal_fuzzer document_reader_fuzzer \
      rule_set_loader_fuzzer validate_fuzzer
  FUZZ_JOBS=$(nproc) tests/fuzz/run_fuzzers.sh build-asan "$fuzz_seconds"
}

tsan() {
  cmake --preset tsan > /dev/null
  cmake --build --preset tsan-engine
  ctest --preset tsan-engine
}

total_start=$SECONDS
for stage in $stages; do
  case "$stage" in
    release | asan | fuzz | tsan) run_stage "$stage" "$stage" ;;
    *) echo "test.sh: no stage '$stage' (release, asan, fuzz, tsan)" >&2; exit 2 ;;
  esac
done
echo "=== test.sh: $((SECONDS - total_start))s in all: $(IFS=,; echo "${timings[*]}")"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "=== test.sh: FAILED stages: ${failed[*]}" >&2
  exit 1
fi
