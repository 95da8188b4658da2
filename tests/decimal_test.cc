#include "rules/decimal.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

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
