// LogRateLimiter: at most N lines in each second, and the next line let
// through carries how many were held back.

#include <cstdint>

#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "service/log_rate_limiter.h"

namespace scorecard::service {
namespace {

TEST(LogRateLimiter, LetsNLinesThroughPerSecondAndCountsTheRest) {
  LogRateLimiter limiter(3);
  const absl::Time start = absl::FromUnixSeconds(1700000000);
  int64_t suppressed = -1;
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(limiter.Admit(start + absl::Milliseconds(100 * i), &suppressed))
        << i;
    EXPECT_EQ(suppressed, 0);
  }
  for (int i = 0; i < 5; ++i) {
    EXPECT_FALSE(limiter.Admit(start + absl::Milliseconds(500), &suppressed));
  }
  // The next second: the first line says how many were held back.
  EXPECT_TRUE(limiter.Admit(start + absl::Seconds(1), &suppressed));
  EXPECT_EQ(suppressed, 5);
  EXPECT_TRUE(limiter.Admit(start + absl::Seconds(1), &suppressed));
  EXPECT_EQ(suppressed, 0);
}

TEST(LogRateLimiter, ALaterSecondStartsAfresh) {
  LogRateLimiter limiter(1);
  const absl::Time start = absl::FromUnixSeconds(1700000000);
  int64_t suppressed = 0;
  EXPECT_TRUE(limiter.Admit(start, &suppressed));
  EXPECT_FALSE(limiter.Admit(start, &suppressed));
  EXPECT_TRUE(limiter.Admit(start + absl::Hours(1), &suppressed));
  EXPECT_EQ(suppressed, 1);
  EXPECT_FALSE(limiter.Admit(start + absl::Hours(1), &suppressed));
}

}  // namespace
}  // namespace scorecard::service
