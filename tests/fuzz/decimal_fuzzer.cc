// Fuzzes rules::Decimal: Parse on arbitrary text, and the scaled-integer
// helpers (FormatScaled, DivideAndRound) on arbitrary 128-bit values.
//
// Properties, for the whole input as text:
//  - Parse is deterministic, and its error is valid UTF-8 and of bounded
//    length (it reaches Violation.message);
//  - a parsed value has at most kMaxScale decimals and kMaxDigits digits;
//    ToString() is a formatted number (digits, '.' and '-' only) with exactly
//    scale() decimals, and parses back to an equal value of the same scale;
//  - Rescaled to a larger scale is exact; Rescaled down with kDown never
//    grows the magnitude, and each rounding mode lands within one unit.
// And first, when the input has 17 bytes or more, the first 16 as a two's-complement
// Int128 (little-endian) and the 17th as a scale in [0, 38]:
//  - FormatScaled gives a formatted number with that many decimals, which
//    reads back (when it has at most 18 digits) as the same units;
//  - DivideAndRound by 10^k (k from the 17th byte's high bits) rounds to
//    within one unit of the exact quotient, the right way for each mode.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rules/decimal.h"
#include "tests/fuzz/fuzz_properties.h"

namespace {

using ::scorecard::fuzz::CheckTextIsUtf8;
using ::scorecard::fuzz::IsFormattedNumber;
using ::scorecard::fuzz::Printable;
using ::scorecard::rules::Decimal;
using ::scorecard::rules::DivideAndRound;
using ::scorecard::rules::FormatScaled;
using ::scorecard::rules::Int128;
using ::scorecard::rules::PowerOfTen;
using ::scorecard::rules::RoundingMode;

// The longest error Parse may give: its sentence and one quote of caller text.
constexpr size_t kMaxErrorBytes = 200 + 4 * 80 + 3;

int DecimalsOf(absl::string_view formatted) {
  const size_t point = formatted.find('.');
  return point == absl::string_view::npos
             ? 0
             : static_cast<int>(formatted.size() - point - 1);
}

void CheckParse(absl::string_view text) {
  const absl::StatusOr<Decimal> value = Decimal::Parse(text);
  const absl::StatusOr<Decimal> again = Decimal::Parse(text);
  FUZZ_CHECK(value.ok() == again.ok(), "Parse is not deterministic");
  if (!value.ok()) {
    FUZZ_CHECK(value.status().message() == again.status().message(),
               "Parse's error is not deterministic");
    CheckTextIsUtf8(value.status().message(), "Decimal::Parse's error");
    // Caller text is quoted, not echoed whole (utf8.h: QuoteText keeps 80
    // characters, at most 4 bytes each).
    FUZZ_CHECK(value.status().message().size() <= kMaxErrorBytes,
               "Decimal::Parse's error is ", value.status().message().size(),
               " bytes long for ", text.size(), " bytes of input");
    return;
  }
  FUZZ_CHECK(value->units() == again->units() &&
                 value->scale() == again->scale(),
             "Parse is not deterministic");
  FUZZ_CHECK(value->scale() >= 0 && value->scale() <= Decimal::kMaxScale,
             "scale ", value->scale());
  FUZZ_CHECK(value->units() < 1'000'000'000'000'000'000 &&
                 value->units() > -1'000'000'000'000'000'000,
             "units ", value->units(), " have more than 18 digits");

  const std::string formatted = value->ToString();
  FUZZ_CHECK(IsFormattedNumber(formatted), "ToString of \"", Printable(text),
             "\" is \"", Printable(formatted), "\"");
  FUZZ_CHECK(DecimalsOf(formatted) == value->scale(), "ToString \"", formatted,
             "\" does not have scale ", value->scale());
  const absl::StatusOr<Decimal> back = Decimal::Parse(formatted);
  FUZZ_CHECK(back.ok(), "ToString \"", formatted, "\" of \"", Printable(text),
             "\" does not parse: ", back.status().message());
  FUZZ_CHECK(*back == *value && back->scale() == value->scale() &&
                 back->units() == value->units(),
             "\"", formatted, "\" parses to ", back->ToString());

  for (int scale = 0; scale <= Decimal::kMaxScale; ++scale) {
    for (const RoundingMode mode : {RoundingMode::kHalfUp,
                                    RoundingMode::kHalfEven,
                                    RoundingMode::kDown}) {
      const std::optional<Decimal> rescaled = value->Rescaled(scale, mode);
      if (scale >= value->scale()) {
        if (rescaled) {
          FUZZ_CHECK(*rescaled == *value, formatted, " rescaled up to ", scale,
                     " is ", rescaled->ToString());
        }
        continue;
      }
      FUZZ_CHECK(rescaled.has_value(), formatted, " rescaled down to ", scale,
                 " failed");
      FUZZ_CHECK(rescaled->scale() == scale, "Rescaled scale");
      // |value - rescaled| < 1 unit of the new scale, in the finer scale.
      const Int128 step = PowerOfTen(value->scale() - scale);
      const Int128 difference =
          static_cast<Int128>(value->units()) -
          static_cast<Int128>(rescaled->units()) * step;
      FUZZ_CHECK(difference < step && difference > -step, formatted,
                 " rescaled to ", scale, " is ", rescaled->ToString());
      if (mode == RoundingMode::kDown) {
        FUZZ_CHECK(value->units() >= 0 ? difference >= 0 : difference <= 0,
                   formatted, " rounded down to ", scale, " is ",
                   rescaled->ToString());
      }
    }
  }
}

void CheckFormatScaled(Int128 units, int scale) {
  const std::string formatted = FormatScaled(units, scale);
  FUZZ_CHECK(IsFormattedNumber(formatted), "FormatScaled(", formatted, ")");
  FUZZ_CHECK(DecimalsOf(formatted) == scale, "FormatScaled \"", formatted,
             "\" does not have scale ", scale);
  FUZZ_CHECK((units < 0) == (formatted[0] == '-'), "FormatScaled \"",
             formatted, "\" has the wrong sign");
  const int64_t limit = 1'000'000'000'000'000'000;
  if (units < limit && units > -limit && scale <= Decimal::kMaxScale) {
    const absl::StatusOr<Decimal> back = Decimal::Parse(formatted);
    FUZZ_CHECK(back.ok() && back->units() == static_cast<int64_t>(units) &&
                   back->scale() == scale,
               "FormatScaled \"", formatted, "\" does not parse back");
  }
}

void CheckDivideAndRound(Int128 numerator, int exponent) {
  const Int128 denominator = PowerOfTen(exponent);
  for (const RoundingMode mode : {RoundingMode::kHalfUp,
                                  RoundingMode::kHalfEven,
                                  RoundingMode::kDown}) {
    const Int128 quotient = DivideAndRound(numerator, denominator, mode);
    // The exact quotient q0 = numerator / denominator (C++ truncates); the
    // result is q0 or q0 ± 1 toward the numerator's sign.
    const Int128 truncated = numerator / denominator;
    const Int128 remainder = numerator % denominator;
    const Int128 away = truncated + (numerator < 0 ? -1 : 1);
    FUZZ_CHECK(quotient == truncated || (remainder != 0 && quotient == away),
               "DivideAndRound(", FormatScaled(numerator, 0), ", 10^", exponent,
               ") = ", FormatScaled(quotient, 0));
    if (mode == RoundingMode::kDown) {
      FUZZ_CHECK(quotient == truncated, "kDown did not truncate");
    }
    if (mode == RoundingMode::kHalfUp && remainder != 0) {
      // Away from zero exactly when |remainder| >= denominator / 2.
      const Int128 magnitude = remainder < 0 ? -remainder : remainder;
      FUZZ_CHECK((quotient == away) == (magnitude >= denominator - magnitude),
                 "kHalfUp of ", FormatScaled(numerator, 0), " / 10^", exponent,
                 " is ", FormatScaled(quotient, 0));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size >= 17) {
    Int128 units;
    std::memcpy(&units, data, sizeof(units));
    const int scale = data[16] % 39;
    CheckFormatScaled(units, scale);
    CheckDivideAndRound(units, data[16] % 38 + 1);  // 10^1 to 10^38
  }
  CheckParse(absl::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
