#!/usr/bin/env bash
# Fuzzes each target of tests/fuzz/ for a while, starting from its seed and
# regression corpora, and fails on the first crash, timeout, leak, sanitizer
# report or violated property. The committed corpora are only read: new
# inputs go to a scratch folder, and anything found to ARTIFACTS_DIR.
#
# Usage: run_fuzzers.sh BUILD_DIR [SECONDS_EACH] [TARGET...]
#   BUILD_DIR     a tree configured with SCORECARD_BUILD_FUZZERS (cmake --preset asan)
#   SECONDS_EACH  how long each target runs (default 30)
#   TARGET        the targets to run (default all four)
# Environment: ARTIFACTS_DIR (default BUILD_DIR/fuzz-artifacts), FUZZ_JOBS
# (parallel targets, default 1).
set -euo pipefail
fuzz_dir=$(cd "$(dirname "$0")" && pwd)
build_dir=$(cd "$1" && pwd)
seconds=${2:-30}
shift $(( $# >= 2 ? 2 : $# ))
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  targets=(decimal_fuzzer document_reader_fuzzer rule_set_loader_fuzzer
           validate_fuzzer)
fi
artifacts=${ARTIFACTS_DIR:-$build_dir/fuzz-artifacts}
mkdir -p "$artifacts"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

run_one() {
  local target=$1
  local binary="$build_dir/tests/fuzz/$target"
  if [ ! -x "$binary" ]; then
    echo "run_fuzzers: $binary is not built" >&2
    return 1
  fi
  mkdir -p "$scratch/$target" "$artifacts/$target"
  # -timeout: one input taking longer is a hang. -rss_limit_mb: memory that
  # grows without bound is a failure too. -print_final_stats: the executions
  # and coverage docs/testing.md quotes.
  if "$binary" "$scratch/$target" "$fuzz_dir/corpus/$target" \
       "$fuzz_dir/regressions/$target" \
       -dict="$fuzz_dir/dict/$target.dict" \
       -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -max_len=8192 -print_final_stats=1 \
       -artifact_prefix="$artifacts/$target/" \
       > "$artifacts/$target.log" 2>&1; then
    echo "run_fuzzers: $target: $(grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units)' "$artifacts/$target.log" | tr '\n' ' ')"
  else
    echo "run_fuzzers: $target FAILED; its log, $artifacts/$target.log, ends:" >&2
    tail -n 40 "$artifacts/$target.log" >&2
    ls "$artifacts/$target/" >&2
    return 1
  fi
}

status=0
pids=()
jobs=${FUZZ_JOBS:-1}
for target in "${targets[@]}"; do
  if [ "$jobs" -le 1 ]; then
    run_one "$target" || status=1
  else
    run_one "$target" &
    pids+=($!)
    if [ "${#pids[@]}" -ge "$jobs" ]; then
      wait "${pids[0]}" || status=1
      pids=("${pids[@]:1}")
    fi
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit "$status"
