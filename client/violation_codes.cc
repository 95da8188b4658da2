#include "client/violation_codes.h"

namespace scorecard::client {

namespace v1 = ::scorecard::v1;

const std::vector<ViolationCodeInfo>& ViolationCodes() {
  static const auto* const codes = new std::vector<ViolationCodeInfo>{
      {v1::VIOLATION_CODE_UNKNOWN_UNIT, "The unit is not in the rule set.",
       v1::SEVERITY_ERROR},
      {v1::VIOLATION_CODE_UNKNOWN_INDICATOR,
       "An entry names an indicator the unit does not have.",
       v1::SEVERITY_ERROR},
      {v1::VIOLATION_CODE_MISSING_INDICATOR,
       "An indicator of the unit has no entry.", v1::SEVERITY_ERROR},
      {v1::VIOLATION_CODE_DUPLICATE_INDICATOR,
       "Two or more entries name the same indicator.", v1::SEVERITY_ERROR},
      {v1::VIOLATION_CODE_INVALID_NUMBER,
       "A score, weight, result or total is not a decimal number.",
       v1::SEVERITY_ERROR},
      {v1::VIOLATION_CODE_SCORE_OUT_OF_RANGE,
       "A score lies outside the rule set's score scale.", v1::SEVERITY_ERROR},
      {v1::VIOLATION_CODE_SCORE_PRECISION,
       "A score has more decimals than the rule set allows.",
       v1::SEVERITY_ERROR},
      {v1::VIOLATION_CODE_WEIGHT_MISMATCH,
       "A submitted weight differs from the rule set's weight.",
       v1::SEVERITY_ERROR},
      {v1::VIOLATION_CODE_WEIGHT_TOTAL,
       "The weights or the declared weight total differ from the rule set's "
       "weight total.",
       v1::SEVERITY_ERROR},
      {v1::VIOLATION_CODE_TOTAL_MISMATCH,
       "The declared total differs from the computed total.",
       v1::SEVERITY_ERROR},
      {v1::VIOLATION_CODE_TITLE_MISMATCH,
       "An entry's title differs from the rule set's title.",
       v1::SEVERITY_WARNING},
      {v1::VIOLATION_CODE_SCORE_CRITERIA_MISMATCH,
       "A submitted score differs from the score its criteria levels give "
       "the result.",
       v1::SEVERITY_ERROR},
      {v1::VIOLATION_CODE_WEIGHTED_SCORE_MISMATCH,
       "A stated weighted score differs from weight x score / total weight.",
       v1::SEVERITY_ERROR},
      {v1::VIOLATION_CODE_FISCAL_YEAR_MISMATCH,
       "The document's fiscal year differs from the rule set's.",
       v1::SEVERITY_ERROR},
  };
  return *codes;
}

}  // namespace scorecard::client
