// Validates scorecards in this process, with rule files read from disk: what
// scorecardctl does without --server.

#ifndef SCORECARD_CLIENT_LOCAL_VALIDATOR_H_
#define SCORECARD_CLIENT_LOCAL_VALIDATOR_H_

#include <memory>
#include <string>
#include <vector>

#include "client/scorecard_validator.h"
#include "rules/rule_set_index.h"

namespace scorecard::client {

class LocalValidator final : public ScorecardValidator {
 public:
  explicit LocalValidator(std::shared_ptr<const rules::RuleSetIndex> index)
      : index_(std::move(index)) {}

  absl::StatusOr<std::string> ChooseRuleSet(absl::string_view rule_set_id,
                                            int fiscal_year) override;

  absl::StatusOr<std::vector<scorecard::v1::ValidationResult>> ValidateAll(
      const std::vector<scorecard::v1::Scorecard>& scorecards,
      absl::string_view locale) override;

 private:
  std::shared_ptr<const rules::RuleSetIndex> index_;
};

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_LOCAL_VALIDATOR_H_
