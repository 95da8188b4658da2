#!/usr/bin/env bash
# Builds the scorecardd container image with podman as
# localhost/scorecardd:<version> (the version from CMakeLists.txt), labelled
# with the git commit. Where no image registry is reachable, it first makes
# the Debian 12 base image from Debian's packages (mmdebstrap, then podman
# import) as localhost/scorecard-base:bookworm-slim, once; later builds reuse
# it, and podman's layer cache, and the apt and ccache cache mounts.
#
# Usage: deploy/container/build.sh            # prints the image name last
# Environment:
#   BASE_IMAGE   build on this image instead (e.g. debian:bookworm-slim where
#                a registry is reachable); not made locally then
#   SCORECARD_SOURCE_URL   org.opencontainers.image.source (default: the
#                git remote "origin", else "unknown")
# As root (podman rootful). Every step is bounded by `timeout`.
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/container/podman-options.sh

version=$(sed -n 's/^project(scorecard VERSION \([0-9][0-9.]*\).*/\1/p' CMakeLists.txt)
[ -n "$version" ] || { echo "build.sh: no version in CMakeLists.txt" >&2; exit 1; }
revision=$(git rev-parse HEAD 2> /dev/null || echo unknown)
source_url=${SCORECARD_SOURCE_URL:-$(git config --get remote.origin.url 2> /dev/null || echo unknown)}
image="localhost/scorecardd:$version"

base=${BASE_IMAGE:-}
if [ -z "$base" ]; then
  base=localhost/scorecard-base:bookworm-slim
  if ! podman image exists "$base"; then
    echo "build.sh: making the base image $base with mmdebstrap (once)" >&2
    tarball=$(mktemp --suffix=.tar)
    trap 'rm -f "$tarball"' EXIT
    # minbase, without docs, man pages and locales, like debian:bookworm-slim;
    # /usr merged by symbolic links as debootstrap does (the usrmerge package
    # would bring perl, 50 MB).
    timeout 900 mmdebstrap --quiet --variant=minbase --mode=root --format=tar \
      --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
      --dpkgopt='path-exclude=/usr/share/man/*' \
      --dpkgopt='path-exclude=/usr/share/doc/*' \
      --dpkgopt='path-include=/usr/share/doc/*/copyright' \
      --dpkgopt='path-exclude=/usr/share/locale/*' \
      --dpkgopt='path-exclude=/usr/share/info/*' \
      --aptopt='Acquire::Languages "none"' \
      bookworm "$tarball" \
      "deb http://deb.debian.org/debian bookworm main" \
      "deb http://deb.debian.org/debian bookworm-updates main" \
      "deb http://deb.debian.org/debian-security bookworm-security main"
    timeout 300 podman import --quiet \
      --change 'CMD ["/bin/bash"]' "$tarball" "$base" > /dev/null
    rm -f "$tarball"
  fi
fi

echo "build.sh: building $image on $base (commit $revision)" >&2
built_after=$(date +%s)
timeout 1800 podman "${podman_global_options[@]}" build \
  "${podman_container_options[@]}" \
  --file deploy/container/Containerfile \
  --build-arg "BASE_IMAGE=$base" \
  --build-arg "VERSION=$version" \
  --build-arg "REVISION=$revision" \
  --build-arg "SOURCE=$source_url" \
  --tag "$image" \
  . >&2
# Drop the build stages of earlier builds (their layers stay cached as long
# as this build's stages use them).
podman image prune --force --filter "until=$(date -u -d "@$built_after" +%Y-%m-%dT%H:%M:%SZ)" > /dev/null || true
echo "$image"
