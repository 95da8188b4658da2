#include "rules/decimal_sum.h"

#include <algorithm>

namespace scorecard::rules {

bool DecimalSum::AddAligned(const Decimal& term) {
  if (overflowed_) return false;
  Int128 aligned_sum = units_;
  Int128 aligned_term = term.units();
  // Bring both to the finer scale; each step is exact or it overflows.
  if (term.scale() > scale_ &&
      !MultiplyExact(units_, PowerOfTen(term.scale() - scale_), &aligned_sum)) {
    overflowed_ = true;
    return false;
  }
  if (term.scale() < scale_ &&
      !MultiplyExact(aligned_term, PowerOfTen(scale_ - term.scale()),
                     &aligned_term)) {
    overflowed_ = true;
    return false;
  }
  Int128 sum;
  if (!AddExact(aligned_sum, aligned_term, &sum)) {
    overflowed_ = true;
    return false;
  }
  units_ = sum;
  scale_ = std::max(scale_, term.scale());
  return true;
}

std::string DecimalSum::ToString() const {
  return overflowed_ ? "overflow" : FormatScaled(units_, scale_);
}

}  // namespace scorecard::rules
