// The engine with the agreement's own scoring rules: scores read off results
// by criteria levels, dimensions and their subtotals, grade bands, stated
// weighted scores, and the fiscal-year guard.

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "rules/decimal_sum.h"
#include "rules/rule_set.h"

namespace scorecard::rules {
namespace {

namespace v1 = ::scorecard::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// "planning": 1.1 (weight 30) and 2.1 (40) are scored by criteria, 3.1 (30)
// is scored as submitted. Dimension "core" holds categories 1 and 2 (70),
// "support" category 3 (20 to 40).
constexpr char kRules[] = R"pb(
  id: "scoring-fy2563"
  fiscal_year: 2563
  categories { id: "1" }
  categories { id: "2" }
  categories { id: "3" }
  dimensions { id: "core" title: "มิติด้านประสิทธิผล" categories: "1" categories: "2" weight: "70" }
  dimensions { id: "support" categories: "3" min: "20" max: "40" }
  grades { min: "4.5" label: "ดีเด่น" label_en: "excellent" }
  grades { min: "3.5" label: "ดีมาก" label_en: "very good" }
  grades { min: "1" label: "ต้องปรับปรุง" label_en: "needs improvement" }
  units {
    id: "planning"
    name: "กองแผนงาน"
    indicators {
      id: "1.1" weight: "30"
      criteria { levels: ["80", "85", "90", "95", "100"] result_unit: "ร้อยละ" }
    }
    indicators {
      id: "2.1" weight: "40"
      criteria { levels: ["5", "4", "3", "2", "1"] }
    }
    indicators { id: "3.1" weight: "30" }
  }
)pb";

std::shared_ptr<const RuleSet> Compiled(const std::string& text = kRules) {
  v1::RuleSetConfig config;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &config));
  absl::StatusOr<std::shared_ptr<const RuleSet>> rules =
      RuleSet::Compile(std::move(config), "scoring.textproto");
  EXPECT_TRUE(rules.ok()) << rules.status();
  return rules.value_or(nullptr);
}

v1::Entry Row(const std::string& indicator, const std::string& score,
              const std::string& result = "", int line = 0) {
  v1::Entry entry;
  entry.set_indicator(indicator);
  entry.set_score(score);
  entry.set_result(result);
  entry.set_line(line);
  return entry;
}

// Results 92.5 → 3.5 and 2.4 → 3.6, and a submitted 4: (3.5×30 + 3.6×40 +
// 4×30) / 100 = 3.69.
v1::Scorecard Planning() {
  v1::Scorecard card;
  card.set_unit("planning");
  *card.add_entries() = Row("1.1", "", "92.5", 10);
  *card.add_entries() = Row("2.1", "", "2.4", 11);
  *card.add_entries() = Row("3.1", "4", "", 12);
  return card;
}

std::vector<v1::ViolationCode> Codes(const v1::ValidationResult& result) {
  std::vector<v1::ViolationCode> codes;
  for (const v1::Violation& v : result.violations()) codes.push_back(v.code());
  return codes;
}

TEST(CriteriaScoring, ResultsAloneGiveTheScoresAndTheTotal) {
  const v1::ValidationResult result = Compiled()->Validate(Planning());
  EXPECT_THAT(result.violations(), IsEmpty());
  EXPECT_TRUE(result.valid());
  EXPECT_EQ(result.computed_total(), "3.6900");
  ASSERT_EQ(result.contributions_size(), 3);
  EXPECT_EQ(result.contributions(0).score(), "3.5000");
  EXPECT_EQ(result.contributions(0).result(), "92.5");
  EXPECT_EQ(result.contributions(0).explanation(),
            "92.5 ร้อยละ lies between level 3 (90) and level 4 (95): "
            "3 + (92.5 − 90) / (95 − 90) = 3.5000");
  EXPECT_EQ(result.contributions(1).score(), "3.6000");
  EXPECT_EQ(result.contributions(1).explanation(),
            "2.4 lies between level 3 (3) and level 4 (2): "
            "3 + (2.4 − 3) / (2 − 3) = 3.6000");
  EXPECT_EQ(result.contributions(2).score(), "4.0000");
  EXPECT_EQ(result.contributions(2).explanation(), "");
}

TEST(CriteriaScoring, ExplanationsAreInTheRequestedLanguage) {
  const v1::ValidationResult result =
      Compiled()->Validate(Planning(), {Locale::kThai, true});
  EXPECT_THAT(result.contributions(0).explanation(),
              HasSubstr("อยู่ระหว่างระดับ 3 (90) และระดับ 4 (95)"));
}

TEST(CriteriaScoring, ASubmittedScoreMustAgreeWithItsCriteria) {
  v1::Scorecard card = Planning();
  card.mutable_entries(0)->set_score("4.0000");
  const v1::ValidationResult result = Compiled()->Validate(card);
  ASSERT_THAT(Codes(result),
              ElementsAre(v1::VIOLATION_CODE_SCORE_CRITERIA_MISMATCH));
  const v1::Violation& v = result.violations(0);
  EXPECT_EQ(v.indicator(), "1.1");
  EXPECT_EQ(v.line(), 10);
  EXPECT_EQ(v.expected(), "3.5000");
  EXPECT_EQ(v.actual(), "4.0000");
  EXPECT_THAT(v.message(), HasSubstr("lies between level 3"));
  EXPECT_FALSE(result.valid());
  // The criteria's score is the one the total counts.
  EXPECT_EQ(result.computed_total(), "3.6900");
  // An agreeing score, written any way, is fine.
  card.mutable_entries(0)->set_score("๓.๕");
  EXPECT_THAT(Compiled()->Validate(card).violations(), IsEmpty());
}

TEST(CriteriaScoring, AResultWithoutCriteriaIsKeptAndJudgesNothing) {
  v1::Scorecard card = Planning();
  card.mutable_entries(2)->set_result(" 77 ");
  const v1::ValidationResult result = Compiled()->Validate(card);
  EXPECT_THAT(result.violations(), IsEmpty());
  EXPECT_EQ(result.contributions(2).result(), "77");
  EXPECT_EQ(result.contributions(2).score(), "4.0000");
}

TEST(CriteriaScoring, AnUnreadableResultIsAnInvalidNumber) {
  v1::Scorecard card = Planning();
  card.mutable_entries(0)->set_result("๙๒.x");
  const v1::ValidationResult result = Compiled()->Validate(card);
  ASSERT_THAT(Codes(result), ElementsAre(v1::VIOLATION_CODE_INVALID_NUMBER));
  EXPECT_THAT(result.violations(0).message(), HasSubstr("result"));
  EXPECT_EQ(result.computed_total(), "");
}

TEST(CriteriaScoring, TheDeclaredTotalOfUnroundedScoresIsNamedAsSuch) {
  // 51 → 1.1 exactly; 61 → 2 + 1/15 = 2.0667 rounded. Rounded scores total
  // 1.5834; the unrounded ones 1.5833.
  const std::string rules = R"pb(
    id: "unrounded"
    units {
      id: "u" name: "หน่วย"
      indicators { id: "1.1" weight: "50" criteria { levels: ["50", "60", "75", "90", "95"] } }
      indicators { id: "1.2" weight: "50" criteria { levels: ["50", "60", "75", "90", "95"] } }
    }
  )pb";
  v1::Scorecard card;
  card.set_unit("u");
  *card.add_entries() = Row("1.1", "", "51");
  *card.add_entries() = Row("1.2", "", "61");
  card.set_declared_total("1.5833");
  const v1::ValidationResult result = Compiled(rules)->Validate(card);
  EXPECT_EQ(result.computed_total(), "1.5834");
  ASSERT_THAT(Codes(result), ElementsAre(v1::VIOLATION_CODE_TOTAL_MISMATCH));
  EXPECT_THAT(result.violations(0).message(),
              HasSubstr("1.5833 is the total of the unrounded criteria "
                        "scores; scores are rounded to 4 decimals"));
  // Any other wrong total gets the plain sentence.
  card.set_declared_total("1.5900");
  EXPECT_THAT(Compiled(rules)->Validate(card).violations(0).message(),
              Not(HasSubstr("unrounded")));
}

TEST(Dimensions, SubtotalsAndContributionsAddUpToTheTotal) {
  const v1::ValidationResult result = Compiled()->Validate(Planning());
  ASSERT_EQ(result.dimension_subtotals_size(), 2);
  const v1::DimensionSubtotal& core = result.dimension_subtotals(0);
  EXPECT_EQ(core.dimension(), "core");
  EXPECT_EQ(core.title(), "มิติด้านประสิทธิผล");
  EXPECT_EQ(core.weight(), "70");
  EXPECT_EQ(core.weighted_score(), "249.0000");
  EXPECT_EQ(core.score(), "3.5571");
  EXPECT_EQ(core.contribution(), "2.490000");
  const v1::DimensionSubtotal& support = result.dimension_subtotals(1);
  EXPECT_EQ(support.weight(), "30");
  EXPECT_EQ(support.score(), "4.0000");
  EXPECT_EQ(support.contribution(), "1.200000");
  // Categories carry contributions too; with every category in a dimension,
  // the dimensions' contributions alone make the total.
  ASSERT_EQ(result.category_subtotals_size(), 3);
  EXPECT_EQ(result.category_subtotals(0).contribution(), "1.050000");
  DecimalSum sum;
  for (const v1::DimensionSubtotal& d : result.dimension_subtotals()) {
    sum.Add(Decimal::Parse(d.contribution()).value());
  }
  EXPECT_TRUE(sum == Decimal::Parse(result.computed_total()).value());
}

TEST(Dimensions, CategoriesInNoDimensionMakeUpTheRest) {
  // Only category 1 is in a dimension: its contribution plus those of
  // categories 2 and 3 is the unrounded total, exactly.
  const std::string rules = R"pb(
    id: "partial"
    dimensions { id: "service" categories: "1" weight: "30" }
    units {
      id: "u" name: "หน่วย"
      indicators { id: "1.1" weight: "30" }
      indicators { id: "2.1" weight: "40" }
      indicators { id: "3.1" weight: "30" }
    }
  )pb";
  v1::Scorecard card;
  card.set_unit("u");
  *card.add_entries() = Row("1.1", "3.3333");
  *card.add_entries() = Row("2.1", "4.1111");
  *card.add_entries() = Row("3.1", "2.7777");
  const v1::ValidationResult result = Compiled(rules)->Validate(card);
  ASSERT_EQ(result.dimension_subtotals_size(), 1);
  DecimalSum sum;
  sum.Add(Decimal::Parse(result.dimension_subtotals(0).contribution()).value());
  for (const v1::CategorySubtotal& c : result.category_subtotals()) {
    if (c.category() != "1") sum.Add(Decimal::Parse(c.contribution()).value());
  }
  // (3.3333×30 + 4.1111×40 + 2.7777×30) / 100 = 347.774 / 100.
  EXPECT_EQ(sum.ToString(), "3.477740");
  EXPECT_EQ(result.computed_total(), "3.4777");
}

TEST(GradeBands, TheTotalFallsInAHalfOpenBand) {
  const auto rules = Compiled();
  EXPECT_EQ(rules->Validate(Planning()).grade(), "very good");
  EXPECT_EQ(rules->Validate(Planning(), {Locale::kThai, true}).grade(),
            "ดีมาก");
  // Exactly on a band's min: that band.
  v1::Scorecard card = Planning();
  card.mutable_entries(0)->set_result("100");  // 5
  card.mutable_entries(1)->set_result("1");    // 5
  card.mutable_entries(2)->set_score("3.3334");  // 150 + 200 + 100.002
  EXPECT_EQ(rules->Validate(card).computed_total(), "4.5000");
  EXPECT_EQ(rules->Validate(card).grade(), "excellent");
  card.mutable_entries(2)->set_score("3.3333");
  EXPECT_EQ(rules->Validate(card).computed_total(), "4.5000");  // 4.49999
  card.mutable_entries(2)->set_score("3.3300");
  EXPECT_EQ(rules->Validate(card).computed_total(), "4.4990");
  EXPECT_EQ(rules->Validate(card).grade(), "very good");
  // No total, no grade.
  card.mutable_entries(2)->set_score("x");
  EXPECT_EQ(rules->Validate(card).grade(), "");
}

TEST(WeightedScores, AStatedWeightedScoreIsChecked) {
  v1::Scorecard card = Planning();
  card.mutable_entries(0)->set_weighted_score("1.0500");  // 30 × 3.5 / 100
  card.mutable_entries(1)->set_weighted_score("1.44");    // 40 × 3.6 / 100
  card.mutable_entries(2)->set_weighted_score("1.2100");  // should be 1.2000
  const v1::ValidationResult result = Compiled()->Validate(card);
  ASSERT_THAT(Codes(result),
              ElementsAre(v1::VIOLATION_CODE_WEIGHTED_SCORE_MISMATCH));
  EXPECT_EQ(result.violations(0).line(), 12);
  EXPECT_EQ(result.violations(0).expected(), "1.2000");
  EXPECT_EQ(result.violations(0).actual(), "1.2100");
  card.mutable_entries(2)->set_weighted_score("หนึ่ง");
  EXPECT_THAT(Codes(Compiled()->Validate(card)),
              ElementsAre(v1::VIOLATION_CODE_INVALID_NUMBER));
}

TEST(FiscalYear, ADocumentOfAnotherYearIsInvalid) {
  v1::Scorecard card = Planning();
  card.set_fiscal_year(2564);
  const v1::ValidationResult result = Compiled()->Validate(card);
  ASSERT_THAT(Codes(result),
              ElementsAre(v1::VIOLATION_CODE_FISCAL_YEAR_MISMATCH));
  EXPECT_EQ(result.violations(0).expected(), "2563");
  EXPECT_EQ(result.violations(0).actual(), "2564");
  EXPECT_THAT(result.violations(0).message(),
              HasSubstr("fiscal year 2564, but rule set scoring-fy2563 is for "
                        "fiscal year 2563"));
  EXPECT_FALSE(result.valid());
  // The same year, or a document that states none, is fine.
  card.set_fiscal_year(2563);
  EXPECT_TRUE(Compiled()->Validate(card).valid());
  card.set_fiscal_year(0);
  EXPECT_TRUE(Compiled()->Validate(card).valid());
  // Even an unknown unit is told the years differ.
  card.set_fiscal_year(2564);
  card.set_unit("nobody");
  EXPECT_THAT(Codes(Compiled()->Validate(card)),
              ElementsAre(v1::VIOLATION_CODE_FISCAL_YEAR_MISMATCH,
                          v1::VIOLATION_CODE_UNKNOWN_UNIT));
}

}  // namespace
}  // namespace scorecard::rules
