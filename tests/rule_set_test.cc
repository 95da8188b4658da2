// The engine: every violation code, several at once, totals and unit
// resolution, on a small rule set written inline.

#include "rules/rule_set.h"

#include <algorithm>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "rules/document_reader.h"
#include "rules/rule_set_index.h"
#include "rules/utf8.h"

namespace scorecard::rules {
namespace {

namespace v1 = ::scorecard::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Two units; "registry" has three indicators weighing 50 + 30 + 20.
constexpr char kRules[] = R"pb(
  id: "test-fy2563"
  title: "Test rules"
  fiscal_year: 2563
  score_scale { min: "1" max: "5" decimals: 4 }
  weight_total: "100"
  categories { id: "1" title: "Service" }
  categories { id: "2" title: "Operations" }
  units {
    id: "registry"
    name: "กองทะเบียน"
    aliases: "กทบ."
    indicators { id: "1.1" title: "ร้อยละความพึงพอใจ" weight: "50" }
    indicators { id: "2.1" title: "ระดับความสำเร็จ" weight: "30" }
    indicators { id: "2.2" title: "จำนวนการประชุม" weight: "20" }
  }
  units {
    id: "finance"
    name: "กองบริหารการคลัง"
    indicators { id: "1.1" title: "ร้อยละความพึงพอใจ" weight: "100" }
  }
)pb";

v1::RuleSetConfig Config(const std::string& text = kRules) {
  v1::RuleSetConfig config;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &config));
  return config;
}

std::shared_ptr<const RuleSet> Compiled(v1::RuleSetConfig config = Config()) {
  absl::StatusOr<std::shared_ptr<const RuleSet>> rules =
      RuleSet::Compile(std::move(config), "test.textproto");
  EXPECT_TRUE(rules.ok()) << rules.status();
  return rules.value_or(nullptr);
}

v1::Entry Row(const std::string& indicator, const std::string& score,
              const std::string& weight = "", int line = 0,
              const std::string& title = "") {
  v1::Entry entry;
  entry.set_indicator(indicator);
  entry.set_score(score);
  entry.set_weight(weight);
  entry.set_line(line);
  entry.set_title(title);
  return entry;
}

// A correct scorecard of "registry": 5×50 + 4×30 + 3×20 = 430 → 4.3000.
v1::Scorecard Registry() {
  v1::Scorecard card;
  card.set_unit("registry");
  *card.add_entries() = Row("1.1", "5.0000", "50", 10);
  *card.add_entries() = Row("2.1", "4.0000", "30", 11);
  *card.add_entries() = Row("2.2", "3.0000", "20", 12);
  card.set_declared_total("4.3000");
  card.set_declared_total_line(13);
  return card;
}

std::vector<v1::ViolationCode> Codes(const v1::ValidationResult& result) {
  std::vector<v1::ViolationCode> codes;
  for (const v1::Violation& v : result.violations()) codes.push_back(v.code());
  return codes;
}

TEST(RuleSetValidate, ValidScorecardHasTotalAndNoViolation) {
  const v1::ValidationResult result = Compiled()->Validate(Registry());
  EXPECT_TRUE(result.valid());
  EXPECT_THAT(result.violations(), IsEmpty());
  EXPECT_EQ(result.computed_total(), "4.3000");
  EXPECT_EQ(result.declared_total(), "4.3000");
  EXPECT_EQ(result.unit(), "registry");
  EXPECT_EQ(result.unit_name(), "กองทะเบียน");
  EXPECT_EQ(result.rule_set(), "test-fy2563");
  EXPECT_EQ(result.rule_set_revision().size(), 16u);
}

TEST(RuleSetValidate, ContributionsAndCategorySubtotalsExplainTheTotal) {
  const v1::ValidationResult result = Compiled()->Validate(Registry());
  ASSERT_EQ(result.contributions_size(), 3);
  EXPECT_EQ(result.contributions(1).indicator(), "2.1");
  EXPECT_EQ(result.contributions(1).category(), "2");
  EXPECT_EQ(result.contributions(1).score(), "4.0000");
  EXPECT_EQ(result.contributions(1).weight(), "30");
  EXPECT_EQ(result.contributions(1).weighted_score(), "120.0000");
  ASSERT_EQ(result.category_subtotals_size(), 2);
  EXPECT_EQ(result.category_subtotals(0).title(), "Service");
  EXPECT_EQ(result.category_subtotals(0).score(), "5.0000");
  EXPECT_EQ(result.category_subtotals(1).weight(), "50");
  EXPECT_EQ(result.category_subtotals(1).weighted_score(), "180.0000");
  EXPECT_EQ(result.category_subtotals(1).score(), "3.6000");
}

TEST(RuleSetValidate, WithoutBreakdownSameVerdictNoContributions) {
  v1::Scorecard card = Registry();
  card.mutable_entries(1)->set_weight("35");
  const v1::ValidationResult full = Compiled()->Validate(card);
  const v1::ValidationResult basic =
      Compiled()->Validate(card, {Locale::kEnglish, /*breakdown=*/false});
  EXPECT_EQ(basic.contributions_size(), 0);
  EXPECT_EQ(basic.category_subtotals_size(), 0);
  EXPECT_GT(full.contributions_size(), 0);
  v1::ValidationResult full_without_breakdown = full;
  full_without_breakdown.clear_contributions();
  full_without_breakdown.clear_category_subtotals();
  EXPECT_EQ(basic.SerializeAsString(),
            full_without_breakdown.SerializeAsString());
  EXPECT_EQ(basic.computed_total(), "4.3000");
}

TEST(RuleSetValidate, ThaiDigitsAreTheSameScorecard) {
  v1::Scorecard card;
  card.set_unit("กองทะเบียน");
  *card.add_entries() = Row("๑.๑", "๕.๐๐๐๐", "๕๐");
  *card.add_entries() = Row("๒.๑", "๔.๐๐๐๐", "๓๐");
  *card.add_entries() = Row("๒.๒", "๓.๐๐๐๐", "๒๐");
  card.set_declared_total("๔.๓๐๐๐");
  card.set_declared_weight_total("๑๐๐");
  const v1::ValidationResult result = Compiled()->Validate(card);
  EXPECT_TRUE(result.valid()) << result.DebugString();
  EXPECT_EQ(result.computed_total(), "4.3000");
}

TEST(RuleSetValidate, EmptyWeightMeansAsTheRulesSay) {
  v1::Scorecard card = Registry();
  for (v1::Entry& e : *card.mutable_entries()) e.clear_weight();
  const v1::ValidationResult result = Compiled()->Validate(card);
  EXPECT_TRUE(result.valid());
  EXPECT_EQ(result.computed_total(), "4.3000");
}

TEST(RuleSetValidate, TotalRoundsHalfUpAtTheFifthDecimal) {
  // 4.0001×50 + 4×30 + 4×20 = 400.005 → 4.00005 → 4.0001 half-up.
  v1::Scorecard card = Registry();
  card.mutable_entries(0)->set_score("4.0001");
  card.mutable_entries(1)->set_score("4");
  card.mutable_entries(2)->set_score("4");
  card.clear_declared_total();
  EXPECT_EQ(Compiled()->Validate(card).computed_total(), "4.0001");

  v1::RuleSetConfig even = Config();
  even.set_rounding(v1::ROUNDING_HALF_EVEN);
  EXPECT_EQ(Compiled(even)->Validate(card).computed_total(), "4.0000");

  // Just below the boundary never rounds up: 4.00004 (weights 50/30/20 with
  // 4.00008 on the 50) → 4.0000.
  card.mutable_entries(0)->set_score("4.00008");
  v1::RuleSetConfig wide = Config();
  wide.mutable_score_scale()->set_decimals(5);
  wide.set_rounding(v1::ROUNDING_HALF_UP);
  // At 5 decimals the total keeps them: 4.00004.
  EXPECT_EQ(Compiled(wide)->Validate(card).computed_total(), "4.00004");
}

TEST(RuleSetValidate, UnknownUnit) {
  v1::Scorecard card = Registry();
  card.set_unit("กองที่ไม่มี");
  card.set_line(3);
  const v1::ValidationResult result = Compiled()->Validate(card);
  EXPECT_FALSE(result.valid());
  EXPECT_THAT(Codes(result), ElementsAre(v1::VIOLATION_CODE_UNKNOWN_UNIT));
  EXPECT_EQ(result.violations(0).actual(), "กองที่ไม่มี");
  EXPECT_EQ(result.violations(0).line(), 3);
  EXPECT_EQ(result.computed_total(), "");
  EXPECT_EQ(result.unit(), "");
}

TEST(RuleSetValidate, UnitResolvesByIdNameOrAliasIgnoringWhiteSpace) {
  const auto rules = Compiled();
  for (const char* name : {"registry", " Registry ", "กองทะเบียน",
                           "กอง ทะเบียน", "กทบ.", "กทบ. "}) {
    v1::Scorecard card = Registry();
    card.set_unit(name);
    EXPECT_EQ(rules->Validate(card).unit(), "registry") << name;
  }
}

TEST(RuleSetValidate, UnknownIndicator) {
  v1::Scorecard card = Registry();
  *card.add_entries() = Row("๙.๙", "5", "", 14);
  const v1::ValidationResult result = Compiled()->Validate(card);
  EXPECT_THAT(Codes(result), ElementsAre(v1::VIOLATION_CODE_UNKNOWN_INDICATOR));
  EXPECT_EQ(result.violations(0).indicator(), "9.9");
  EXPECT_EQ(result.violations(0).actual(), "๙.๙");
  EXPECT_EQ(result.violations(0).line(), 14);
  EXPECT_FALSE(result.valid());
  // The known indicators still give a total.
  EXPECT_EQ(result.computed_total(), "4.3000");
}

TEST(RuleSetValidate, MissingIndicatorLeavesTotalEmpty) {
  v1::Scorecard card = Registry();
  card.mutable_entries()->DeleteSubrange(1, 1);
  const v1::ValidationResult result = Compiled()->Validate(card);
  EXPECT_THAT(Codes(result), ElementsAre(v1::VIOLATION_CODE_MISSING_INDICATOR));
  EXPECT_EQ(result.violations(0).indicator(), "2.1");
  EXPECT_THAT(result.violations(0).message(), HasSubstr("2.1"));
  EXPECT_EQ(result.computed_total(), "");
}

TEST(RuleSetValidate, DuplicateIndicatorCountsTheFirst) {
  v1::Scorecard card = Registry();
  *card.add_entries() = Row("2.1", "1.0000", "30", 20);
  const v1::ValidationResult result = Compiled()->Validate(card);
  EXPECT_THAT(Codes(result),
              ElementsAre(v1::VIOLATION_CODE_DUPLICATE_INDICATOR));
  EXPECT_EQ(result.violations(0).line(), 20);
  EXPECT_THAT(result.violations(0).message(), HasSubstr("line 11"));
  EXPECT_EQ(result.computed_total(), "4.3000");
}

TEST(RuleSetValidate, InvalidScoreNamesLineAndLeavesTotalEmpty) {
  v1::Scorecard card = Registry();
  card.mutable_entries(1)->set_score("๔.o๐๐๐");
  const v1::ValidationResult result = Compiled()->Validate(card);
  EXPECT_THAT(Codes(result), ElementsAre(v1::VIOLATION_CODE_INVALID_NUMBER));
  EXPECT_EQ(result.violations(0).indicator(), "2.1");
  EXPECT_EQ(result.violations(0).line(), 11);
  EXPECT_EQ(result.violations(0).actual(), "๔.o๐๐๐");
  EXPECT_EQ(result.computed_total(), "");
  EXPECT_FALSE(result.valid());
}

TEST(RuleSetValidate, InvalidWeightAndDeclaredNumbers) {
  v1::Scorecard card = Registry();
  card.mutable_entries(0)->set_weight("ห้าสิบ");
  card.set_declared_total("4,3");
  card.set_declared_weight_total("1OO");
  const v1::ValidationResult result = Compiled()->Validate(card);
  EXPECT_THAT(Codes(result), ElementsAre(v1::VIOLATION_CODE_INVALID_NUMBER,
                                         v1::VIOLATION_CODE_INVALID_NUMBER,
                                         v1::VIOLATION_CODE_INVALID_NUMBER));
  EXPECT_EQ(result.violations(0).indicator(), "1.1");
  EXPECT_EQ(result.violations(1).line(), 13);
  // The scores are fine, so the total is still computed.
  EXPECT_EQ(result.computed_total(), "4.3000");
}

TEST(RuleSetValidate, ScoreOutOfRange) {
  v1::Scorecard card = Registry();
  card.mutable_entries(2)->set_score("5.5000");
  card.clear_declared_total();
  const v1::ValidationResult result = Compiled()->Validate(card);
  EXPECT_THAT(Codes(result), ElementsAre(v1::VIOLATION_CODE_SCORE_OUT_OF_RANGE));
  EXPECT_EQ(result.violations(0).expected(), "1 to 5");
  EXPECT_EQ(result.violations(0).actual(), "5.5000");
  EXPECT_EQ(result.violations(0).indicator(), "2.2");
  card.mutable_entries(2)->set_score("0.9999");
  EXPECT_THAT(Codes(Compiled()->Validate(card)),
              ElementsAre(v1::VIOLATION_CODE_SCORE_OUT_OF_RANGE));
  card.mutable_entries(2)->set_score("1");
  EXPECT_TRUE(Compiled()->Validate(card).valid());
}

TEST(RuleSetValidate, ScorePrecision) {
  v1::Scorecard card = Registry();
  card.mutable_entries(0)->set_score("4.99995");
  card.clear_declared_total();
  const v1::ValidationResult result = Compiled()->Validate(card);
  EXPECT_THAT(Codes(result), ElementsAre(v1::VIOLATION_CODE_SCORE_PRECISION));
  EXPECT_EQ(result.violations(0).actual(), "4.99995");
  // Extra zeros are not imprecise.
  card.mutable_entries(0)->set_score("5.000000");
  EXPECT_TRUE(Compiled()->Validate(card).valid());
}

TEST(RuleSetValidate, WeightMismatchUsesTheRulesWeightForTheTotal) {
  v1::Scorecard card = Registry();
  card.mutable_entries(1)->set_weight("35");
  const v1::ValidationResult result = Compiled()->Validate(card);
  EXPECT_THAT(Codes(result), ElementsAre(v1::VIOLATION_CODE_WEIGHT_MISMATCH,
                                         v1::VIOLATION_CODE_WEIGHT_TOTAL));
  EXPECT_EQ(result.violations(0).expected(), "30");
  EXPECT_EQ(result.violations(0).actual(), "35");
  EXPECT_EQ(result.violations(0).line(), 11);
  EXPECT_EQ(result.violations(1).expected(), "100");
  EXPECT_EQ(result.violations(1).actual(), "105");
  EXPECT_EQ(result.computed_total(), "4.3000");
}

TEST(RuleSetValidate, WeightTotalFromTheDeclaredRow) {
  v1::Scorecard card = Registry();
  card.set_declared_weight_total("๙๐");
  const v1::ValidationResult result = Compiled()->Validate(card);
  EXPECT_THAT(Codes(result), ElementsAre(v1::VIOLATION_CODE_WEIGHT_TOTAL));
  EXPECT_EQ(result.violations(0).actual(), "๙๐");
  EXPECT_EQ(result.violations(0).line(), 13);
  card.set_declared_weight_total("100.00");
  EXPECT_TRUE(Compiled()->Validate(card).valid());
}

TEST(RuleSetValidate, TotalMismatch) {
  v1::Scorecard card = Registry();
  card.set_declared_total("4.3100");
  const v1::ValidationResult result = Compiled()->Validate(card);
  EXPECT_THAT(Codes(result), ElementsAre(v1::VIOLATION_CODE_TOTAL_MISMATCH));
  EXPECT_EQ(result.violations(0).expected(), "4.3000");
  EXPECT_EQ(result.violations(0).actual(), "4.3100");
  EXPECT_EQ(result.violations(0).line(), 13);
  // Fewer written decimals, same number: no mismatch.
  card.set_declared_total("4.3");
  EXPECT_TRUE(Compiled()->Validate(card).valid());
}

TEST(RuleSetValidate, TitleMismatchIsAWarningByDefault) {
  v1::Scorecard card = Registry();
  card.mutable_entries(0)->set_title("ร้อยละความไม่พึงพอใจ");
  const v1::ValidationResult result = Compiled()->Validate(card);
  EXPECT_THAT(Codes(result), ElementsAre(v1::VIOLATION_CODE_TITLE_MISMATCH));
  EXPECT_EQ(result.violations(0).severity(), v1::SEVERITY_WARNING);
  EXPECT_TRUE(result.valid());
}

TEST(RuleSetValidate, TitleComparisonFollowsThePolicy) {
  v1::Scorecard card = Registry();
  card.mutable_entries(0)->set_title("ร้อยละ ความพึงพอใจ ");
  EXPECT_THAT(Codes(Compiled()->Validate(card)), IsEmpty());
  // The title of 2.2 with its SARA AM in two parts, as PDF copies write it.
  card.mutable_entries(2)->set_title("จ\u0e4d\u0e32นวนการประชุม");
  EXPECT_THAT(Codes(Compiled()->Validate(card)), IsEmpty());

  v1::RuleSetConfig exact = Config();
  exact.set_title_policy(v1::TITLE_POLICY_EXACT);
  EXPECT_THAT(Codes(Compiled(exact)->Validate(card)),
              ElementsAre(v1::VIOLATION_CODE_TITLE_MISMATCH,
                          v1::VIOLATION_CODE_TITLE_MISMATCH));

  v1::RuleSetConfig ignored = Config();
  ignored.set_title_policy(v1::TITLE_POLICY_IGNORED);
  card.mutable_entries(0)->set_title("อะไรก็ได้");
  EXPECT_THAT(Codes(Compiled(ignored)->Validate(card)), IsEmpty());
}

TEST(RuleSetValidate, SeverityOverrides) {
  v1::RuleSetConfig config = Config();
  v1::SeverityOverride* o = config.add_severity_overrides();
  o->set_code(v1::VIOLATION_CODE_TITLE_MISMATCH);
  o->set_severity(v1::SEVERITY_ERROR);
  o = config.add_severity_overrides();
  o->set_code(v1::VIOLATION_CODE_TOTAL_MISMATCH);
  o->set_severity(v1::SEVERITY_WARNING);
  const auto rules = Compiled(config);

  v1::Scorecard card = Registry();
  card.mutable_entries(0)->set_title("อื่น");
  EXPECT_FALSE(rules->Validate(card).valid());

  card = Registry();
  card.set_declared_total("4.0000");
  const v1::ValidationResult result = rules->Validate(card);
  EXPECT_TRUE(result.valid());
  EXPECT_EQ(result.violations(0).severity(), v1::SEVERITY_WARNING);
}

TEST(RuleSetValidate, FindsEveryViolationInOnePassInDocumentOrder) {
  v1::Scorecard card;
  card.set_unit("registry");
  *card.add_entries() = Row("1.1", "6", "40", 5);      // range, weight
  *card.add_entries() = Row("3.1", "5", "", 6);        // unknown
  *card.add_entries() = Row("1.1", "5", "", 7);        // duplicate
  *card.add_entries() = Row("2.2", "x", "20", 8);      // invalid score
  card.set_declared_total("4.9");                      // not computable
  const v1::ValidationResult result = Compiled()->Validate(card);
  EXPECT_THAT(Codes(result),
              ElementsAre(v1::VIOLATION_CODE_SCORE_OUT_OF_RANGE,
                          v1::VIOLATION_CODE_WEIGHT_MISMATCH,
                          v1::VIOLATION_CODE_UNKNOWN_INDICATOR,
                          v1::VIOLATION_CODE_DUPLICATE_INDICATOR,
                          v1::VIOLATION_CODE_INVALID_NUMBER,
                          v1::VIOLATION_CODE_MISSING_INDICATOR));
  std::vector<int> lines;
  for (const auto& v : result.violations()) lines.push_back(v.line());
  EXPECT_THAT(lines, ElementsAre(5, 5, 6, 7, 8, 0));
  EXPECT_EQ(result.computed_total(), "");
}

TEST(RuleSetValidate, MessagesInThaiWhenAsked) {
  v1::Scorecard card = Registry();
  card.set_declared_total("4.3100");
  const v1::ValidationResult english = Compiled()->Validate(card);
  const v1::ValidationResult thai =
      Compiled()->Validate(card, {Locale::kThai, /*breakdown=*/true});
  EXPECT_THAT(english.violations(0).message(), HasSubstr("declared total"));
  EXPECT_THAT(thai.violations(0).message(), HasSubstr("คะแนนรวมที่แจ้ง"));
}

TEST(RuleSetValidate, HugeNumbersAreReportedNotOverflowed) {
  v1::RuleSetConfig config = Config();
  // 18 digits and no decimals: the longest bounds a rule set may have
  // (rule_set_check.h).
  config.mutable_score_scale()->set_max("999999999999999999");
  config.mutable_score_scale()->set_decimals(0);
  v1::Scorecard card = Registry();
  for (v1::Entry& e : *card.mutable_entries()) {
    e.set_score("999999999999999999");
  }
  card.clear_declared_total();
  const v1::ValidationResult result = Compiled(config)->Validate(card);
  // 10^18 × 50 still fits 128 bits: the total is exact.
  EXPECT_EQ(result.computed_total(), "999999999999999999");
  EXPECT_TRUE(result.valid());

  // 10^18 at 18 decimals is 10^36 units; times a weight of 505 tenths it no
  // longer fits 128 bits.
  config.mutable_units(0)->mutable_indicators(0)->set_weight("50.5");
  config.mutable_units(0)->mutable_indicators(1)->set_weight("29.5");
  card.mutable_entries(1)->set_score("0.000000000000000001");
  const v1::ValidationResult overflow = Compiled(config)->Validate(card);
  EXPECT_EQ(overflow.computed_total(), "");
  EXPECT_FALSE(overflow.valid());
  ASSERT_GE(overflow.violations_size(), 1);
  EXPECT_EQ(overflow.violations(overflow.violations_size() - 1).code(),
            v1::VIOLATION_CODE_INVALID_NUMBER);
  EXPECT_THAT(overflow.violations(overflow.violations_size() - 1).message(),
              HasSubstr("too large"));
}

// A weighted sum of exactly -2^127 (INT128_MIN) once overflowed Abs() and
// came out with the wrong sign. 171 × -994977681055375624 at 18 decimals plus
// 865228241121378304 × -0.000000000000000032 is -2^127 to the unit: the sum
// is refused as too large, like any sum outside ±(2^127 − 1).
TEST(RuleSetValidate, WeightedSumOfExactlyInt128MinIsRefusedAsTooLarge) {
  v1::RuleSetConfig config = Config(R"pb(
    id: "edge"
    score_scale { min: "-999999999999999999" max: "5" decimals: 0 }
    weight_total: "865228241121378475"
    units {
      id: "u"
      name: "หน่วย"
      indicators { id: "1.1" weight: "171" }
      indicators { id: "1.2" weight: "865228241121378304" }
    }
  )pb");
  v1::Scorecard card;
  card.set_unit("u");
  *card.add_entries() = Row("1.1", "-994977681055375624");
  *card.add_entries() = Row("1.2", "-0.000000000000000032");
  const v1::ValidationResult result = Compiled(config)->Validate(card);
  EXPECT_EQ(result.computed_total(), "");
  ASSERT_GE(result.violations_size(), 1);
  const v1::Violation& last = result.violations(result.violations_size() - 1);
  EXPECT_EQ(last.code(), v1::VIOLATION_CODE_INVALID_NUMBER);
  EXPECT_THAT(last.message(), HasSubstr("too large"));
}

// A category's sum can leave the exact range while the total, whose terms
// cancel, stays in it: the full view refuses it as too large, and the basic
// view, which writes no subtotals, must refuse the same scorecard the same way.
TEST(RuleSetValidate, BothViewsRefuseACategorySumOutOfRange) {
  v1::RuleSetConfig config = Config(R"pb(
    id: "edge"
    score_scale {
      min: "-999999999999999999"
      max: "999999999999999999"
      decimals: 0
    }
    weight_total: "301"
    units {
      id: "u"
      name: "หน่วย"
      indicators { id: "1.1" weight: "100" }
      indicators { id: "2.1" weight: "100" }
      indicators { id: "1.2" weight: "100" }
      indicators { id: "2.2" weight: "1" }
    }
  )pb");
  v1::Scorecard card;
  card.set_unit("u");
  // At 18 decimals each large score is ~10^36 units, times 100 ~10^38: one
  // such term fits 128 bits, category 1's two do not, and the total's
  // alternating signs cancel.
  *card.add_entries() = Row("1.1", "999999999999999999");
  *card.add_entries() = Row("2.1", "-999999999999999999");
  *card.add_entries() = Row("1.2", "999999999999999999");
  *card.add_entries() = Row("2.2", "0.000000000000000001");
  const std::shared_ptr<const RuleSet> rule_set = Compiled(config);
  const v1::ValidationResult full = rule_set->Validate(card);
  const v1::ValidationResult basic =
      rule_set->Validate(card, {Locale::kEnglish, /*breakdown=*/false});
  EXPECT_EQ(full.computed_total(), "");
  ASSERT_GE(full.violations_size(), 1);
  EXPECT_THAT(full.violations(full.violations_size() - 1).message(),
              HasSubstr("too large"));
  v1::ValidationResult full_without_breakdown = full;
  full_without_breakdown.clear_contributions();
  full_without_breakdown.clear_category_subtotals();
  full_without_breakdown.clear_dimension_subtotals();
  EXPECT_EQ(basic.SerializeAsString(),
            full_without_breakdown.SerializeAsString());
}

// "๕.๐ก" once made the message quote one byte of "ก": invalid UTF-8 that
// every typed client rejects.
TEST(RuleSetValidate, AStrayThaiLetterInAScoreIsQuotedWhole) {
  v1::Scorecard card = Registry();
  card.mutable_entries(0)->set_score("๕.๐ก");
  const v1::ValidationResult result = Compiled()->Validate(card);
  ASSERT_THAT(Codes(result), ElementsAre(v1::VIOLATION_CODE_INVALID_NUMBER));
  const std::string& message = result.violations(0).message();
  EXPECT_TRUE(IsValidUtf8(message)) << message;
  EXPECT_THAT(message, HasSubstr("'ก'"));
  EXPECT_THAT(message, HasSubstr("character 4"));
}

// Whatever bytes a scorecard holds (a caller of the engine need not have
// checked them), every string of the result is valid UTF-8.
TEST(RuleSetValidate, BrokenUtf8InASubmissionNeverReachesTheResult) {
  v1::Scorecard card = Registry();
  card.set_unit("กอง\xe0\xb8");
  const v1::ValidationResult unknown = Compiled()->Validate(card);
  ASSERT_THAT(Codes(unknown), ElementsAre(v1::VIOLATION_CODE_UNKNOWN_UNIT));
  EXPECT_TRUE(IsValidUtf8(unknown.violations(0).message()));
  EXPECT_TRUE(IsValidUtf8(unknown.violations(0).actual()));

  card = Registry();
  card.mutable_entries(0)->set_title("\xff ร้อยละ");
  card.mutable_entries(1)->set_indicator("9.\xe0\xb9");
  card.set_declared_total("4.3\xe0");
  const v1::ValidationResult result = Compiled()->Validate(card);
  EXPECT_TRUE(IsValidUtf8(result.declared_total()));
  ASSERT_GE(result.violations_size(), 3);
  for (const v1::Violation& v : result.violations()) {
    EXPECT_TRUE(IsValidUtf8(v.message())) << v.code();
    EXPECT_TRUE(IsValidUtf8(v.indicator())) << v.code();
    EXPECT_TRUE(IsValidUtf8(v.expected())) << v.code();
    EXPECT_TRUE(IsValidUtf8(v.actual())) << v.code();
  }
}

// A 3.9 MiB unit name once came back twice (message and actual): 7.99 MB.
// Messages quote submitted text up to kMaxQuotedCharacters, and an echo
// keeps at most kMaxEchoedCharacters.
TEST(RuleSetValidate, HugeSubmittedTextIsEchoedBoundedly) {
  v1::Scorecard card = Registry();
  card.set_unit(std::string(size_t{4} << 20, 'x'));
  const v1::ValidationResult result = Compiled()->Validate(card);
  ASSERT_THAT(Codes(result), ElementsAre(v1::VIOLATION_CODE_UNKNOWN_UNIT));
  EXPECT_LT(result.violations(0).message().size(), 400u);
  EXPECT_THAT(result.violations(0).message(), HasSubstr("xxx…"));
  EXPECT_EQ(result.violations(0).actual(),
            std::string(kMaxEchoedCharacters, 'x') + "…");
  EXPECT_LT(result.ByteSizeLong(), 2 * kMaxEchoedCharacters + 500);

  card = Registry();
  card.mutable_entries(0)->set_indicator(std::string(size_t{1} << 20, '9'));
  const v1::ValidationResult indicator = Compiled()->Validate(card);
  EXPECT_LT(indicator.ByteSizeLong(), 3 * kMaxEchoedCharacters + 1000);
}

// The key a submitted indicator is matched by is the key rule ids get: "\f"
// and "\v" are white space in both (the hot path once kept them, so
// "2.1\f" was an unknown indicator).
TEST(RuleSetValidate, EveryWhiteSpaceInAnIndicatorIsIgnored) {
  v1::Scorecard card = Registry();
  card.mutable_entries(1)->set_indicator("2.1\f");
  card.mutable_entries(2)->set_indicator("\v๒.\u00a0๒");
  const v1::ValidationResult result = Compiled()->Validate(card);
  EXPECT_TRUE(result.valid());
  EXPECT_THAT(result.violations(), IsEmpty());
  EXPECT_EQ(result.computed_total(), "4.3000");
}

TEST(ParseLocale, QuotesAnUnknownLocaleBoundedly) {
  const absl::Status status = ParseLocale(std::string(10000, 'x')).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_LT(status.message().size(), 200u);
  EXPECT_TRUE(IsValidUtf8(ParseLocale("th\xe0").status().message()));
}

TEST(RuleSetValidate, ValidateReplacesAPreviousResult) {
  const auto rules = Compiled();
  v1::Scorecard bad = Registry();
  bad.set_declared_total("1");
  v1::ValidationResult result;
  rules->Validate(bad, {}, &result);
  ASSERT_FALSE(result.valid());
  rules->Validate(Registry(), {}, &result);
  EXPECT_TRUE(result.valid());
  EXPECT_THAT(result.violations(), IsEmpty());
  EXPECT_EQ(result.contributions_size(), 3);
}

// Every field of `message`, nested messages and unknown fields included,
// set to something a validation never writes.
void FillWithJunk(google::protobuf::Message* message) {
  const google::protobuf::Descriptor* descriptor = message->GetDescriptor();
  const google::protobuf::Reflection* reflection = message->GetReflection();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* field = descriptor->field(i);
    using Field = google::protobuf::FieldDescriptor;
    for (int copy = 0; copy < (field->is_repeated() ? 30 : 1); ++copy) {
      switch (field->cpp_type()) {
        case Field::CPPTYPE_STRING:
          if (field->is_repeated()) {
            reflection->AddString(message, field, "junk");
          } else {
            reflection->SetString(message, field, "junk");
          }
          break;
        case Field::CPPTYPE_BOOL:
          reflection->SetBool(message, field, true);
          break;
        case Field::CPPTYPE_INT32:
          reflection->SetInt32(message, field, 99);
          break;
        case Field::CPPTYPE_ENUM:
          if (field->is_repeated()) {
            reflection->AddEnumValue(message, field, 1);
          } else {
            reflection->SetEnumValue(message, field, 1);
          }
          break;
        case Field::CPPTYPE_MESSAGE:
          FillWithJunk(field->is_repeated()
                           ? reflection->AddMessage(message, field)
                           : reflection->MutableMessage(message, field));
          break;
        default:
          FAIL() << "a field type this helper does not fill: "
                 << field->full_name();
      }
    }
  }
  reflection->MutableUnknownFields(message)->AddVarint(999, 1);
}

// Validate writes a reused result field by field instead of clearing it:
// whatever it held before (another scorecard's verdict, another rule set's,
// the other view, junk in every field), the result is the one a fresh
// result gets, byte for byte.
TEST(RuleSetValidate, AReusedResultEndsAsAFreshOne) {
  std::vector<std::pair<std::shared_ptr<const RuleSet>, v1::Scorecard>> cases;
  const auto rules = Compiled();
  cases.push_back({rules, Registry()});
  v1::Scorecard card = Registry();
  card.set_declared_total("1");
  card.mutable_entries(0)->set_score("๕.๐๐๐๐๐");
  card.mutable_entries(1)->set_title("ระดับ");
  cases.push_back({rules, card});
  card = Registry();
  card.mutable_entries()->RemoveLast();
  *card.add_entries() = Row("9.9", "x", "\xe0", 14);
  cases.push_back({rules, card});
  card = Registry();
  card.set_unit("finance");
  cases.push_back({rules, card});
  card.set_unit("nobody");
  cases.push_back({rules, card});
  // Criteria, dimensions, grades and results: the scoring rules' document.
  absl::StatusOr<std::shared_ptr<const RuleSetIndex>> scoring =
      RuleSetIndex::Load(SCORECARD_SOURCE_DIR
                         "/tests/data/scoring/planning-fy2564.yaml");
  ASSERT_TRUE(scoring.ok()) << scoring.status();
  absl::StatusOr<ScorecardDocument> document = ReadScorecardFile(
      SCORECARD_SOURCE_DIR "/tests/data/scoring/planning-fy2564.txt");
  ASSERT_TRUE(document.ok()) << document.status();
  const std::shared_ptr<const RuleSet> planning(*scoring,
                                                (*scoring)->rule_sets()[0].get());
  for (const DocumentScorecard& read : document->scorecards) {
    cases.push_back({planning, read.scorecard});
    v1::Scorecard changed = read.scorecard;
    changed.mutable_entries(0)->set_result("");
    changed.mutable_entries(1)->set_result(" ๗๕ ");
    cases.push_back({planning, changed});
  }
  const auto bytes = [](const v1::ValidationResult& result) {
    std::string out;
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    result.SerializeToCodedStream(&coded);
    return out;
  };
  v1::ValidationResult junk;
  FillWithJunk(&junk);
  // Unknown fields only in its parts, and none at all.
  v1::ValidationResult junk_inside = junk;
  junk_inside.GetReflection()->MutableUnknownFields(&junk_inside)->Clear();
  v1::ValidationResult junk_known = junk;
  junk_known.DiscardUnknownFields();
  for (const bool breakdown : {true, false}) {
    for (const Locale locale : {Locale::kEnglish, Locale::kThai}) {
      const ValidateOptions options{locale, breakdown};
      v1::ValidationResult reused;
      for (int round = 0; round < 3; ++round) {
        for (size_t i = 0; i < cases.size(); ++i) {
          // In a different order each round; in the last, with the other
          // view between.
          const auto& [rule_set, scorecard] =
              cases[(i * (round + 1) + round) % cases.size()];
          const std::string fresh = bytes(rule_set->Validate(scorecard, options));
          rule_set->Validate(scorecard, options, &reused);
          ASSERT_EQ(bytes(reused), fresh) << "case " << i << ", round " << round;
          for (const v1::ValidationResult* start :
               {&junk, &junk_inside, &junk_known}) {
            v1::ValidationResult from_junk = *start;
            rule_set->Validate(scorecard, options, &from_junk);
            ASSERT_EQ(bytes(from_junk), fresh) << "case " << i;
          }
          if (round == 2) {
            rule_set->Validate(scorecard, {locale, !breakdown}, &reused);
          }
        }
      }
    }
  }
}

// Validate is const and shares the compiled rules between threads. A data race
// in it would rarely change a total, so in an ordinary build this test almost
// never fails: it can only fail reliably under a sanitizer. ThreadSanitizer
// (the tsan preset; CI runs the engine's suites under it) reports any race
// here; AddressSanitizer (the asan preset, which CI runs on every suite)
// reports a use of freed or overwritten memory.
TEST(RuleSetValidate, SafeFromManyThreads) {
  const auto rules = Compiled();
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 2000; ++i) {
        if (rules->Validate(Registry()).computed_total() != "4.3000") ++wrong;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(RuleSetCompile, RefusesABrokenRuleSetNamingTheFile) {
  v1::RuleSetConfig config = Config();
  config.mutable_units(0)->mutable_indicators(0)->set_weight("49");
  const absl::Status status =
      RuleSet::Compile(config, "rules/broken.yaml").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("rules/broken.yaml"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("registry"));
}

// Property: Unit::FindIndicator (a binary search over the ids in order)
// finds what a linear search over the indicators finds, for ids stated in
// any order, and nothing for an id the unit does not have.
TEST(RuleSetCompile, FindIndicatorAgreesWithALinearSearch) {
  std::mt19937 random(2569);
  for (int round = 0; round < 200; ++round) {
    v1::RuleSetConfig config = Config();
    config.clear_categories();
    for (int c = 1; c <= 12; ++c) {
      config.add_categories()->set_id(absl::StrCat(c));
    }
    v1::Unit* unit = config.mutable_units(0);
    unit->clear_indicators();
    std::vector<std::string> ids;
    const int count = 1 + static_cast<int>(random() % 40);
    while (static_cast<int>(ids.size()) < count) {
      const std::string id = absl::StrCat(1 + random() % 12, ".",
                                          1 + random() % 12);
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
        ids.push_back(id);
      }
    }
    for (size_t i = 0; i < ids.size(); ++i) {
      v1::Indicator* indicator = unit->add_indicators();
      indicator->set_id(ids[i]);
      indicator->set_title(absl::StrCat("indicator ", ids[i]));
      indicator->set_weight(i == 0 ? absl::StrCat(101 - count) : "1");
    }
    const auto rules = Compiled(config);
    ASSERT_NE(rules, nullptr);
    const RuleSet::Unit& compiled = rules->units()[0];
    for (int a = 1; a <= 13; ++a) {
      for (int b = 1; b <= 13; ++b) {
        const std::string key = absl::StrCat(a, ".", b);
        int linear = -1;
        for (size_t i = 0; i < compiled.indicators.size(); ++i) {
          if (compiled.indicators[i].id == key) {
            linear = static_cast<int>(i);
            break;
          }
        }
        ASSERT_EQ(compiled.FindIndicator(key), linear) << key;
      }
    }
    EXPECT_EQ(compiled.FindIndicator(""), -1);
  }
}

// Entries in the reverse of the rule set's order are found all the same
// (through FindIndicator rather than by position) and give the same total.
TEST(RuleSetValidate, EntriesInAnyOrderGiveTheSameTotal) {
  v1::Scorecard reversed = Registry();
  std::reverse(reversed.mutable_entries()->begin(),
               reversed.mutable_entries()->end());
  const v1::ValidationResult result = Compiled()->Validate(reversed);
  EXPECT_TRUE(result.valid());
  EXPECT_THAT(result.violations(), IsEmpty());
  EXPECT_EQ(result.computed_total(), "4.3000");
}

TEST(RuleSetCompile, FillsDefaultsAndKeepsAGivenRevision) {
  v1::RuleSetConfig config = Config();
  config.clear_score_scale();
  config.clear_weight_total();
  config.set_revision("2020-10-01");
  const auto rules = Compiled(config);
  EXPECT_EQ(rules->config().score_scale().decimals(), 4);
  EXPECT_EQ(rules->config().score_scale().max(), "5");
  EXPECT_EQ(rules->config().weight_total(), "100");
  EXPECT_EQ(rules->config().rounding(), v1::ROUNDING_HALF_UP);
  EXPECT_EQ(rules->revision(), "2020-10-01");
}

TEST(RuleSetCompile, RevisionIsAContentHash) {
  v1::RuleSetConfig changed = Config();
  changed.mutable_units(0)->mutable_indicators(0)->set_title("อื่น");
  EXPECT_EQ(Compiled()->revision(), Compiled()->revision());
  EXPECT_NE(Compiled()->revision(), Compiled(changed)->revision());
}

}  // namespace
}  // namespace scorecard::rules
