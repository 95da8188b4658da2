#include "rules/rule_set_choice.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rules/utf8.h"

namespace scorecard::rules {
namespace {

// How many candidates a message lists at most.
constexpr size_t kMaxListed = 20;

std::string Describe(const std::vector<const RuleSetCandidate*>& candidates) {
  std::vector<std::string> names;
  names.reserve(std::min(candidates.size(), kMaxListed));
  for (size_t i = 0; i < candidates.size() && i < kMaxListed; ++i) {
    const RuleSetCandidate* c = candidates[i];
    names.push_back(c->fiscal_year > 0
                        ? absl::StrCat(QuoteText(c->id), " (fiscal year ",
                                       c->fiscal_year, ")")
                        : QuoteText(c->id));
  }
  if (names.empty()) return "none";
  std::string listed = absl::StrJoin(names, ", ");
  if (candidates.size() > kMaxListed) {
    absl::StrAppend(&listed, " and ", candidates.size() - kMaxListed, " more");
  }
  return listed;
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
        absl::StrCat("no rule set \"", QuoteText(id), "\"; there are: ", Describe(all)));
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
