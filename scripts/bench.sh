#!/usr/bin/env bash
# Builds the benchmarks (Release) and runs them: the rules engine on one core
# (engine_benchmark), a scorecard's parse and serialisation (wire_benchmark),
# then the side-by-side RPC suite (scorecard-loadgen --suite), printing their
# tables. About four minutes on two cores.
# docs/performance.md explains the method and the figures.
# The peer comparison (scorecardd against Cerbos under h2load, installing
# Cerbos from npm) is tests/benchmarks/peers/run_peers.sh; --peers runs it
# after the rest, with --with-refused, so that the same h2load run also
# measures ValidateScorecard against the same request refused (its README
# says what it compares). `scripts/bench.sh --peers` prints every figure
# docs/performance.md's goals table is judged on.
#
# Usage: scripts/bench.sh [--peers] [scorecard-loadgen flags...]
#   scripts/bench.sh                       # the full run
#   scripts/bench.sh --duration=1s --reload_units=1000   # a quicker one
#   scripts/bench.sh --peers               # ... then the peer comparison
#
# Environment: SCORECARD_BUILD_DIR (default build/) must be, or will be
# configured as, a Release build with tests and benchmarks on;
# ENGINE_MIN_TIME (default 0.2) is Google Benchmark's minimum seconds per
# benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
peers=false
if [ "${1:-}" = --peers ]; then
  peers=true
  shift
fi
build_dir="${SCORECARD_BUILD_DIR:-build}"
engine_min_time="${ENGINE_MIN_TIME:-0.2}"

if [ ! -f "$build_dir/build.ninja" ]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DSCORECARD_BUILD_TESTS=ON -DSCORECARD_BUILD_BENCHMARKS=ON
fi
build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build_dir/CMakeCache.txt")"
if [ "$build_type" != Release ]; then
  echo "bench: $build_dir is a '${build_type:-default}' build; figures need" \
       "Release (set SCORECARD_BUILD_DIR to a Release build folder)" >&2
  exit 1
fi
if ! cmake --build "$build_dir" --target engine_benchmark wire_benchmark \
    scorecard-loadgen; then
  echo "bench: could not build the benchmarks; are SCORECARD_BUILD_TESTS and" \
       "SCORECARD_BUILD_BENCHMARKS on in $build_dir?" >&2
  exit 1
fi
bin="$build_dir/tests/benchmarks"

echo
echo "== machine"
echo "cpus: $(nproc); cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | sort -u | paste -sd';')"
echo "load average (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
echo "source: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"

echo
echo "== engine: $bin/engine_benchmark --benchmark_min_time=$engine_min_time"
"$bin/engine_benchmark" --benchmark_min_time="$engine_min_time" \
  --benchmark_counters_tabular=true

echo
echo "== wire: $bin/wire_benchmark --benchmark_min_time=$engine_min_time"
"$bin/wire_benchmark" --benchmark_min_time="$engine_min_time" \
  --benchmark_counters_tabular=true

echo
echo "== RPCs: $bin/scorecard-loadgen --suite --duration=1.5s --repetitions=5 $*"
"$bin/scorecard-loadgen" --suite --duration=1.5s --repetitions=5 "$@"

echo
echo "load average after (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"

if $peers; then
  echo
  echo "== peers: tests/benchmarks/peers/run_peers.sh --with-refused"
  SCORECARD_BUILD_DIR="$build_dir" tests/benchmarks/peers/run_peers.sh \
    --with-refused
fi
