// An exact running sum of decimals, for the places that add weights up.
//
//   DecimalSum sum;
//   for (const Decimal& weight : weights) sum.Add(weight);
//   if (!sum.overflowed() && sum != weight_total) ...;   // "99.5" != "100"
//
// The sum is kept as a 128-bit integer at the largest scale among the terms
// (at most Decimal::kMaxScale), so adding "10" and "0.25" is exact; it stays
// in the symmetric range ±(2^127 − 1), and a sum that would leave it is
// marked overflowed for good rather than wrap.
//
// A small value type; not for concurrent mutation.

#ifndef SCORECARD_RULES_DECIMAL_SUM_H_
#define SCORECARD_RULES_DECIMAL_SUM_H_

#include <string>

#include "rules/decimal.h"

namespace scorecard::rules {

class DecimalSum final {
 public:
  // Zero at scale 0.
  DecimalSum() = default;

  // Adds `term`. Returns false, and marks the sum overflowed, when the sum
  // no longer fits; an overflowed sum ignores further terms.
  bool Add(const Decimal& term) {
    // The usual term has the sum's scale: one exact addition.
    Int128 sum;
    if (term.scale() == scale_ && !overflowed_ &&
        AddExact(units_, term.units(), &sum)) {
      units_ = sum;
      return true;
    }
    return AddAligned(term);
  }

  bool overflowed() const { return overflowed_; }
  // The sum in units of 10^-scale(). Meaningless when overflowed.
  Int128 units() const { return units_; }
  int scale() const { return scale_; }

  // Returns "-12.3400" style text with scale() decimals ("overflow" when
  // overflowed).
  std::string ToString() const;

  // Numeric comparison with a decimal; an overflowed sum equals nothing.
  friend bool operator==(const DecimalSum& sum, const Decimal& value) {
    return !sum.overflowed_ && CompareScaled(sum.units_, sum.scale_,
                                             value.units(), value.scale()) == 0;
  }
  friend bool operator!=(const DecimalSum& sum, const Decimal& value) {
    return !(sum == value);
  }

 private:
  // Add for any term: aligns the scales first.
  bool AddAligned(const Decimal& term);

  Int128 units_ = 0;
  int scale_ = 0;
  bool overflowed_ = false;
};

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_DECIMAL_SUM_H_
