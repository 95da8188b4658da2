#!/usr/bin/env bash
# `cmake --install` to any prefix gives programs that find the bundled rules
# beside themselves: the installed scorecardctl validates the example, and the
# installed scorecardd serves it, with no --rules and no $SCORECARD_RULES, and
# both still do after the whole prefix is moved elsewhere.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build_dir=$1
source_dir=$2
example="$source_dir/docs/examples/led-fy2563-scores.txt"
unset SCORECARD_RULES
work=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then kill -KILL "$server" 2> /dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

TEST_NAME=install_test
. "$source_dir/tests/testing/scorecardd.sh"

# Checks the programs under prefix $1.
check_prefix() {
  local prefix=$1
  "$prefix/bin/scorecardctl" validate "$example" > "$work/report.txt" ||
    fail "installed scorecardctl failed: $(cat "$work/report.txt")"
  grep -q '6 scorecards: 6 VALID, 0 INVALID' "$work/report.txt" ||
    fail "unexpected report: $(cat "$work/report.txt")"

  : > "$work/scorecardd.log"
  "$prefix/bin/scorecardd" --listen=127.0.0.1:0 2> "$work/scorecardd.log" &
  server=$!
  local address
  address=$(wait_for_listening "$work/scorecardd.log" "$server")
  grep -q "\"event\":\"start\".*\"rules\":\"$prefix/share/scorecard/rules\"" \
    "$work/scorecardd.log" ||
    fail "scorecardd did not use $prefix/share/scorecard/rules: $(cat "$work/scorecardd.log")"
  "$prefix/bin/scorecardctl" validate --server "$address" "$example" \
    > "$work/remote.txt" || fail "validation through scorecardd failed"
  grep -q '6 scorecards: 6 VALID, 0 INVALID' "$work/remote.txt" ||
    fail "unexpected report from the server: $(cat "$work/remote.txt")"
  kill -TERM "$server"
  local status=0
  wait_for_exit "$server" || status=$?
  server=
  [ "$status" -eq 0 ] || fail "scorecardd exited $status after SIGTERM"
}

cmake --install "$build_dir" --prefix "$work/prefix" > "$work/install.log"
for file in bin/scorecardctl bin/scorecardd share/scorecard/rules/led-fy2563.yaml; do
  [ -f "$work/prefix/$file" ] || fail "not installed: $file"
done
[ ! -e "$work/prefix/share/scorecard/rules/led-fy2563_test.yaml" ] ||
  fail "installed a rule-set test suite beside the rules"
check_prefix "$work/prefix"
mv "$work/prefix" "$work/moved"
check_prefix "$work/moved"
echo "installed to a prefix and moved it; scorecardctl and scorecardd found" \
     "the bundled rules beside themselves both times"
