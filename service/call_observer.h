// Watches every RPC the server handles, whatever its service, with a gRPC
// server interceptor: counts the grpc_server_* metrics (metrics.h) and
// writes the access log's line (access_log.h) when the call ends.
//
//   std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> f;
//   f.push_back(std::make_unique<CallObserverFactory>(&metrics, access_log.get()));
//   builder.experimental().SetInterceptorCreators(std::move(f));
//
// Per call: grpc_server_started_total when the call reaches the server,
// grpc_server_msg_received_total per request read, grpc_server_msg_sent_total
// per response sent, and, when the call ends, grpc_server_handled_total with
// the status code sent (CANCELLED when none was: the call was torn down) and
// grpc_server_handling_seconds with the time from start to end. gRPC 1.51's
// interceptors are experimental API; scorecardd installs one only when
// metrics or the access log are on (docs/performance.md measures its cost).
//
// Thread-safety: the factory is safe for concurrent use; each interceptor
// serves one call, as gRPC uses them.

#ifndef SCORECARD_SERVICE_CALL_OBSERVER_H_
#define SCORECARD_SERVICE_CALL_OBSERVER_H_

#include "grpcpp/support/server_interceptor.h"
#include "service/access_log.h"
#include "service/metrics.h"

namespace scorecard::service {

class CallObserverFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  // Either may be null (nothing counted, or nothing logged); neither is
  // owned, and both must outlive the server.
  CallObserverFactory(Metrics* metrics, AccessLog* access_log)
      : metrics_(metrics), access_log_(access_log) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  Metrics* const metrics_;
  AccessLog* const access_log_;
};

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_CALL_OBSERVER_H_
