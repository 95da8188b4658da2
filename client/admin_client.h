// scorecardctl's connection to a scorecardd's admin service
// (scorecard.admin.v1.AdminService). A transport only: it returns what the
// server answered; client/admin_command.h decides what to print.
//
//   absl::StatusOr<std::unique_ptr<AdminClient>> admin =
//       AdminClient::Connect(connection, token);
//   absl::StatusOr<admin::v1::GetServerStatusResponse> status =
//       (*admin)->GetServerStatus();
//
// With a token, every call carries "authorization: Bearer <token>"; with a
// client certificate (connection.cert_file), mutual TLS proves who calls.
// Errors name the server ("scorecardd at HOST:PORT: ...") and carry the code
// the server gave (UNAUTHENTICATED, PERMISSION_DENIED, ...). Every call has
// a deadline of 60 s.
//
// Thread-safety: safe for concurrent use.

#ifndef SCORECARD_CLIENT_ADMIN_CLIENT_H_
#define SCORECARD_CLIENT_ADMIN_CLIENT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "client/server_connection.h"
#include "scorecard/admin/v1/admin_service.pb.h"

namespace grpc {
class Channel;
}  // namespace grpc

namespace scorecard::client {

class AdminClient final {
 public:
  // Connects as ConnectToServer does; `token` may be empty (then only a
  // client certificate can authenticate the calls).
  static absl::StatusOr<std::unique_ptr<AdminClient>> Connect(
      const ServerConnection& connection, std::string token);

  ~AdminClient();
  AdminClient(const AdminClient&) = delete;
  AdminClient& operator=(const AdminClient&) = delete;

  absl::StatusOr<scorecard::admin::v1::ReloadRulesResponse> ReloadRules();
  absl::StatusOr<scorecard::admin::v1::CheckRuleSetResponse> CheckRuleSet(
      const scorecard::admin::v1::CheckRuleSetRequest& request);
  absl::StatusOr<scorecard::admin::v1::GetServerStatusResponse>
  GetServerStatus();

 private:
  AdminClient(std::string address, std::shared_ptr<grpc::Channel> channel,
              std::string token);

  // Calls `method` (a stub member) with `request`.
  template <typename Request, typename Response, typename Method>
  absl::StatusOr<Response> Call(Method method, const Request& request);

  const std::string address_;
  const std::shared_ptr<grpc::Channel> channel_;
  const std::string token_;
};

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_ADMIN_CLIENT_H_
