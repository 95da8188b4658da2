#!/usr/bin/env bash
# The main job, from a clean clone: installs what is needed, builds, starts
# scorecardd on the bundled rules, and checks the bundled example document
# (six units of the Legal Execution Department, fiscal year 2563) through it
# with scorecardctl. The server is stopped at the end unless --keep-running is
# given; its log is build/scorecardd.log.
#
# Usage: scripts/quickstart.sh [--keep-running]
set -euo pipefail
cd "$(dirname "$0")/.."
keep_running=false
[ "${1:-}" = "--keep-running" ] && keep_running=true

scripts/install-deps.sh
scripts/build.sh scorecardd scorecardctl

log=build/scorecardd.log
listen=${SCORECARD_LISTEN:-127.0.0.1:0}   # port 0: any free port
patience=${SCORECARD_START_SECONDS:-30}   # how long scorecardd gets to start
# The log exists before the server starts, so the wait below never reads a
# file that the background redirection has not created yet.
: > "$log"
build/service/scorecardd --rules rules/bundled --listen "$listen" 2>> "$log" &
server=$!
stop_server() {
  if ! $keep_running && kill -0 "$server" 2> /dev/null; then
    kill -TERM "$server" && wait "$server" || true
  fi
}
trap stop_server EXIT

# The server logs one JSON line per event; "listening" carries the address.
address=
deadline=$((SECONDS + patience))
while [ -z "$address" ]; do
  address=$(sed -n 's/.*"event":"listening".*"address":"\([^"]*\)".*/\1/p' "$log" | head -n 1)
  [ -n "$address" ] && break
  if ! kill -0 "$server" 2> /dev/null; then
    echo "quickstart: scorecardd exited before it listened; its log ($log):" >&2
    cat "$log" >&2
    exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "quickstart: scorecardd did not report listening within" \
         "${patience} s; its log ($log):" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.1
done
echo "scorecardd is serving the bundled rules on $address (log: $log)"
build/client/scorecardctl rules list --server "$address"

echo
echo "== scorecardctl validate --server $address docs/examples/led-fy2563-scores.txt"
build/client/scorecardctl validate --server "$address" \
  docs/examples/led-fy2563-scores.txt

if $keep_running; then
  echo "scorecardd keeps running as process $server on $address"
fi
