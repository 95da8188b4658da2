#include "rules/decimal.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "rules/thai_text.h"
#include "rules/utf8.h"

namespace scorecard::rules {
namespace {

using UInt128 = unsigned __int128;

// |v| without overflow, whatever v is.
UInt128 Magnitude(Int128 v) {
  return v < 0 ? UInt128{0} - static_cast<UInt128>(v) : static_cast<UInt128>(v);
}


// Returns the 1-based position, in characters, of byte `offset` of `text`.
size_t CharacterPosition(absl::string_view text, size_t offset) {
  size_t characters = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++characters) {
    DecodeUtf8(text, &i);
  }
  return characters;
}

}  // namespace

absl::StatusOr<Decimal> Decimal::ParseGeneral(absl::string_view original) {
  const auto error = [&](absl::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", QuoteText(original), "\" ", why));
  };
  absl::string_view text = StripWhiteSpace(original);
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
      if (seen_point) return error("has more than one '.'");
      seen_point = true;
      ++i;
      continue;
    }
    const int digit = DigitAt(text, &i);
    if (digit < 0) {
      size_t end = i;
      DecodeUtf8(text, &end);
      const size_t offset = static_cast<size_t>(text.data() - original.data()) + i;
      return error(absl::StrCat(
          "is not a decimal number (unexpected '",
          QuoteText(text.substr(i, end - i)), "' at character ",
          CharacterPosition(original, offset), ")"));
    }
    ++digits;
    if (seen_point && ++scale > kMaxScale) {
      return error(absl::StrCat("has more than ", kMaxScale, " decimals"));
    }
    if ((units != 0 || digit != 0) && ++significant_digits > kMaxDigits) {
      return error(
          absl::StrCat("has more than ", kMaxDigits, " significant digits"));
    }
    units = units * 10 + digit;
  }
  if (digits == 0) return error("has no digits");
  return Decimal(negative ? -units : units, scale);
}

std::optional<int64_t> Decimal::UnitsAt(int scale) const {
  if (scale < scale_ || scale > 38) return std::nullopt;
  Int128 scaled;
  if (!MultiplyExact(units_, PowerOfTen(scale - scale_), &scaled) ||
      scaled > INT64_MAX || scaled < INT64_MIN) {
    return std::nullopt;
  }
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


// Compares whole parts first, then the fractions aligned to the finer scale:
// a fraction is below 10^scale <= 10^38, so aligning it cannot overflow.
int CompareScaled(Int128 a, int a_scale, Int128 b, int b_scale) {
  // The usual case: both fit 64 bits and the scales are at most 18 apart,
  // so aligning by multiplication stays below 2^63 × 10^18 < 2^127.
  constexpr Int128 kInt64Max = INT64_MAX;
  const int shift = a_scale - b_scale;
  if (a <= kInt64Max && a >= -kInt64Max && b <= kInt64Max &&
      b >= -kInt64Max && shift <= 18 && shift >= -18) {
    const Int128 x = shift < 0 ? a * PowerOfTen(-shift) : a;
    const Int128 y = shift > 0 ? b * PowerOfTen(shift) : b;
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  const Int128 a_unit = PowerOfTen(a_scale);
  const Int128 b_unit = PowerOfTen(b_scale);
  const Int128 a_whole = a / a_unit;
  const Int128 b_whole = b / b_unit;
  if (a_whole != b_whole) return a_whole < b_whole ? -1 : 1;
  const int scale = std::max(a_scale, b_scale);
  const Int128 a_fraction = (a % a_unit) * PowerOfTen(scale - a_scale);
  const Int128 b_fraction = (b % b_unit) * PowerOfTen(scale - b_scale);
  return a_fraction < b_fraction ? -1 : (a_fraction > b_fraction ? 1 : 0);
}

namespace {

// "00" to "99".
constexpr char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536"
    "37383940414243444546474849505152535455565758596061626364656667686970717273"
    "7475767778798081828384858687888990919293949596979899";

// Writes `value` / 10^scale backwards, ending just before `end`: the
// `scale` decimals (zeros where `value` has no more digits), a point when
// scale > 0, and the whole part, at least one digit. Returns the first
// character written.
template <typename Unsigned>
char* PutDigitsBackwards(Unsigned value, int scale, char* end) {
  char* p = end;
  const auto put_pair = [&p](unsigned pair) {
    p -= 2;
    std::memcpy(p, kDigitPairs + 2 * pair, 2);
  };
  // Four digits with one division of the value, the usual number of
  // decimals; the two pairs are split in 32 bits.
  const auto put_four = [&put_pair](unsigned four) {
    const unsigned high = four / 100;
    put_pair(four - high * 100);
    put_pair(high);
  };
  int decimals = scale;
  for (; decimals >= 4; decimals -= 4) {
    put_four(static_cast<unsigned>(value % 10000));
    value /= 10000;
  }
  if (decimals >= 2) {
    put_pair(static_cast<unsigned>(value % 100));
    value /= 100;
    decimals -= 2;
  }
  if (decimals == 1) {
    *--p = static_cast<char>('0' + static_cast<int>(value % 10));
    value /= 10;
  }
  if (scale > 0) *--p = '.';
  while (value >= 10000) {
    put_four(static_cast<unsigned>(value % 10000));
    value /= 10000;
  }
  if (value >= 100) {
    put_pair(static_cast<unsigned>(value % 100));
    value /= 100;
  }
  if (value >= 10) {
    put_pair(static_cast<unsigned>(value));
  } else {
    *--p = static_cast<char>('0' + static_cast<int>(value));
  }
  return p;
}

}  // namespace

char* ScaledText::PutAny(Int128 units, int scale, char* end) {
  const UInt128 magnitude = Magnitude(units);
  // Dividing in 64 bits is several times faster; nearly every number fits.
  char* p = magnitude <= UINT64_MAX
                ? PutDigitsBackwards(static_cast<uint64_t>(magnitude), scale,
                                     end)
                : PutDigitsBackwards(magnitude, scale, end);
  if (units < 0) *--p = '-';
  return p;
}

// The same digits as PutAny's, through a function with no 128-bit work to
// set up, so that the usual number costs a few dozen instructions.
char* ScaledText::PutSmall(uint64_t value, int scale, char* end) {
  // Four decimals and a whole part below 10^4, the usual score, weighted
  // score and total: straight-line, in 32 bits.
  if (scale == 4 && value < 100000000) {
    const uint32_t v = static_cast<uint32_t>(value);
    const uint32_t whole = v / 10000;
    const uint32_t decimals = v - whole * 10000;
    const uint32_t high = decimals / 100;
    std::memcpy(end - 2, kDigitPairs + 2 * (decimals - high * 100), 2);
    std::memcpy(end - 4, kDigitPairs + 2 * high, 2);
    end[-5] = '.';
    char* p = end - 5;
    if (whole >= 100) {
      const uint32_t top = whole / 100;
      p -= 2;
      std::memcpy(p, kDigitPairs + 2 * (whole - top * 100), 2);
      if (top >= 10) {
        p -= 2;
        std::memcpy(p, kDigitPairs + 2 * top, 2);
      } else {
        *--p = static_cast<char>('0' + top);
      }
    } else if (whole >= 10) {
      p -= 2;
      std::memcpy(p, kDigitPairs + 2 * whole, 2);
    } else {
      *--p = static_cast<char>('0' + whole);
    }
    return p;
  }
  return PutDigitsBackwards(value, scale, end);
}

std::string FormatScaled(Int128 units, int scale) {
  return std::string(ScaledText(units, scale).view());
}

}  // namespace scorecard::rules
