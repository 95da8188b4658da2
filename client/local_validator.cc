#include "client/local_validator.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "rules/rule_set.h"
#include "rules/utf8.h"

namespace scorecard::client {

absl::StatusOr<std::vector<rules::RuleSetCandidate>>
LocalValidator::RuleSets() {
  std::vector<rules::RuleSetCandidate> candidates;
  for (const auto& rule_set : index_->rule_sets()) {
    candidates.push_back({rule_set->id(), rule_set->fiscal_year()});
  }
  return candidates;
}

absl::StatusOr<std::vector<scorecard::v1::ValidationResult>>
LocalValidator::ValidateAll(
    const std::vector<scorecard::v1::Scorecard>& scorecards,
    rules::Locale locale) {
  rules::ValidateOptions options;
  options.locale = locale;
  std::vector<scorecard::v1::ValidationResult> results(scorecards.size());
  for (size_t i = 0; i < scorecards.size(); ++i) {
    const rules::RuleSet* rule_set = index_->Find(scorecards[i].rule_set());
    if (rule_set == nullptr) {
      return absl::NotFoundError(
          absl::StrCat("no rule set \"",
                       rules::QuoteText(scorecards[i].rule_set()), "\""));
    }
    rule_set->Validate(scorecards[i], options, &results[i]);
  }
  return results;
}

}  // namespace scorecard::client
