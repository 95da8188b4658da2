// A document with result and weighted-score columns, in its own column
// order and with columns the reader skips, read and judged by a rule set
// with criteria, dimensions and grades (tests/data/scoring/).

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "rules/document_reader.h"
#include "rules/rule_set_index.h"
#include "tests/testing/files.h"

namespace scorecard::rules {
namespace {

namespace v1 = ::scorecard::v1;
using ::scorecard::testing::ReadFile;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr char kDocument[] =
    SCORECARD_SOURCE_DIR "/tests/data/scoring/planning-fy2564.txt";
constexpr char kRules[] =
    SCORECARD_SOURCE_DIR "/tests/data/scoring/planning-fy2564.yaml";

const RuleSet& Rules() {
  static const auto* index = [] {
    auto loaded = RuleSetIndex::Load(kRules);
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    return new std::shared_ptr<const RuleSetIndex>(*loaded);
  }();
  return *(*index)->Find("planning-fy2564");
}

ScorecardDocument Read(const std::string& content) {
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(content, "planning.txt");
  EXPECT_TRUE(document.ok()) << document.status();
  return document.value_or(ScorecardDocument());
}

// The document with `from` replaced by `to` on 1-based line `line`.
std::string Edited(int line, const std::string& from, const std::string& to) {
  std::vector<std::string> lines = absl::StrSplit(ReadFile(kDocument), '\n');
  const size_t at = lines[line - 1].find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) lines[line - 1].replace(at, from.size(), to);
  return absl::StrJoin(lines, "\n");
}

std::vector<v1::ViolationCode> Codes(const v1::ValidationResult& result) {
  std::vector<v1::ViolationCode> codes;
  for (const v1::Violation& v : result.violations()) codes.push_back(v.code());
  return codes;
}

TEST(ScoringDocument, ColumnsAreReadByTheirNames) {
  const ScorecardDocument document = Read(ReadFile(kDocument));
  ASSERT_EQ(document.scorecards.size(), 1u);
  const v1::Scorecard& card = document.scorecards[0].scorecard;
  EXPECT_EQ(card.unit(), "กองแผนงาน");
  EXPECT_EQ(card.fiscal_year(), 2564);
  ASSERT_EQ(card.entries_size(), 3);
  const v1::Entry& first = card.entries(0);
  EXPECT_EQ(first.indicator(), "๑.๑");
  EXPECT_EQ(first.title(), "ร้อยละความพึงพอใจของผู้รับบริการ");
  EXPECT_EQ(first.weight(), "๔๐");
  EXPECT_EQ(first.result(), "๙๒.๕");
  EXPECT_EQ(first.score(), "๓.๕๐๐๐");
  EXPECT_EQ(first.weighted_score(), "๑.๔๐๐๐");
  EXPECT_EQ(first.line(), 5);
  // The total row's numbers by their columns too.
  EXPECT_EQ(card.declared_total(), "๓.๕๐๐๐");
  EXPECT_EQ(card.declared_weight_total(), "๑๐๐");
  EXPECT_EQ(card.declared_total_line(), 8);
}

TEST(ScoringDocument, IsJudgedByItsCriteriaDimensionsAndGrades) {
  v1::Scorecard card = Read(ReadFile(kDocument)).scorecards[0].scorecard;
  const v1::ValidationResult result = Rules().Validate(card);
  EXPECT_THAT(result.violations(), IsEmpty());
  EXPECT_TRUE(result.valid());
  EXPECT_EQ(result.computed_total(), "3.5000");
  EXPECT_EQ(result.grade(), "very good");
  ASSERT_EQ(result.contributions_size(), 3);
  EXPECT_EQ(result.contributions(1).explanation(),
            "85 reaches level 3 (80) but not level 4 (90): 3.0000");
  ASSERT_EQ(result.dimension_subtotals_size(), 2);
  EXPECT_EQ(result.dimension_subtotals(0).score(), "3.5000");
  EXPECT_EQ(result.dimension_subtotals(1).score(), "3.5000");
}

TEST(ScoringDocument, AWrongWeightedScoreAndAScoreAgainstItsCriteria) {
  // 2.1 states a weighted score of 1.0 (30 × 3 / 100 is 0.9); 2.2 claims a
  // 5 where four steps done score 4.
  std::string content = Edited(6, "\t๐.๙๐๐๐", "\t๑.๐๐๐๐");
  v1::Scorecard card = Read(content).scorecards[0].scorecard;
  card.mutable_entries(2)->set_score("๕.๐๐๐๐");
  const v1::ValidationResult result = Rules().Validate(card);
  ASSERT_THAT(Codes(result),
              ElementsAre(v1::VIOLATION_CODE_WEIGHTED_SCORE_MISMATCH,
                          v1::VIOLATION_CODE_SCORE_CRITERIA_MISMATCH));
  EXPECT_EQ(result.violations(0).line(), 6);
  EXPECT_EQ(result.violations(0).expected(), "0.9000");
  EXPECT_EQ(result.violations(1).line(), 7);
  EXPECT_EQ(result.violations(1).expected(), "4.0000");
  EXPECT_EQ(result.violations(1).actual(), "๕.๐๐๐๐");
  EXPECT_FALSE(result.valid());
}

TEST(ScoringDocument, ADocumentOfAnotherYearIsTold) {
  const std::string content = Edited(1, "๒๕๖๔", "๒๕๖๓");
  const v1::ValidationResult result =
      Rules().Validate(Read(content).scorecards[0].scorecard);
  EXPECT_THAT(Codes(result),
              ElementsAre(v1::VIOLATION_CODE_FISCAL_YEAR_MISMATCH));
}

}  // namespace
}  // namespace scorecard::rules
