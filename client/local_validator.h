// Validates scorecards in this process, with rule files read from disk: what
// scorecardctl does without --server.
//
//   LocalValidator validator(*rules::RuleSetIndex::Load(path));
//
// Thread-safety: as ScorecardValidator.

#ifndef SCORECARD_CLIENT_LOCAL_VALIDATOR_H_
#define SCORECARD_CLIENT_LOCAL_VALIDATOR_H_

#include <memory>
#include <vector>

#include "client/scorecard_validator.h"
#include "rules/rule_set_index.h"

namespace scorecard::client {

class LocalValidator final : public ScorecardValidator {
 public:
  explicit LocalValidator(std::shared_ptr<const rules::RuleSetIndex> index)
      : index_(std::move(index)) {}

  absl::StatusOr<std::vector<rules::RuleSetCandidate>> RuleSets() override;

  absl::StatusOr<std::vector<scorecard::v1::ValidationResult>> ValidateAll(
      const std::vector<scorecard::v1::Scorecard>& scorecards,
      rules::Locale locale) override;

 private:
  std::shared_ptr<const rules::RuleSetIndex> index_;
};

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_LOCAL_VALIDATOR_H_
