#include "rules/same_text.h"

#include <random>
#include <string>

#include "gtest/gtest.h"

namespace scorecard::rules {
namespace {

// Property: SameText (word loads up to 16 bytes, memcmp beyond) agrees with
// comparing the strings, for every length up to 40 and a difference in any
// one byte (the first, the last, one in the middle) or none.
TEST(SameText, AgreesWithStringEquality) {
  std::mt19937 random(2568);
  for (int round = 0; round < 20000; ++round) {
    const size_t size = random() % 41;
    std::string a(size, '\0');
    for (char& c : a) c = static_cast<char>(random() % 4);  // Few values.
    std::string b = a;
    if (size > 0 && random() % 2 == 0) {
      b[random() % size] ^= static_cast<char>(1 + random() % 255);
    }
    if (random() % 8 == 0) b.push_back('x');
    ASSERT_EQ(SameText(a, b), a == b) << size;
    ASSERT_EQ(SameText(b, a), a == b) << size;
  }
}

TEST(SameText, EveryBytePositionCounts) {
  for (size_t size = 1; size <= 40; ++size) {
    const std::string a(size, 'a');
    EXPECT_TRUE(SameText(a, a));
    for (size_t i = 0; i < size; ++i) {
      std::string b = a;
      b[i] = 'b';
      EXPECT_FALSE(SameText(a, b)) << size << " at " << i;
    }
  }
  EXPECT_TRUE(SameText("", ""));
  EXPECT_FALSE(SameText("", "a"));
}

}  // namespace
}  // namespace scorecard::rules
