# Shell helpers for the tests that run the programs as an operator would
# (install, package, container): failing with a message, bounded waits for a
# scorecardd's log, and the gRPC health check. Source it:
#   . "$source_dir/tests/testing/scorecardd.sh"
#   address=$(wait_for_listening "$log" "$pid")   # 127.0.0.1:41235
#   [ "$(health_status "$address")" = SERVING ]
# Every wait is bounded (PATIENCE_SECONDS, default 30) and says what it
# waited for when it gives up. The test's name for messages: TEST_NAME.

PATIENCE_SECONDS=${PATIENCE_SECONDS:-30}

fail() {
  echo "${TEST_NAME:-test}: $*" >&2
  exit 1
}

# Waits for scorecardd (process $2, or "" for one not ours to watch) to log
# "listening" in file $1; prints the address it bound. Fails, showing the log,
# when the process exits first or the wait runs out.
wait_for_listening() {
  local log=$1 pid=${2:-} address deadline=$((SECONDS + PATIENCE_SECONDS))
  while [ "$SECONDS" -lt "$deadline" ]; do
    address=$(sed -n 's/.*"event":"listening".*"address":"\([^"]*\)".*/\1/p' \
      "$log" 2> /dev/null | head -n 1)
    if [ -n "$address" ]; then
      echo "$address"
      return 0
    fi
    if [ -n "$pid" ] && ! kill -0 "$pid" 2> /dev/null; then
      fail "scorecardd exited before it listened; its log: $(cat "$log" 2> /dev/null)"
    fi
    sleep 0.1
  done
  fail "scorecardd did not log listening within ${PATIENCE_SECONDS} s; its log: $(cat "$log" 2> /dev/null)"
}

# Waits up to PATIENCE_SECONDS for process $1 (a child of this shell) to
# exit; returns its exit status. Fails when it is still running.
wait_for_exit() {
  local pid=$1 deadline=$((SECONDS + PATIENCE_SECONDS)) status=0
  while kill -0 "$pid" 2> /dev/null; do
    [ "$SECONDS" -lt "$deadline" ] ||
      fail "process $pid still running ${PATIENCE_SECONDS} s after it was told to stop"
    sleep 0.1
  done
  wait "$pid" || status=$?
  return "$status"
}

# Prints the gRPC health status ("SERVING", "NOT_SERVING", ...) of service
# $2 (default: the whole server) at address $1 (host:port), or "UNREACHABLE".
# Uses buf curl from tests/tools with the health proto from tests/data.
health_status() {
  local address=$1 service=${2:-} source_dir
  source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  local buf="$source_dir/tests/tools/node_modules/.bin/buf"
  [ -x "$buf" ] || fail "buf is not installed: run scripts/install-deps.sh --test-tools"
  local answer
  if ! answer=$("$buf" curl --protocol grpc --http2-prior-knowledge \
      --schema /usr/share/grpc-proto/grpc/health/v1/health.proto \
      --data "{\"service\": \"$service\"}" --connect-timeout 5 --timeout 10s \
      "http://$address/grpc.health.v1.Health/Check" 2> /dev/null); then
    echo UNREACHABLE
    return 0
  fi
  sed -n 's/.*"status": *"\([A-Z_]*\)".*/\1/p' <<< "$answer"
}

# Waits until health_status $1 $2 is SERVING.
wait_for_serving() {
  local deadline=$((SECONDS + PATIENCE_SECONDS)) status
  while [ "$SECONDS" -lt "$deadline" ]; do
    status=$(health_status "$@")
    [ "$status" = SERVING ] && return 0
    sleep 0.2
  done
  fail "health of $1 was ${status:-nothing}, not SERVING, for ${PATIENCE_SECONDS} s"
}
