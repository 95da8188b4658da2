// Which rule set judges each scorecard of a document, chosen once: the rule
// set --rule-set names, else the one a (JSON) scorecard names itself, else the
// one rules::ChooseRuleSet picks for its fiscal year among those the
// validator holds.
//
//   RuleSetAssignment assignment(validator, /*rule_set_flag=*/"");
//   absl::StatusOr<std::vector<v1::Scorecard>> scorecards =
//       assignment.Assign(document);   // each with its rule_set set
//
// The validator's rule sets are asked for once, when a scorecard first needs
// choosing, and each fiscal year's choice is kept for later documents.
//
// Thread-safety: used by one thread at a time. The validator must outlive it.

#ifndef SCORECARD_CLIENT_RULE_SET_ASSIGNMENT_H_
#define SCORECARD_CLIENT_RULE_SET_ASSIGNMENT_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "client/scorecard_validator.h"
#include "rules/document_reader.h"
#include "rules/rule_set_choice.h"
#include "scorecard/v1/scorecard.pb.h"

namespace scorecard::client {

class RuleSetAssignment final {
 public:
  // `rule_set_flag` is --rule-set, empty when not given.
  RuleSetAssignment(ScorecardValidator* validator, std::string rule_set_flag);

  // Returns the document's scorecards, each with the id of the rule set that
  // judges it. The errors are rules::ChooseRuleSet's (NOT_FOUND for an
  // unknown --rule-set, FAILED_PRECONDITION when the choice is not clear)
  // and the validator's.
  absl::StatusOr<std::vector<scorecard::v1::Scorecard>> Assign(
      const rules::ScorecardDocument& document);

 private:
  // Returns the rule set for a scorecard of `fiscal_year` (0: none stated).
  absl::StatusOr<std::string> ChooseForYear(int fiscal_year);

  ScorecardValidator* const validator_;
  const std::string rule_set_flag_;
  std::optional<std::vector<rules::RuleSetCandidate>> candidates_;
  absl::flat_hash_map<int, std::string> chosen_by_year_;
};

// Returns the error for the file `source` whose scorecards could not be given
// a rule set, from rules::ChooseRuleSet's `refused`: "SOURCE: " and its
// message, plus " (with --rule-set)" when the choice was unclear (so the user
// learns how to settle it). The same whether the choice was made here or by
// a server (ValidateDocument).
absl::Status RuleSetChoiceError(absl::string_view source,
                                const absl::Status& refused);

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_RULE_SET_ASSIGNMENT_H_
