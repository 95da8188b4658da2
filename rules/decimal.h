// Exact decimal numbers as scorecards write them: "5.0000", "๔.๙๖๐๐", "10".
//
// A Decimal is a scaled integer: units() / 10^scale(). "4.9600" is 49600 at
// scale 4. No binary floating point is involved anywhere.
//
//   absl::StatusOr<Decimal> score = Decimal::Parse("๕.๐๐๐๐");  // 50000, scale 4
//   score->ToString() == "5.0000"
//
// Decimal is a small value type, safe to copy and to share between threads.

#ifndef SCORECARD_RULES_DECIMAL_H_
#define SCORECARD_RULES_DECIMAL_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rules/thai_text.h"

namespace scorecard::rules {

// A signed 128-bit integer, for products and sums of scaled decimals. Every
// value the engine computes stays in the symmetric range ±(2^127 − 1), so that
// negating one never overflows: AddExact and MultiplyExact refuse the one
// value outside it, INT128_MIN.
using Int128 = __int128;

// How a quotient is rounded to whole units.
enum class RoundingMode {
  kHalfUp,    // Half away from zero: 0.5 -> 1, -0.5 -> -1.
  kHalfEven,  // Half to even: 0.5 -> 0, 1.5 -> 2.
  kDown,      // Toward zero: 0.9 -> 0.
};

// Returns -1, 0 or 1 as a / 10^a_scale is less than, equal to or greater
// than b / 10^b_scale. Exact for any scales in [0, 38] and values in the
// symmetric range, however far apart.
int CompareScaled(Int128 a, int a_scale, Int128 b, int b_scale);

class Decimal final {
 public:
  // The most digits a Decimal holds, before and after the point together.
  static constexpr int kMaxDigits = 18;
  // The most decimals a Decimal holds.
  static constexpr int kMaxScale = 18;

  // Zero at scale 0.
  constexpr Decimal() = default;

  // units / 10^scale. `scale` must be in [0, kMaxScale].
  static constexpr Decimal FromUnits(int64_t units, int scale) {
    return Decimal(units, scale);
  }

  // Parses a decimal string: optional white space (thai_text.h's
  // IsWhiteSpace), an optional sign ('+' or '-'), digits (ASCII or Thai,
  // mixed freely) with at most one '.', optional white space. At least one
  // digit is required; ".5" and "5." are accepted. Fails with
  // INVALID_ARGUMENT, saying why, for anything else, for more than kMaxDigits
  // significant digits, or for more than kMaxScale decimals. The message
  // quotes the text (rules/utf8.h's QuoteText: bounded, whole characters)
  // and the offending character whole.
  // Trailing zeros are kept: "5.00" has scale 2.
  static absl::StatusOr<Decimal> Parse(absl::string_view text);

  // Parse without its fast path for the usual cell: the same answer for
  // every text (a test checks it), more slowly. For tests.
  static absl::StatusOr<Decimal> ParseGeneral(absl::string_view text);

  int64_t units() const { return units_; }
  int scale() const { return scale_; }

  // Returns the units at `scale` (>= this->scale()), or nullopt when they do
  // not fit in 64 bits or `scale` is below this->scale().
  std::optional<int64_t> UnitsAt(int scale) const;

  // Returns this number with `scale` decimals, rounding by `mode` when
  // `scale` is smaller, or nullopt when the result does not fit.
  std::optional<Decimal> Rescaled(int scale, RoundingMode mode) const;

  // Returns "-12.3400" style text with exactly scale() decimals, ASCII digits.
  std::string ToString() const;

  // Numeric comparison, whatever the scales: 5 == 5.0000.
  friend bool operator==(const Decimal& a, const Decimal& b) {
    return Compare(a, b) == 0;
  }
  friend bool operator!=(const Decimal& a, const Decimal& b) {
    return Compare(a, b) != 0;
  }
  friend bool operator<(const Decimal& a, const Decimal& b) {
    return Compare(a, b) < 0;
  }
  friend bool operator>(const Decimal& a, const Decimal& b) {
    return Compare(a, b) > 0;
  }
  friend bool operator<=(const Decimal& a, const Decimal& b) {
    return Compare(a, b) <= 0;
  }
  friend bool operator>=(const Decimal& a, const Decimal& b) {
    return Compare(a, b) >= 0;
  }

  // Returns -1, 0 or 1 as a is less than, equal to or greater than b.
  static int Compare(const Decimal& a, const Decimal& b) {
    if (a.scale_ == b.scale_) {
      return a.units_ < b.units_ ? -1 : (a.units_ > b.units_ ? 1 : 0);
    }
    return CompareScaled(a.units_, a.scale_, b.units_, b.scale_);
  }

 private:
  constexpr Decimal(int64_t units, int scale) : units_(units), scale_(scale) {}

  int64_t units_ = 0;
  int scale_ = 0;
};

namespace decimal_internal {

// Reads four Thai digits (E0 B9 90..99 each, the usual score's decimals)
// from the 12 bytes at `p`: returns true and sets *value to their number
// (0 to 9999), or returns false when the bytes are anything else. Two
// loads and two masks instead of four digits read byte by byte; DigitAt
// (thai_text.h) reads the same digits one at a time.
inline bool ReadFourThaiDigits(const unsigned char* p, uint64_t* value) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  uint64_t head;  // E0 B9 9a E0 B9 9b E0 B9
  uint32_t tail;  // 9c E0 B9 9d
  std::memcpy(&head, p, sizeof(head));
  std::memcpy(&tail, p + 8, sizeof(tail));
  if ((head & 0xFFFFF0FFFFF0FFFFu) != 0xB9E090B9E090B9E0u ||
      (tail & 0xF0FFFFF0u) != 0x90B9E090u) {
    return false;
  }
  const unsigned a = static_cast<unsigned>(head >> 16) & 0xFu;
  const unsigned b = static_cast<unsigned>(head >> 40) & 0xFu;
  const unsigned c = tail & 0xFu;
  const unsigned d = (tail >> 24) & 0xFu;
  if (a > 9 || b > 9 || c > 9 || d > 9) return false;
  *value = a * 1000 + b * 100 + c * 10 + d;
  return true;
#else
  (void)p;
  (void)value;
  return false;
#endif
}

inline constexpr auto kPowersOfTen = [] {
  std::array<Int128, 39> powers{};
  powers[0] = 1;
  for (size_t i = 1; i < powers.size(); ++i) powers[i] = powers[i - 1] * 10;
  return powers;
}();
}  // namespace decimal_internal

// Inline, so that the usual cell costs no call and its StatusOr stays in
// registers: digits with at most one '.', no white space, no sign, at most
// kMaxDigits digits in all, read in one pass. Any other text takes
// ParseGeneral, which reads these the same way (a test checks it).
inline absl::StatusOr<Decimal> Decimal::Parse(absl::string_view text) {
  uint64_t units = 0;
  int digits = 0;
  int digits_before_point = -1;  // -1 until a '.' is seen.
  const unsigned char* const bytes =
      reinterpret_cast<const unsigned char*>(text.data());
  for (size_t i = 0; i < text.size();) {
    const int digit = DigitAt(text, &i);
    if (digit >= 0) {
      units = units * 10 + static_cast<uint64_t>(digit);
      ++digits;
    } else if (bytes[i] == '.' && digits_before_point < 0) {
      digits_before_point = digits;
      ++i;
      // The usual decimals: four Thai digits, read at once.
      uint64_t four;
      if (text.size() - i >= 12 &&
          decimal_internal::ReadFourThaiDigits(bytes + i, &four)) {
        units = units * 10000 + four;
        digits += 4;
        i += 12;
      }
    } else {
      return ParseGeneral(text);
    }
  }
  // Past 19 digits `units` wraps (unsigned, so defined) and is not used:
  // ParseGeneral says why such text is refused.
  if (digits > 0 && digits <= kMaxDigits) {
    return Decimal(static_cast<int64_t>(units),
                   digits_before_point < 0 ? 0 : digits - digits_before_point);
  }
  return ParseGeneral(text);
}

// Returns 10^exponent for exponent in [0, 38].
inline Int128 PowerOfTen(int exponent) {
  return decimal_internal::kPowersOfTen[exponent];
}

// The one value outside the symmetric range.
inline constexpr Int128 kInt128Min =
    static_cast<Int128>(static_cast<unsigned __int128>(1) << 127);

// Sets *sum to a + b and returns true, or returns false when the result is
// outside ±(2^127 − 1) (then *sum is unspecified).
inline bool AddExact(Int128 a, Int128 b, Int128* sum) {
  return !__builtin_add_overflow(a, b, sum) && *sum != kInt128Min;
}

// Sets *product to a × b and returns true, or returns false when the result
// is outside ±(2^127 − 1) (then *product is unspecified).
inline bool MultiplyExact(Int128 a, Int128 b, Int128* product) {
  // The usual operands fit 64 bits: then |a × b| <= 2^126, one multiply
  // with nothing to check.
  if (a == static_cast<int64_t>(a) && b == static_cast<int64_t>(b)) {
    *product = static_cast<Int128>(static_cast<int64_t>(a)) *
               static_cast<int64_t>(b);
    return true;
  }
  return !__builtin_mul_overflow(a, b, product) && *product != kInt128Min;
}


// Returns numerator / denominator rounded to a whole number by `mode`.
// `denominator` must be positive; `numerator` in the symmetric range.
// Inline: the breakdown of a total divides a few dozen times.
inline Int128 DivideAndRound(Int128 numerator, Int128 denominator,
                             RoundingMode mode) {
  using UInt128 = unsigned __int128;
  const bool negative = numerator < 0;
  const UInt128 magnitude = negative
                                ? UInt128{0} - static_cast<UInt128>(numerator)
                                : static_cast<UInt128>(numerator);
  const UInt128 divisor = static_cast<UInt128>(denominator);
  UInt128 quotient;
  UInt128 remainder;
  // Dividing in 64 bits is several times faster; totals nearly always fit.
  if (magnitude <= UINT64_MAX && divisor <= UINT64_MAX) {
    quotient = static_cast<uint64_t>(magnitude) / static_cast<uint64_t>(divisor);
    remainder =
        static_cast<uint64_t>(magnitude) % static_cast<uint64_t>(divisor);
  } else {
    quotient = magnitude / divisor;
    remainder = magnitude % divisor;
  }
  // Compare 2 × remainder with the denominator without overflowing.
  const UInt128 rest = divisor - remainder;
  switch (mode) {
    case RoundingMode::kHalfUp:
      if (remainder >= rest) ++quotient;
      break;
    case RoundingMode::kHalfEven:
      if (remainder > rest || (remainder == rest && quotient % 2 == 1)) {
        ++quotient;
      }
      break;
    case RoundingMode::kDown:
      break;
  }
  const Int128 signed_quotient = static_cast<Int128>(quotient);
  return negative ? -signed_quotient : signed_quotient;
}

// Returns "-12.3400" style text for units / 10^scale, ASCII digits.
// `scale` must be in [0, 38].
std::string FormatScaled(Int128 units, int scale);

// FormatScaled's text in a buffer of its own, for the hot paths that write a
// number into a field that may hold it already (a reused result) and would
// otherwise build a std::string per number:
//
//   const ScaledText total(units, 4);
//   if (field != total.view()) ...
//
// A small value type; view() points into it.
class ScaledText final {
 public:
  // Inline for the usual number (not negative, below 2^63): its digits are
  // written by a lean function of their own.
  ScaledText(Int128 units, int scale) {
    char* const end = buffer_ + sizeof(buffer_);
    const char* const first =
        units >= 0 && units <= INT64_MAX
            ? PutSmall(static_cast<uint64_t>(units), scale, end)
            : PutAny(units, scale, end);
    begin_ = static_cast<size_t>(first - buffer_);
  }
  ScaledText(const ScaledText&) = delete;
  ScaledText& operator=(const ScaledText&) = delete;

  absl::string_view view() const {
    return absl::string_view(buffer_ + begin_, sizeof(buffer_) - begin_);
  }

 private:
  // The longest text: 39 digits (or scale + 1 when that is more, scale <=
  // 38), a point and a sign.
  char buffer_[48];
  size_t begin_;  // The text is buffer_[begin_, end).

  // Write the text backwards, ending just before `end`; return its first
  // character. PutSmall takes values below 2^64, PutAny any value.
  static char* PutSmall(uint64_t value, int scale, char* end);
  static char* PutAny(Int128 units, int scale, char* end);
};

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_DECIMAL_H_
