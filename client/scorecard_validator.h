// Where scorecardctl sends scorecards to be judged: the rules engine in this
// process (offline) or a scorecardd server (--server). Both give the same
// results, so the report and the exit status do not depend on which is used.

#ifndef SCORECARD_CLIENT_SCORECARD_VALIDATOR_H_
#define SCORECARD_CLIENT_SCORECARD_VALIDATOR_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "scorecard/v1/scorecard.pb.h"

namespace scorecard::client {

class ScorecardValidator {
 public:
  virtual ~ScorecardValidator() = default;

  // Returns the id of the rule set to judge a document by: `rule_set_id` when
  // not empty (NOT_FOUND when no such rule set is held), else the only rule
  // set of `fiscal_year` (when not 0), else the only rule set held; otherwise
  // FAILED_PRECONDITION listing the candidates.
  virtual absl::StatusOr<std::string> ChooseRuleSet(
      absl::string_view rule_set_id, int fiscal_year) = 0;

  // Validates `scorecards` (each with its rule_set set) and returns one
  // result per scorecard, in the same order. `locale` is "en" or "th".
  // Fails only when the scorecards could not be judged at all (an
  // unreachable server, an unknown rule set).
  virtual absl::StatusOr<std::vector<scorecard::v1::ValidationResult>>
  ValidateAll(const std::vector<scorecard::v1::Scorecard>& scorecards,
              absl::string_view locale) = 0;
};

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_SCORECARD_VALIDATOR_H_
