#include "client/local_validator.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "rules/status_macros.h"
#include "rules/violation_messages.h"

namespace scorecard::client {

absl::StatusOr<std::string> LocalValidator::ChooseRuleSet(
    absl::string_view rule_set_id, int fiscal_year) {
  SCORECARD_ASSIGN_OR_RETURN(const rules::RuleSet* chosen,
                             index_->Choose(rule_set_id, fiscal_year));
  return chosen->id();
}

absl::StatusOr<std::vector<scorecard::v1::ValidationResult>>
LocalValidator::ValidateAll(
    const std::vector<scorecard::v1::Scorecard>& scorecards,
    absl::string_view locale) {
  SCORECARD_ASSIGN_OR_RETURN(const rules::Locale parsed,
                             rules::ParseLocale(locale));
  std::vector<scorecard::v1::ValidationResult> results(scorecards.size());
  for (size_t i = 0; i < scorecards.size(); ++i) {
    const rules::RuleSet* rule_set = index_->Find(scorecards[i].rule_set());
    if (rule_set == nullptr) {
      return absl::NotFoundError(
          absl::StrCat("no rule set \"", scorecards[i].rule_set(), "\""));
    }
    rule_set->Validate(scorecards[i], {.locale = parsed}, &results[i]);
  }
  return results;
}

}  // namespace scorecard::client
