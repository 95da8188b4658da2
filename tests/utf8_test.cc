// The one UTF-8 decoder and the helpers that keep every outgoing string valid
// and bounded, including a property test over arbitrary bytes.

#include "rules/utf8.h"

#include <iterator>
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
    if (IsValidUtf8(bytes)) {
      ASSERT_EQ(valid, bytes) << round;
    }
    const size_t bound = random() % 8;
    const std::string quoted = QuoteText(bytes, bound);
    ASSERT_TRUE(IsValidUtf8(quoted)) << round;
    size_t characters = 0;
    for (size_t i = 0; i < quoted.size(); ++characters) DecodeUtf8(quoted, &i);
    ASSERT_LE(characters, bound + 1) << round;  // + the ellipsis
  }
}


// The reference for IsValidUtf8: every sequence decoded by DecodeUtf8.
bool ValidByDecoding(absl::string_view text) {
  for (size_t i = 0; i < text.size();) {
    if (DecodeUtf8(text, &i) < 0) return false;
  }
  return true;
}

// Property: IsValidUtf8 (eight ASCII bytes at a time, then the table of
// well-formed sequences) agrees with decoding every sequence: on every
// string of one to three bytes, and on random strings made of ASCII runs,
// Thai, other sequences and stray bytes, at any alignment.
TEST(IsValidUtf8, AgreesWithDecodingEverySequence) {
  std::string text(3, '\0');
  for (int a = 0; a < 256; ++a) {
    text.resize(1);
    text[0] = static_cast<char>(a);
    ASSERT_EQ(IsValidUtf8(text), ValidByDecoding(text)) << a;
    for (int b = 0; b < 256; ++b) {
      text.resize(2);
      text[1] = static_cast<char>(b);
      ASSERT_EQ(IsValidUtf8(text), ValidByDecoding(text)) << a << " " << b;
      text.resize(3);
      for (int c = 0; c < 256; ++c) {
        text[2] = static_cast<char>(c);
        ASSERT_EQ(IsValidUtf8(text), ValidByDecoding(text))
            << a << " " << b << " " << c;
      }
    }
  }
  const std::string pieces[] = {
      "abcdefgh", "a", " ", "\xE0\xB8\x81", "\xE0\xB9\x91", "\xC3\xA9",
      "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF", "\xF4\x90\x80\x80",
      "\xED\x9F\xBF", "\xED\xA0\x80", "\xE0\x9F\xBF", "\xF0\x8F\xBF\xBF",
      "\xC0\x80", "\x80", "\xFF", "\xE0\xB8", "\xF0\x9F\x98"};
  std::mt19937 random(2570);
  int valid = 0;
  for (int round = 0; round < 100000; ++round) {
    std::string random_text;
    const int count = static_cast<int>(random() % 12);
    for (int k = 0; k < count; ++k) {
      // Mostly valid pieces, so that long valid strings are common.
      const size_t piece = random() % 4 == 0 ? random() % std::size(pieces)
                                              : random() % 7;
      random_text += pieces[piece];
    }
    const bool expected = ValidByDecoding(random_text);
    valid += expected;
    ASSERT_EQ(IsValidUtf8(random_text), expected) << random_text;
  }
  EXPECT_GT(valid, 10000);  // Both answers were asked for.
  EXPECT_LT(valid, 90000);
}

}  // namespace
}  // namespace scorecard::rules
