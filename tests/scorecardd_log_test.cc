// The real scorecardd's log under a flood of bad requests: every line on its
// stderr is a JSON object, and the libraries' own messages (protobuf writes
// one for every request with a string that is not UTF-8) are rate-limited,
// with the count of those held back on the lines that follow.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "scorecard/v1/scorecard_service.pb.h"
#include "service/library_logs.h"
#include "tests/testing/files.h"
#include "tests/testing/raw_call.h"
#include "tests/testing/scorecardd_process.h"
#include "tests/testing/seed.h"
#include "tests/testing/temp_dir.h"

namespace scorecard::testing {
namespace {

TEST(ScorecarddLog, ThousandBadRequestsGiveBoundedJsonLines) {
  TempDir dir;
  const std::string log_path = dir / "scorecardd.log";
  std::unique_ptr<ScorecarddProcess> server = ScorecarddProcess::Start(
      {"--listen=127.0.0.1:0", std::string("--rules=") + kBundledRules,
       "--reload_poll_interval=0"},
      log_path);
  ASSERT_NE(server, nullptr);
  const std::string address = server->Address();
  ASSERT_FALSE(address.empty()) << server->Log();

  scorecard::v1::ValidateScorecardRequest request;
  request.mutable_scorecard()->set_rule_set("led-fy2563");
  request.mutable_scorecard()->set_unit("UNIT");
  const std::string bad = absl::StrReplaceAll(request.SerializeAsString(),
                                              {{"UNIT", "\xff\xfe\xfd\xfc"}});
  auto channel =
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  constexpr int kRequests = 1000;
  const absl::Time start = absl::Now();
  int refused = 0;
  for (int i = 0; i < kRequests; ++i) {
    const RawCallResult r = CallWithRawMessages(
        channel, "/scorecard.v1.ScorecardService/ValidateScorecard", {bad});
    if (r.status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) ++refused;
  }
  // Whole seconds the flood could touch, rounded up, plus the one it
  // started in.
  const int64_t seconds =
      absl::ToInt64Seconds(absl::Ceil(absl::Now() - start, absl::Seconds(1))) +
      1;
  EXPECT_EQ(refused, kRequests);

  // A good call after the flood: its answer means the log lines of the bad
  // ones have been written.
  ASSERT_TRUE(CallWithRawMessages(
                  channel, "/scorecard.v1.ScorecardService/ListRuleSets", {""})
                  .status.ok());
  const std::string log = server->Log();
  int lines = 0;
  int protobuf_lines = 0;
  int64_t suppressed = 0;
  for (absl::string_view line : absl::StrSplit(log, '\n', absl::SkipEmpty())) {
    ++lines;
    google::protobuf::Struct object;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(std::string(line),
                                                            &object)
                    .ok())
        << "not a JSON line: " << line;
    const auto& fields = object.fields();
    if (fields.at("event").string_value() != "protobuf") continue;
    ++protobuf_lines;
    EXPECT_THAT(fields.at("message").string_value(),
                ::testing::HasSubstr("UTF-8"));
    if (fields.count("suppressed") > 0) {
      suppressed += static_cast<int64_t>(fields.at("suppressed").number_value());
    }
  }
  EXPECT_GE(protobuf_lines, 1) << log;
  EXPECT_LE(protobuf_lines,
            service::kLibraryLogLinesPerSecond * seconds)
      << "over " << seconds << " s";
  // Every message either written or counted (those held back after the last
  // line written are still pending).
  EXPECT_LE(protobuf_lines + suppressed, kRequests);
  EXPECT_LT(lines, kRequests / 2);
}

}  // namespace
}  // namespace scorecard::testing
