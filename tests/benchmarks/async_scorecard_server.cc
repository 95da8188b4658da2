#include "tests/benchmarks/async_scorecard_server.h"

#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/arena.h"
#include "service/grpc_status.h"

namespace scorecard::bench {

namespace v1 = ::scorecard::v1;

// One call slot: waits for a request, answers it, and starts waiting again.
// Its completion-queue tag is the Call itself; the state says which of the
// two operations completed.
class AsyncScorecardServer::Call final {
 public:
  Call(AsyncScorecardServer* server, grpc::ServerCompletionQueue* cq,
       const service::ScorecardHandler* handler, MessageRecycling recycling)
      : server_(server), cq_(cq), handler_(handler) {
    if (recycling == MessageRecycling::kArena) {
      first_block_.reset(new char[kArenaFirstBlockBytes]);
      google::protobuf::ArenaOptions arena_options;
      arena_options.initial_block = first_block_.get();
      arena_options.initial_block_size = kArenaFirstBlockBytes;
      arena_.emplace(arena_options);
    } else {
      owned_request_ = std::make_unique<v1::ValidateScorecardRequest>();
      owned_response_ = std::make_unique<v1::ValidateScorecardResponse>();
    }
  }

  // Starts waiting for the next request.
  void Await() {
    context_.emplace();
    responder_.emplace(&*context_);
    if (arena_.has_value()) {
      arena_->Reset();
      request_ =
          google::protobuf::Arena::CreateMessage<v1::ValidateScorecardRequest>(
              &*arena_);
      response_ =
          google::protobuf::Arena::CreateMessage<v1::ValidateScorecardResponse>(
              &*arena_);
    } else {
      owned_request_->Clear();
      owned_response_->Clear();
      request_ = owned_request_.get();
      response_ = owned_response_.get();
    }
    finishing_ = false;
    server_->service_.RequestValidateScorecard(&*context_, request_,
                                               &*responder_, cq_, cq_, this);
  }

  // Handles the completion of the outstanding operation.
  void Proceed(bool ok) {
    if (!finishing_) {
      if (!ok) return;  // The server is shutting down: no request came.
      const grpc::Status status =
          handler_ == nullptr
              ? grpc::Status::OK
              : service::ToGrpcStatus(
                    handler_->ValidateScorecard(*request_, response_));
      finishing_ = true;
      responder_->Finish(*response_, status, this);
      return;
    }
    // The answer went out (or the call broke): take the next request, unless
    // the queues are shutting down.
    absl::ReaderMutexLock lock(&server_->mu_);
    if (!server_->shutting_down_) Await();
  }

 private:
  static constexpr size_t kArenaFirstBlockBytes = 16 << 10;

  AsyncScorecardServer* const server_;
  grpc::ServerCompletionQueue* const cq_;
  const service::ScorecardHandler* const handler_;
  bool finishing_ = false;
  // Rebuilt for every call: gRPC contexts cannot be reused.
  std::optional<grpc::ServerContext> context_;
  std::optional<grpc::ServerAsyncResponseWriter<v1::ValidateScorecardResponse>>
      responder_;
  std::unique_ptr<char[]> first_block_;
  std::optional<google::protobuf::Arena> arena_;  // After first_block_.
  std::unique_ptr<v1::ValidateScorecardRequest> owned_request_;
  std::unique_ptr<v1::ValidateScorecardResponse> owned_response_;
  v1::ValidateScorecardRequest* request_ = nullptr;
  v1::ValidateScorecardResponse* response_ = nullptr;
};

absl::StatusOr<std::unique_ptr<AsyncScorecardServer>>
AsyncScorecardServer::Start(AsyncServerOptions options) {
  if (options.calls_per_thread <= 0) {
    return absl::InvalidArgumentError("calls_per_thread must be positive");
  }
  const int threads =
      options.threads > 0
          ? options.threads
          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  std::unique_ptr<AsyncScorecardServer> server(new AsyncScorecardServer());
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(options.listen_address,
                           grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&server->service_);
  for (int t = 0; t < threads; ++t) {
    server->queues_.push_back(builder.AddCompletionQueue());
  }
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || port == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.listen_address));
  }
  const size_t colon = options.listen_address.rfind(':');
  server->address_ =
      absl::StrCat(options.listen_address.substr(0, colon + 1), port);
  for (const auto& cq : server->queues_) {
    for (int c = 0; c < options.calls_per_thread; ++c) {
      server->calls_.push_back(std::make_unique<Call>(
          server.get(), cq.get(), options.handler, options.recycling));
      server->calls_.back()->Await();
    }
  }
  for (const auto& cq : server->queues_) {
    grpc::ServerCompletionQueue* const queue = cq.get();
    server->threads_.emplace_back(
        [s = server.get(), queue] { s->Poll(queue); });
  }
  return server;
}

AsyncScorecardServer::~AsyncScorecardServer() { Shutdown(); }

void AsyncScorecardServer::Poll(grpc::ServerCompletionQueue* cq) {
  void* tag = nullptr;
  bool ok = false;
  while (cq->Next(&tag, &ok)) static_cast<Call*>(tag)->Proceed(ok);
}

// Order matters: the server's shutdown cancels the calls in flight and
// completes every waiting call with ok = false (a call that starts waiting
// meanwhile fails the same way); then, under the lock, no call may start
// waiting on a queue again, and only then do the queues shut down and drain.
void AsyncScorecardServer::Shutdown() {
  if (shut_down_.exchange(true)) return;
  server_->Shutdown(std::chrono::system_clock::now());
  {
    absl::MutexLock lock(&mu_);
    shutting_down_ = true;
  }
  for (const auto& cq : queues_) cq->Shutdown();
  for (std::thread& thread : threads_) thread.join();
  calls_.clear();
}

}  // namespace scorecard::bench
