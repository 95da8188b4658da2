#!/usr/bin/env bash
# The whole test suite: installs what it needs, builds everything (tests and
# benchmarks included) and runs every test with ctest. .ci/run runs this.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test-tools
scripts/build.sh
ctest --test-dir build --output-on-failure --timeout 300 -j "$(nproc)"
