#include "service/scorecard_service_impl.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/message.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "rules/document_reader.h"
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

// Finishes `reactor` for a call that judged `judged[i]` into verdict i of
// `verdicts`, which `answer` holds: with observability, counts each
// scorecard (Judged, as `method`, its position as the correlation id), sets
// its decision id, serialises `answer` into `response` and finishes once
// every record is written; without, serialises and finishes.
void FinishVerdicts(
    grpc::CallbackServerContext* context, grpc::ServerUnaryReactor* reactor,
    Observability* observability, absl::string_view method,
    const std::vector<const v1::Scorecard*>& judged,
    google::protobuf::RepeatedPtrField<v1::ScorecardVerdict>& verdicts,
    const google::protobuf::Message& answer, grpc::ByteBuffer* response) {
  std::vector<Judgement> judgements;
  if (observability != nullptr) {
    judgements.reserve(judged.size());
    for (size_t i = 0; i < judged.size(); ++i) {
      v1::ScorecardVerdict& verdict = verdicts[static_cast<int>(i)];
      Judgement& judgement = judgements.emplace_back(observability->Judged(
          context, method, absl::StrCat(i), *judged[i], verdict.result()));
      verdict.set_decision_id(judgement.decision_id);
    }
  }
  const absl::Status serialised = SerializeResponse(answer, response);
  if (!serialised.ok() || observability == nullptr) {
    reactor->Finish(ToGrpcStatus(serialised));
    return;
  }
  observability->CommitAll(std::move(judgements),
                           [reactor](absl::Status written) {
                             reactor->Finish(ToGrpcStatus(written));
                           });
}

// The size of the first arena block of a ValidateScorecard call, on the
// handling thread's stack: room for the seed's largest unit's request (5
// KiB) and its full answer.
constexpr size_t kUnaryArenaBlockBytes = 16 << 10;

// The arena of one bulk call's messages: its first block large enough for a
// typical batch's request, later blocks growing up to 1 MiB.
google::protobuf::ArenaOptions CallArenaOptions() {
  google::protobuf::ArenaOptions options;
  options.start_block_size = 64 << 10;
  options.max_block_size = 1 << 20;
  return options;
}

// Finishes `reactor` with CANCELLED and returns true when the call was
// cancelled (or its deadline passed) before it was handled.
bool FinishedIfCancelled(grpc::CallbackServerContext* context,
                         grpc::ServerUnaryReactor* reactor) {
  if (!context->IsCancelled()) return false;
  reactor->Finish(ToGrpcStatus(
      absl::CancelledError("the call was cancelled before it was handled")));
  return true;
}

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
  if (FinishedIfCancelled(context, reactor)) return reactor;
  // The request's and the answer's messages on an arena whose first block
  // is on this thread's stack: a typical call's message objects then cost
  // no allocation (their longer strings still do).
  alignas(std::max_align_t) char first_block[kUnaryArenaBlockBytes];
  google::protobuf::ArenaOptions arena_options;
  arena_options.initial_block = first_block;
  arena_options.initial_block_size = sizeof(first_block);
  arena_options.max_block_size = 64 << 10;
  google::protobuf::Arena arena(arena_options);
  auto& parsed =
      *google::protobuf::Arena::CreateMessage<v1::ValidateScorecardRequest>(
          &arena);
  auto& answer =
      *google::protobuf::Arena::CreateMessage<v1::ValidateScorecardResponse>(
          &arena);
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

grpc::ServerUnaryReactor* ScorecardServiceImpl::BatchValidateScorecards(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  ++calls_started_;
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (FinishedIfCancelled(context, reactor)) return reactor;
  // The messages of a batch are many small strings: on an arena they cost
  // one allocation per block instead of one or more per string.
  google::protobuf::Arena arena(CallArenaOptions());
  auto& parsed =
      *google::protobuf::Arena::CreateMessage<v1::BatchValidateScorecardsRequest>(
          &arena);
  auto& answer =
      *google::protobuf::Arena::CreateMessage<v1::BatchValidateScorecardsResponse>(
          &arena);
  absl::Status status = ParseRequest(*request, "the request", &parsed);
  if (status.ok()) status = handler_->BatchValidateScorecards(parsed, &answer);
  if (!status.ok()) {
    if (observability_ != nullptr) {
      observability_->Refused(
          parsed.scorecards().empty() ? "" : parsed.scorecards(0).rule_set());
    }
    reactor->Finish(ToGrpcStatus(status));
    return reactor;
  }
  std::vector<const v1::Scorecard*> judged;
  judged.reserve(parsed.scorecards_size());
  for (const v1::Scorecard& scorecard : parsed.scorecards()) {
    judged.push_back(&scorecard);
  }
  FinishVerdicts(context, reactor, observability_, "BatchValidateScorecards",
                 judged, *answer.mutable_verdicts(), answer, response);
  return reactor;
}

grpc::ServerUnaryReactor* ScorecardServiceImpl::ValidateDocument(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  ++calls_started_;
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (FinishedIfCancelled(context, reactor)) return reactor;
  google::protobuf::Arena arena(CallArenaOptions());
  auto& parsed =
      *google::protobuf::Arena::CreateMessage<v1::ValidateDocumentRequest>(
          &arena);
  auto& answer =
      *google::protobuf::Arena::CreateMessage<v1::ValidateDocumentResponse>(
          &arena);
  rules::ScorecardDocument document;
  absl::Status status = ParseRequest(*request, "the request", &parsed);
  if (status.ok()) {
    status = handler_->ValidateDocument(parsed, &document, &answer);
  }
  if (!status.ok()) {
    if (observability_ != nullptr) observability_->Refused(parsed.rule_set());
    reactor->Finish(ToGrpcStatus(status));
    return reactor;
  }
  std::vector<const v1::Scorecard*> judged;
  judged.reserve(document.scorecards.size());
  for (const rules::DocumentScorecard& item : document.scorecards) {
    judged.push_back(&item.scorecard);
  }
  FinishVerdicts(context, reactor, observability_, "ValidateDocument", judged,
                 *answer.mutable_verdicts(), answer, response);
  return reactor;
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
