#include "rules/decimal.h"

#include <iterator>
#include <random>
#include <string>

#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rules/decimal_sum.h"
#include "rules/utf8.h"

namespace scorecard::rules {
namespace {

using ::testing::HasSubstr;

Decimal Parsed(const std::string& text) {
  absl::StatusOr<Decimal> value = Decimal::Parse(text);
  EXPECT_TRUE(value.ok()) << text << ": " << value.status();
  return value.value_or(Decimal());
}

TEST(DecimalParse, ReadsAsciiDigitsWithScale) {
  const Decimal d = Parsed("4.9600");
  EXPECT_EQ(d.units(), 49600);
  EXPECT_EQ(d.scale(), 4);
  EXPECT_EQ(d.ToString(), "4.9600");
}

TEST(DecimalParse, ThaiDigitsAreTheSameNumber) {
  EXPECT_EQ(Parsed("๕.๐๐๐๐").units(), 50000);
  EXPECT_EQ(Parsed("๕.๐๐๐๐").scale(), 4);
  EXPECT_EQ(Parsed("๔.๙๖๐๐"), Parsed("4.9600"));
  EXPECT_EQ(Parsed("๑๐๐"), Parsed("100"));
}

TEST(DecimalParse, MixedThaiAndAsciiDigits) {
  EXPECT_EQ(Parsed("๑0.๕"), Parsed("10.5"));
}

TEST(DecimalParse, TrimsSpaceAndReadsSign) {
  EXPECT_EQ(Parsed("  -2.50 \t"), Decimal::FromUnits(-250, 2));
  EXPECT_EQ(Parsed("+3"), Decimal::FromUnits(3, 0));
}

TEST(DecimalParse, AcceptsBarePointForms) {
  EXPECT_EQ(Parsed(".5"), Decimal::FromUnits(5, 1));
  EXPECT_EQ(Parsed("5."), Decimal::FromUnits(5, 0));
}

TEST(DecimalParse, RejectsWhatIsNotANumber) {
  for (const char* bad : {"", "   ", "-", ".", "5,0", "five", "1.2.3", "5 0",
                          "๕.๐o๐๐", "1e5", "0x10", "--1"}) {
    EXPECT_FALSE(Decimal::Parse(bad).ok()) << bad;
  }
}

TEST(DecimalParse, ErrorSaysWhatIsWrong) {
  const absl::Status status = Decimal::Parse("5,0").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("\"5,0\""));
  EXPECT_THAT(std::string(status.message()), HasSubstr("','"));
}

TEST(DecimalParse, TrimsTheWhiteSpaceOfPdfCopies) {
  EXPECT_EQ(Parsed("\u00a0๕.๐๐\u200b"), Decimal::FromUnits(500, 2));
  EXPECT_EQ(Parsed("\v3\f"), Decimal::FromUnits(3, 0));
}

// The error once quoted one byte of a Thai letter: half a character.
TEST(DecimalParse, ErrorQuotesTheOffendingCharacterWhole) {
  const absl::Status status = Decimal::Parse("๕.๐ก").status();
  const std::string message(status.message());
  EXPECT_TRUE(IsValidUtf8(message)) << message;
  EXPECT_THAT(message, HasSubstr("'ก' at character 4"));
  const std::string broken(Decimal::Parse("1\xe0\xb8").status().message());
  EXPECT_TRUE(IsValidUtf8(broken)) << broken;
}

TEST(DecimalParse, ErrorQuotesLongTextBoundedly) {
  const std::string text = std::string(100000, '7') + "x";
  const std::string message(Decimal::Parse(text).status().message());
  EXPECT_LT(message.size(), 200u);
  EXPECT_THAT(message, HasSubstr("…"));
}

TEST(CompareScaled, IsExactAcrossAnyScales) {
  EXPECT_EQ(CompareScaled(5, 0, 50000, 4), 0);
  EXPECT_EQ(CompareScaled(-5, 1, 3, 1), -1);
  EXPECT_EQ(CompareScaled(1, 38, 0, 0), 1);
  // 10^37 at scale 0 against 10^37 + 1 at scale 38 (0.1 + 10^-38): aligning
  // either to the other's scale would overflow.
  EXPECT_EQ(CompareScaled(PowerOfTen(37), 0, PowerOfTen(37) + 1, 38), 1);
  EXPECT_EQ(CompareScaled(-PowerOfTen(37), 0, -(PowerOfTen(37) + 1), 38), -1);
}

TEST(AddExact, RefusesTheOneValueOutsideTheSymmetricRange) {
  const Int128 max = ~(static_cast<Int128>(1) << 127);
  Int128 sum;
  EXPECT_TRUE(AddExact(max, -max, &sum));
  EXPECT_EQ(sum, 0);
  EXPECT_FALSE(AddExact(-max, -1, &sum));  // INT128_MIN
  EXPECT_FALSE(AddExact(max, 1, &sum));
  Int128 product;
  EXPECT_FALSE(MultiplyExact(-(static_cast<Int128>(1) << 126), 2, &product));
  EXPECT_TRUE(MultiplyExact(-(static_cast<Int128>(1) << 125), 2, &product));
}

// Property: MultiplyExact (one 64-bit multiply when both operands fit 64
// bits) answers what the checked 128-bit multiply does, at the edges of 64
// bits and past them.
TEST(MultiplyExact, AgreesWithTheChecked128BitMultiply) {
  std::mt19937_64 random(2568);
  const Int128 edges[] = {0,
                          1,
                          -1,
                          INT64_MAX,
                          INT64_MIN,
                          static_cast<Int128>(INT64_MAX) + 1,
                          static_cast<Int128>(INT64_MIN) - 1,
                          static_cast<Int128>(1) << 100,
                          -(static_cast<Int128>(1) << 126)};
  const auto any = [&]() -> Int128 {
    if (random() % 4 == 0) return edges[random() % std::size(edges)];
    Int128 v = static_cast<Int128>(random() >> (random() % 64));
    if (random() % 3 == 0) v = (v << 64) | random();
    return random() % 2 == 0 ? -v : v;
  };
  for (int round = 0; round < 200000; ++round) {
    const Int128 a = any();
    const Int128 b = any();
    Int128 expected;
    const bool fits = !__builtin_mul_overflow(a, b, &expected) &&
                      expected != kInt128Min;
    Int128 product;
    ASSERT_EQ(MultiplyExact(a, b, &product), fits)
        << static_cast<int64_t>(a) << " × " << static_cast<int64_t>(b);
    if (fits) {
      ASSERT_TRUE(product == expected);
    }
  }
}

TEST(DecimalSum, AddsExactlyAtTheFinestScale) {
  DecimalSum sum;
  EXPECT_TRUE(sum.Add(Decimal::FromUnits(10, 0)));
  EXPECT_TRUE(sum.Add(Decimal::FromUnits(25, 2)));
  EXPECT_TRUE(sum.Add(Decimal::FromUnits(-5, 1)));
  EXPECT_EQ(sum.ToString(), "9.75");
  EXPECT_TRUE(sum == Decimal::FromUnits(975, 2));
  EXPECT_TRUE(sum != Decimal::FromUnits(10, 0));
}

TEST(DecimalSum, OverflowIsMarkedForGood) {
  DecimalSum sum;
  const Decimal big = Decimal::FromUnits(999999999999999999, 0);
  EXPECT_TRUE(sum.Add(big));
  // Bringing the sum to 18 decimals needs 10^36 units: still fine. Many such
  // terms are not.
  const Decimal tiny = Decimal::FromUnits(1, 18);
  EXPECT_TRUE(sum.Add(tiny));
  bool refused = false;
  for (int i = 0; i < 200 && !refused; ++i) refused = !sum.Add(big);
  EXPECT_TRUE(refused);
  EXPECT_TRUE(sum.overflowed());
  EXPECT_FALSE(sum.Add(tiny));
  EXPECT_FALSE(sum == Decimal());
  EXPECT_EQ(sum.ToString(), "overflow");
}

TEST(DecimalParse, RejectsTooManyDigitsInsteadOfOverflowing) {
  EXPECT_TRUE(Decimal::Parse("999999999999999999").ok());    // 18 digits
  EXPECT_FALSE(Decimal::Parse("9999999999999999999").ok());  // 19 digits
  EXPECT_FALSE(Decimal::Parse("0.1234567890123456789").ok());
  // Leading zeros are not significant.
  EXPECT_TRUE(Decimal::Parse("000000000000000000001").ok());
}

TEST(DecimalCompare, ComparesAcrossScales) {
  EXPECT_EQ(Parsed("5"), Parsed("5.0000"));
  EXPECT_LT(Parsed("4.9999"), Parsed("5"));
  EXPECT_GT(Parsed("5.0001"), Parsed("5"));
  EXPECT_LT(Parsed("-1"), Parsed("0.5"));
}

TEST(DecimalRescale, RoundsHalfUpExactlyAtTheBoundary) {
  EXPECT_EQ(Parsed("4.96005").Rescaled(4, RoundingMode::kHalfUp)->ToString(),
            "4.9601");
  EXPECT_EQ(
      Parsed("4.960049999").Rescaled(4, RoundingMode::kHalfUp)->ToString(),
      "4.9600");
  EXPECT_EQ(Parsed("-4.96005").Rescaled(4, RoundingMode::kHalfUp)->ToString(),
            "-4.9601");
}

TEST(DecimalRescale, HalfEvenAndDown) {
  EXPECT_EQ(Parsed("4.96005").Rescaled(4, RoundingMode::kHalfEven)->ToString(),
            "4.9600");
  EXPECT_EQ(Parsed("4.96015").Rescaled(4, RoundingMode::kHalfEven)->ToString(),
            "4.9602");
  EXPECT_EQ(Parsed("4.96009").Rescaled(4, RoundingMode::kDown)->ToString(),
            "4.9600");
}

TEST(DecimalRescale, WideningAddsZerosAndOverflowIsRefused) {
  EXPECT_EQ(Parsed("5").Rescaled(4, RoundingMode::kHalfUp)->ToString(),
            "5.0000");
  EXPECT_FALSE(Parsed("999999999999999999").Rescaled(4, RoundingMode::kHalfUp));
  EXPECT_FALSE(Parsed("999999999999999999").UnitsAt(2));
  EXPECT_EQ(Parsed("1.5").UnitsAt(3), 1500);
  EXPECT_FALSE(Parsed("1.5").UnitsAt(0));
}

TEST(DivideAndRound, RoundsByMode) {
  EXPECT_EQ(DivideAndRound(5, 10, RoundingMode::kHalfUp), 1);
  EXPECT_EQ(DivideAndRound(4, 10, RoundingMode::kHalfUp), 0);
  EXPECT_EQ(DivideAndRound(5, 10, RoundingMode::kHalfEven), 0);
  EXPECT_EQ(DivideAndRound(15, 10, RoundingMode::kHalfEven), 2);
  EXPECT_EQ(DivideAndRound(19, 10, RoundingMode::kDown), 1);
  EXPECT_EQ(DivideAndRound(-5, 10, RoundingMode::kHalfUp), -1);
  // One third: never rounds up.
  EXPECT_EQ(DivideAndRound(1, 3, RoundingMode::kHalfUp), 0);
  EXPECT_EQ(DivideAndRound(2, 3, RoundingMode::kHalfUp), 1);
}

// Property: Parse's fast path for the usual cell reads every text as the
// general path does: the same number, or the same error.
TEST(DecimalParse, FastPathAgreesWithTheGeneralPath) {
  std::mt19937 random(2565);
  const std::string pieces[] = {"0", "1", "5", "9", "๐", "๕", "๙", ".", "-",
                                "+", " ", "\u00a0", "\u200b", "x", "\xe0",
                                "\xe0\xb9", "\xb9\x95", "\xff", "00000"};
  int fast = 0;
  for (int round = 0; round < 50000; ++round) {
    std::string text;
    for (int n = random() % 24; n > 0; --n) {
      text += pieces[random() % (sizeof(pieces) / sizeof(pieces[0]))];
    }
    const absl::StatusOr<Decimal> parsed = Decimal::Parse(text);
    const absl::StatusOr<Decimal> general = Decimal::ParseGeneral(text);
    ASSERT_EQ(parsed.status(), general.status()) << absl::CEscape(text);
    if (!parsed.ok()) continue;
    ++fast;
    ASSERT_EQ(parsed->units(), general->units()) << absl::CEscape(text);
    ASSERT_EQ(parsed->scale(), general->scale()) << absl::CEscape(text);
  }
  EXPECT_GT(fast, 1000);  // Numbers were read, not only refused.
}

// The same property on texts made mostly of Thai digits and the byte
// sequences nearest them (E0 B9 9A is no digit, E0 B9 8F and E0 B8 95 are
// other characters), where the fast path reads four Thai decimals at once.
TEST(DecimalParse, FastPathAgreesWithTheGeneralPathOnThaiDigitRuns) {
  std::mt19937 random(2569);
  const std::string pieces[] = {"๐", "๑", "๕", "๙", "๙", "๐",
                                "\xe0\xb9\x9a", "\xe0\xb9\x8f",
                                "\xe0\xb8\x95", "\xe0\xb9", ".", "7"};
  int runs = 0;
  for (int round = 0; round < 50000; ++round) {
    std::string text;
    for (int n = random() % 12; n > 0; --n) {
      text += pieces[random() % std::size(pieces)];
    }
    const absl::StatusOr<Decimal> parsed = Decimal::Parse(text);
    const absl::StatusOr<Decimal> general = Decimal::ParseGeneral(text);
    ASSERT_EQ(parsed.status(), general.status()) << absl::CEscape(text);
    if (!parsed.ok()) continue;
    ASSERT_EQ(parsed->units(), general->units()) << absl::CEscape(text);
    ASSERT_EQ(parsed->scale(), general->scale()) << absl::CEscape(text);
    if (text.find("๐๐๐๐") != std::string::npos ||
        text.find("๙๙๙๙") != std::string::npos) {
      ++runs;
    }
  }
  EXPECT_GT(runs, 10);  // Runs of four were read, not only refused.
  EXPECT_EQ(Decimal::Parse("๕.๐๐๐๐").value(), Decimal::FromUnits(50000, 4));
  EXPECT_EQ(Decimal::Parse("๑๒๓๔๕๖๗๘๙").value().units(), 123456789);
  EXPECT_EQ(Decimal::Parse("๑๒.๓๔๕๖๗").value(),
            Decimal::FromUnits(1234567, 5));
}

// The reference for FormatScaled: one digit at a time, in 128 bits.
std::string FormatByDigits(Int128 units, int scale) {
  unsigned __int128 magnitude =
      units < 0 ? -static_cast<unsigned __int128>(units)
                : static_cast<unsigned __int128>(units);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + magnitude % 10));
    magnitude /= 10;
  } while (magnitude != 0);
  if (digits.size() <= static_cast<size_t>(scale)) {
    digits.insert(0, scale + 1 - digits.size(), '0');
  }
  if (scale > 0) digits.insert(digits.size() - scale, ".");
  return units < 0 ? "-" + digits : digits;
}

// Property: FormatScaled (two digits at a time, 64 bits where they suffice)
// writes what one digit at a time writes, for any value and scale.
TEST(FormatScaled, AgreesWithOneDigitAtATime) {
  std::mt19937_64 random(2566);
  for (int round = 0; round < 200000; ++round) {
    const int scale = static_cast<int>(random() % 39);
    Int128 units = static_cast<Int128>(random() >> (random() % 64));
    if (random() % 4 == 0) {
      units = units * static_cast<Int128>(random() >> 2) +
              static_cast<Int128>(random());  // Past 64 bits.
    }
    if (random() % 2 == 0) units = -units;
    ASSERT_EQ(FormatScaled(units, scale), FormatByDigits(units, scale))
        << static_cast<int64_t>(units) << " at scale " << scale;
    ASSERT_EQ(ScaledText(units, scale).view(), FormatScaled(units, scale));
  }
  const Int128 max = ~(static_cast<Int128>(1) << 127);  // 2^127 - 1
  EXPECT_EQ(FormatScaled(max, 38), FormatByDigits(max, 38));
  EXPECT_EQ(FormatScaled(-max, 0), FormatByDigits(-max, 0));
}

// Property: DivideAndRound (64 bits where they suffice) rounds as the
// definition says, checked on the exact remainder in 128 bits.
TEST(DivideAndRound, AgreesWithTheDefinitionInAnyWidth) {
  std::mt19937_64 random(2567);
  for (int round = 0; round < 200000; ++round) {
    Int128 numerator = static_cast<Int128>(random() >> (random() % 64));
    if (random() % 4 == 0) numerator *= static_cast<Int128>(random() >> 3);
    if (random() % 2 == 0) numerator = -numerator;
    Int128 denominator = static_cast<Int128>(random() >> (random() % 64)) + 1;
    if (random() % 8 == 0) denominator *= static_cast<Int128>(random() >> 4) + 1;
    const Int128 magnitude = numerator < 0 ? -numerator : numerator;
    const Int128 down = magnitude / denominator;
    const Int128 twice_remainder = 2 * (magnitude % denominator);
    const Int128 sign = numerator < 0 ? -1 : 1;
    const Int128 half_up = down + (twice_remainder >= denominator ? 1 : 0);
    const Int128 half_even =
        down + (twice_remainder > denominator ||
                        (twice_remainder == denominator && down % 2 == 1)
                    ? 1
                    : 0);
    ASSERT_TRUE(DivideAndRound(numerator, denominator, RoundingMode::kDown) ==
                sign * down);
    ASSERT_TRUE(DivideAndRound(numerator, denominator,
                               RoundingMode::kHalfUp) == sign * half_up);
    ASSERT_TRUE(DivideAndRound(numerator, denominator,
                               RoundingMode::kHalfEven) == sign * half_even);
  }
}

TEST(FormatScaled, PadsAndSigns) {
  EXPECT_EQ(FormatScaled(5, 4), "0.0005");
  EXPECT_EQ(FormatScaled(-5, 2), "-0.05");
  EXPECT_EQ(FormatScaled(0, 0), "0");
  EXPECT_EQ(FormatScaled(496000000, 8), "4.96000000");
  const Int128 big = PowerOfTen(36) * 3;
  EXPECT_EQ(FormatScaled(big, 0), "3" + std::string(36, '0'));
}

}  // namespace
}  // namespace scorecard::rules
