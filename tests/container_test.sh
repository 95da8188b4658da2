#!/usr/bin/env bash
# The container image: deploy/container/build.sh builds it with podman; it is
# labelled with the version, commit and source, runs as a non-root user on a
# read-only root file system with no capabilities, serves gRPC health SERVING
# on its published port, validates the example document through
# `scorecardctl --server`, names its commit in --version, and on SIGTERM
# drains and exits 0 within the drain time. Prints the build time and the
# image size. Skipped (exit 77) without root or podman.
# Usage: container_test.sh BUILD_DIR SOURCE_DIR VERSION
set -euo pipefail
build_dir=$1
source_dir=$2
version=$3
TEST_NAME=container_test
. "$source_dir/tests/testing/scorecardd.sh"
cd "$source_dir"
example=docs/examples/led-fy2563-scores.txt

if [ "$(id -u)" -ne 0 ] || ! command -v podman > /dev/null; then
  echo "container_test: needs root and podman; skipped"
  exit 77
fi
. deploy/container/podman-options.sh
# One run at a time on this machine (other worktrees' suites run it too).
exec 9> /var/lock/scorecard-container-test.lock
flock --wait 1200 9 || fail "another container test held the lock for 20 minutes"
podman() { timeout 600 podman "${podman_global_options[@]}" "$@"; }
name="scorecardd-test-$$"
cleanup() { podman rm --force --time 0 "$name" > /dev/null 2>&1 || true; }
trap cleanup EXIT

start=$SECONDS
image=$(deploy/container/build.sh 2> "$build_dir/container-build.log" | tail -n 1) ||
  fail "build.sh failed: $(tail -n 30 "$build_dir/container-build.log")"
echo "built $image in $((SECONDS - start)) s (log: $build_dir/container-build.log)"
[ "$image" = "localhost/scorecardd:$version" ] || fail "unexpected image name $image"
size=$(podman image inspect --format '{{.Size}}' "$image")
echo "image size: $size bytes ($((size / 1000000)) MB)"

label() { podman image inspect --format "{{index .Labels \"org.opencontainers.image.$1\"}}" "$image"; }
revision=$(git rev-parse HEAD 2> /dev/null || echo unknown)
[ "$(label version)" = "$version" ] || fail "label version is '$(label version)'"
[ "$(label revision)" = "$revision" ] || fail "label revision is '$(label revision)', not $revision"
[ -n "$(label source)" ] || fail "no source label"
user=$(podman image inspect --format '{{.Config.User}}' "$image")
[ "${user%%:*}" = 10001 ] || fail "the image runs as '$user', not 10001"

# --version names the commit the image was built from.
podman run --rm "${podman_container_options[@]}" "$image" --version > "$build_dir/container-version.txt" ||
  fail "scorecardd --version failed in the container"
[ "$(cat "$build_dir/container-version.txt")" = "scorecardd $version (commit $revision)" ] ||
  fail "--version in the container: $(cat "$build_dir/container-version.txt")"

# Serve: the ENTRYPOINT as it is, locked down, on a free loopback port.
podman run --detach --name "$name" "${podman_container_options[@]}" \
  --read-only --cap-drop=ALL --security-opt=no-new-privileges \
  --publish 127.0.0.1::50051 "$image" > /dev/null ||
  fail "the container did not start"
address=$(podman port "$name" 50051/tcp | head -n 1)
[ -n "$address" ] || fail "no published port: $(podman logs "$name" 2>&1)"
address=${address/0.0.0.0/127.0.0.1}
wait_for_serving "$address"
"$build_dir/client/scorecardctl" validate --server "$address" "$example" \
  > "$build_dir/container-report.txt" ||
  fail "validation through the container failed: $(cat "$build_dir/container-report.txt")"
grep -q '6 scorecards: 6 VALID, 0 INVALID' "$build_dir/container-report.txt" ||
  fail "unexpected report: $(cat "$build_dir/container-report.txt")"
logs=$(podman logs "$name" 2>&1)
grep -q '"event":"start".*"rules":"/usr/share/scorecard/rules"' <<< "$logs" ||
  fail "the container did not serve its bundled rules: $logs"

# SIGTERM: drain (--drain_time 10 s by default) and exit 0.
drain_seconds=10
podman kill --signal TERM "$name" > /dev/null
stopped=$SECONDS
status=$(timeout $((drain_seconds + 20)) podman "${podman_global_options[@]}" wait "$name") ||
  fail "the container was still running $((drain_seconds + 20)) s after SIGTERM"
elapsed=$((SECONDS - stopped))
logs=$(podman logs "$name" 2>&1)
[ "$status" = 0 ] || fail "the container exited $status after SIGTERM: $logs"
[ "$elapsed" -le "$drain_seconds" ] ||
  fail "the container took $elapsed s to stop, more than the $drain_seconds s drain"
grep -q '"event":"drained"' <<< "$logs" || fail "no drained line: $logs"
echo "served $address, validated the example, stopped on SIGTERM with exit 0 in $elapsed s"
