// What a rule set means where its file is silent: a 1 to 5 scale with four
// decimals, weights summing to 100, half-up rounding, titles compared with
// white space ignored, criteria scored linearly with a result short of the
// first level scoring the scale's min, and every violation an error except a
// title that differs (a warning). This file is the only place these defaults
// live.

#ifndef SCORECARD_RULES_RULE_SET_DEFAULTS_H_
#define SCORECARD_RULES_RULE_SET_DEFAULTS_H_

#include "absl/strings/string_view.h"
#include "scorecard/v1/rule_set_config.pb.h"
#include "scorecard/v1/scorecard.pb.h"

namespace scorecard::rules {

// The most decimals a score scale may have.
inline constexpr int kMaxDecimals = 9;

// Writes the defaults into every field of `config` that is not set, so that a
// rule set shown back (GetRuleSet) says what the engine uses, and so that
// everything after (the checks, the compiler) reads only what is written.
void FillRuleSetDefaults(scorecard::v1::RuleSetConfig& config);

// Returns the severity of `code` unless the rule set overrides it.
scorecard::v1::Severity DefaultSeverity(scorecard::v1::ViolationCode code);

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_RULE_SET_DEFAULTS_H_
