// The one UTF-8 decoder and the helpers that keep every outgoing string valid
// and bounded, including a property test over arbitrary bytes.

#include "rules/utf8.h"

#include <random>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace scorecard::rules {
namespace {

TEST(IsValidUtf8, AcceptsThaiRejectsBrokenBytes) {
  EXPECT_TRUE(IsValidUtf8("ตัวชี้วัด ๑.๑"));
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_FALSE(IsValidUtf8("\xe0\xb8"));      // half a Thai character
  EXPECT_FALSE(IsValidUtf8("\xff\xfe"));
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));      // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));  // a surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
}

TEST(DecodeUtf8, ReturnsCodePointsAndAdvances) {
  const std::string text = "a๕\xff";
  size_t pos = 0;
  EXPECT_EQ(DecodeUtf8(text, &pos), 'a');
  EXPECT_EQ(pos, 1u);
  EXPECT_EQ(DecodeUtf8(text, &pos), 0x0E55);
  EXPECT_EQ(pos, 4u);
  EXPECT_EQ(DecodeUtf8(text, &pos), -1);
  EXPECT_EQ(pos, 5u);
}

TEST(ToValidUtf8, ReplacesEachBrokenByteAndKeepsTheRest) {
  EXPECT_EQ(ToValidUtf8("๕.๐ก"), "๕.๐ก");
  EXPECT_EQ(ToValidUtf8("๕\xe0\xb8"), "๕\uFFFD\uFFFD");
  EXPECT_EQ(ToValidUtf8("a\xffz"), "a\uFFFDz");
}

TEST(QuoteText, CutsAtWholeCharactersWithAnEllipsis) {
  EXPECT_EQ(QuoteText("กองคลัง", 3), "กอง…");
  EXPECT_EQ(QuoteText("กองคลัง", 7), "กองคลัง");
  EXPECT_EQ(QuoteText("abc", 0), "…");
  EXPECT_EQ(QuoteText("", 0), "");
  EXPECT_EQ(QuoteText("a\xe0\xb8", 10), "a\uFFFD\uFFFD");
}

TEST(QuoteText, BoundsAHugeEchoByDefault) {
  const std::string huge(1 << 20, 'x');
  const std::string quoted = QuoteText(huge);
  EXPECT_EQ(quoted, std::string(kMaxQuotedCharacters, 'x') + "…");
}

// Property: whatever the bytes, the helpers return valid UTF-8; ToValidUtf8
// keeps valid text as it is; QuoteText never exceeds its bound.
TEST(Utf8Property, ArbitraryBytesBecomeValidBoundedText) {
  std::mt19937 random(20261201);
  // Bytes near the interesting boundaries, and Thai lead bytes, often.
  const unsigned char interesting[] = {0x00, 0x7f, 0x80, 0xbf, 0xc0, 0xc2,
                                       0xdf, 0xe0, 0xb8, 0xb9, 0xed, 0xef,
                                       0xf0, 0xf4, 0xf5, 0xff, 'a', '.'};
  for (int round = 0; round < 20000; ++round) {
    std::string bytes(random() % 24, '\0');
    for (char& c : bytes) {
      c = static_cast<char>(random() % 2 ? interesting[random() % sizeof(interesting)]
                                         : random() % 256);
    }
    const std::string valid = ToValidUtf8(bytes);
    ASSERT_TRUE(IsValidUtf8(valid)) << round;
    if (IsValidUtf8(bytes)) ASSERT_EQ(valid, bytes) << round;
    const size_t bound = random() % 8;
    const std::string quoted = QuoteText(bytes, bound);
    ASSERT_TRUE(IsValidUtf8(quoted)) << round;
    size_t characters = 0;
    for (size_t i = 0; i < quoted.size(); ++characters) DecodeUtf8(quoted, &i);
    ASSERT_LE(characters, bound + 1) << round;  // + the ellipsis
  }
}

}  // namespace
}  // namespace scorecard::rules
