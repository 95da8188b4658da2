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
  for (v1::Unit& unit : *config.mutable_units()) {
    for (v1::Indicator& indicator : *unit.mutable_indicators()) {
      if (!indicator.has_criteria()) continue;
      v1::Criteria& criteria = *indicator.mutable_criteria();
      if (criteria.method() == v1::CRITERIA_METHOD_UNSPECIFIED) {
        criteria.set_method(v1::CRITERIA_METHOD_LINEAR);
      }
      // A result short of the first level scores the scale's min.
      if (criteria.below_level_1().empty()) {
        criteria.set_below_level_1(scale.min());
      }
    }
  }
}

v1::Severity DefaultSeverity(v1::ViolationCode code) {
  return code == v1::VIOLATION_CODE_TITLE_MISMATCH ? v1::SEVERITY_WARNING
                                                   : v1::SEVERITY_ERROR;
}

}  // namespace scorecard::rules
