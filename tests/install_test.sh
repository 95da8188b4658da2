#!/usr/bin/env bash
# `cmake --install` puts the programs in <prefix>/bin and the bundled rule sets
# in <prefix>/share/scorecard/rules, and the installed scorecardctl checks the
# example document with them.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build_dir=$1
source_dir=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT

cmake --install "$build_dir" --prefix "$prefix" > "$prefix/install.log"
for file in bin/scorecardctl bin/scorecardd share/scorecard/rules/led-fy2563.yaml; do
  if [ ! -f "$prefix/$file" ]; then
    echo "not installed: $file" >&2
    exit 1
  fi
done
SCORECARD_RULES="$prefix/share/scorecard/rules" "$prefix/bin/scorecardctl" \
  validate "$source_dir/docs/examples/led-fy2563-scores.txt" > "$prefix/report.txt"
grep -q '6 scorecards: 6 VALID, 0 INVALID' "$prefix/report.txt"
echo "installed to a prefix; the installed scorecardctl validates the example"
