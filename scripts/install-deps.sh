#!/usr/bin/env bash
# Installs what building and running the project needs, from Debian 12's
# packages (as root). With --test-tools, also what only the test suite runs:
# clang 14 with its sanitizer and libFuzzer runtimes (the asan and tsan
# presets, tests/fuzz/) and llvm-symbolizer; Debian's xmllint (JUnit output),
# Chromium and a Thai font (the department report rendered to a picture);
# the deployment tools (strace, podman, mmdebstrap, kubectl); and the npm
# tools pinned in tests/tools/package-lock.json (buf; Microsoft's SARIF
# validator; tap-parser).
# Idempotent: does nothing when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev libyaml-dev zlib1g-dev libssl-dev
  prometheus-cpp-dev
  grpc-proto golang-github-gogo-googleapis-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  openssl
)
with_test_tools=false
if [ "${1:-}" = "--test-tools" ]; then
  with_test_tools=true
  # The sanitizer, thread-safety and fuzz builds (clang and its runtimes).
  packages+=(clang-14 libclang-rt-14-dev llvm-14 nodejs)
  # The deployment tests: the package's unit checked under strace, the
  # manifests parsed, the container image built and run.
  packages+=(strace python3-yaml podman runc mmdebstrap)
  # The client's tests: JUnit read by xmllint, the department report rendered
  # by Chromium with a Thai font, Microsoft's SARIF validator (needs ICU).
  packages+=(libxml2-utils chromium fonts-thai-tlwg libicu72)
  # The clients in other languages that the suite runs (tests/clients/),
  # and the Prometheus exposition parser its metrics test reads /metrics
  # with. (The Go toolchain and packages install in about half a minute.)
  packages+=(python3-grpcio python3-protobuf python3-prometheus-client
             golang-go golang-google-grpc-dev golang-google-protobuf-dev
             protoc-gen-go protoc-gen-go-grpc)
  command -v npm > /dev/null || packages+=(npm)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2> /dev/null |
      grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: these Debian packages are missing: ${missing[*]}" >&2
    echo "install-deps: run as root (sudo) to install them" >&2
    exit 1
  fi
  echo "install-deps: installing ${missing[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

# The manifests' test renders with the machine's kubectl (else Debian's, from
# kubernetes-client) and also with Debian's kubectl 1.20 and its old built-in
# kustomize, unpacked into tests/tools/ so as not to replace the machine's.
if $with_test_tools && ! command -v kubectl > /dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends kubernetes-client
fi
if $with_test_tools && [ ! -x tests/tools/kubernetes-client/usr/bin/kubectl ]; then
  echo "install-deps: unpacking Debian's kubernetes-client into tests/tools"
  download=$(mktemp -d)
  (cd "$download" && { apt-get download kubernetes-client 2> /dev/null ||
                       { apt-get update && apt-get download kubernetes-client; }; })
  dpkg-deb -x "$download"/kubernetes-client_*.deb tests/tools/kubernetes-client
  rm -rf "$download"
fi

if $with_test_tools && { [ ! -x tests/tools/node_modules/.bin/buf ] ||
    [ ! -x tests/tools/node_modules/.bin/sarif-multitool ] ||
    [ ! -x tests/tools/node_modules/.bin/tap-parser ] ||
    [ tests/tools/package-lock.json -nt tests/tools/node_modules/.package-lock.json ]; }; then
  echo "install-deps: installing the test tools (npm ci in tests/tools)"
  npm ci --prefix tests/tools --no-audit --no-fund
fi
