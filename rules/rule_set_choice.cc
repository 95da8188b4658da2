#include "rules/rule_set_choice.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace scorecard::rules {
namespace {

std::string Describe(const std::vector<const RuleSetCandidate*>& candidates) {
  std::vector<std::string> names;
  names.reserve(candidates.size());
  for (const RuleSetCandidate* c : candidates) {
    names.push_back(c->fiscal_year > 0
                        ? absl::StrCat(c->id, " (fiscal year ", c->fiscal_year,
                                       ")")
                        : c->id);
  }
  return names.empty() ? "none" : absl::StrJoin(names, ", ");
}

}  // namespace

absl::StatusOr<std::string> ChooseRuleSet(
    const std::vector<RuleSetCandidate>& candidates, absl::string_view id,
    int fiscal_year) {
  std::vector<const RuleSetCandidate*> all;
  std::vector<const RuleSetCandidate*> of_year;
  for (const RuleSetCandidate& c : candidates) {
    if (!id.empty() && c.id == id) return c.id;
    all.push_back(&c);
    if (fiscal_year != 0 && c.fiscal_year == fiscal_year) of_year.push_back(&c);
  }
  if (!id.empty()) {
    return absl::NotFoundError(
        absl::StrCat("no rule set \"", id, "\"; there are: ", Describe(all)));
  }
  if (of_year.size() == 1) return of_year.front()->id;
  if (of_year.size() > 1) {
    return absl::FailedPreconditionError(absl::StrCat(
        "several rule sets are for fiscal year ", fiscal_year,
        "; name one of them: ", Describe(of_year)));
  }
  if (all.size() == 1) return all.front()->id;
  return absl::FailedPreconditionError(absl::StrCat(
      fiscal_year != 0
          ? absl::StrCat("no rule set is for fiscal year ", fiscal_year)
          : std::string("the document names no fiscal year"),
      " and there are ", all.size(),
      " rule sets; name one of them: ", Describe(all)));
}

}  // namespace scorecard::rules
