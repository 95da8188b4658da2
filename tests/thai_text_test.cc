#include "rules/thai_text.h"

#include "gtest/gtest.h"

namespace scorecard::rules {
namespace {

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
