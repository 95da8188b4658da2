// The ScorecardService RPCs on gRPC's callback API.
//
// A thin adapter: each RPC parses its request (message_bytes.h), hands it to
// ScorecardHandler (which does the work, API-neutral), serialises the
// response and finishes the call with ToGrpcStatus() of the result. This
// file is the one place that knows the callback API, so that an
// async-completion-queue variant can be written next to it and measured
// against it.
//
//   ScorecardHandler handler(store.get(), ScorecardHandlerOptions());
//   ScorecardServiceImpl service(&handler, observability.get());
//   builder.RegisterService(&service);
//
// Each judged scorecard is reported to the Observability (metrics, access
// log, decision log), and each refused validation counted (a refused batch
// or document once). With a decision log, a validation's response carries
// its decision id (one per scorecard of a batch or a document) and is sent
// only once its record (every record of the call) is written; when the record cannot be written the call
// (or the stream) ends UNAVAILABLE instead. The wait for the writer holds no
// thread: the writer's thread finishes the call.
//
// The methods are registered raw: gRPC hands over the request bytes and the
// service parses them itself, because gRPC 1.51 answers a request that does
// not parse with UNIMPLEMENTED and an empty message (unary) or mistakes it
// for the client half-closing (the stream; see message_bytes.h). Here such a
// request is INVALID_ARGUMENT saying what is wrong: "the request is not a
// valid ValidateScorecardRequest: scorecard.unit is not valid UTF-8", or for
// the stream "request 2 of the stream is not a valid
// ValidateScorecardsRequest: ...".
//
// The ValidateScorecards stream answers requests one at a time, in order: it
// reads one request, validates it, writes its response, and reads the next
// only once that write is done. A client that stops reading therefore stops
// the server from reading too (HTTP/2 flow control pushes back on the
// client), and the server never holds more than one response per stream. A
// request that cannot be judged (one that does not parse, an unknown rule
// set, a missing scorecard...) ends the stream with that request's error
// status; responses already written stand, and nothing after it is read.
// The client half-closing its side ends the stream with OK. Every request of
// a stream is judged by the rules as they were when the stream started
// (ScorecardHandler::RulesForStream()). Clients must read responses while
// they write (from another thread, or alternating): one that writes
// everything before reading stalls once the transport's buffers fill (at
// once on an in-process channel, which buffers nothing).
//
// Handlers run on gRPC's callback threads and never block: validation is CPU
// work bounded by the entry and message-size limits.
//
// Thread-safety: safe for concurrent use, as gRPC requires. The handler and
// the observability are not owned and must outlive the grpc::Server the
// service is registered with.

#ifndef SCORECARD_SERVICE_SCORECARD_SERVICE_IMPL_H_
#define SCORECARD_SERVICE_SCORECARD_SERVICE_IMPL_H_

#include <atomic>
#include <cstdint>

#include "grpcpp/grpcpp.h"
#include "scorecard/v1/scorecard_service.grpc.pb.h"
#include "service/observability.h"
#include "service/scorecard_handler.h"

namespace scorecard::service {

// The generated service with every method taking and giving raw bytes.
using RawScorecardService =
    scorecard::v1::ScorecardService::WithRawCallbackMethod_ValidateScorecard<
        scorecard::v1::ScorecardService::WithRawCallbackMethod_ValidateScorecards<
            scorecard::v1::ScorecardService::WithRawCallbackMethod_BatchValidateScorecards<
                scorecard::v1::ScorecardService::WithRawCallbackMethod_ValidateDocument<
                    scorecard::v1::ScorecardService::WithRawCallbackMethod_ListRuleSets<
                        scorecard::v1::ScorecardService::WithRawCallbackMethod_GetRuleSet<
                            scorecard::v1::ScorecardService::Service>>>>>>;

class ScorecardServiceImpl final : public RawScorecardService {
 public:
  // `handler` and `observability` (may be null: nothing observed) are not
  // owned; see above.
  explicit ScorecardServiceImpl(const ScorecardHandler* handler,
                                Observability* observability = nullptr);

  grpc::ServerUnaryReactor* ValidateScorecard(
      grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
      grpc::ByteBuffer* response) override;

  grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>*
  ValidateScorecards(grpc::CallbackServerContext* context) override;

  grpc::ServerUnaryReactor* BatchValidateScorecards(
      grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
      grpc::ByteBuffer* response) override;

  grpc::ServerUnaryReactor* ValidateDocument(
      grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
      grpc::ByteBuffer* response) override;

  grpc::ServerUnaryReactor* ListRuleSets(grpc::CallbackServerContext* context,
                                         const grpc::ByteBuffer* request,
                                         grpc::ByteBuffer* response) override;

  grpc::ServerUnaryReactor* GetRuleSet(grpc::CallbackServerContext* context,
                                       const grpc::ByteBuffer* request,
                                       grpc::ByteBuffer* response) override;

  // Returns how many calls (a stream counts once) have reached a handler.
  // Calls that gRPC refuses or drops before that (over the size limit, or
  // arriving while the server shuts down) are not counted.
  int64_t calls_started() const { return calls_started_.load(); }

 private:
  const ScorecardHandler* const handler_;
  Observability* const observability_;
  std::atomic<int64_t> calls_started_{0};
};

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_SCORECARD_SERVICE_IMPL_H_
