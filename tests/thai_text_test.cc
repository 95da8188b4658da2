#include "rules/thai_text.h"

#include <random>
#include <string>

#include "gtest/gtest.h"
#include "absl/strings/escaping.h"
#include "rules/indicator_id.h"
#include "rules/utf8.h"

namespace scorecard::rules {
namespace {

TEST(DigitAt, ReadsAsciiAndThaiDigitsAndNothingElse) {
  const std::string text = "7๕ก";
  size_t pos = 0;
  EXPECT_EQ(DigitAt(text, &pos), 7);
  EXPECT_EQ(pos, 1u);
  EXPECT_EQ(DigitAt(text, &pos), 5);
  EXPECT_EQ(pos, 4u);
  EXPECT_EQ(DigitAt(text, &pos), -1);
  EXPECT_EQ(pos, 4u);
}

TEST(IsWhiteSpace, KnowsTheSpacesOfPdfCopies) {
  for (int32_t c : std::initializer_list<int32_t>{' ', '\t', '\n', '\v', '\f', '\r', 0x00A0, 0x2000, 0x200B,
                    0x202F, 0x205F, 0x3000, 0xFEFF}) {
    EXPECT_TRUE(IsWhiteSpace(c)) << c;
  }
  for (int32_t c : std::initializer_list<int32_t>{'a', '.', 0x0E50, 0x200C, -1}) {
    EXPECT_FALSE(IsWhiteSpace(c)) << c;
  }
}

// Property: the indicator key, with its ASCII fast path, is exactly white
// space removed and Thai digits read as ASCII (the general helpers), for any
// text, broken UTF-8 included.
TEST(IndicatorKey, FastPathAgreesWithTheGeneralHelpers) {
  std::mt19937 random(2563);
  const std::string pieces[] = {"1", ".", " ", "\t", "\v", "\f", "\r", "\n",
                                "๑", "๙", "\u00a0", "\u200b", "\ufeff", "ก",
                                "a", "\xe0", "\xb9", "\xff", "\u3000", "-"};
  std::string key;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (int n = random() % 12; n > 0; --n) {
      text += pieces[random() % (sizeof(pieces) / sizeof(pieces[0]))];
    }
    IndicatorKeyInto(text, &key);
    ASSERT_EQ(key, ThaiDigitsToAscii(RemoveWhiteSpace(text))) << text;
    ASSERT_EQ(IndicatorKey(text), key);
  }
}

// Property: IndicatorKeyEquals, with its fast path for a key written with
// Thai digits, answers whether IndicatorKey(id) is the key, for any id and
// any key (a key being what IndicatorKey makes).
TEST(IndicatorKey, EqualsAgreesWithBuildingTheKey) {
  std::mt19937 random(2568);
  const std::string pieces[] = {"1", "2", ".", " ", "\u00a0", "๑", "๒", "ก",
                                "a", "\xe0", "\xb9", "\xe0\xb9", "\x91",
                                "\xff", "\u200b", "-"};
  const auto random_text = [&] {
    std::string text;
    for (int n = random() % 8; n > 0; --n) {
      text += pieces[random() % (sizeof(pieces) / sizeof(pieces[0]))];
    }
    return text;
  };
  int equal = 0;
  for (int round = 0; round < 100000; ++round) {
    const std::string id = random_text();
    // Half the time the key of the id itself, so that both answers occur.
    const std::string key =
        IndicatorKey(random() % 2 == 0 ? id : random_text());
    const bool expected = IndicatorKey(id) == key;
    ASSERT_EQ(IndicatorKeyEquals(id, key), expected)
        << absl::CEscape(id) << " vs " << absl::CEscape(key);
    equal += expected;
  }
  EXPECT_GT(equal, 10000);
  EXPECT_TRUE(IndicatorKeyEquals("๒.๑", "2.1"));
  EXPECT_TRUE(IndicatorKeyEquals("2.๑", "2.1"));
  EXPECT_TRUE(IndicatorKeyEquals(" ๒. ๑", "2.1"));
  EXPECT_FALSE(IndicatorKeyEquals("๒.๑", "2.2"));
  EXPECT_FALSE(IndicatorKeyEquals("๒.๑๑", "2.1"));
}

// The reference for StripWhiteSpace: decode forward, keep from the first
// character that is not white space to the end of the last.
std::string StripByDecodingForward(const std::string& text) {
  size_t begin = std::string::npos, end = 0;
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    if (!IsWhiteSpace(DecodeUtf8(text, &i))) {
      if (begin == std::string::npos) begin = start;
      end = i;
    }
  }
  return begin == std::string::npos ? "" : text.substr(begin, end - begin);
}

// Property: the fast paths of StripWhiteSpace and DigitAt answer what
// decoding does, for any bytes.
TEST(ThaiText, FastPathsAgreeWithDecoding) {
  std::mt19937 random(2564);
  const std::string pieces[] = {" ", "\t", "\u00a0", "\u2000", "\u200b",
                                "\u202f", "\u205f", "\u3000", "\ufeff", "๕",
                                "๐", "ก", "a", "5", ".", "\xe2", "\x80",
                                "\xbf", "\xc2", "\xa0", "\xe0\xb9", "\xff"};
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (int n = random() % 8; n > 0; --n) {
      text += pieces[random() % (sizeof(pieces) / sizeof(pieces[0]))];
    }
    ASSERT_EQ(std::string(StripWhiteSpace(text)), StripByDecodingForward(text))
        << absl::CEscape(text);
    for (size_t i = 0; i < text.size(); ++i) {
      size_t by_bytes = i, by_decoding = i;
      const int digit = DigitAt(text, &by_bytes);
      const int expected = DigitValue(DecodeUtf8(text, &by_decoding));
      ASSERT_EQ(digit, expected) << absl::CEscape(text) << " at " << i;
      if (digit >= 0) {
        ASSERT_EQ(by_bytes, by_decoding);
      }
    }
  }
}

TEST(ThaiDigitsToAscii, ReplacesEveryThaiDigit) {
  EXPECT_EQ(ThaiDigitsToAscii("๐๑๒๓๔๕๖๗๘๙"), "0123456789");
  EXPECT_EQ(ThaiDigitsToAscii("พ.ศ. ๒๕๖๓"), "พ.ศ. 2563");
  EXPECT_EQ(ThaiDigitsToAscii("abc"), "abc");
}

TEST(RemoveWhiteSpace, RemovesAsciiAndUnicodeSpaces) {
  EXPECT_EQ(RemoveWhiteSpace("แนวทาง แก้ไข\tข้อ"), "แนวทางแก้ไขข้อ");
  EXPECT_EQ(RemoveWhiteSpace("a\u00a0b\u200bc\ufeffd"), "abcd");
}

TEST(StripWhiteSpace, StripsBothEnds) {
  EXPECT_EQ(StripWhiteSpace("  \u00a0กอง คลัง\t "), "กอง คลัง");
  EXPECT_EQ(StripWhiteSpace(" \t "), "");
}

TEST(NameKey, IgnoresSpaceDigitsAndAsciiCase) {
  EXPECT_EQ(NameKey(" Finance "), NameKey("finance"));
  EXPECT_EQ(NameKey("กอง บริหาร การคลัง"), NameKey("กองบริหารการคลัง"));
  EXPECT_EQ(NameKey("ศูนย์ ๑"), NameKey("ศูนย์1"));
}

TEST(TextKey, ReadsTwoPartSaraAmAsOne) {
  // "สำนัก" as PDF copies write it: ส ํ า น ั ก.
  EXPECT_EQ(TextKey("ส\u0e4d\u0e32นัก"), TextKey("สำนัก"));
  EXPECT_EQ(NameKey("ส\u0e4d\u0e32นักงาน เลขานุการกรม"),
            NameKey("สำนักงานเลขานุการกรม"));
  EXPECT_NE(TextKey("สานัก"), TextKey("สำนัก"));
}

TEST(DisplayWidth, ThaiCombiningMarksTakeNoColumn) {
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  // น ้ ำ ห น ั ก: the tone mark and the vowel above take no column.
  EXPECT_EQ(DisplayWidth("น้ำหนัก"), 5u);
  EXPECT_EQ(DisplayWidth("ตัวชี้วัด"), 5u);
}


}  // namespace
}  // namespace scorecard::rules
