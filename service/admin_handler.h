// What each AdminService RPC does, independent of how gRPC delivers it and of
// who may call it (admin_auth.h decides that; admin_service_impl.h adapts
// this to gRPC).
//
//   AdminHandler handler(store.get(), AdminHandlerOptions{absl::Now()});
//   absl::Status status = handler.CheckRuleSet(request, &response);
//
// Admins see file-system paths (a rule set's source, the rules path); the
// public ScorecardService does not (public_paths.h).
//
// Thread-safety: all methods are const and safe for concurrent use without
// external locking. The store must outlive the handler.

#ifndef SCORECARD_SERVICE_ADMIN_HANDLER_H_
#define SCORECARD_SERVICE_ADMIN_HANDLER_H_

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "scorecard/admin/v1/admin_service.pb.h"
#include "service/rule_store.h"

namespace scorecard::service {

struct AdminHandlerOptions {
  // When the server started, for GetServerStatus.
  absl::Time start_time;
};

class AdminHandler final {
 public:
  // `store` is not owned and must outlive the handler.
  AdminHandler(const RuleStore* store, AdminHandlerOptions options);

  AdminHandler(const AdminHandler&) = delete;
  AdminHandler& operator=(const AdminHandler&) = delete;

  // Describes what is served after a reload whose outcome was `reload`
  // (RuleStore::Reload's status): reloaded, the rule sets, and every reason
  // when it was refused.
  void DescribeReload(const absl::Status& reload,
                      scorecard::admin::v1::ReloadRulesResponse* response) const;

  // Checks the candidate rule file of `request` as a load would (parse, then
  // compile; nothing served changes). A candidate with problems is an OK
  // call listing them; INVALID_ARGUMENT only when the request itself is
  // wrong: no content, no format to read it by, a file name over 255
  // bytes.
  absl::Status CheckRuleSet(
      const scorecard::admin::v1::CheckRuleSetRequest& request,
      scorecard::admin::v1::CheckRuleSetResponse* response) const;

  // Reports the server's version, start, rules and their loads.
  absl::Status GetServerStatus(
      const scorecard::admin::v1::GetServerStatusRequest& request,
      scorecard::admin::v1::GetServerStatusResponse* response) const;

 private:
  const RuleStore* const store_;
  const AdminHandlerOptions options_;
};

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_ADMIN_HANDLER_H_
