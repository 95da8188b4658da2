#!/usr/bin/env bash
# Runs the client of one language from docs/clients.md against a real
# scorecardd: it must validate the seed's first unit (total 4.9600, valid)
# and read the field violation and reason of a refused request from the
# google.rpc.Status details. Also checks that docs/clients.md shows the
# client exactly as tested.
# Usage: clients_test.sh BUILD_DIR SOURCE_DIR python|node|go
set -euo pipefail
build=$1 source=$2 language=$3
googleapis=/usr/share/gocode/src/github.com/gogo/googleapis
work=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then
    kill -KILL "$server" 2> /dev/null || true
    wait "$server" 2> /dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

"$build/service/scorecardd" --rules="$source/rules/bundled" \
  --listen=127.0.0.1:0 --reload_poll_interval=0 2> "$work/log" &
server=$!
address=
for _ in $(seq 1 300); do  # 30 s at most.
  address=$(sed -n 's/.*"event":"listening".*"address":"\([^"]*\)".*/\1/p' "$work/log")
  [ -n "$address" ] && break
  sleep 0.1
done
[ -n "$address" ] || { echo "scorecardd did not start:"; cat "$work/log"; exit 1; }

request="$source/tests/data/clients/seed-first-unit-request.json"
case "$language" in
  python)
    client="$source/tests/clients/python_client.py"
    # The system protoc with Debian's grpc_python_plugin (python3-grpc-tools'
    # bundled protoc is too old for proto3 `optional`).
    protoc -I "$source/proto" -I "$googleapis" \
      --python_out="$work" --grpc_python_out="$work" \
      --plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin \
      "$source"/proto/scorecard/v1/*.proto \
      google/rpc/status.proto google/rpc/error_details.proto
    PYTHONPATH="$work" timeout 60 /usr/bin/python3 "$client" "$address" \
      "$request" > "$work/out"
    ;;
  node)
    client="$source/tests/clients/node_client.js"
    NODE_PATH="$source/tests/tools/node_modules" timeout 60 node "$client" \
      "$address" "$request" "$source/proto" "$googleapis" > "$work/out"
    ;;
  go)
    client="$source/tests/clients/go/main.go"
    # GOPATH mode over Debian's Go packages (/usr/share/gocode): no module
    # download. The generated code goes where its go_package says.
    mkdir -p "$work/go/src/client"
    protoc -I "$source/proto" --go_out="$work/go/src" \
      --go-grpc_out="$work/go/src" "$source"/proto/scorecard/v1/*.proto
    protoc -I "$googleapis" --go_out="$work/go/src" \
      "--go_opt=Mgoogle/rpc/status.proto=scorecard/gen/go/google/rpc/status;status" \
      "--go_opt=Mgoogle/rpc/error_details.proto=scorecard/gen/go/google/rpc/errdetails;errdetails" \
      google/rpc/status.proto google/rpc/error_details.proto
    cp "$client" "$work/go/src/client/main.go"
    (cd "$work/go/src/client" &&
      GO111MODULE=off GOPATH="$work/go:/usr/share/gocode" \
      GOCACHE="$work/go/cache" GOFLAGS= timeout 300 go build -o "$work/client" .)
    timeout 60 "$work/client" "$address" "$request" > "$work/out"
    ;;
  *) echo "unknown language $language"; exit 2 ;;
esac
cat "$work/out"

expect() {
  grep -qF -- "$1" "$work/out" || { echo "FAIL: the client did not print: $1"; exit 1; }
}
expect "สำนักงานเลขานุการกรม: total 4.9600, valid, revision "
expect "refused: INVALID_ARGUMENT: scorecard.rule_set is required"
expect "field scorecard.rule_set: scorecard.rule_set is required"
expect "reason MISSING_RULE_SET (scorecard.v1)"

# docs/clients.md shows this very client.
/usr/bin/python3 - "$client" "$source/docs/clients.md" << 'PY'
import sys
client, docs = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
if client.strip() not in docs:
    sys.exit(f"docs/clients.md does not show {sys.argv[1]} as tested")
PY
echo "1 passed, 0 failed"
