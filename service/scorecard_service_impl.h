// The ScorecardService RPCs on gRPC's callback API.
//
// A thin adapter: each RPC hands its request to ScorecardHandler (which does
// the work, API-neutral) and finishes the call with ToGrpcStatus() of the
// result. This file is the one place that knows the callback API, so that an
// async-completion-queue variant can be written next to it and measured
// against it.
//
//   ScorecardHandler handler(store.get(), ScorecardHandlerOptions());
//   ScorecardServiceImpl service(&handler);
//   builder.RegisterService(&service);
//
// The ValidateScorecards stream answers requests one at a time, in order: it
// reads one request, validates it, writes its response, and reads the next
// only once that write is done. A client that stops reading therefore stops
// the server from reading too (HTTP/2 flow control pushes back on the
// client), and the server never holds more than one response per stream. A
// request that cannot be judged (an unknown rule set, a missing scorecard...)
// ends the stream with that request's error status; responses already
// written stand. The client half-closing its side ends the stream with OK.
// Clients must therefore read responses while they write (from another
// thread, or alternating): one that writes everything before reading stalls
// once the transport's buffers fill (at once on an in-process channel, which
// buffers nothing).
//
// Handlers run on gRPC's callback threads and never block: validation is CPU
// work bounded by the entry and message-size limits.
//
// Thread-safety: safe for concurrent use, as gRPC requires. The handler is
// not owned and must outlive the grpc::Server the service is registered
// with.

#ifndef SCORECARD_SERVICE_SCORECARD_SERVICE_IMPL_H_
#define SCORECARD_SERVICE_SCORECARD_SERVICE_IMPL_H_

#include <atomic>
#include <cstdint>

#include "grpcpp/grpcpp.h"
#include "scorecard/v1/scorecard_service.grpc.pb.h"
#include "service/scorecard_handler.h"

namespace scorecard::service {

class ScorecardServiceImpl final
    : public scorecard::v1::ScorecardService::CallbackService {
 public:
  // `handler` is not owned; see above.
  explicit ScorecardServiceImpl(const ScorecardHandler* handler);

  grpc::ServerUnaryReactor* ValidateScorecard(
      grpc::CallbackServerContext* context,
      const scorecard::v1::ValidateScorecardRequest* request,
      scorecard::v1::ValidateScorecardResponse* response) override;

  grpc::ServerBidiReactor<scorecard::v1::ValidateScorecardsRequest,
                          scorecard::v1::ValidateScorecardsResponse>*
  ValidateScorecards(grpc::CallbackServerContext* context) override;

  grpc::ServerUnaryReactor* ListRuleSets(
      grpc::CallbackServerContext* context,
      const scorecard::v1::ListRuleSetsRequest* request,
      scorecard::v1::ListRuleSetsResponse* response) override;

  grpc::ServerUnaryReactor* GetRuleSet(
      grpc::CallbackServerContext* context,
      const scorecard::v1::GetRuleSetRequest* request,
      scorecard::v1::GetRuleSetResponse* response) override;

  // Returns how many calls (a stream counts once) have reached a handler.
  // Calls that gRPC refuses or drops before that (over the size limit, or
  // arriving while the server shuts down) are not counted.
  int64_t calls_started() const { return calls_started_.load(); }

 private:
  const ScorecardHandler* const handler_;
  std::atomic<int64_t> calls_started_{0};
};

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_SCORECARD_SERVICE_IMPL_H_
