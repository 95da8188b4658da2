// Fuzzes rules::ReadScorecardDocument, the reader of submitted documents (the
// published tab-separated text and Scorecard JSON), and validates what it
// reads against the bundled rule sets.
//
// Properties:
//  - reading is deterministic: the same error, or the same scorecards;
//  - an error is valid UTF-8 and starts with the document's name;
//  - a document read has at least one scorecard, numbered in order, with
//    every string valid UTF-8, and the document's fiscal year is its first
//    block's;
//  - each scorecard read (the first eight) passes CheckValidation
//    (fuzz_properties.h) with each bundled rule set.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/util/message_differencer.h"
#include "rules/document_reader.h"
#include "tests/fuzz/fuzz_properties.h"

namespace {

using ::scorecard::fuzz::CheckStringsAreUtf8;
using ::scorecard::fuzz::CheckTextIsUtf8;
using ::scorecard::fuzz::CheckValidation;
using ::scorecard::rules::ReadScorecardDocument;
using ::scorecard::rules::RuleSet;
using ::scorecard::rules::ScorecardDocument;

constexpr absl::string_view kSource = "submitted.txt";
constexpr int kScorecardsValidated = 8;

const std::vector<std::shared_ptr<const RuleSet>>& BundledRules() {
  static const auto* rules =
      new std::vector<std::shared_ptr<const RuleSet>>(
          scorecard::fuzz::LoadRuleSetsOrDie(
              scorecard::fuzz::BundledRulesPath()));
  return *rules;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  BundledRules();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view content(reinterpret_cast<const char*>(data), size);
  const absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(content, kSource);
  const absl::StatusOr<ScorecardDocument> again =
      ReadScorecardDocument(content, kSource);
  FUZZ_CHECK(document.ok() == again.ok(), "reading is not deterministic");
  if (!document.ok()) {
    FUZZ_CHECK(document.status() == again.status(),
               "reading is not deterministic: ", document.status().ToString(),
               " then ", again.status().ToString());
    CheckTextIsUtf8(document.status().message(), "the reader's error");
    FUZZ_CHECK(absl::StartsWith(document.status().message(), kSource),
               "the error does not name the document: ",
               document.status().message());
    return 0;
  }

  FUZZ_CHECK(!document->scorecards.empty(), "a document without scorecards");
  FUZZ_CHECK(document->source == kSource, "source is ", document->source);
  FUZZ_CHECK(document->fiscal_year == document->scorecards[0].fiscal_year,
             "the document's fiscal year ", document->fiscal_year,
             " is not its first block's, ",
             document->scorecards[0].fiscal_year);
  FUZZ_CHECK(document->scorecards.size() == again->scorecards.size(),
             "reading is not deterministic");
  for (size_t i = 0; i < document->scorecards.size(); ++i) {
    const auto& read = document->scorecards[i];
    FUZZ_CHECK(read.index == static_cast<int>(i), "scorecard ", i,
               " has index ", read.index);
    FUZZ_CHECK(google::protobuf::util::MessageDifferencer::Equals(
                   read.scorecard, again->scorecards[i].scorecard) &&
                   read.fiscal_year == again->scorecards[i].fiscal_year,
               "reading is not deterministic for scorecard ", i);
    CheckStringsAreUtf8(read.scorecard, "Scorecard");
    if (static_cast<int>(i) < kScorecardsValidated) {
      for (const auto& rules : BundledRules()) {
        CheckValidation(*rules, read.scorecard);
      }
    }
  }
  return 0;
}
