// Where scorecardctl sends scorecards to be judged: the rules engine in this
// process (offline) or a scorecardd server (--server). Both give the same
// results, so the report and the exit status do not depend on which is used.
//
//   std::vector<rules::RuleSetCandidate> held = *validator->RuleSets();
//   // ... choose each scorecard's rule set with rules::ChooseRuleSet ...
//   auto results = validator->ValidateAll(scorecards, rules::Locale::kThai);
//
// Thread-safety: a validator is used by one thread at a time.

#ifndef SCORECARD_CLIENT_SCORECARD_VALIDATOR_H_
#define SCORECARD_CLIENT_SCORECARD_VALIDATOR_H_

#include <vector>

#include "absl/status/statusor.h"
#include "rules/rule_set_choice.h"
#include "rules/violation_messages.h"
#include "scorecard/v1/scorecard.pb.h"

namespace scorecard::client {

class ScorecardValidator {
 public:
  virtual ~ScorecardValidator() = default;

  // Returns the rule sets held (their ids and fiscal years), to choose from.
  virtual absl::StatusOr<std::vector<rules::RuleSetCandidate>> RuleSets() = 0;

  // Validates `scorecards` (each with its rule_set set) and returns one
  // result per scorecard, in the same order, with messages in `locale`.
  // Fails only when the scorecards could not be judged at all (an
  // unreachable server, an unknown rule set).
  virtual absl::StatusOr<std::vector<scorecard::v1::ValidationResult>>
  ValidateAll(const std::vector<scorecard::v1::Scorecard>& scorecards,
              rules::Locale locale) = 0;
};

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_SCORECARD_VALIDATOR_H_
