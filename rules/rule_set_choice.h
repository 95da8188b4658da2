// Which rule set judges a document when the caller does not say: the rule
// set of the document's fiscal year, else the only one there is. Shared by
// the offline engine and clients that only see a server's list of rule sets.

#ifndef SCORECARD_RULES_RULE_SET_CHOICE_H_
#define SCORECARD_RULES_RULE_SET_CHOICE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace scorecard::rules {

// A rule set as far as choosing between rule sets goes.
struct RuleSetCandidate {
  std::string id;
  int fiscal_year = 0;  // Buddhist era; 0 when not tied to a year.
};

// Returns the id to use: `id` when not empty (NOT_FOUND when no candidate has
// it); else the only candidate of `fiscal_year` when that is not 0; else the
// only candidate. Otherwise FAILED_PRECONDITION listing the candidates.
// Messages quote `id` and the candidates' ids through QuoteText and list at
// most 20 candidates ("... and 4980 more"), so that an error stays small
// however many rule sets there are: a server sends them to its callers.
absl::StatusOr<std::string> ChooseRuleSet(
    const std::vector<RuleSetCandidate>& candidates, absl::string_view id,
    int fiscal_year);

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_RULE_SET_CHOICE_H_
