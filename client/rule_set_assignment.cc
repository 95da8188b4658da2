#include "client/rule_set_assignment.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "rules/status_macros.h"

namespace scorecard::client {

RuleSetAssignment::RuleSetAssignment(ScorecardValidator* validator,
                                     std::string rule_set_flag)
    : validator_(validator), rule_set_flag_(std::move(rule_set_flag)) {}

absl::StatusOr<std::vector<scorecard::v1::Scorecard>> RuleSetAssignment::Assign(
    const rules::ScorecardDocument& document) {
  std::vector<scorecard::v1::Scorecard> scorecards;
  scorecards.reserve(document.scorecards.size());
  for (const rules::DocumentScorecard& item : document.scorecards) {
    scorecard::v1::Scorecard scorecard = item.scorecard;
    if (!rule_set_flag_.empty() || scorecard.rule_set().empty()) {
      const int year =
          item.fiscal_year != 0 ? item.fiscal_year : document.fiscal_year;
      SCORECARD_ASSIGN_OR_RETURN(std::string id, ChooseForYear(year));
      scorecard.set_rule_set(std::move(id));
    }
    scorecards.push_back(std::move(scorecard));
  }
  return scorecards;
}

absl::StatusOr<std::string> RuleSetAssignment::ChooseForYear(int fiscal_year) {
  if (auto it = chosen_by_year_.find(fiscal_year);
      it != chosen_by_year_.end()) {
    return it->second;
  }
  if (!candidates_.has_value()) {
    SCORECARD_ASSIGN_OR_RETURN(candidates_, validator_->RuleSets());
  }
  SCORECARD_ASSIGN_OR_RETURN(
      std::string id,
      rules::ChooseRuleSet(*candidates_, rule_set_flag_, fiscal_year));
  chosen_by_year_.emplace(fiscal_year, id);
  return id;
}

absl::Status RuleSetChoiceError(absl::string_view source,
                                const absl::Status& refused) {
  return absl::Status(
      refused.code(),
      absl::StrCat(source, ": ", refused.message(),
                   absl::IsFailedPrecondition(refused) ? " (with --rule-set)"
                                                       : ""));
}

}  // namespace scorecard::client
