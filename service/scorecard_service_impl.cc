#include "service/scorecard_service_impl.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "rules/rule_set_index.h"
#include "rules/status_macros.h"
#include "service/grpc_status.h"
#include "service/message_bytes.h"

namespace scorecard::service {
namespace {

namespace v1 = ::scorecard::v1;

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

// Finishes a unary call with what Answer() returns, unless the call was
// cancelled (or its deadline passed) before it got here: then the work is
// skipped, and the client, which has gone, gets CANCELLED.
template <typename Request, typename Response, typename Handle>
grpc::ServerUnaryReactor* FinishUnary(grpc::CallbackServerContext* context,
                                      std::atomic<int64_t>& calls_started,
                                      const grpc::ByteBuffer* request,
                                      grpc::ByteBuffer* response,
                                      Handle handle) {
  ++calls_started;
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(
      context->IsCancelled()
          ? absl::CancelledError("the call was cancelled before it was handled")
          : Answer<Request, Response>(*request, response, handle)));
  return reactor;
}

// One ValidateScorecards stream. At most one operation (a read or a write) is
// outstanding at any time: OnReadDone starts a write, OnWriteDone starts the
// next read. Each path that ends the stream calls Finish exactly once, as its
// last act, and gRPC calls OnDone (which deletes the reactor) only after that
// and after every other reaction has returned. Cancellation needs no work of
// its own: the operation outstanding completes with ok = false, and that path
// finishes the call.
//
// Reads are of raw bytes, which cannot fail to deserialise, so a read that
// completes with ok = false means only that the client half-closed or the
// call broke; a request that does not parse is told apart and refused.
class ValidateStreamReactor final
    : public grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
 public:
  ValidateStreamReactor(grpc::CallbackServerContext* context,
                        const ScorecardHandler* handler,
                        Observability* observability)
      : context_(context),
        handler_(handler),
        observability_(observability),
        rules_(handler->RulesForStream()) {
    StartRead(&request_bytes_);
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
    ++requests_read_;
    std::optional<Judgement> judgement;
    absl::Status status = AnswerRequest(&judgement);
    if (!status.ok()) {
      Finish(ToGrpcStatus(status));
      return;
    }
    if (!judgement.has_value()) {
      StartWrite(&response_bytes_);
      return;
    }
    // `done` may run at once or on the decision log's thread, even before
    // Commit returns; nothing here touches the reactor after it.
    observability_->Commit(*std::move(judgement), [this](absl::Status written) {
      if (written.ok()) {
        StartWrite(&response_bytes_);
      } else {
        Finish(ToGrpcStatus(written));
      }
    });
  }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      // The stream is broken (cancelled, or the connection went away).
      Finish(ToGrpcStatus(
          absl::CancelledError("the stream broke while writing a response")));
      return;
    }
    StartRead(&request_bytes_);
  }

  void OnDone() override { delete this; }

 private:
  // Parses the request just read, validates it and serialises its response
  // into response_bytes_; with observability, counts the outcome and sets
  // `*judgement` to the decision to commit before the response is written.
  // The messages live only for this: a stream that waits for its client to
  // read holds the response's bytes and no more (the messages of a large
  // result take ten times the bytes' memory, and a message cleared for reuse
  // keeps it).
  absl::Status AnswerRequest(std::optional<Judgement>* judgement) {
    v1::ValidateScorecardsRequest request;
    absl::Status status = ParseRequest(
        request_bytes_,
        absl::StrCat("request ", requests_read_, " of the stream"), &request);
    request_bytes_.Clear();
    v1::ValidateScorecardsResponse response;
    if (status.ok()) {
      status = handler_->ValidateStreamed(*rules_, request, &response);
    }
    if (observability_ == nullptr) {
      SCORECARD_RETURN_IF_ERROR(status);
      return SerializeResponse(response, &response_bytes_);
    }
    if (!status.ok()) {
      observability_->Refused(request.scorecard().rule_set());
      return status;
    }
    *judgement = observability_->Judged(context_, "ValidateScorecards",
                                        request.correlation_id(),
                                        request.scorecard(), response.result());
    response.set_decision_id((*judgement)->decision_id);
    return SerializeResponse(response, &response_bytes_);
  }

  grpc::CallbackServerContext* const context_;
  const ScorecardHandler* const handler_;
  Observability* const observability_;
  // The rules every request of this stream is judged by.
  const std::shared_ptr<const rules::RuleSetIndex> rules_;
  // How many requests have been read, the one being answered included.
  int64_t requests_read_ = 0;
  // Reused for each message; never touched while an operation on them is
  // outstanding.
  grpc::ByteBuffer request_bytes_;
  grpc::ByteBuffer response_bytes_;
};

}  // namespace

ScorecardServiceImpl::ScorecardServiceImpl(const ScorecardHandler* handler,
                                           Observability* observability)
    : handler_(handler), observability_(observability) {}

grpc::ServerUnaryReactor* ScorecardServiceImpl::ValidateScorecard(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  if (observability_ == nullptr) {
    return FinishUnary<v1::ValidateScorecardRequest,
                       v1::ValidateScorecardResponse>(
        context, calls_started_, request, response,
        [this](const auto& request, auto* response) {
          return handler_->ValidateScorecard(request, response);
        });
  }
  ++calls_started_;
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (context->IsCancelled()) {
    reactor->Finish(ToGrpcStatus(
        absl::CancelledError("the call was cancelled before it was handled")));
    return reactor;
  }
  v1::ValidateScorecardRequest parsed;
  v1::ValidateScorecardResponse answer;
  absl::Status status = ParseRequest(*request, "the request", &parsed);
  if (status.ok()) status = handler_->ValidateScorecard(parsed, &answer);
  if (!status.ok()) {
    observability_->Refused(parsed.scorecard().rule_set());
    reactor->Finish(ToGrpcStatus(status));
    return reactor;
  }
  Judgement judgement =
      observability_->Judged(context, "ValidateScorecard", "",
                             parsed.scorecard(), answer.result());
  answer.set_decision_id(judgement.decision_id);
  status = SerializeResponse(answer, response);
  if (!status.ok()) {
    reactor->Finish(ToGrpcStatus(status));
    return reactor;
  }
  observability_->Commit(std::move(judgement), [reactor](absl::Status written) {
    reactor->Finish(ToGrpcStatus(written));
  });
  return reactor;
}

grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>*
ScorecardServiceImpl::ValidateScorecards(grpc::CallbackServerContext* context) {
  ++calls_started_;
  return new ValidateStreamReactor(context, handler_, observability_);
}

grpc::ServerUnaryReactor* ScorecardServiceImpl::ListRuleSets(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  return FinishUnary<v1::ListRuleSetsRequest, v1::ListRuleSetsResponse>(
      context, calls_started_, request, response,
      [this](const auto& request, auto* response) {
        return handler_->ListRuleSets(request, response);
      });
}

grpc::ServerUnaryReactor* ScorecardServiceImpl::GetRuleSet(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  return FinishUnary<v1::GetRuleSetRequest, v1::GetRuleSetResponse>(
      context, calls_started_, request, response,
      [this](const auto& request, auto* response) {
        return handler_->GetRuleSet(request, response);
      });
}

}  // namespace scorecard::service
