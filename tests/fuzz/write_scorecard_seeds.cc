// Writes the validate_fuzzer seed corpus: every scorecard of a submitted
// document, serialized as a scorecard.v1.Scorecard, one file each.
//
//   write_scorecard_seeds tests/data/led-fy2563-scores.txt \
//       tests/fuzz/corpus/validate_fuzzer

#include <cstdio>
#include <fstream>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "rules/document_reader.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s DOCUMENT OUTPUT_DIR\n", argv[0]);
    return 2;
  }
  const absl::StatusOr<scorecard::rules::ScorecardDocument> document =
      scorecard::rules::ReadScorecardFile(argv[1]);
  if (!document.ok()) {
    std::fprintf(stderr, "%s\n", document.status().ToString().c_str());
    return 1;
  }
  for (const auto& read : document->scorecards) {
    const std::string path =
        absl::StrCat(argv[2], "/seed-", read.index, ".pb");
    std::ofstream out(path, std::ios::binary);
    if (!read.scorecard.SerializeToOstream(&out)) {
      std::fprintf(stderr, "cannot write %s\n", path.c_str());
      return 1;
    }
  }
  return 0;
}
