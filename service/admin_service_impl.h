// scorecard.admin.v1.AdminService on gRPC's callback API: authentication
// first (admin_auth.h), then the request parsed by the service itself
// (message_bytes.h, so that bad bytes are INVALID_ARGUMENT as on the
// ScorecardService), then AdminHandler. ReloadRules waits for its reload on
// SharedReload's thread, never on a callback thread; concurrent calls share
// one reload.
//
//   absl::StatusOr<std::unique_ptr<AdminServiceImpl>> admin =
//       AdminServiceImpl::Create(std::move(auth_options), store.get(),
//                                absl::Now());
//   builder.RegisterService(admin->get());
//
// Each call is logged as an "admin_call" line: method, peer, who the caller
// proved to be (or nothing) and the status code.
//
// Thread-safety: safe for concurrent use, as gRPC requires. The store must
// outlive the service, and the service must outlive the grpc::Server it is
// registered with.

#ifndef SCORECARD_SERVICE_ADMIN_SERVICE_IMPL_H_
#define SCORECARD_SERVICE_ADMIN_SERVICE_IMPL_H_

#include <memory>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"
#include "scorecard/admin/v1/admin_service.grpc.pb.h"
#include "service/admin_auth.h"
#include "service/admin_handler.h"
#include "service/rule_store.h"
#include "service/shared_reload.h"

namespace scorecard::service {

// The generated service with every method taking and giving raw bytes.
using RawAdminService = scorecard::admin::v1::AdminService::
    WithRawCallbackMethod_ReloadRules<scorecard::admin::v1::AdminService::
        WithRawCallbackMethod_CheckRuleSet<scorecard::admin::v1::AdminService::
            WithRawCallbackMethod_GetServerStatus<
                scorecard::admin::v1::AdminService::Service>>>;

class AdminServiceImpl final : public RawAdminService {
 public:
  // Builds the service over `store` (not owned). Fails as
  // AdminAuthenticator::Create does.
  static absl::StatusOr<std::unique_ptr<AdminServiceImpl>> Create(
      AdminAuthOptions auth_options, RuleStore* store, absl::Time start_time);

  grpc::ServerUnaryReactor* ReloadRules(grpc::CallbackServerContext* context,
                                        const grpc::ByteBuffer* request,
                                        grpc::ByteBuffer* response) override;

  grpc::ServerUnaryReactor* CheckRuleSet(grpc::CallbackServerContext* context,
                                         const grpc::ByteBuffer* request,
                                         grpc::ByteBuffer* response) override;

  grpc::ServerUnaryReactor* GetServerStatus(
      grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
      grpc::ByteBuffer* response) override;

 private:
  AdminServiceImpl(std::unique_ptr<AdminAuthenticator> auth, RuleStore* store,
                   absl::Time start_time);

  // Finishes `reactor` with `status`, logging the call.
  void Finish(grpc::CallbackServerContext& context,
              grpc::ServerUnaryReactor* reactor, absl::string_view method,
              absl::string_view caller, const absl::Status& status);

  // Declared in the order they are built; the reload thread (which calls
  // the store and finishes calls) goes first.
  const std::unique_ptr<AdminAuthenticator> auth_;
  const AdminHandler handler_;
  SharedReload reload_;
};

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_ADMIN_SERVICE_IMPL_H_
