// service::Server: it does not start without rules or with bad options,
// listens on port 0 and reports the port bound, refuses a port in use and
// signal handling with the signals unblocked, and a worker-thread cap does
// not limit scorecard calls.

#include <atomic>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "scorecard/v1/scorecard_service.grpc.pb.h"
#include "service/server.h"
#include "service/signal_thread.h"
#include "tests/testing/in_process_server.h"

namespace scorecard::service {
namespace {

using ::scorecard::testing::Card;
using ::scorecard::testing::InProcessServer;
using ::scorecard::testing::Index;
using ::scorecard::testing::Request;
using ::scorecard::testing::ScriptedRuleSource;
using ::scorecard::testing::StartServer;
using ::scorecard::testing::Validate;
using ::scorecard::testing::kRulesR1;
using ::testing::HasSubstr;

namespace v1 = ::scorecard::v1;

TEST(Server, DoesNotStartWithoutRules) {
  ServerOptions options;
  options.listen_address = "";
  options.rule_source = std::make_unique<ScriptedRuleSource>(
      std::vector<ScriptedRuleSource::Outcome>{
          absl::InvalidArgumentError("led.yaml: weights sum to 90")});
  absl::StatusOr<std::unique_ptr<Server>> server =
      Server::Create(std::move(options));
  EXPECT_EQ(server.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(server.status().message(), HasSubstr("weights sum to 90"));
}

TEST(Server, RejectsBadOptions) {
  const std::vector<std::function<void(ServerOptions&)>> breakers = {
      [](ServerOptions& o) { o.max_entries = 0; },
      [](ServerOptions& o) { o.max_receive_message_bytes = -1; },
      [](ServerOptions& o) { o.max_send_message_bytes = 0; },
      [](ServerOptions& o) { o.reload_poll_interval = absl::Seconds(-1); },
      [](ServerOptions& o) { o.drain_time = absl::Seconds(-1); },
      [](ServerOptions& o) { o.worker_threads = -1; },
      [](ServerOptions& o) {
        o.rule_source = nullptr;
        o.rules_path = "";
      },
  };
  for (size_t i = 0; i < breakers.size(); ++i) {
    ServerOptions options;
    options.listen_address = "";
    options.rule_source = std::make_unique<ScriptedRuleSource>(
        std::vector<ScriptedRuleSource::Outcome>{Index({kRulesR1})});
    breakers[i](options);
    EXPECT_EQ(Server::Create(std::move(options)).status().code(),
              absl::StatusCode::kInvalidArgument)
        << "options breaker " << i;
  }
}

TEST(Server, ListensOnPortZeroAndReportsThePortBound) {
  InProcessServer test = StartServer(
      [](ServerOptions& options) { options.listen_address = "127.0.0.1:0"; });
  ASSERT_GT(test.server->port(), 0);
  EXPECT_EQ(test.server->address(),
            absl::StrCat("127.0.0.1:", test.server->port()));
  auto stub = v1::ScorecardService::NewStub(grpc::CreateChannel(
      test.server->address(), grpc::InsecureChannelCredentials()));
  v1::ValidateScorecardResponse response;
  EXPECT_TRUE(Validate(*stub, Request(Card()), &response).ok());
}

TEST(Server, PortInUseIsUnavailable) {
  InProcessServer first = StartServer(
      [](ServerOptions& options) { options.listen_address = "127.0.0.1:0"; });
  ServerOptions options;
  options.listen_address = first.server->address();
  options.rule_source = std::make_unique<ScriptedRuleSource>(
      std::vector<ScriptedRuleSource::Outcome>{Index({kRulesR1})});
  EXPECT_EQ(Server::Create(std::move(options)).status().code(),
            absl::StatusCode::kUnavailable);
}

TEST(Server, RefusesSignalHandlingUnlessSignalsAreBlocked) {
  // The test runner has not blocked them in this thread.
  if (ServerSignalsBlocked()) GTEST_SKIP() << "signals already blocked";
  ServerOptions options;
  options.listen_address = "";
  options.handle_signals = true;
  options.rule_source = std::make_unique<ScriptedRuleSource>(
      std::vector<ScriptedRuleSource::Outcome>{Index({kRulesR1})});
  EXPECT_EQ(Server::Create(std::move(options)).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

// --worker_threads becomes grpc::ResourceQuota::SetMaxThreads, which in
// gRPC 1.51 caps only synchronous-API services (reflection). The callback API
// serving ScorecardService runs on gRPC's own threads, so even a cap of one
// thread leaves concurrent scorecard calls unaffected.
TEST(Server, WorkerThreadCapDoesNotLimitScorecardCalls) {
  InProcessServer test = StartServer([](ServerOptions& options) {
    options.worker_threads = 1;
    options.listen_address = "127.0.0.1:0";
  });
  auto stub = v1::ScorecardService::NewStub(grpc::CreateChannel(
      test.server->address(), grpc::InsecureChannelCredentials()));
  std::atomic<int> failures{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        v1::ValidateScorecardResponse response;
        if (!Validate(*stub, Request(Card()), &response).ok()) ++failures;
      }
    });
  }
  for (std::thread& client : clients) client.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace scorecard::service
