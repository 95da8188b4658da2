#include "rules/rule_set_defaults.h"

namespace scorecard::rules {

namespace v1 = ::scorecard::v1;

void FillRuleSetDefaults(v1::RuleSetConfig& config) {
  v1::ScoreScale& scale = *config.mutable_score_scale();
  if (!scale.has_decimals()) scale.set_decimals(4);
  if (scale.min().empty()) scale.set_min("1");
  if (scale.max().empty()) scale.set_max("5");
  if (config.weight_total().empty()) config.set_weight_total("100");
  if (config.rounding() == v1::ROUNDING_UNSPECIFIED) {
    config.set_rounding(v1::ROUNDING_HALF_UP);
  }
  if (config.title_policy() == v1::TITLE_POLICY_UNSPECIFIED) {
    config.set_title_policy(v1::TITLE_POLICY_WHITESPACE_NORMALISED);
  }
}

v1::Severity DefaultSeverity(v1::ViolationCode code) {
  return code == v1::VIOLATION_CODE_TITLE_MISMATCH ? v1::SEVERITY_WARNING
                                                   : v1::SEVERITY_ERROR;
}

}  // namespace scorecard::rules
