// Metrics, the decision log and the access log of a scorecardd server in
// process: the counters agree with the calls made, every validation has
// exactly one decision record under the id its response carries, a decision
// log that cannot be written fails the calls with UNAVAILABLE, and every RPC
// has an access-log line.

#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "scorecard/v1/scorecard_service.grpc.pb.h"
#include "service/json_log.h"
#include "service/server.h"
#include "tests/testing/files.h"
#include "tests/testing/http_get.h"
#include "tests/testing/in_process_server.h"
#include "tests/testing/raw_call.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace scorecard::service {
namespace {

namespace v1 = ::scorecard::v1;
using ::scorecard::testing::Card;
using ::scorecard::testing::HttpGet;
using ::scorecard::testing::InProcessServer;
using ::scorecard::testing::kPatience;
using ::scorecard::testing::ReadFile;
using ::scorecard::testing::Request;
using ::scorecard::testing::StartServer;
using ::scorecard::testing::StreamRequest;
using ::scorecard::testing::TempDir;
using ::scorecard::testing::WaitUntil;
using ::scorecard::testing::Validate;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<std::string> Lines(const std::string& text) {
  return absl::StrSplit(text, '\n', absl::SkipEmpty());
}

// Returns the value of the sample of `name` whose labels include every one
// of `labels` ("grpc_code=\"OK\""); -1 when there is none.
double Sample(const std::string& exposition, const std::string& name,
              const std::vector<std::string>& labels = {}) {
  for (const std::string& line : Lines(exposition)) {
    if (line[0] == '#') continue;
    if (!absl::StartsWith(line, name + "{") && !absl::StartsWith(line, name + " ")) {
      continue;
    }
    bool all = true;
    for (const std::string& label : labels) all = all && absl::StrContains(line, label);
    if (!all) continue;
    double value;
    if (absl::SimpleAtod(line.substr(line.rfind(' ') + 1), &value)) return value;
  }
  return -1;
}

// Runs a ValidateScorecards stream of `cards` and returns the responses.
std::vector<v1::ValidateScorecardsResponse> Stream(
    v1::ScorecardService::Stub& stub, const std::vector<v1::Scorecard>& cards,
    grpc::Status* status) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + kPatience));
  auto stream = stub.ValidateScorecards(&context);
  std::vector<v1::ValidateScorecardsResponse> responses;
  for (size_t i = 0; i < cards.size(); ++i) {
    if (!stream->Write(StreamRequest(absl::StrCat("c", i), cards[i]))) break;
    v1::ValidateScorecardsResponse response;
    if (!stream->Read(&response)) break;
    responses.push_back(response);
  }
  stream->WritesDone();
  *status = stream->Finish();
  return responses;
}

TEST(Metrics, CountersAgreeWithTheCallsMade) {
  InProcessServer test = StartServer([](ServerOptions& options) {
    options.observability.metrics_listen = "127.0.0.1:0";
    options.observability.version = "9.8.7";
  });
  const std::string address = test.server->metrics_address();
  ASSERT_THAT(address, HasSubstr("127.0.0.1:"));
  v1::ValidateScorecardResponse response;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(Validate(*test.stub, Request(Card()), &response).ok());
  }
  ASSERT_TRUE(Validate(*test.stub, Request(Card("7", "3")), &response).ok());
  ASSERT_FALSE(response.result().valid());
  v1::Scorecard unknown = Card();
  unknown.set_rule_set("caller-made-this-up");
  EXPECT_EQ(Validate(*test.stub, Request(unknown), &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
  grpc::Status stream_status;
  Stream(*test.stub, {Card(), Card()}, &stream_status);
  ASSERT_TRUE(stream_status.ok());

  const std::string unary = "grpc_method=\"ValidateScorecard\"";
  const std::string service = "grpc_service=\"scorecard.v1.ScorecardService\"";
  const std::string stream = "grpc_method=\"ValidateScorecards\"";
  // A call is counted as handled once the server has sent its status, which
  // the client may have received first: scrape until every call is counted.
  std::string m;
  ASSERT_TRUE(WaitUntil([&] {
    absl::StatusOr<std::string> scraped = HttpGet(address, "/metrics");
    if (!scraped.ok()) return false;
    m = *std::move(scraped);
    return Sample(m, "grpc_server_handling_seconds_count", {unary}) == 5 &&
           Sample(m, "grpc_server_handling_seconds_count", {stream}) == 1;
  })) << m;
  EXPECT_EQ(Sample(m, "grpc_server_started_total", {unary, service}), 5);
  EXPECT_EQ(Sample(m, "grpc_server_handled_total",
                   {unary, "grpc_code=\"OK\"", "grpc_type=\"unary\""}),
            4);
  EXPECT_EQ(Sample(m, "grpc_server_handled_total",
                   {unary, "grpc_code=\"NotFound\""}),
            1);
  EXPECT_EQ(Sample(m, "grpc_server_msg_received_total", {unary}), 5);
  EXPECT_EQ(Sample(m, "grpc_server_msg_sent_total", {unary}), 4);
  EXPECT_EQ(Sample(m, "grpc_server_handling_seconds_count", {unary}), 5);
  EXPECT_EQ(Sample(m, "grpc_server_handled_total",
                   {stream, "grpc_code=\"OK\"", "grpc_type=\"bidi_stream\""}),
            1);
  EXPECT_EQ(Sample(m, "grpc_server_msg_received_total", {stream}), 2);
  EXPECT_EQ(Sample(m, "grpc_server_msg_sent_total", {stream}), 2);

  const std::string rule_set = "rule_set=\"test-fy2563\"";
  EXPECT_EQ(Sample(m, "scorecard_validations_total",
                   {rule_set, "result=\"valid\""}),
            5);
  EXPECT_EQ(Sample(m, "scorecard_validations_total",
                   {rule_set, "result=\"invalid\""}),
            1);
  EXPECT_EQ(Sample(m, "scorecard_validations_total",
                   {"rule_set=\"_unknown\"", "result=\"refused\""}),
            1);
  EXPECT_THAT(m, Not(HasSubstr("caller-made-this-up")));
  EXPECT_EQ(Sample(m, "scorecard_violations_total",
                   {rule_set, "code=\"VIOLATION_CODE_SCORE_OUT_OF_RANGE\"",
                    "severity=\"error\""}),
            1);
  EXPECT_EQ(Sample(m, "scorecard_rule_set_info",
                   {rule_set, "revision=\"r1\""}),
            1);
  EXPECT_EQ(Sample(m, "scorecard_rules_reloads_total", {"result=\"loaded\""}),
            1);
  EXPECT_GT(Sample(m, "scorecard_rules_last_reload_success_timestamp_seconds"),
            1.7e9);
  EXPECT_EQ(Sample(m, "scorecard_build_info", {"version=\"9.8.7\""}), 1);
  EXPECT_GT(Sample(m, "process_resident_memory_bytes"), 0);
  EXPECT_GT(Sample(m, "process_open_fds"), 0);
  EXPECT_GT(Sample(m, "process_start_time_seconds"), 1.7e9);
  EXPECT_GE(Sample(m, "process_cpu_seconds_total"), 0);

  // A refused reload counts as refused and keeps the rule set's info.
  test.source->Script({absl::InvalidArgumentError("broken.yaml: bad")});
  EXPECT_FALSE(test.server->rule_store().Reload().ok());
  absl::StatusOr<std::string> scraped = HttpGet(address, "/metrics");
  ASSERT_TRUE(scraped.ok()) << scraped.status();
  EXPECT_EQ(Sample(*scraped, "scorecard_rules_reloads_total",
                   {"result=\"refused\""}),
            1);
  EXPECT_EQ(Sample(*scraped, "scorecard_rule_set_info", {rule_set}), 1);
}

TEST(Metrics, AMethodNoServiceHasIsCountedUnderUnknown) {
  InProcessServer test = StartServer([](ServerOptions& options) {
    options.observability.metrics_listen = "127.0.0.1:0";
  });
  const testing::RawCallResult r = testing::CallWithRawMessages(
      test.channel, "/made.Up/Method" + std::string(20, 'x'), {""});
  EXPECT_EQ(r.status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
  absl::StatusOr<std::string> scraped =
      HttpGet(test.server->metrics_address(), "/metrics");
  ASSERT_TRUE(scraped.ok()) << scraped.status();
  EXPECT_THAT(*scraped, Not(HasSubstr("made.Up")));
}

// Debian's civetweb has no IPv6: "[::]" (what a container listens on) is
// served on every IPv4 interface rather than refused.
TEST(Metrics, EveryInterfaceIsServedOverIpv4) {
  InProcessServer test = StartServer([](ServerOptions& options) {
    options.observability.metrics_listen = "[::]:0";
  });
  const std::string address = test.server->metrics_address();
  ASSERT_THAT(address, ::testing::StartsWith("[::]:"));
  absl::StatusOr<std::string> scraped =
      HttpGet(absl::StrCat("127.0.0.1:", address.substr(5)), "/metrics");
  ASSERT_TRUE(scraped.ok()) << scraped.status();
  EXPECT_THAT(*scraped, HasSubstr("scorecard_build_info"));
}

class DecisionLogTest : public ::testing::Test {
 protected:
  TempDir dir_;
  const std::string path_ = dir_ / "decisions.jsonl";
};

TEST_F(DecisionLogTest, EveryValidationOfABurstHasExactlyOneLine) {
  InProcessServer test = StartServer([&](ServerOptions& options) {
    options.observability.decision_log.path = path_;
    options.observability.decision_log.queue_records = 4;  // Back-pressure.
  });
  std::set<std::string> ids;
  absl::Mutex ids_mu;
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        v1::ValidateScorecardResponse response;
        const grpc::Status status =
            Validate(*test.stub, Request(Card()), &response);
        ASSERT_TRUE(status.ok()) << status.error_message();
        absl::MutexLock lock(&ids_mu);
        EXPECT_TRUE(ids.insert(response.decision_id()).second);
      }
    });
  }
  threads.emplace_back([&] {
    grpc::Status status;
    const auto responses =
        Stream(*test.stub, std::vector<v1::Scorecard>(15, Card("7", "3")), &status);
    ASSERT_TRUE(status.ok()) << status.error_message();
    ASSERT_EQ(responses.size(), 15u);
    absl::MutexLock lock(&ids_mu);
    for (const auto& response : responses) {
      EXPECT_TRUE(ids.insert(response.decision_id()).second);
    }
  });
  for (std::thread& thread : threads) thread.join();
  ASSERT_EQ(ids.size(), 75u);

  // Every answered call's record was written before its answer was sent.
  const std::vector<std::string> lines = Lines(ReadFile(path_));
  ASSERT_EQ(lines.size(), 75u);
  std::set<std::string> logged;
  int invalid = 0;
  for (const std::string& line : lines) {
    const size_t at = line.find("\"decision_id\":\"");
    ASSERT_NE(at, std::string::npos) << line;
    logged.insert(line.substr(at + 15, 36));
    EXPECT_THAT(line, HasSubstr("\"rule_set\":\"test-fy2563\","
                                "\"rule_set_revision\":\"r1\""));
    EXPECT_THAT(line, HasSubstr("\"peer\":\""));
    if (absl::StrContains(line, "\"verdict\":\"invalid\"")) {
      ++invalid;
      EXPECT_THAT(line, HasSubstr("VIOLATION_CODE_SCORE_OUT_OF_RANGE"));
      EXPECT_THAT(line, HasSubstr("ValidateScorecards\""));
      EXPECT_THAT(line, HasSubstr("\"correlation_id\":\"c"));
    }
  }
  EXPECT_EQ(logged, ids);
  EXPECT_EQ(invalid, 15);
}

TEST_F(DecisionLogTest, RecordsThePlaintextPeerAndNoIdentity) {
  InProcessServer test = StartServer([&](ServerOptions& options) {
    options.listen_address = "127.0.0.1:0";
    options.observability.decision_log.path = path_;
  });
  auto stub = v1::ScorecardService::NewStub(grpc::CreateChannel(
      test.server->address(), grpc::InsecureChannelCredentials()));
  v1::ValidateScorecardResponse response;
  ASSERT_TRUE(Validate(*stub, Request(Card()), &response).ok());
  const std::string text = ReadFile(path_);
  EXPECT_THAT(text, HasSubstr("\"peer\":\"ipv4:127.0.0.1:"));
  // Plaintext: no certificate, so no identity (caller_identity.h).
  EXPECT_THAT(text, HasSubstr("\"identity\":\"\""));
}

TEST_F(DecisionLogTest, AFullDiskFailsTheCallsWithUnavailable) {
  InProcessServer test = StartServer([&](ServerOptions& options) {
    options.observability.decision_log.path = "/dev/full";
  });
  SetLogSinkForTesting([](absl::string_view) {});
  v1::ValidateScorecardResponse response;
  const grpc::Status status = Validate(*test.stub, Request(Card()), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(status.error_message(), Not(HasSubstr("/dev")));
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  google::rpc::ErrorInfo info;
  ASSERT_EQ(details.details_size(), 1);
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "DECISION_LOG_UNAVAILABLE");

  grpc::Status stream_status;
  const auto responses = Stream(*test.stub, {Card(), Card()}, &stream_status);
  EXPECT_TRUE(responses.empty()) << "no verdict is sent without its record";
  EXPECT_EQ(stream_status.error_code(), grpc::StatusCode::UNAVAILABLE);
  SetLogSinkForTesting(nullptr);
}

TEST_F(DecisionLogTest, NoDecisionLogNoDecisionId) {
  InProcessServer test = StartServer();
  v1::ValidateScorecardResponse response;
  ASSERT_TRUE(Validate(*test.stub, Request(Card()), &response).ok());
  EXPECT_EQ(response.decision_id(), "");
}

TEST(AccessLog, EveryRpcHasALineWithItsOutcome) {
  TempDir dir;
  const std::string path = dir / "access.jsonl";
  {
    InProcessServer test = StartServer([&](ServerOptions& options) {
      options.observability.access_log = true;
      options.observability.access_log_path = path;
    });
    v1::ValidateScorecardResponse response;
    ASSERT_TRUE(Validate(*test.stub, Request(Card("7", "3")), &response).ok());
    EXPECT_EQ(Validate(*test.stub, v1::ValidateScorecardRequest(), &response)
                  .error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
    auto health = grpc::health::v1::Health::NewStub(test.channel);
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + kPatience));
    grpc::health::v1::HealthCheckResponse checked;
    ASSERT_TRUE(
        health->Check(&context, grpc::health::v1::HealthCheckRequest(), &checked)
            .ok());
    grpc::Status stream_status;
    Stream(*test.stub, {Card(), Card("7", "3"), Card()}, &stream_status);
    ASSERT_TRUE(stream_status.ok());
  }  // Draining writes the log out.
  const std::vector<std::string> lines = Lines(ReadFile(path));
  ASSERT_EQ(lines.size(), 4u) << ReadFile(path);
  std::map<std::string, std::string> by_kind;
  for (const std::string& line : lines) {
    EXPECT_THAT(line, HasSubstr("\"event\":\"access\""));
    EXPECT_THAT(line, HasSubstr("\"duration_us\":"));
    if (absl::StrContains(line, "Health/Check")) by_kind["health"] = line;
    if (absl::StrContains(line, "ValidateScorecards")) by_kind["stream"] = line;
    if (absl::StrContains(line, "ValidateScorecard\"") &&
        absl::StrContains(line, "\"code\":\"OK\"")) {
      by_kind["valid"] = line;
    }
    if (absl::StrContains(line, "InvalidArgument")) by_kind["refused"] = line;
  }
  ASSERT_EQ(by_kind.size(), 4u) << ReadFile(path);
  EXPECT_THAT(by_kind["valid"],
              HasSubstr("\"messages_in\":1,\"messages_out\":1,"
                        "\"validations\":1,\"invalid\":1,"
                        "\"rule_set\":\"test-fy2563\",\"unit\":\"registry\","
                        "\"verdict\":\"invalid\""));
  EXPECT_THAT(by_kind["valid"], Not(HasSubstr("\"bytes_in\":0,")));
  EXPECT_THAT(by_kind["valid"], Not(HasSubstr("\"bytes_out\":0,")));
  EXPECT_THAT(by_kind["stream"],
              HasSubstr("\"messages_in\":3,\"messages_out\":3,"
                        "\"validations\":3,\"invalid\":1"));
  EXPECT_THAT(by_kind["refused"], Not(HasSubstr("validations")));
  EXPECT_THAT(by_kind["health"], HasSubstr("\"code\":\"OK\""));
}

}  // namespace
}  // namespace scorecard::service
