// JsonQuote: JSON string literals that are always valid JSON and valid UTF-8.

#include <string>

#include "gtest/gtest.h"
#include "rules/json_string.h"

namespace scorecard::rules {
namespace {

TEST(JsonQuote, EscapesControlCharactersAndPassesUtf8Through) {
  EXPECT_EQ(JsonQuote("กองทะเบียน"), "\"กองทะเบียน\"");
  EXPECT_EQ(JsonQuote("a\"b\\c\nd\te\x01\x7f"),
            R"("a\"b\\c\nd\te\u0001\u007f")");
  EXPECT_EQ(JsonQuote(""), "\"\"");
  EXPECT_EQ(JsonQuote(std::string("a\0b", 3)), R"("a\u0000b")");
}

TEST(JsonQuote, EachByteThatIsNotUtf8BecomesAReplacementCharacter) {
  // A lone continuation byte, and half a Thai character at the end.
  EXPECT_EQ(JsonQuote("x\x80y\xe0\xb8"), R"("x\ufffdy\ufffd\ufffd")");
  // An overlong form and a surrogate are not UTF-8 either.
  EXPECT_EQ(JsonQuote("\xc0\xaf"), R"("\ufffd\ufffd")");
  EXPECT_EQ(JsonQuote("\xed\xa0\x80"), R"("\ufffd\ufffd\ufffd")");
  // Four-byte characters pass whole.
  EXPECT_EQ(JsonQuote("\xf0\x9f\x98\x80"), "\"\xf0\x9f\x98\x80\"");
}

}  // namespace
}  // namespace scorecard::rules
