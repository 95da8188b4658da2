// What a rule set means where its file is silent: a 1 to 5 scale with four
// decimals, weights summing to 100, half-up rounding, titles compared with
// white space ignored.

#ifndef SCORECARD_RULES_RULE_SET_DEFAULTS_H_
#define SCORECARD_RULES_RULE_SET_DEFAULTS_H_

#include "absl/strings/string_view.h"
#include "scorecard/v1/rule_set_config.pb.h"

namespace scorecard::rules {

inline constexpr absl::string_view kDefaultScoreMin = "1";
inline constexpr absl::string_view kDefaultScoreMax = "5";
inline constexpr int kDefaultDecimals = 4;
inline constexpr int kMaxDecimals = 9;
inline constexpr absl::string_view kDefaultWeightTotal = "100";

// Writes the defaults above into every field of `config` that is not set, so
// that a rule set shown back (GetRuleSet) says what the engine uses.
void FillRuleSetDefaults(scorecard::v1::RuleSetConfig& config);

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_RULE_SET_DEFAULTS_H_
