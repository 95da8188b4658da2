#include "rules/decimal.h"

#include <algorithm>
#include <array>
#include <cstdlib>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace scorecard::rules {
namespace {

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
         c == '\f';
}

// Returns the digit at text[*pos] (ASCII or Thai) and advances past it, or -1
// without advancing.
int DigitAt(absl::string_view text, size_t* pos) {
  const size_t i = *pos;
  const char c = text[i];
  if (c >= '0' && c <= '9') {
    *pos = i + 1;
    return c - '0';
  }
  // Thai digits U+0E50..U+0E59 are E0 B9 90..99.
  if (i + 3 <= text.size() && static_cast<unsigned char>(c) == 0xE0 &&
      static_cast<unsigned char>(text[i + 1]) == 0xB9) {
    const unsigned char last = static_cast<unsigned char>(text[i + 2]);
    if (last >= 0x90 && last <= 0x99) {
      *pos = i + 3;
      return last - 0x90;
    }
  }
  return -1;
}

Int128 Abs(Int128 v) { return v < 0 ? -v : v; }

}  // namespace

absl::StatusOr<Decimal> Decimal::Parse(absl::string_view text) {
  const absl::string_view original = text;
  while (!text.empty() && IsAsciiSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsAsciiSpace(text.back())) text.remove_suffix(1);
  if (text.empty()) {
    return absl::InvalidArgumentError("empty where a number is expected");
  }
  bool negative = false;
  if (text.front() == '+' || text.front() == '-') {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  int64_t units = 0;
  int significant_digits = 0;
  int digits = 0;
  int scale = 0;
  bool seen_point = false;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '.') {
      if (seen_point) {
        return absl::InvalidArgumentError(
            absl::StrCat("\"", original, "\" has more than one '.'"));
      }
      seen_point = true;
      ++i;
      continue;
    }
    const int digit = DigitAt(text, &i);
    if (digit < 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "\"", original, "\" is not a decimal number (unexpected '",
          text.substr(i, 1), "' at byte ", (text.data() - original.data()) + i,
          ")"));
    }
    ++digits;
    if (seen_point) {
      if (++scale > kMaxScale) {
        return absl::InvalidArgumentError(absl::StrCat(
            "\"", original, "\" has more than ", kMaxScale, " decimals"));
      }
    }
    if (units != 0 || digit != 0) {
      if (++significant_digits > kMaxDigits) {
        return absl::InvalidArgumentError(absl::StrCat(
            "\"", original, "\" has more than ", kMaxDigits,
            " significant digits"));
      }
    }
    units = units * 10 + digit;
  }
  if (digits == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", original, "\" has no digits"));
  }
  return Decimal(negative ? -units : units, scale);
}

std::optional<int64_t> Decimal::UnitsAt(int scale) const {
  if (scale < scale_ || scale > 38) return std::nullopt;
  const Int128 scaled = static_cast<Int128>(units_) * PowerOfTen(scale - scale_);
  if (scaled > INT64_MAX || scaled < INT64_MIN) return std::nullopt;
  return static_cast<int64_t>(scaled);
}

std::optional<Decimal> Decimal::Rescaled(int scale, RoundingMode mode) const {
  if (scale < 0 || scale > kMaxScale) return std::nullopt;
  if (scale >= scale_) {
    const std::optional<int64_t> units = UnitsAt(scale);
    if (!units) return std::nullopt;
    return Decimal(*units, scale);
  }
  const Int128 rounded =
      DivideAndRound(units_, PowerOfTen(scale_ - scale), mode);
  return Decimal(static_cast<int64_t>(rounded), scale);
}

std::string Decimal::ToString() const { return FormatScaled(units_, scale_); }

int Decimal::Compare(const Decimal& a, const Decimal& b) {
  const int scale = std::max(a.scale_, b.scale_);
  // Both fit: |units| < 10^18 and scale <= 18, so the product < 10^36.
  const Int128 x = static_cast<Int128>(a.units_) * PowerOfTen(scale - a.scale_);
  const Int128 y = static_cast<Int128>(b.units_) * PowerOfTen(scale - b.scale_);
  return x < y ? -1 : (x > y ? 1 : 0);
}

Int128 PowerOfTen(int exponent) {
  static constexpr auto kPowers = [] {
    std::array<Int128, 39> powers{};
    powers[0] = 1;
    for (size_t i = 1; i < powers.size(); ++i) powers[i] = powers[i - 1] * 10;
    return powers;
  }();
  return kPowers[exponent];
}

Int128 DivideAndRound(Int128 numerator, Int128 denominator,
                      RoundingMode mode) {
  const bool negative = numerator < 0;
  const Int128 magnitude = Abs(numerator);
  Int128 quotient = magnitude / denominator;
  const Int128 remainder = magnitude % denominator;
  // Compare 2 × remainder with the denominator without overflowing.
  const Int128 rest = denominator - remainder;
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
  return negative ? -quotient : quotient;
}

std::string FormatScaled(Int128 units, int scale) {
  // Digits are written backwards into a buffer: at most 39 digits, a point,
  // a sign, and zeros up to the scale (at most 38).
  char buffer[96];
  char* const end = buffer + sizeof(buffer);
  char* p = end;
  const bool negative = units < 0;
  const Int128 magnitude = Abs(units);
  const auto put_digits = [&](auto value) {
    int written = 0;
    do {
      *--p = static_cast<char>('0' + static_cast<int>(value % 10));
      value /= 10;
      if (++written == scale) *--p = '.';
    } while (value != 0);
    // Zeros between the point and the first digit ("0.0005").
    while (written < scale) {
      *--p = '0';
      if (++written == scale) *--p = '.';
    }
    if (scale > 0 && *p == '.') *--p = '0';
  };
  // Dividing in 64 bits is several times faster; totals always fit.
  if (magnitude <= static_cast<Int128>(UINT64_MAX)) {
    put_digits(static_cast<uint64_t>(magnitude));
  } else {
    put_digits(magnitude);
  }
  if (negative) *--p = '-';
  return std::string(p, end);
}

}  // namespace scorecard::rules
