#!/usr/bin/env bash
# Builds the YAML parser comparison fuzzer (a measuring tool; see README.md)
# from the checked-out rules/ with clang-14 and libFuzzer, ASan and UBSan
# (Debian: clang-14, libclang-rt-14-dev). With "libfyaml", the parser is
# first switched to libfyaml by libfyaml.patch (Debian: libfyaml-dev).
#
# Usage: tests/fuzz/yaml_compare/build.sh OUT_DIR [libyaml|libfyaml]
set -euo pipefail
out="$(realpath -m "$1")"
parser="${2:-libyaml}"
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../../.."
rm -rf "$out/src" "$out/gen"
mkdir -p "$out/src" "$out/gen" "$out/seeds" "$out/corpus"
cp -r rules CMakeLists.txt "$out/src/"
case "$parser" in
  libyaml) package=yaml-0.1 ;;
  libfyaml) package=libfyaml
            patch -s -d "$out/src" -p1 < "$here/libfyaml.patch" ;;
  *) echo "build.sh: the parser is libyaml or libfyaml, not $parser" >&2
     exit 2 ;;
esac
protoc --cpp_out="$out/gen" -Iproto proto/scorecard/v1/scorecard.proto \
  proto/scorecard/v1/rule_set_config.proto
flags=(-std=c++17 -O1 -g -fsanitize=fuzzer,address,undefined
       -fno-sanitize-recover=undefined -I"$out/src" -I"$out/gen")
r="$out/src/rules"
# shellcheck disable=SC2046  # pkg-config's flags are meant to split.
clang++-14 "${flags[@]}" -o "$out/yaml_to_proto_fuzzer" \
  "$here/yaml_to_proto_fuzzer.cc" "$r/utf8.cc" "$r/yaml_parser.cc" \
  "$r/yaml_to_proto.cc" "$out/gen/scorecard/v1/"*.pb.cc \
  $(pkg-config --libs "$package" protobuf absl_status absl_strings \
      absl_flat_hash_map absl_str_format)
cp rules/bundled/*.yaml tests/data/rules/*.yaml tests/data/rules/broken/*.yaml \
  tests/data/service/*.yaml "$out/seeds/"
echo "built $out/yaml_to_proto_fuzzer with $parser"
