// A measuring tool, not a committed fuzzer: the libFuzzer harness used to
// compare YAML parsers for rules/yaml_parser.cc (docs/performance.md,
// "Choosing the YAML parser"). build.sh builds it outside CMake.
//
// Reads the input as a rule file's YAML into a RuleSetConfig and checks
// what YamlToProto promises whatever the input: it returns (a hang is a
// libFuzzer timeout), OK or INVALID_ARGUMENT only, and an error that is
// valid UTF-8, one "source:..." line per problem, never more than
// kMaxYamlProblems + 1 lines, each of bounded length.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "rules/utf8.h"
#include "rules/yaml_to_proto.h"
#include "scorecard/v1/rule_set_config.pb.h"

namespace {

void Fail(const char* what, const absl::Status& status) {
  std::fprintf(stderr, "broken promise: %s\n%s\n", what,
               status.ToString().c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view yaml(reinterpret_cast<const char*>(data), size);
  scorecard::v1::RuleSetConfig config;
  const absl::Status status =
      scorecard::rules::YamlToProto(yaml, "f.yaml", &config);
  if (status.ok()) return 0;
  if (status.code() != absl::StatusCode::kInvalidArgument) {
    Fail("a code other than INVALID_ARGUMENT", status);
  }
  if (!scorecard::rules::IsValidUtf8(status.message())) {
    Fail("an error that is not UTF-8", status);
  }
  size_t lines = 0;
  for (absl::string_view line : absl::StrSplit(status.message(), '\n')) {
    ++lines;
    if (!absl::StartsWith(line, "f.yaml")) Fail("a line without source", status);
    // A path of kMaxYamlDepth fields, each a name and an index, plus quoted
    // text: long, but bounded.
    if (line.size() > 16384) Fail("an unbounded line", status);
  }
  if (lines > scorecard::rules::kMaxYamlProblems + 1) {
    Fail("more lines than problems listed", status);
  }
  return 0;
}
