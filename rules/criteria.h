// Criteria levels (เกณฑ์การให้คะแนน): how an indicator's actual result
// (ผลการดำเนินงาน) becomes its score.
//
// A criteria table has one threshold per whole score of the scale, from the
// scale's min up (five on a 1 to 5 scale), increasing when a higher result is
// better and decreasing when a lower one is. A result reaching the top level
// scores the scale's max; one not reaching the first level scores
// below_level_1; in between it scores by the method:
//
//   LINEAR     k + (X − Tₖ) / (Tₖ₊₁ − Tₖ)   (levels 80..100 by 5: 92.5 → 3.5)
//   STEP       k
//   MILESTONE  k, where X counts steps done and must be a whole number
//
// The score is exact (a fraction) and is then rounded once, to the scale's
// decimals by the rule set's rounding rule.
//
//   CriteriaLevels criteria = CriteriaLevels::Compile(config, /*first_score=*/1);
//   absl::StatusOr<CriteriaScore> score =
//       criteria.Score(Decimal::Parse("92.5").value(), 4, RoundingMode::kHalfUp);
//   score->rounded_units == 35000;
//   criteria.Explain(*score, Locale::kEnglish) ==
//       "92.5 lies between level 3 (90) and level 4 (95): "
//       "3 + (92.5 − 90) / (95 − 90) = 3.5000"
//
// Thread-safety: a CriteriaLevels is immutable once compiled; its methods are
// const and safe for concurrent use.

#ifndef SCORECARD_RULES_CRITERIA_H_
#define SCORECARD_RULES_CRITERIA_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rules/decimal.h"
#include "rules/violation_messages.h"
#include "scorecard/v1/rule_set_config.pb.h"

namespace scorecard::rules {

// What the criteria levels make of one result.
struct CriteriaScore {
  // The exact score, numerator / denominator (denominator > 0).
  Int128 numerator = 0;
  Int128 denominator = 1;
  // The score rounded to `decimals`, in units of 10^-decimals.
  Int128 rounded_units = 0;
  int decimals = 0;
  // Whether rounding changed nothing.
  bool exact = true;
  // Index of the highest level reached; -1 when none is.
  int level = -1;
  // The result as read.
  Decimal result;
};

class CriteriaLevels final {
 public:
  // Compiles criteria that passed CheckRuleSetConfig, with defaults filled.
  // `first_score` is the scale's min, the score of the first level.
  static CriteriaLevels Compile(const scorecard::v1::Criteria& config,
                                int64_t first_score);

  // Returns the score of `result`, or INVALID_ARGUMENT saying why there is
  // none (a milestone result that is not a whole number; numbers too large
  // to compute exactly).
  absl::StatusOr<CriteriaScore> Score(const Decimal& result, int decimals,
                                      RoundingMode rounding) const;

  // Returns the sentence that explains `score` in `locale`.
  std::string Explain(const CriteriaScore& score, Locale locale) const;

 private:
  scorecard::v1::CriteriaMethod method_ =
      scorecard::v1::CRITERIA_METHOD_UNSPECIFIED;
  std::vector<Decimal> levels_;
  bool increasing_ = true;
  Decimal below_level_1_;
  int64_t first_score_ = 0;
  std::string result_unit_;
};

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_CRITERIA_H_
