// What a token file must hold to be an admin token.

#include "service/admin_auth.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace scorecard::service {
namespace {

using ::testing::HasSubstr;

TEST(ParseAdminToken, TakesTheTokenWithoutSurroundingWhiteSpace) {
  EXPECT_EQ(*ParseAdminToken("0123456789abcdef\n"), "0123456789abcdef");
  EXPECT_EQ(*ParseAdminToken("  \tAbC-_.~+/=0123456789  \r\n\n"),
            "AbC-_.~+/=0123456789");
}

TEST(ParseAdminToken, RefusesWhatIsNoToken) {
  struct Case {
    const char* content;
    const char* message;
  };
  for (const Case& c : {Case{"", "empty"}, Case{" \n\n", "empty"},
                        Case{"0123456789abcde", "the least is 16"},
                        Case{"0123456789 abcdef", "without spaces"},
                        Case{"0123456789abcdef\nsecond", "without spaces"},
                        Case{"0123456789abcdef\xc3\xa9", "printable ASCII"}}) {
    const absl::StatusOr<std::string> token = ParseAdminToken(c.content);
    EXPECT_TRUE(absl::IsInvalidArgument(token.status())) << c.content;
    EXPECT_THAT(std::string(token.status().message()), HasSubstr(c.message)) << c.content;
  }
}

}  // namespace
}  // namespace scorecard::service
