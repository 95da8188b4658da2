#include "service/scorecard_service_impl.h"

#include <atomic>
#include <cstdint>

#include "absl/status/status.h"
#include "service/grpc_status.h"

namespace scorecard::service {
namespace {

namespace v1 = ::scorecard::v1;

// Finishes a unary call with what `handle` returns, unless the call was
// cancelled (or its deadline passed) before it got here: then the work is
// skipped, and the client, which has gone, gets CANCELLED.
template <typename Handle>
grpc::ServerUnaryReactor* FinishUnary(grpc::CallbackServerContext* context,
                                      std::atomic<int64_t>& calls_started,
                                      Handle handle) {
  ++calls_started;
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(
      context->IsCancelled()
          ? absl::CancelledError("the call was cancelled before it was handled")
          : handle()));
  return reactor;
}

// One ValidateScorecards stream. At most one operation (a read or a write) is
// outstanding at any time: OnReadDone starts a write, OnWriteDone starts the
// next read. Each path that ends the stream calls Finish exactly once, as its
// last act, and gRPC calls OnDone (which deletes the reactor) only after that
// and after every other reaction has returned. Cancellation needs no work of
// its own: the operation outstanding completes with ok = false, and that path
// finishes the call.
class ValidateStreamReactor final
    : public grpc::ServerBidiReactor<v1::ValidateScorecardsRequest,
                                     v1::ValidateScorecardsResponse> {
 public:
  ValidateStreamReactor(grpc::CallbackServerContext* context,
                        const ScorecardHandler* handler)
      : context_(context), handler_(handler) {
    StartRead(&request_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {
      // Either the client half-closed (every request read so far has been
      // answered) or the call is broken; Finish is required in both cases.
      Finish(ToGrpcStatus(context_->IsCancelled()
                              ? absl::CancelledError("the stream was cancelled")
                              : absl::OkStatus()));
      return;
    }
    if (context_->IsCancelled()) {
      Finish(ToGrpcStatus(absl::CancelledError("the stream was cancelled")));
      return;
    }
    response_.Clear();
    const absl::Status status = handler_->ValidateStreamed(request_, &response_);
    if (!status.ok()) {
      Finish(ToGrpcStatus(status));
      return;
    }
    StartWrite(&response_);
  }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      // The stream is broken (cancelled, or the connection went away).
      Finish(ToGrpcStatus(
          absl::CancelledError("the stream broke while writing a response")));
      return;
    }
    StartRead(&request_);
  }

  void OnDone() override { delete this; }

 private:
  grpc::CallbackServerContext* const context_;
  const ScorecardHandler* const handler_;
  // Reused for each message; never touched while an operation on it is
  // outstanding.
  v1::ValidateScorecardsRequest request_;
  v1::ValidateScorecardsResponse response_;
};

}  // namespace

ScorecardServiceImpl::ScorecardServiceImpl(const ScorecardHandler* handler)
    : handler_(handler) {}

grpc::ServerUnaryReactor* ScorecardServiceImpl::ValidateScorecard(
    grpc::CallbackServerContext* context,
    const v1::ValidateScorecardRequest* request,
    v1::ValidateScorecardResponse* response) {
  return FinishUnary(context, calls_started_, [&] {
    return handler_->ValidateScorecard(*request, response);
  });
}

grpc::ServerBidiReactor<v1::ValidateScorecardsRequest,
                        v1::ValidateScorecardsResponse>*
ScorecardServiceImpl::ValidateScorecards(grpc::CallbackServerContext* context) {
  ++calls_started_;
  return new ValidateStreamReactor(context, handler_);
}

grpc::ServerUnaryReactor* ScorecardServiceImpl::ListRuleSets(
    grpc::CallbackServerContext* context,
    const v1::ListRuleSetsRequest* request,
    v1::ListRuleSetsResponse* response) {
  return FinishUnary(context, calls_started_, [&] {
    return handler_->ListRuleSets(*request, response);
  });
}

grpc::ServerUnaryReactor* ScorecardServiceImpl::GetRuleSet(
    grpc::CallbackServerContext* context,
    const v1::GetRuleSetRequest* request, v1::GetRuleSetResponse* response) {
  return FinishUnary(context, calls_started_, [&] {
    return handler_->GetRuleSet(*request, response);
  });
}

}  // namespace scorecard::service
