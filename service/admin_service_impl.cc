#include "service/admin_service_impl.h"

#include <utility>

#include "absl/status/status.h"
#include "rules/status_macros.h"
#include "service/grpc_status.h"
#include "service/json_log.h"
#include "service/message_bytes.h"

namespace scorecard::service {
namespace {

namespace admin = ::scorecard::admin::v1;

// Parses `request_bytes` as a Request, answers it with `handle(request,
// &response)` and serialises the response into `response_bytes`.
template <typename Request, typename Response, typename Handle>
absl::Status Answer(const grpc::ByteBuffer& request_bytes,
                    grpc::ByteBuffer* response_bytes, Handle handle) {
  Request request;
  SCORECARD_RETURN_IF_ERROR(ParseRequest(request_bytes, "the request", &request));
  Response response;
  SCORECARD_RETURN_IF_ERROR(handle(request, &response));
  return SerializeResponse(response, response_bytes);
}

}  // namespace

absl::StatusOr<std::unique_ptr<AdminServiceImpl>> AdminServiceImpl::Create(
    AdminAuthOptions auth_options, RuleStore* store, absl::Time start_time) {
  SCORECARD_ASSIGN_OR_RETURN(
      std::unique_ptr<AdminAuthenticator> auth,
      AdminAuthenticator::Create(std::move(auth_options)));
  return std::unique_ptr<AdminServiceImpl>(
      new AdminServiceImpl(std::move(auth), store, start_time));
}

AdminServiceImpl::AdminServiceImpl(std::unique_ptr<AdminAuthenticator> auth,
                                   RuleStore* store, absl::Time start_time)
    : auth_(std::move(auth)),
      handler_(store, AdminHandlerOptions{start_time}),
      reload_([store] { return store->Reload(); }) {}

void AdminServiceImpl::Finish(grpc::CallbackServerContext& context,
                              grpc::ServerUnaryReactor* reactor,
                              absl::string_view method,
                              absl::string_view caller,
                              const absl::Status& status) {
  LogEvent(status.ok() ? LogLevel::kInfo : LogLevel::kWarning, "admin_call")
      .Add("method", method)
      .Add("peer", context.peer())
      .Add("caller", caller)
      .Add("code", absl::StatusCodeToString(status.code()))
      .Write();
  reactor->Finish(ToGrpcStatus(status));
}

grpc::ServerUnaryReactor* AdminServiceImpl::ReloadRules(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  static constexpr absl::string_view kMethod = "ReloadRules";
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<std::string> caller = auth_->Authenticate(*context);
  if (!caller.ok()) {
    Finish(*context, reactor, kMethod, "", caller.status());
    return reactor;
  }
  admin::ReloadRulesRequest parsed;
  if (absl::Status status = ParseRequest(*request, "the request", &parsed);
      !status.ok()) {
    Finish(*context, reactor, kMethod, *caller, status);
    return reactor;
  }
  // Finished from the reload thread once the reload is over; the context,
  // reactor and response stay valid until Finish.
  reload_.Request([this, context, reactor, response,
                   caller = *std::move(caller)](const absl::Status& outcome) {
    admin::ReloadRulesResponse answer;
    handler_.DescribeReload(outcome, &answer);
    Finish(*context, reactor, kMethod, caller,
           SerializeResponse(answer, response));
  });
  return reactor;
}

grpc::ServerUnaryReactor* AdminServiceImpl::CheckRuleSet(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  static constexpr absl::string_view kMethod = "CheckRuleSet";
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<std::string> caller = auth_->Authenticate(*context);
  Finish(*context, reactor, kMethod, caller.ok() ? *caller : "",
         !caller.ok() ? caller.status()
                      : Answer<admin::CheckRuleSetRequest,
                               admin::CheckRuleSetResponse>(
                            *request, response,
                            [this](const auto& request, auto* response) {
                              return handler_.CheckRuleSet(request, response);
                            }));
  return reactor;
}

grpc::ServerUnaryReactor* AdminServiceImpl::GetServerStatus(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  static constexpr absl::string_view kMethod = "GetServerStatus";
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<std::string> caller = auth_->Authenticate(*context);
  Finish(*context, reactor, kMethod, caller.ok() ? *caller : "",
         !caller.ok() ? caller.status()
                      : Answer<admin::GetServerStatusRequest,
                               admin::GetServerStatusResponse>(
                            *request, response,
                            [this](const auto& request, auto* response) {
                              return handler_.GetServerStatus(request,
                                                              response);
                            }));
  return reactor;
}

}  // namespace scorecard::service
