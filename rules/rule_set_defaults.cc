#include "rules/rule_set_defaults.h"

#include <string>

namespace scorecard::rules {

namespace v1 = ::scorecard::v1;

void FillRuleSetDefaults(v1::RuleSetConfig& config) {
  v1::ScoreScale& scale = *config.mutable_score_scale();
  if (!scale.has_decimals()) scale.set_decimals(kDefaultDecimals);
  if (scale.min().empty()) scale.set_min(std::string(kDefaultScoreMin));
  if (scale.max().empty()) scale.set_max(std::string(kDefaultScoreMax));
  if (config.weight_total().empty()) {
    config.set_weight_total(std::string(kDefaultWeightTotal));
  }
  if (config.rounding() == v1::ROUNDING_UNSPECIFIED) {
    config.set_rounding(v1::ROUNDING_HALF_UP);
  }
  if (config.title_policy() == v1::TITLE_POLICY_UNSPECIFIED) {
    config.set_title_policy(v1::TITLE_POLICY_WHITESPACE_NORMALISED);
  }
}

}  // namespace scorecard::rules
