// SameText: whether two texts hold the same bytes, inline and quick for the
// short texts a validation result holds (ids, weights, numbers), which a
// reused result compares with what it would write before writing it.
//
//   if (!SameText(field, value)) field.assign(value);
//
// Thread-safety: a pure function.

#ifndef SCORECARD_RULES_SAME_TEXT_H_
#define SCORECARD_RULES_SAME_TEXT_H_

#include <cstdint>
#include <cstring>

#include "absl/strings/string_view.h"

namespace scorecard::rules {

// Whether `a` and `b` hold the same bytes (a == b). Texts of up to 16
// bytes are compared in at most four word loads each, inline, rather than
// through a call to memcmp.
inline bool SameText(absl::string_view a, absl::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char* const x = a.data();
  const char* const y = b.data();
  if (n >= 8) {
    if (n > 16) return std::memcmp(x, y, n) == 0;
    // Two loads that overlap when n < 16 cover all n bytes.
    uint64_t x0, y0, x1, y1;
    std::memcpy(&x0, x, 8);
    std::memcpy(&y0, y, 8);
    std::memcpy(&x1, x + n - 8, 8);
    std::memcpy(&y1, y + n - 8, 8);
    return ((x0 ^ y0) | (x1 ^ y1)) == 0;
  }
  if (n >= 4) {
    uint32_t x0, y0, x1, y1;
    std::memcpy(&x0, x, 4);
    std::memcpy(&y0, y, 4);
    std::memcpy(&x1, x + n - 4, 4);
    std::memcpy(&y1, y + n - 4, 4);
    return ((x0 ^ y0) | (x1 ^ y1)) == 0;
  }
  for (size_t i = 0; i < n; ++i) {
    if (x[i] != y[i]) return false;
  }
  return true;
}

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_SAME_TEXT_H_
