#!/usr/bin/env bash
# Lints the API with buf (STANDARD and COMMENTS rules, proto/buf.yaml),
# checks that the lint would catch an undocumented field, and runs the example
# generation template (proto/buf.gen.yaml) for every language.
# Usage: buf_lint_test.sh SOURCE_DIR
# Exits 77 (skipped) when buf is not installed, unless CI=true.
set -euo pipefail
source_dir=$1
buf="$source_dir/tests/tools/node_modules/.bin/buf"
if [ ! -x "$buf" ]; then
  # A plain ctest on a fresh clone skips this test (77 is its
  # SKIP_RETURN_CODE); CI installs buf, so there a missing buf is a failure.
  if [ "${CI:-}" = "true" ]; then
    echo "buf is not installed, and CI=true: CI must run buf lint" >&2
    exit 1
  fi
  echo "buf is not installed: skipped (run 'npm ci --prefix tests/tools'," \
       "as scripts/test.sh does)" >&2
  exit 77
fi

(cd "$source_dir/proto" && "$buf" lint)
echo "buf lint: proto/ passes STANDARD and COMMENTS"

# The same protos with one field's comment removed must fail.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -r "$source_dir/proto/." "$scratch/"
sed -i '/The resolved unit.s official name/d' "$scratch/scorecard/v1/scorecard.proto"
if (cd "$scratch" && "$buf" lint > "$scratch/lint.out" 2>&1); then
  echo "buf lint accepted a field without a comment" >&2
  exit 1
fi
grep -q 'unit_name' "$scratch/lint.out"
echo "buf lint: an undocumented field is caught"

# The example generation template (proto/buf.gen.yaml) works, and every
# language's code lands where its file option says.
generated=$(mktemp -d)
trap 'rm -rf "$scratch" "$generated"' EXIT
cp -r "$source_dir/proto/." "$generated/"
(cd "$generated" && "$buf" generate)
for file in \
    gen/go/scorecard/v1/scorecard.pb.go \
    gen/go/scorecard/v1/scorecard_service_grpc.pb.go \
    gen/python/scorecard/v1/scorecard_service_pb2_grpc.py \
    gen/java/th/scorecard/v1/Scorecard.java \
    gen/csharp/Scorecard.cs \
    gen/php/Scorecard/V1/Scorecard.php \
    gen/ruby/scorecard/v1/scorecard_pb.rb; do
  if [ ! -f "$generated/$file" ]; then
    echo "buf generate did not write $file" >&2
    exit 1
  fi
done
grep -q '^package scorecardv1$' "$generated/gen/go/scorecard/v1/scorecard.pb.go"
grep -q '^namespace Scorecard.V1 {' "$generated/gen/csharp/Scorecard.cs"
grep -q 'module Scorecard' "$generated/gen/ruby/scorecard/v1/scorecard_pb.rb"
echo "buf generate: Go, Python, Java, C#, PHP and Ruby land where the file options say"
