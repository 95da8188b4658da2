#!/usr/bin/env bash
# --version: scorecardd and scorecardctl print one line, the project version
# and the git commit of the build, and nothing else. The commit script says
# "unknown" for sources without git (a tarball), names a repository's commit,
# and rewrites its output only when the commit changes (so a build without a
# new commit recompiles nothing).
# Usage: version_test.sh BUILD_DIR SOURCE_DIR VERSION
set -euo pipefail
build_dir=$1
source_dir=$2
version=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
  echo "version_test: $*" >&2
  exit 1
}

# The commit this build must name: the source tree's, as git tells it.
expected_commit=unknown
if top=$(git -C "$source_dir" rev-parse --show-toplevel 2> /dev/null) &&
    [ "$(realpath "$top")" = "$(realpath "$source_dir")" ]; then
  expected_commit=$(git -C "$source_dir" rev-parse HEAD)
  git -C "$source_dir" diff --quiet HEAD -- ||
    expected_commit="$expected_commit, with uncommitted changes"
fi

for program in service/scorecardd client/scorecardctl; do
  name=${program#*/}
  "$build_dir/$program" --version > "$work/out" 2> "$work/err" ||
    fail "$name --version exited $?: $(cat "$work/err")"
  expected="$name $version (commit $expected_commit)"
  [ "$(cat "$work/out")" = "$expected" ] ||
    fail "$name --version printed '$(cat "$work/out")', not '$expected'"
  [ "$(wc -l < "$work/out")" -eq 1 ] || fail "$name --version: not one line"
  [ ! -s "$work/err" ] || fail "$name --version wrote to stderr: $(cat "$work/err")"
done

script="$source_dir/rules/release/write_build_commit.cmake"
commit_of() {  # Runs the script on source folder $1 (and a given commit $2).
  cmake "-DSOURCE_DIR=$1" "-DOUTPUT=$work/build_commit.cc" "-DCOMMIT=${2:-}" \
    -P "$script"
  sed -n 's/^const char kCommit\[\] = "\(.*\)";$/\1/p' "$work/build_commit.cc"
}

# A tarball: no .git, even when unpacked inside another repository.
mkdir -p "$work/outer/tarball"
git -C "$work/outer" init -q
git -C "$work/outer" -c user.name=t -c user.email=t@example.org \
  commit -q --allow-empty -m outer
[ "$(commit_of "$work/outer/tarball")" = unknown ] ||
  fail "sources without .git did not give commit unknown"
[ "$(commit_of "$work/outer/tarball" 0123abcd)" = 0123abcd ] ||
  fail "a given commit (SCORECARD_COMMIT) was not used"

# A clone: its commit; unchanged output is not rewritten; a new commit is.
repo="$work/repo"
git init -q "$repo"
echo one > "$repo/file"
git -C "$repo" add file
git -C "$repo" -c user.name=t -c user.email=t@example.org commit -q -m one
[ "$(commit_of "$repo")" = "$(git -C "$repo" rev-parse HEAD)" ] ||
  fail "a clean repository's commit was not written"
touch -d '2000-01-01' "$work/build_commit.cc"
commit_of "$repo" > /dev/null
[ "$(stat -c %Y "$work/build_commit.cc")" = "$(date -d 2000-01-01 +%s)" ] ||
  fail "the commit file was rewritten though the commit had not changed"
echo two > "$repo/file"
[ "$(commit_of "$repo")" = "$(git -C "$repo" rev-parse HEAD), with uncommitted changes" ] ||
  fail "uncommitted changes were not noted"
git -C "$repo" -c user.name=t -c user.email=t@example.org commit -q -am two
[ "$(commit_of "$repo")" = "$(git -C "$repo" rev-parse HEAD)" ] ||
  fail "a new commit was not written"
echo "--version names version $version and commit $expected_commit"
