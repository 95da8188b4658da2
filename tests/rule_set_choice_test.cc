// rules::ChooseRuleSet: the rule set a document is judged by when the caller
// does not name one, and its errors, which a server sends to its callers:
// the ids quoted and the list bounded.

#include "rules/rule_set_choice.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rules/utf8.h"

namespace scorecard::rules {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;

const std::vector<RuleSetCandidate> kTwoYears = {{"led-fy2563", 2563},
                                                 {"led-fy2564", 2564}};

TEST(ChooseRuleSet, TheNamedOneElseTheOneOfTheYearElseTheOnlyOne) {
  EXPECT_EQ(*ChooseRuleSet(kTwoYears, "led-fy2564", 2563), "led-fy2564");
  EXPECT_EQ(*ChooseRuleSet(kTwoYears, "", 2563), "led-fy2563");
  EXPECT_EQ(*ChooseRuleSet({{"only", 0}}, "", 2570), "only");
}

TEST(ChooseRuleSet, NoClearChoiceIsAFailedPreconditionListingTheCandidates) {
  const absl::StatusOr<std::string> chosen = ChooseRuleSet(kTwoYears, "", 2570);
  EXPECT_TRUE(absl::IsFailedPrecondition(chosen.status()));
  EXPECT_EQ(chosen.status().message(),
            "no rule set is for fiscal year 2570 and there are 2 rule sets; "
            "name one of them: led-fy2563 (fiscal year 2563), led-fy2564 "
            "(fiscal year 2564)");
}

TEST(ChooseRuleSet, AnUnknownIdIsNotFoundQuotedShort) {
  const std::string id = std::string(300, 'x') + "\xff";
  const absl::StatusOr<std::string> chosen = ChooseRuleSet(kTwoYears, id, 0);
  EXPECT_TRUE(absl::IsNotFound(chosen.status()));
  EXPECT_TRUE(IsValidUtf8(chosen.status().message()));
  EXPECT_THAT(std::string(chosen.status().message()),
              Not(HasSubstr(std::string(100, 'x'))));
  EXPECT_THAT(std::string(chosen.status().message()),
              HasSubstr("there are: led-fy2563 (fiscal year 2563)"));
}

// A national rule-set folder holds thousands: the message lists 20.
TEST(ChooseRuleSet, TheListIsBounded) {
  std::vector<RuleSetCandidate> many;
  for (int i = 0; i < 25; ++i) many.push_back({absl::StrCat("unit-", i), 0});
  const absl::StatusOr<std::string> chosen = ChooseRuleSet(many, "", 2563);
  EXPECT_TRUE(absl::IsFailedPrecondition(chosen.status()));
  EXPECT_THAT(std::string(chosen.status().message()), HasSubstr("unit-18, unit-19 and"));
  EXPECT_THAT(std::string(chosen.status().message()), Not(HasSubstr("unit-20")));
  EXPECT_THAT(std::string(chosen.status().message()), EndsWith(" and 5 more"));
}

}  // namespace
}  // namespace scorecard::rules
