// The ranges of the connection limits; that each one bites is shown against
// the real server in scorecardd_limits_test.cc.

#include "service/connection_limits.h"

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace scorecard::service {
namespace {

using ::testing::HasSubstr;

TEST(ConnectionLimits, TheDefaultsAreInRange) {
  EXPECT_TRUE(CheckConnectionLimits(ConnectionLimits()).ok());
  ConnectionLimits off;
  off.max_connection_age = absl::InfiniteDuration();
  off.max_connection_age_grace = absl::InfiniteDuration();
  off.max_connection_idle = absl::InfiniteDuration();
  off.keepalive_min_ping_interval = absl::ZeroDuration();
  EXPECT_TRUE(CheckConnectionLimits(off).ok());
}

TEST(ConnectionLimits, EachOutOfRangeValueIsNamed) {
  struct Case {
    void (*set)(ConnectionLimits&);
    const char* name;
  };
  const Case cases[] = {
      {[](ConnectionLimits& l) { l.max_concurrent_streams = 0; },
       "max_concurrent_streams"},
      {[](ConnectionLimits& l) { l.keepalive_min_ping_interval = -absl::Seconds(1); },
       "keepalive_min_ping_interval"},
      {[](ConnectionLimits& l) { l.max_connection_age = absl::ZeroDuration(); },
       "max_connection_age"},
      {[](ConnectionLimits& l) { l.max_connection_age_grace = -absl::Seconds(1); },
       "max_connection_age_grace"},
      {[](ConnectionLimits& l) { l.max_connection_idle = absl::ZeroDuration(); },
       "max_connection_idle"},
      {[](ConnectionLimits& l) { l.stream_window_bytes = 100; },
       "stream_window_bytes"},
      {[](ConnectionLimits& l) { l.max_transport_memory_bytes = 0; },
       "max_transport_memory_bytes"},
  };
  for (const Case& c : cases) {
    ConnectionLimits limits;
    c.set(limits);
    const absl::Status status = CheckConnectionLimits(limits);
    EXPECT_TRUE(absl::IsInvalidArgument(status)) << c.name;
    EXPECT_THAT(std::string(status.message()), HasSubstr(c.name));
  }
}

}  // namespace
}  // namespace scorecard::service
