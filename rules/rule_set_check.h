// Checks a rule set for problems of its own, before any scorecard meets it:
// a weight that is not a number, weights that do not add up to the weight
// total, two units answering to the same name, and the like.
//
//   std::vector<std::string> problems = CheckRuleSetConfig(config);
//   // {"rule set \"led-fy2563\": unit \"secretariat\": indicator 2.1: "
//   //  "weight \"x\" is not a decimal number"}
//
// Every problem is reported, not just the first; each names the rule set and,
// where it concerns one, the unit and the indicator. docs/rule-sets.md lists
// the checks.
//
// Thread-safety: pure functions, safe for concurrent use.

#ifndef SCORECARD_RULES_RULE_SET_CHECK_H_
#define SCORECARD_RULES_RULE_SET_CHECK_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "scorecard/v1/rule_set_config.pb.h"

namespace scorecard::rules {

// Returns every problem of `config`, one sentence each, in the order of the
// config (rule set fields, categories, severity overrides, then units and
// their indicators). Empty when the rule set is sound. Reads the config as
// written: fill in the defaults first (FillRuleSetDefaults; RuleSet::Compile
// does), or an unset score scale or weight total is reported missing.
std::vector<std::string> CheckRuleSetConfig(
    const scorecard::v1::RuleSetConfig& config);

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_RULE_SET_CHECK_H_
