#include "client/admin_client.h"

#include <chrono>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/grpcpp.h"
#include "rules/utf8.h"
#include "scorecard/admin/v1/admin_service.grpc.pb.h"

namespace scorecard::client {
namespace {

namespace admin = ::scorecard::admin::v1;

constexpr auto kCallTimeout = std::chrono::seconds(60);

}  // namespace

absl::StatusOr<std::unique_ptr<AdminClient>> AdminClient::Connect(
    const ServerConnection& connection, std::string token) {
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel =
      ConnectToServer(connection);
  if (!channel.ok()) return channel.status();
  return std::unique_ptr<AdminClient>(new AdminClient(
      connection.address, *std::move(channel), std::move(token)));
}

AdminClient::AdminClient(std::string address,
                         std::shared_ptr<grpc::Channel> channel,
                         std::string token)
    : address_(std::move(address)),
      channel_(std::move(channel)),
      token_(std::move(token)) {}

AdminClient::~AdminClient() = default;

template <typename Request, typename Response, typename Method>
absl::StatusOr<Response> AdminClient::Call(Method method,
                                           const Request& request) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + kCallTimeout);
  if (!token_.empty()) {
    context.AddMetadata("authorization", absl::StrCat("Bearer ", token_));
  }
  std::unique_ptr<admin::AdminService::Stub> stub =
      admin::AdminService::NewStub(channel_);
  Response response;
  const grpc::Status status = ((*stub).*method)(&context, request, &response);
  if (!status.ok()) {
    return absl::Status(
        static_cast<absl::StatusCode>(status.error_code()),
        absl::StrCat("scorecardd at ", address_, ": ",
                     rules::ToValidUtf8(status.error_message())));
  }
  return response;
}

absl::StatusOr<admin::ReloadRulesResponse> AdminClient::ReloadRules() {
  return Call<admin::ReloadRulesRequest, admin::ReloadRulesResponse>(
      &admin::AdminService::Stub::ReloadRules, admin::ReloadRulesRequest());
}

absl::StatusOr<admin::CheckRuleSetResponse> AdminClient::CheckRuleSet(
    const admin::CheckRuleSetRequest& request) {
  return Call<admin::CheckRuleSetRequest, admin::CheckRuleSetResponse>(
      &admin::AdminService::Stub::CheckRuleSet, request);
}

absl::StatusOr<admin::GetServerStatusResponse> AdminClient::GetServerStatus() {
  return Call<admin::GetServerStatusRequest, admin::GetServerStatusResponse>(
      &admin::AdminService::Stub::GetServerStatus,
      admin::GetServerStatusRequest());
}

}  // namespace scorecard::client
