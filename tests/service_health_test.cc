// The gRPC health service of a scorecardd server: SERVING for "" and the
// ScorecardService once the rules are loaded (and for the admin service when
// it is served), NOT_SERVING as soon as draining starts (Watch streams are
// told), and no calls once drained.

#include <chrono>
#include <string>
#include <thread>

#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "service/server.h"
#include "tests/testing/in_process_server.h"
#include "tests/testing/temp_dir.h"

namespace scorecard::service {
namespace {

using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;
using ::scorecard::testing::InProcessServer;
using ::scorecard::testing::StartServer;
using ::scorecard::testing::TempDir;

grpc::Status CheckHealth(grpc::health::v1::Health::Stub& health,
                         const std::string& service,
                         HealthCheckResponse* response) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(30));
  HealthCheckRequest request;
  request.set_service(service);
  return health.Check(&context, request, response);
}

// Over the network: the in-process transport ends open streams when the
// server shuts down, instead of letting them drain, and gRPC 1.51 crashes on
// a call made on an in-process channel after its server has shut down.
TEST(Health, ServingOnceRulesAreLoadedNotServingWhenDraining) {
  InProcessServer test = StartServer(
      [](ServerOptions& options) { options.listen_address = "127.0.0.1:0"; });
  auto health = grpc::health::v1::Health::NewStub(grpc::CreateChannel(
      test.server->address(), grpc::InsecureChannelCredentials()));
  for (const std::string service : {"", "scorecard.v1.ScorecardService"}) {
    HealthCheckResponse response;
    const grpc::Status status = CheckHealth(*health, service, &response);
    ASSERT_TRUE(status.ok()) << service << ": " << status.error_message();
    EXPECT_EQ(response.status(), HealthCheckResponse::SERVING) << service;
  }
  HealthCheckResponse unknown;
  EXPECT_EQ(CheckHealth(*health, "no.Such", &unknown).error_code(),
            grpc::StatusCode::NOT_FOUND);

  // A watcher sees SERVING, then NOT_SERVING as soon as draining starts,
  // while its own call is still in flight.
  grpc::ClientContext watch_context;
  watch_context.set_deadline(std::chrono::system_clock::now() +
                             std::chrono::seconds(30));
  HealthCheckRequest request;
  request.set_service("scorecard.v1.ScorecardService");
  auto watch = health->Watch(&watch_context, request);
  HealthCheckResponse update;
  ASSERT_TRUE(watch->Read(&update));
  EXPECT_EQ(update.status(), HealthCheckResponse::SERVING);

  std::thread run([&] { EXPECT_TRUE(test.server->Run().ok()); });
  test.server->Shutdown();
  const bool updated = watch->Read(&update);
  // Ends the watch; otherwise draining would wait for it.
  watch_context.TryCancel();
  watch->Finish().IgnoreError();
  run.join();
  ASSERT_TRUE(updated);
  EXPECT_EQ(update.status(), HealthCheckResponse::NOT_SERVING);

  // Drained: no new calls.
  HealthCheckResponse after;
  EXPECT_EQ(CheckHealth(*health, "", &after).error_code(),
            grpc::StatusCode::UNAVAILABLE);
}

TEST(Health, TheAdminServiceHasAnEntryOnlyWhenItIsServed) {
  TempDir dir;
  const std::string token_file = dir.Write("token", "health-test-admin-token");
  InProcessServer with_admin = StartServer([&](ServerOptions& options) {
    options.listen_address = "127.0.0.1:0";
    options.admin.token_file = token_file;
  });
  auto health = grpc::health::v1::Health::NewStub(grpc::CreateChannel(
      with_admin.server->address(), grpc::InsecureChannelCredentials()));
  HealthCheckResponse response;
  const grpc::Status status =
      CheckHealth(*health, "scorecard.admin.v1.AdminService", &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.status(), HealthCheckResponse::SERVING);

  InProcessServer without_admin = StartServer(
      [](ServerOptions& options) { options.listen_address = "127.0.0.1:0"; });
  auto other = grpc::health::v1::Health::NewStub(grpc::CreateChannel(
      without_admin.server->address(), grpc::InsecureChannelCredentials()));
  EXPECT_EQ(CheckHealth(*other, "scorecard.admin.v1.AdminService", &response)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace scorecard::service
