// Criteria levels: the worked examples of the agreement's scoring, both
// directions, a result exactly on each level, below the first level with
// both settings, STEP and MILESTONE, and the explanations.

#include "rules/criteria.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace scorecard::rules {
namespace {

namespace v1 = ::scorecard::v1;
using ::testing::HasSubstr;

CriteriaLevels Levels(std::vector<std::string> levels,
                      v1::CriteriaMethod method = v1::CRITERIA_METHOD_LINEAR,
                      const std::string& below = "1",
                      const std::string& unit = "") {
  v1::Criteria config;
  config.set_method(method);
  for (const std::string& level : levels) config.add_levels(level);
  config.set_below_level_1(below);
  config.set_result_unit(unit);
  return CriteriaLevels::Compile(config, /*first_score=*/1);
}

// The score of `result` at four decimals, half-up, as text.
std::string ScoreOf(const CriteriaLevels& criteria, const std::string& result) {
  const absl::StatusOr<CriteriaScore> score = criteria.Score(
      Decimal::Parse(result).value(), 4, RoundingMode::kHalfUp);
  if (!score.ok()) return std::string(score.status().message());
  return FormatScaled(score->rounded_units, 4);
}

const std::vector<std::string> kEighty = {"80", "85", "90", "95", "100"};

TEST(CriteriaLevels, WorkedExamplesOfTheAgreement) {
  const CriteriaLevels eighty = Levels(kEighty);
  EXPECT_EQ(ScoreOf(eighty, "92.5"), "3.5000");
  EXPECT_EQ(ScoreOf(eighty, "90"), "3.0000");
  EXPECT_EQ(ScoreOf(eighty, "79"), "1.0000");
  EXPECT_EQ(ScoreOf(Levels(kEighty, v1::CRITERIA_METHOD_LINEAR, "0"), "79"),
            "0.0000");
  EXPECT_EQ(ScoreOf(eighty, "104"), "5.0000");
  EXPECT_EQ(ScoreOf(Levels({"5", "4", "3", "2", "1"}), "2.4"), "3.6000");
  EXPECT_EQ(ScoreOf(Levels({"50", "60", "75", "90", "95"}), "80"), "3.3333");
}

TEST(CriteriaLevels, AResultExactlyOnALevelScoresThatLevel) {
  const CriteriaLevels up = Levels(kEighty);
  const CriteriaLevels down = Levels({"100", "95", "90", "85", "80"});
  for (int k = 0; k < 5; ++k) {
    const std::string expected = FormatScaled((k + 1) * 10000, 4);
    EXPECT_EQ(ScoreOf(up, kEighty[k]), expected) << kEighty[k];
    EXPECT_EQ(ScoreOf(down, kEighty[4 - k]), expected) << kEighty[4 - k];
  }
  // Thai digits and trailing zeros are the same number.
  EXPECT_EQ(ScoreOf(up, "๙๐.๐๐"), "3.0000");
}

TEST(CriteriaLevels, DecreasingLevelsRewardALowerResult) {
  const CriteriaLevels down = Levels({"10", "8", "6", "4", "2"});
  EXPECT_EQ(ScoreOf(down, "11"), "1.0000");  // Does not reach level 1.
  EXPECT_EQ(ScoreOf(down, "7"), "2.5000");
  EXPECT_EQ(ScoreOf(down, "0"), "5.0000");
}

TEST(CriteriaLevels, StepAndMilestoneScoreWholeLevels) {
  const CriteriaLevels step = Levels(kEighty, v1::CRITERIA_METHOD_STEP);
  EXPECT_EQ(ScoreOf(step, "92.5"), "3.0000");
  EXPECT_EQ(ScoreOf(step, "99.99"), "4.0000");
  EXPECT_EQ(ScoreOf(step, "70"), "1.0000");
  const CriteriaLevels milestone =
      Levels({"1", "2", "3", "4", "5"}, v1::CRITERIA_METHOD_MILESTONE, "0");
  EXPECT_EQ(ScoreOf(milestone, "3"), "3.0000");
  EXPECT_EQ(ScoreOf(milestone, "0"), "0.0000");
  EXPECT_EQ(ScoreOf(milestone, "7"), "5.0000");
  EXPECT_THAT(ScoreOf(milestone, "2.5"), HasSubstr("a whole number, not 2.5"));
  EXPECT_EQ(ScoreOf(milestone, "3.00"), "3.0000");
}

TEST(CriteriaLevels, ScoresAreExactThenRoundedOnce) {
  const absl::StatusOr<CriteriaScore> third =
      Levels({"50", "60", "75", "90", "95"})
          .Score(Decimal::Parse("80").value(), 4, RoundingMode::kHalfUp);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->numerator, 50);  // 3 + 5/15 = 50/15, reduced later.
  EXPECT_EQ(third->denominator, 15);
  EXPECT_FALSE(third->exact);
  const absl::StatusOr<CriteriaScore> half =
      Levels(kEighty).Score(Decimal::Parse("92.5").value(), 4,
                            RoundingMode::kHalfUp);
  ASSERT_TRUE(half.ok());
  EXPECT_TRUE(half->exact);
}

TEST(CriteriaLevels, ExplainsHowTheScoreWasReached) {
  const CriteriaLevels eighty = Levels(kEighty);
  const auto explain = [&](const CriteriaLevels& c, const std::string& x,
                           Locale locale) {
    return c.Explain(
        c.Score(Decimal::Parse(x).value(), 4, RoundingMode::kHalfUp).value(),
        locale);
  };
  EXPECT_EQ(explain(eighty, "92.5", Locale::kEnglish),
            "92.5 lies between level 3 (90) and level 4 (95): "
            "3 + (92.5 − 90) / (95 − 90) = 3.5000");
  EXPECT_EQ(explain(eighty, "92.5", Locale::kThai),
            "92.5 อยู่ระหว่างระดับ 3 (90) และระดับ 4 (95): "
            "3 + (92.5 − 90) / (95 − 90) = 3.5000");
  EXPECT_EQ(explain(eighty, "104", Locale::kEnglish),
            "104 reaches level 5 (100), the highest: 5.0000");
  EXPECT_EQ(explain(eighty, "79", Locale::kEnglish),
            "79 does not reach level 1 (80): 1.0000");
  EXPECT_EQ(explain(Levels(kEighty, v1::CRITERIA_METHOD_STEP), "92.5",
                    Locale::kEnglish),
            "92.5 reaches level 3 (90) but not level 4 (95): 3.0000");
  EXPECT_EQ(explain(Levels(kEighty, v1::CRITERIA_METHOD_LINEAR, "1", "ร้อยละ"),
                    "79", Locale::kThai),
            "79 ร้อยละ ไม่ถึงระดับ 1 (80): 1.0000");
}

}  // namespace
}  // namespace scorecard::rules
