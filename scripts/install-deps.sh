#!/usr/bin/env bash
# Installs what building and running the project needs, from Debian 12's
# packages (as root). With --test-tools, also what the test suite needs
# beyond that: clang 14 with its sanitizer and libFuzzer runtimes (the asan
# and tsan presets, tests/fuzz/), llvm-symbolizer for readable sanitizer
# reports, and the npm tools (buf, pinned in tests/tools/package-lock.json).
# Idempotent: does nothing when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev libyaml-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
with_test_tools=false
if [ "${1:-}" = "--test-tools" ]; then
  with_test_tools=true
  packages+=(clang-14 libclang-rt-14-dev llvm-14 nodejs)
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

if $with_test_tools && [ ! -x tests/tools/node_modules/.bin/buf ]; then
  echo "install-deps: installing the test tools (npm ci in tests/tools)"
  npm ci --prefix tests/tools --no-audit --no-fund
fi
