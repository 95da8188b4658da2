// The admin service in process: authentication comes before anything is
// parsed; bad request bytes are INVALID_ARGUMENT, as on the ScorecardService;
// the status reports what the store holds; a server without a way to
// authenticate admins has no admin service. (Bearer tokens against the real
// binary, client certificates and the other RPCs: scorecardd_admin_test.cc.)

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "scorecard/admin/v1/admin_service.grpc.pb.h"
#include "tests/testing/in_process_server.h"
#include "tests/testing/raw_call.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace scorecard::service {
namespace {

namespace admin = ::scorecard::admin::v1;
using ::scorecard::testing::CallWithRawMessages;
using ::scorecard::testing::Index;
using ::scorecard::testing::InProcessServer;
using ::scorecard::testing::kOtherRules;
using ::scorecard::testing::kPatience;
using ::scorecard::testing::kRulesR2;
using ::scorecard::testing::RawCallResult;
using ::scorecard::testing::StartServer;
using ::scorecard::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

constexpr char kToken[] = "in-process-admin-token";
constexpr char kAdmin[] = "/scorecard.admin.v1.AdminService/";

InProcessServer StartWithToken(const TempDir& dir) {
  const std::string token_file = dir.Write("token", kToken);
  return StartServer([&](ServerOptions& options) {
    options.admin.token_file = token_file;
  });
}

std::vector<std::pair<std::string, std::string>> Bearer(
    const std::string& token) {
  return {{"authorization", "Bearer " + token}};
}

TEST(ServiceAdmin, AuthenticatesBeforeParsing) {
  TempDir dir;
  InProcessServer test = StartWithToken(dir);
  ASSERT_NE(test.server, nullptr);
  // Field 1 (content) of CheckRuleSetRequest, three bytes that are not UTF-8.
  const std::string not_utf8("\x0a\x03\xff\xfe\xfd", 5);
  for (const char* method : {"CheckRuleSet", "ReloadRules", "GetServerStatus"}) {
    const std::string full = std::string(kAdmin) + method;
    const RawCallResult anonymous =
        CallWithRawMessages(test.channel, full, {not_utf8});
    EXPECT_EQ(anonymous.status.error_code(), grpc::StatusCode::UNAUTHENTICATED)
        << method;
    const RawCallResult admitted =
        CallWithRawMessages(test.channel, full, {"\x0a\x05" "ab"}, Bearer(kToken));
    EXPECT_EQ(admitted.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << method << ": " << admitted.status.error_message();
    EXPECT_THAT(admitted.status.error_message(),
                HasSubstr("the request is not a valid"));
  }
  const RawCallResult content = CallWithRawMessages(
      test.channel, std::string(kAdmin) + "CheckRuleSet", {not_utf8},
      Bearer(kToken));
  EXPECT_EQ(content.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(content.status.error_message(),
              HasSubstr("content is not valid UTF-8"));
}

TEST(ServiceAdmin, StatusAndReloadReportTheStore) {
  TempDir dir;
  InProcessServer test = StartWithToken(dir);
  ASSERT_NE(test.server, nullptr);
  const auto stub = admin::AdminService::NewStub(test.channel);

  test.source->Script({absl::InvalidArgumentError("a.yaml: broken"),
                       Index({kRulesR2, kOtherRules})});
  admin::ReloadRulesResponse refused;
  {
    grpc::ClientContext context;
    context.AddMetadata("authorization", std::string("Bearer ") + kToken);
    ASSERT_TRUE(
        stub->ReloadRules(&context, admin::ReloadRulesRequest(), &refused).ok());
  }
  EXPECT_FALSE(refused.reloaded());
  EXPECT_THAT(refused.refusal_reasons(), ElementsAre("a.yaml: broken"));

  admin::GetServerStatusResponse status;
  {
    grpc::ClientContext context;
    context.AddMetadata("authorization", std::string("Bearer ") + kToken);
    ASSERT_TRUE(stub->GetServerStatus(&context, admin::GetServerStatusRequest(),
                                      &status)
                    .ok());
  }
  EXPECT_EQ(status.rules_path(), "scripted");
  ASSERT_THAT(status.rule_sets(), SizeIs(2));
  EXPECT_EQ(status.rule_sets(1).revision(), "r1");
  ASSERT_TRUE(status.has_last_refused_reload());
  EXPECT_THAT(status.last_refused_reload().reasons(),
              ElementsAre("a.yaml: broken"));

  admin::ReloadRulesResponse reloaded;
  {
    grpc::ClientContext context;
    context.AddMetadata("authorization", std::string("Bearer ") + kToken);
    ASSERT_TRUE(
        stub->ReloadRules(&context, admin::ReloadRulesRequest(), &reloaded)
            .ok());
  }
  EXPECT_TRUE(reloaded.reloaded());
  ASSERT_THAT(reloaded.rule_sets(), SizeIs(2));
  EXPECT_EQ(reloaded.rule_sets(1).revision(), "r2");
}

TEST(ServiceAdmin, ClientIdentitiesNeedMutualTls) {
  // Client identities without a token, on a server without TLS, cannot
  // start (Create checks for mutual TLS).
  auto rejected = Server::Create([] {
    ServerOptions options;
    options.listen_address = "";
    options.rules_path = "unused";
    options.admin.client_identities = {"spiffe://x/admin"};
    return options;
  }());
  EXPECT_TRUE(absl::IsInvalidArgument(rejected.status()));
  EXPECT_THAT(std::string(rejected.status().message()), HasSubstr("mutual TLS"));
}

TEST(ServiceAdmin, IsAbsentWithoutAWayToAuthenticate) {
  InProcessServer test = StartServer();
  ASSERT_NE(test.server, nullptr);
  const RawCallResult call = CallWithRawMessages(
      test.channel, std::string(kAdmin) + "GetServerStatus", {""},
      Bearer(kToken));
  EXPECT_EQ(call.status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
}

}  // namespace
}  // namespace scorecard::service
