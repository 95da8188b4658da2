#!/usr/bin/env bash
# The main job, from a clean clone: installs what is needed, builds, and
# checks the bundled example document (six units of the Legal Execution
# Department, fiscal year 2563) against the bundled rules with scorecardctl.
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/install-deps.sh
deploy/build.sh scorecardctl

echo
echo "== scorecardctl validate deploy/examples/led-fy2563-scores.txt"
build/client/scorecardctl validate --rules rules/bundled \
  deploy/examples/led-fy2563-scores.txt
