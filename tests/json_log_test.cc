// The JSON log: one object per line with time, level and event first, the
// fields in the order added. (How strings are quoted: json_string_test.cc.)

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/json_log.h"

namespace scorecard::service {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

TEST(JsonLog, WritesOneObjectPerLineWithTimeLevelAndEvent) {
  std::vector<std::string> lines;
  SetLogSinkForTesting(
      [&](absl::string_view line) { lines.emplace_back(line); });
  LogEvent(LogLevel::kWarning, "reload_refused")
      .Add("path", "/etc/rules")
      .Add("count", int64_t{2})
      .AddBool("ok", false)
      .Add("reasons", std::vector<std::string>{"a: x", "b: \"y\""})
      .Write();
  SetLogSinkForTesting(nullptr);
  ASSERT_THAT(lines, SizeIs(1));
  EXPECT_THAT(lines[0], ::testing::MatchesRegex(
                            R"(\{"time":"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:)"
                            R"([0-9]{2}:[0-9]{2}\.[0-9]{3}Z","level":"warning",)"
                            R"("event":"reload_refused",.*)"));
  EXPECT_THAT(lines[0],
              HasSubstr(R"("path":"/etc/rules","count":2,"ok":false,)"
                        R"("reasons":["a: x","b: \"y\""]})"));
}

}  // namespace
}  // namespace scorecard::service
