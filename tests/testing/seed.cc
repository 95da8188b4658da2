#include "tests/testing/seed.h"

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/str_replace.h"
#include "tests/testing/files.h"

namespace scorecard::testing {

std::string SeedWithLineEdited(int line, absl::string_view from,
                               absl::string_view to) {
  std::vector<std::string> lines =
      absl::StrSplit(ReadFile(kSeedDocument), '\n');
  if (line < 1 || line > static_cast<int>(lines.size()) ||
      absl::StrReplaceAll({{from, to}}, &lines[line - 1]) == 0) {
    std::fprintf(stderr, "SeedWithLineEdited: line %d of %s has no \"%.*s\"\n",
                 line, kSeedDocument, static_cast<int>(from.size()),
                 from.data());
    std::abort();
  }
  return absl::StrJoin(lines, "\n");
}

}  // namespace scorecard::testing
