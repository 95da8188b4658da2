#include "rules/rule_set_check.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "rules/problems.h"
#include "rules/rule_set.h"
#include "rules/rule_set_defaults.h"
#include "scorecard/v1/rule_set_config.pb.h"
#include "scorecard/v1/scorecard.pb.h"

namespace scorecard::rules {
namespace {

using ::scorecard::v1::RuleSetConfig;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// A sound rule set: two units, three categories, one override.
constexpr char kSoundRuleSet[] = R"pb(
  id: "small-fy2563"
  fiscal_year: 2563
  score_scale { min: "1" max: "5" decimals: 4 }
  weight_total: "100"
  severity_overrides {
    code: VIOLATION_CODE_TITLE_MISMATCH
    severity: SEVERITY_ERROR
  }
  categories { id: "1" }
  categories { id: "2" }
  categories { id: "๓" }
  units {
    id: "secretariat"
    name: "สำนักงานเลขานุการกรม"
    aliases: "สลก."
    indicators { id: "1.1" title: "ร้อยละความพึงพอใจ" weight: "60" }
    indicators { id: "2.1" title: "ระดับความสำเร็จ" weight: "30" }
    indicators { id: "3.1" title: "ร้อยละของเรื่องร้องเรียน" weight: "10" }
  }
  units {
    id: "finance"
    name: "กองบริหารการคลัง"
    indicators { id: "1.1" title: "ร้อยละความพึงพอใจ" weight: "100" }
  }
)pb";

RuleSetConfig SoundRuleSet() {
  RuleSetConfig config;
  EXPECT_TRUE(
      google::protobuf::TextFormat::ParseFromString(kSoundRuleSet, &config));
  return config;
}

// Checks `config` as Compile does: with the defaults filled in first.
std::vector<std::string> CheckFilled(RuleSetConfig config) {
  FillRuleSetDefaults(config);
  return CheckRuleSetConfig(config);
}

scorecard::v1::Indicator* SecretariatIndicator(RuleSetConfig* config,
                                               int index) {
  return config->mutable_units(0)->mutable_indicators(index);
}

TEST(CheckRuleSetConfig, SoundRuleSetHasNoProblems) {
  EXPECT_THAT(CheckFilled(SoundRuleSet()), IsEmpty());
}

TEST(CheckRuleSetConfig, MissingIdIsReported) {
  RuleSetConfig config = SoundRuleSet();
  config.clear_id();
  EXPECT_THAT(CheckFilled(config),
              ElementsAre("rule set (no id): id is missing"));
}

TEST(CheckRuleSetConfig, IdOutsideTheAllowedCharactersIsReported) {
  for (const char* id : {"LED-2563", "led fy2563", "-led", ".led", "ศูนย์"}) {
    RuleSetConfig config = SoundRuleSet();
    config.set_id(id);
    const std::vector<std::string> problems = CheckFilled(config);
    ASSERT_EQ(problems.size(), 1u) << id;
    EXPECT_THAT(problems[0],
                HasSubstr("id \"" + std::string(id) + "\" is not valid"));
  }
  RuleSetConfig config = SoundRuleSet();
  config.set_id("0led_fy.2563-b");
  EXPECT_THAT(CheckFilled(config), IsEmpty());
}

TEST(CheckRuleSetConfig, UnreadableScoreScaleBoundsAreReported) {
  RuleSetConfig config = SoundRuleSet();
  config.mutable_score_scale()->set_min("one");
  config.mutable_score_scale()->set_max("5.0.0");
  EXPECT_THAT(
      CheckFilled(config),
      ElementsAre(
          "rule set \"small-fy2563\": score scale: min \"one\" is not a "
          "decimal number",
          "rule set \"small-fy2563\": score scale: max \"5.0.0\" is not a "
          "decimal number"));
}

TEST(CheckRuleSetConfig, DecimalsOutsideZeroToNineAreReported) {
  for (int decimals : {-1, 10}) {
    RuleSetConfig config = SoundRuleSet();
    config.mutable_score_scale()->set_decimals(decimals);
    EXPECT_THAT(
        CheckFilled(config),
        ElementsAre("rule set \"small-fy2563\": score scale: "
                    "decimals " +
                    std::to_string(decimals) + " is not between 0 and 9"));
  }
  for (int decimals : {0, 9}) {
    RuleSetConfig config = SoundRuleSet();
    config.mutable_score_scale()->set_decimals(decimals);
    EXPECT_THAT(CheckFilled(config), IsEmpty()) << decimals;
  }
}

// Scores and totals are written with the scale's decimals; bounds that
// cannot be written so would give totals that do not read back (found by
// the loader fuzzer: min -70800000000 with 9 decimals).
TEST(CheckRuleSetConfig, BoundsTooLongForTheDecimalsAreReported) {
  RuleSetConfig config = SoundRuleSet();
  config.mutable_score_scale()->set_decimals(9);
  config.mutable_score_scale()->set_min("-999999999");
  config.mutable_score_scale()->set_max("999999999.5");
  EXPECT_THAT(CheckFilled(config), IsEmpty());
  config.mutable_score_scale()->set_min("-1000000000");
  config.mutable_score_scale()->set_max("70800000000");
  EXPECT_THAT(
      CheckFilled(config),
      ElementsAre("rule set \"small-fy2563\": score scale: min -1000000000 "
                  "with 9 decimals has more than 18 digits, the most a score "
                  "may have",
                  "rule set \"small-fy2563\": score scale: max 70800000000 "
                  "with 9 decimals has more than 18 digits, the most a score "
                  "may have"));
}

TEST(CheckRuleSetConfig, MinNotBelowMaxIsReported) {
  RuleSetConfig config = SoundRuleSet();
  config.mutable_score_scale()->set_min("5.0000");
  EXPECT_THAT(CheckFilled(config),
              ElementsAre("rule set \"small-fy2563\": score scale: min "
                          "5.0000 is not below max 5"));
}

TEST(CheckRuleSetConfig, UnsetScoreScaleBoundsDefaultToOneAndFive) {
  RuleSetConfig config = SoundRuleSet();
  config.clear_score_scale();
  EXPECT_THAT(CheckFilled(config), IsEmpty());
  // Only max given: min defaults to 1, which is not below 0.5.
  config.mutable_score_scale()->set_max("0.5");
  EXPECT_THAT(CheckFilled(config),
              ElementsAre("rule set \"small-fy2563\": score scale: min 1 is "
                          "not below max 0.5"));
}

TEST(CheckRuleSetConfig, UnreadableWeightTotalIsReported) {
  RuleSetConfig config = SoundRuleSet();
  config.set_weight_total("ร้อย");
  // The weight sums cannot be checked against it, so they are not.
  EXPECT_THAT(CheckFilled(config),
              ElementsAre("rule set \"small-fy2563\": weight total \"ร้อย\" "
                          "is not a decimal number"));
}

TEST(CheckRuleSetConfig, WeightTotalNotAboveZeroIsReported) {
  RuleSetConfig config = SoundRuleSet();
  config.set_weight_total("0.00");
  EXPECT_THAT(CheckFilled(config),
              ElementsAre("rule set \"small-fy2563\": weight total \"0.00\" "
                          "is not above zero"));
}

TEST(CheckRuleSetConfig, EmptyWeightTotalMeansOneHundred) {
  RuleSetConfig config = SoundRuleSet();
  config.clear_weight_total();
  EXPECT_THAT(CheckFilled(config), IsEmpty());
  config.mutable_units(1)->mutable_indicators(0)->set_weight("99");
  EXPECT_THAT(CheckFilled(config),
              ElementsAre("rule set \"small-fy2563\": unit \"finance\": "
                          "weights sum to 99, not the weight total 100"));
}

TEST(CheckRuleSetConfig, UnitWithoutIdOrNameIsReported) {
  RuleSetConfig config = SoundRuleSet();
  config.mutable_units(1)->clear_id();
  config.mutable_units(0)->set_name("  ");
  EXPECT_THAT(
      CheckFilled(config),
      ElementsAre("rule set \"small-fy2563\": unit \"secretariat\": name is "
                  "missing",
                  "rule set \"small-fy2563\": unit #2 (\"กองบริหารการคลัง\"): "
                  "id is missing"));
}

TEST(CheckRuleSetConfig, DuplicateUnitIdIsReported) {
  RuleSetConfig config = SoundRuleSet();
  config.mutable_units(1)->set_id("secretariat");
  EXPECT_THAT(
      CheckFilled(config),
      ElementsAre("rule set \"small-fy2563\": unit \"secretariat\" (#2): id "
                  "\"secretariat\" already names unit \"secretariat\" (#1), "
                  "as its id \"secretariat\""));
}

TEST(CheckRuleSetConfig, NameSharedByTwoUnitsAfterNormalisationIsReported) {
  RuleSetConfig config = SoundRuleSet();
  // White space, Thai digits and ASCII case do not tell names apart.
  config.mutable_units(0)->add_aliases("Unit ๑");
  config.mutable_units(1)->add_aliases("unit1");
  config.mutable_units(1)->add_aliases(" สลก .");
  EXPECT_THAT(
      CheckFilled(config),
      ElementsAre("rule set \"small-fy2563\": unit \"finance\" (#2): alias "
                  "\"unit1\" already names unit \"secretariat\" (#1), as its "
                  "alias \"Unit ๑\"",
                  "rule set \"small-fy2563\": unit \"finance\" (#2): alias "
                  "\" สลก .\" already names unit \"secretariat\" (#1), as its "
                  "alias \"สลก.\""));
}

TEST(CheckRuleSetConfig, OfficialNameUsedAsAnotherUnitsAliasIsReported) {
  RuleSetConfig config = SoundRuleSet();
  config.mutable_units(1)->add_aliases("สำนักงาน เลขานุการกรม");
  EXPECT_THAT(CheckFilled(config),
              ElementsAre(HasSubstr(
                  "unit \"finance\" (#2): alias \"สำนักงาน เลขานุการกรม\" "
                  "already names unit \"secretariat\" (#1), as its name")));
}

TEST(CheckRuleSetConfig, UnitRepeatingItsOwnNameAsAliasIsFine) {
  RuleSetConfig config = SoundRuleSet();
  config.mutable_units(0)->add_aliases("สำนักงานเลขานุการกรม");
  EXPECT_THAT(CheckFilled(config), IsEmpty());
}

TEST(CheckRuleSetConfig, EmptyAliasIsReported) {
  RuleSetConfig config = SoundRuleSet();
  config.mutable_units(0)->add_aliases(" ");
  EXPECT_THAT(CheckFilled(config),
              ElementsAre("rule set \"small-fy2563\": unit \"secretariat\": "
                          "alias #2 is empty"));
}

TEST(CheckRuleSetConfig, UnitWithoutIndicatorsIsReported) {
  RuleSetConfig config = SoundRuleSet();
  config.mutable_units(1)->clear_indicators();
  EXPECT_THAT(CheckFilled(config),
              ElementsAre("rule set \"small-fy2563\": unit \"finance\": has "
                          "no indicators"));
}

TEST(CheckRuleSetConfig, IndicatorWithoutIdIsReported) {
  RuleSetConfig config = SoundRuleSet();
  SecretariatIndicator(&config, 1)->set_id(" ");
  EXPECT_THAT(CheckFilled(config),
              ElementsAre("rule set \"small-fy2563\": unit \"secretariat\": "
                          "indicator #2: id is missing"));
  SecretariatIndicator(&config, 1)->clear_id();
  EXPECT_THAT(CheckFilled(config),
              ElementsAre("rule set \"small-fy2563\": unit \"secretariat\": "
                          "indicator #2: id is missing"));
}

TEST(CheckRuleSetConfig, IndicatorListedTwiceIsReportedAcrossDigitForms) {
  RuleSetConfig config = SoundRuleSet();
  // "๑. ๑" is 1.1 in Thai digits with a stray space.
  SecretariatIndicator(&config, 1)->set_id("๑. ๑");
  SecretariatIndicator(&config, 1)->set_category("2");
  EXPECT_THAT(CheckFilled(config),
              ElementsAre("rule set \"small-fy2563\": unit \"secretariat\": "
                          "indicator ๑. ๑ is listed twice (indicators #1 and "
                          "#2)"));
}

TEST(CheckRuleSetConfig, SameIndicatorIdInTwoUnitsIsFine) {
  // Both units of the sound rule set have 1.1.
  const RuleSetConfig config = SoundRuleSet();
  ASSERT_EQ(config.units(0).indicators(0).id(),
            config.units(1).indicators(0).id());
  EXPECT_THAT(CheckFilled(config), IsEmpty());
}

TEST(CheckRuleSetConfig, UnreadableWeightIsReportedWithUnitAndIndicator) {
  RuleSetConfig config = SoundRuleSet();
  SecretariatIndicator(&config, 1)->set_weight("x");
  EXPECT_THAT(CheckFilled(config),
              ElementsAre("rule set \"small-fy2563\": unit \"secretariat\": "
                          "indicator 2.1: weight \"x\" is not a decimal "
                          "number"));
}

TEST(CheckRuleSetConfig, MissingWeightIsReported) {
  RuleSetConfig config = SoundRuleSet();
  SecretariatIndicator(&config, 2)->clear_weight();
  EXPECT_THAT(CheckFilled(config),
              ElementsAre("rule set \"small-fy2563\": unit \"secretariat\": "
                          "indicator 3.1: weight is missing"));
}

TEST(CheckRuleSetConfig, WeightNotAboveZeroIsReported) {
  RuleSetConfig config = SoundRuleSet();
  SecretariatIndicator(&config, 0)->set_weight("70");
  SecretariatIndicator(&config, 2)->set_weight("-10");
  RuleSetConfig zero = SoundRuleSet();
  SecretariatIndicator(&zero, 2)->set_weight("0");
  SecretariatIndicator(&zero, 1)->set_weight("40");
  EXPECT_THAT(CheckFilled(config),
              ElementsAre("rule set \"small-fy2563\": unit \"secretariat\": "
                          "indicator 3.1: weight \"-10\" is not above zero"));
  EXPECT_THAT(CheckFilled(zero),
              ElementsAre("rule set \"small-fy2563\": unit \"secretariat\": "
                          "indicator 3.1: weight \"0\" is not above zero"));
}

TEST(CheckRuleSetConfig, WeightsNotSummingToTotalAreReported) {
  RuleSetConfig config = SoundRuleSet();
  SecretariatIndicator(&config, 0)->set_weight("61");
  EXPECT_THAT(CheckFilled(config),
              ElementsAre("rule set \"small-fy2563\": unit \"secretariat\": "
                          "weights sum to 101, not the weight total 100"));
}

TEST(CheckRuleSetConfig, WeightsSumExactlyWhateverTheirDecimals) {
  RuleSetConfig config = SoundRuleSet();
  SecretariatIndicator(&config, 0)->set_weight("33.33");
  SecretariatIndicator(&config, 1)->set_weight("๓๓.๓๓");  // Thai digits.
  SecretariatIndicator(&config, 2)->set_weight("33.340");
  EXPECT_THAT(CheckFilled(config), IsEmpty());
  // A hundredth short is short: no floating point rounds it away.
  SecretariatIndicator(&config, 2)->set_weight("33.33");
  EXPECT_THAT(CheckFilled(config),
              ElementsAre("rule set \"small-fy2563\": unit \"secretariat\": "
                          "weights sum to 99.99, not the weight total 100"));
}

TEST(CheckRuleSetConfig, WeightsSumAgainstAnyWeightTotal) {
  RuleSetConfig config = SoundRuleSet();
  config.set_weight_total("1.0");
  SecretariatIndicator(&config, 0)->set_weight("0.6");
  SecretariatIndicator(&config, 1)->set_weight("0.3");
  SecretariatIndicator(&config, 2)->set_weight("0.1");
  config.mutable_units(1)->mutable_indicators(0)->set_weight("1");
  EXPECT_THAT(CheckFilled(config), IsEmpty());
}

TEST(CheckRuleSetConfig, UndeclaredCategoryIsReported) {
  RuleSetConfig config = SoundRuleSet();
  // From the id: "4" of "4.1".
  SecretariatIndicator(&config, 2)->set_id("4.1");
  // Explicit, overriding the id's "2".
  SecretariatIndicator(&config, 1)->set_category("9");
  EXPECT_THAT(
      CheckFilled(config),
      ElementsAre("rule set \"small-fy2563\": unit \"secretariat\": "
                  "indicator 2.1: category \"9\" is not one of the rule "
                  "set's categories (1, 2, 3)",
                  "rule set \"small-fy2563\": unit \"secretariat\": "
                  "indicator 4.1: category \"4\" is not one of the rule "
                  "set's categories (1, 2, 3)"));
}

TEST(CheckRuleSetConfig, CategoriesAreMatchedAcrossDigitForms) {
  RuleSetConfig config = SoundRuleSet();
  // Category "๓" is declared in Thai digits; "3.1" finds it, and so does an
  // explicit "๑".
  SecretariatIndicator(&config, 0)->set_category("๑");
  EXPECT_THAT(CheckFilled(config), IsEmpty());
}

TEST(CheckRuleSetConfig, CategoriesAreNotCheckedWhenNoneAreDeclared) {
  RuleSetConfig config = SoundRuleSet();
  config.clear_categories();
  SecretariatIndicator(&config, 2)->set_id("8.1");
  EXPECT_THAT(CheckFilled(config), IsEmpty());
}

TEST(CheckRuleSetConfig, CategoryDeclaredTwiceOrWithoutIdIsReported) {
  RuleSetConfig config = SoundRuleSet();
  config.add_categories()->set_id("3");
  config.add_categories()->set_title("ไม่มีรหัส");
  EXPECT_THAT(CheckFilled(config),
              ElementsAre("rule set \"small-fy2563\": category \"3\" is "
                          "declared twice (categories #3 and #4)",
                          "rule set \"small-fy2563\": category #5: id is "
                          "missing"));
}

TEST(CheckRuleSetConfig, SeverityOverrideWithoutCodeIsReported) {
  RuleSetConfig config = SoundRuleSet();
  config.add_severity_overrides()->set_severity(
      scorecard::v1::SEVERITY_WARNING);
  EXPECT_THAT(CheckFilled(config),
              ElementsAre("rule set \"small-fy2563\": severity override #2: "
                          "code is not set"));
}

TEST(CheckRuleSetConfig, SeverityOverrideWithoutSeverityIsReported) {
  RuleSetConfig config = SoundRuleSet();
  config.add_severity_overrides()->set_code(
      scorecard::v1::VIOLATION_CODE_WEIGHT_MISMATCH);
  EXPECT_THAT(CheckFilled(config),
              ElementsAre("rule set \"small-fy2563\": severity override #2 "
                          "(VIOLATION_CODE_WEIGHT_MISMATCH): severity is not "
                          "set"));
}

TEST(CheckRuleSetConfig, CodeOverriddenTwiceIsReported) {
  RuleSetConfig config = SoundRuleSet();
  scorecard::v1::SeverityOverride* again = config.add_severity_overrides();
  again->set_code(scorecard::v1::VIOLATION_CODE_TITLE_MISMATCH);
  again->set_severity(scorecard::v1::SEVERITY_WARNING);
  EXPECT_THAT(CheckFilled(config),
              ElementsAre("rule set \"small-fy2563\": severity override #2 "
                          "(VIOLATION_CODE_TITLE_MISMATCH): the code is "
                          "already overridden by severity override #1"));
}

TEST(CheckRuleSetConfig, EnumValuesUnknownToTheSchemaAreReported) {
  // JSON and text proto accept enum numbers, including unknown ones.
  RuleSetConfig config;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
      std::string(kSoundRuleSet) +
          "rounding: 7 title_policy: 8 severity_overrides { code: 99 "
          "severity: 5 }",
      &config));
  EXPECT_THAT(
      CheckFilled(config),
      ElementsAre(
          "rule set \"small-fy2563\": rounding 7 is not a known rounding rule",
          "rule set \"small-fy2563\": title policy 8 is not a known title "
          "policy",
          "rule set \"small-fy2563\": severity override #2: code 99 is not a "
          "known violation code",
          "rule set \"small-fy2563\": severity override #2: severity 5 is "
          "not a known severity"));
}

TEST(CheckRuleSetConfig, EveryProblemIsReportedInConfigOrder) {
  RuleSetConfig config = SoundRuleSet();
  config.set_id("Small");
  config.mutable_score_scale()->set_decimals(12);
  SecretariatIndicator(&config, 0)->set_weight("sixty");
  config.mutable_units(1)->mutable_indicators(0)->set_weight("90");
  EXPECT_THAT(
      CheckFilled(config),
      ElementsAre(HasSubstr("id \"Small\" is not valid"),
                  HasSubstr("score scale: decimals 12"),
                  HasSubstr("unit \"secretariat\": indicator 1.1: weight "
                            "\"sixty\" is not a decimal number"),
                  HasSubstr("unit \"finance\": weights sum to 90")));
}

TEST(CheckRuleSetConfig, ARuleSetWithoutUnitsIsRefused) {
  RuleSetConfig config = SoundRuleSet();
  config.clear_units();
  EXPECT_THAT(CheckFilled(config),
              ElementsAre("rule set \"small-fy2563\": has no units"));
}

TEST(CheckRuleSetConfig, CriteriaNeedOneLevelPerWholeScoreInOrder) {
  RuleSetConfig config = SoundRuleSet();
  scorecard::v1::Criteria* criteria =
      SecretariatIndicator(&config, 0)->mutable_criteria();
  for (const char* level : {"80", "85", "90", "95"}) criteria->add_levels(level);
  EXPECT_THAT(CheckFilled(config),
              ElementsAre(HasSubstr("indicator 1.1: criteria: has 4 levels; "
                                    "the scale 1 to 5 needs 5, one per whole "
                                    "score")));
  criteria->add_levels("94");
  EXPECT_THAT(CheckFilled(config),
              ElementsAre(HasSubstr("levels must strictly increase or "
                                    "strictly decrease: level 4 is 95 and "
                                    "level 5 is 94")));
  criteria->set_levels(4, "95");
  EXPECT_THAT(CheckFilled(config), ElementsAre(HasSubstr("level 4 is 95 and "
                                                         "level 5 is 95")));
  criteria->set_levels(4, "100");
  EXPECT_THAT(CheckFilled(config), IsEmpty());
  criteria->set_below_level_1("0.5");
  EXPECT_THAT(CheckFilled(config),
              ElementsAre(HasSubstr("below_level_1 \"0.5\" is neither 0 nor "
                                    "the scale's min 1")));
  criteria->set_below_level_1("0");
  EXPECT_THAT(CheckFilled(config), IsEmpty());
  criteria->set_levels(2, "ninety");
  EXPECT_THAT(CheckFilled(config),
              ElementsAre(HasSubstr("criteria: level 3 \"ninety\" is not a "
                                    "decimal number")));
}

TEST(CheckRuleSetConfig, CriteriaNeedAScaleOfWholeScores) {
  RuleSetConfig config = SoundRuleSet();
  config.mutable_score_scale()->set_max("4.5");
  scorecard::v1::Criteria* criteria =
      SecretariatIndicator(&config, 0)->mutable_criteria();
  for (const char* level : {"1", "2", "3", "4"}) criteria->add_levels(level);
  EXPECT_THAT(CheckFilled(config),
              ElementsAre(HasSubstr("criteria levels need a scale of whole "
                                    "scores, not 1 to 4.5")));
}

TEST(CheckRuleSetConfig, EveryUnitMustHonourEveryDimension) {
  RuleSetConfig config = SoundRuleSet();
  scorecard::v1::Dimension* dimension = config.add_dimensions();
  dimension->set_id("core");
  dimension->add_categories("1");
  dimension->set_weight("60");
  // Category 1 weighs 60 in secretariat and 100 in finance.
  const std::vector<std::string> problems = CheckFilled(config);
  EXPECT_THAT(problems,
              Contains(HasSubstr("unit \"finance\": dimension \"core\": "
                                 "weights sum to 100, not 60")));
  dimension->clear_weight();
  dimension->set_min("30");
  dimension->set_max("100");
  EXPECT_THAT(CheckFilled(config), IsEmpty()) << "secretariat and finance fit";
  dimension->set_max("99");
  EXPECT_THAT(CheckFilled(config),
              ElementsAre(HasSubstr("unit \"finance\": dimension \"core\": "
                                    "weights sum to 100, not within 30..99")));
}

TEST(CheckRuleSetConfig, ADimensionNeedsCategoriesOfItsOwnAndOneKindOfWeight) {
  RuleSetConfig config = SoundRuleSet();
  scorecard::v1::Dimension* first = config.add_dimensions();
  first->set_id("a");
  first->add_categories("1");
  first->set_min("0");
  scorecard::v1::Dimension* second = config.add_dimensions();
  second->set_id("b");
  second->add_categories("๑");
  second->add_categories("9");
  second->set_weight("10");
  second->set_max("20");
  const std::vector<std::string> problems = CheckFilled(config);
  EXPECT_THAT(problems, Contains(HasSubstr("dimension \"b\": category \"๑\" "
                                           "already belongs to dimension \"a\"")));
  EXPECT_THAT(problems, Contains(HasSubstr("dimension \"b\": category \"9\" is "
                                           "not one of the rule set's "
                                           "categories")));
  EXPECT_THAT(problems, Contains(HasSubstr("dimension \"b\": give either "
                                           "weight, or min and/or max")));
}

TEST(CheckRuleSetConfig, GradeBandsMayNeitherOverlapNorLeaveAGap) {
  RuleSetConfig config = SoundRuleSet();
  const auto band = [&](const char* min, const char* label) {
    scorecard::v1::GradeBand* b = config.add_grades();
    b->set_min(min);
    b->set_label(label);
  };
  band("4.5", "ดีเด่น");
  band("3.5", "ดีมาก");
  band("1", "ต้องปรับปรุง");
  EXPECT_THAT(CheckFilled(config), IsEmpty());
  config.mutable_grades(1)->set_min("4.5");
  EXPECT_THAT(CheckFilled(config),
              ElementsAre(HasSubstr("grade #2: min 4.5 is not below the min "
                                    "of the band before it, 4.5")));
  config.mutable_grades(1)->set_min("3.5");
  config.mutable_grades(2)->set_min("1.5");
  EXPECT_THAT(CheckFilled(config),
              ElementsAre(HasSubstr("grades: the lowest band starts at 1.5, "
                                    "not at the scale's min 1")));
  config.mutable_grades(2)->set_min("1");
  config.mutable_grades(0)->clear_label();
  EXPECT_THAT(CheckFilled(config),
              ElementsAre(HasSubstr("grade #1: label is missing")));
}

// Compile passes every problem on as one item of a list, each prefixed with
// the file: a problem holding a newline stays one problem.
TEST(RuleSetCompile, EveryProblemIsOneItemPrefixedWithTheSource) {
  RuleSetConfig config = SoundRuleSet();
  config.clear_id();
  config.mutable_units(1)->clear_indicators();
  config.mutable_units(0)->mutable_indicators(0)->set_weight("six\nty");
  const absl::Status status =
      RuleSet::Compile(config, "small.yaml").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Problems(status),
              ElementsAre("small.yaml: rule set (no id): id is missing",
                          "small.yaml: rule set (no id): unit \"secretariat\": "
                          "indicator 1.1: weight \"six\nty\" is not a decimal "
                          "number",
                          "small.yaml: rule set (no id): unit \"finance\": has "
                          "no indicators"));
  EXPECT_THAT(Problems(RuleSet::Compile(config).status()),
              ElementsAre("rule set (no id): id is missing", HasSubstr("six"),
                          "rule set (no id): unit \"finance\": has no "
                          "indicators"));
}

}  // namespace
}  // namespace scorecard::rules
