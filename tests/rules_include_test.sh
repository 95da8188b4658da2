#!/usr/bin/env bash
# The rules engine stays free of RPC: no file under rules/ may include a gRPC
# header (grpc/, grpcpp/, grpc++/, *.grpc.pb.h) or a header of the service or
# the client (service/, client/), and rules/CMakeLists.txt may not link gRPC.
# Then checks that this check would catch such an include.
# Usage: rules_include_test.sh SOURCE_DIR
set -euo pipefail
source_dir=$1

# Prints every forbidden include under $1 (file:line: text); fails if any.
forbidden_includes() {
  local pattern='^[[:space:]]*#[[:space:]]*(include|import)[[:space:]]*[<"]'
  pattern+='((grpc|grpcpp|grpc\+\+|service|client)/|[^>"]*\.grpc\.pb\.h)'
  ! grep -rnE --include='*.h' --include='*.cc' --include='*.inc' \
      "$pattern" "$1"
}

if ! forbidden_includes "$source_dir/rules"; then
  echo "rules/ must not include gRPC, service/ or client/ headers (above)" >&2
  exit 1
fi
if grep -nE 'gRPC::|grpc\+\+|scorecard_grpc_proto' \
    "$source_dir/rules/CMakeLists.txt" | grep -vE '^[0-9]+:[[:space:]]*#'; then
  echo "rules/CMakeLists.txt must not link gRPC (above)" >&2
  exit 1
fi
echo "rules/: no gRPC, service or client includes"

# The check itself must catch each kind of include.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for include in '<grpcpp/grpcpp.h>' '<grpc/grpc.h>' '"service/rule_store.h"' \
               '"client/report.h"' '"scorecard/v1/scorecard_service.grpc.pb.h"'; do
  rm -rf "$scratch/rules"
  cp -r "$source_dir/rules" "$scratch/rules"
  sed -i "0,/^#include/s||#include $include\n#include|" "$scratch/rules/decimal.cc"
  if forbidden_includes "$scratch/rules" > /dev/null; then
    echo "the check missed #include $include" >&2
    exit 1
  fi
done
echo "rules/: an include of gRPC, service/ or client/ is caught"
