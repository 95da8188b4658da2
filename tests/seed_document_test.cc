// The published FY2563 document of the Legal Execution Department, read and
// validated against the bundled rules: every unit valid, every total computed
// by the engine, and a single changed number caught where it was changed.

#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rules/decimal_sum.h"
#include "rules/document_reader.h"
#include "rules/rule_set_index.h"
#include "tests/testing/files.h"
#include "tests/testing/seed.h"

namespace scorecard::rules {
namespace {

namespace v1 = ::scorecard::v1;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

using ::scorecard::testing::kBundledRules;
using ::scorecard::testing::ReadFile;
using ::scorecard::testing::SeedWithLineEdited;
constexpr const char* kSeed = ::scorecard::testing::kSeedDocument;

const RuleSet& BundledRules() {
  static const auto* index = [] {
    absl::StatusOr<std::shared_ptr<const RuleSetIndex>> loaded =
        RuleSetIndex::Load(kBundledRules);
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    return new std::shared_ptr<const RuleSetIndex>(*loaded);
  }();
  const RuleSet* rules = (*index)->Find("led-fy2563");
  EXPECT_NE(rules, nullptr);
  return *rules;
}

std::vector<v1::ValidationResult> ValidateDocument(const std::string& content) {
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(content, "seed.txt");
  EXPECT_TRUE(document.ok()) << document.status();
  std::vector<v1::ValidationResult> results;
  if (!document.ok()) return results;
  for (const DocumentScorecard& item : document->scorecards) {
    results.push_back(BundledRules().Validate(item.scorecard));
  }
  return results;
}

std::vector<v1::ViolationCode> Codes(const v1::ValidationResult& result) {
  std::vector<v1::ViolationCode> codes;
  for (const v1::Violation& v : result.violations()) codes.push_back(v.code());
  return codes;
}

TEST(SeedDocument, AllSixUnitsAreValidWithThePublishedTotals) {
  const std::vector<v1::ValidationResult> results =
      ValidateDocument(ReadFile(kSeed));
  ASSERT_EQ(results.size(), 6u);
  std::vector<std::string> totals;
  for (const v1::ValidationResult& result : results) {
    EXPECT_TRUE(result.valid()) << result.DebugString();
    EXPECT_THAT(result.violations(), IsEmpty()) << result.unit();
    totals.push_back(result.computed_total());
  }
  EXPECT_THAT(totals, ElementsAre("4.9600", "4.9600", "4.6600", "4.8600",
                                  "4.9100", "4.9400"));
}

TEST(SeedDocument, EveryUnitResolvesToADistinctRuleSetUnit) {
  const std::vector<v1::ValidationResult> results =
      ValidateDocument(ReadFile(kSeed));
  std::set<std::string> units;
  for (const v1::ValidationResult& result : results) units.insert(result.unit());
  EXPECT_EQ(units.size(), 6u);
  EXPECT_EQ(units.count(""), 0u);
}

// The bundled rules declare the seed's pattern of weight shares as
// dimensions (1 = 10, 2+3 = 40, 4+5 = 40, 6 = 6, 7 = 4); every unit keeps it,
// and the dimensions' contributions add up to each unit's total.
TEST(SeedDocument, EveryUnitKeepsTheSeedsDimensions) {
  const std::vector<v1::ValidationResult> results =
      ValidateDocument(ReadFile(kSeed));
  ASSERT_EQ(results.size(), 6u);
  for (const v1::ValidationResult& result : results) {
    std::vector<std::string> weights;
    DecimalSum contributions;
    for (const v1::DimensionSubtotal& d : result.dimension_subtotals()) {
      weights.push_back(d.weight());
      contributions.Add(Decimal::Parse(d.contribution()).value());
    }
    EXPECT_THAT(weights, ElementsAre("10", "40", "40", "6", "4"))
        << result.unit();
    EXPECT_TRUE(contributions ==
                Decimal::Parse(result.computed_total()).value())
        << result.unit() << ": " << contributions.ToString();
  }
}

// Line 26 is unit 1's indicator ๗.๑, scored ๓.๐๐๐๐ with weight ๒.
TEST(SeedDocument, AChangedScoreIsATotalMismatch) {
  const std::string changed = SeedWithLineEdited(26, "\t๓.๐๐๐๐\t", "\t๕.๐๐๐๐\t");
  const std::vector<v1::ValidationResult> results = ValidateDocument(changed);
  ASSERT_EQ(results.size(), 6u);
  EXPECT_FALSE(results[0].valid());
  EXPECT_EQ(results[0].computed_total(), "5.0000");
  EXPECT_THAT(Codes(results[0]), ElementsAre(v1::VIOLATION_CODE_TOTAL_MISMATCH));
  EXPECT_EQ(results[0].violations(0).line(), 28);
  EXPECT_EQ(results[0].violations(0).expected(), "5.0000");
  EXPECT_EQ(results[0].violations(0).actual(), "๔.๙๖๐๐");
  for (size_t i = 1; i < results.size(); ++i) EXPECT_TRUE(results[i].valid());
}

TEST(SeedDocument, AChangedWeightIsAWeightMismatchOnItsLine) {
  // ๑.๑ of unit 1 (line 7) weighs ๑๐; make it ๑๒.
  const std::string changed = SeedWithLineEdited(7, "\t๑๐", "\t๑๒");
  const std::vector<v1::ValidationResult> results = ValidateDocument(changed);
  ASSERT_EQ(results.size(), 6u);
  EXPECT_FALSE(results[0].valid());
  EXPECT_THAT(Codes(results[0]), ElementsAre(v1::VIOLATION_CODE_WEIGHT_MISMATCH,
                                             v1::VIOLATION_CODE_WEIGHT_TOTAL));
  EXPECT_EQ(results[0].violations(0).line(), 7);
  EXPECT_EQ(results[0].violations(0).indicator(), "1.1");
  EXPECT_EQ(results[0].violations(0).expected(), "10");
  EXPECT_EQ(results[0].violations(0).actual(), "๑๒");
  // The rule set's weight still gives the published total.
  EXPECT_EQ(results[0].computed_total(), "4.9600");
}

TEST(SeedDocument, AChangedTotalIsATotalMismatchOnTheTotalRow) {
  // Unit 3's total row is line 74: ๔.๖๖๐๐ → ๔.๖๗๐๐.
  const std::string changed = SeedWithLineEdited(74, "๔.๖๖๐๐", "๔.๖๗๐๐");
  const std::vector<v1::ValidationResult> results = ValidateDocument(changed);
  ASSERT_EQ(results.size(), 6u);
  EXPECT_FALSE(results[2].valid());
  EXPECT_THAT(Codes(results[2]), ElementsAre(v1::VIOLATION_CODE_TOTAL_MISMATCH));
  EXPECT_EQ(results[2].violations(0).line(), 74);
  EXPECT_EQ(results[2].violations(0).expected(), "4.6600");
  EXPECT_EQ(results[2].computed_total(), "4.6600");
}

}  // namespace
}  // namespace scorecard::rules
