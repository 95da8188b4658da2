// ValidateScorecard on gRPC's asynchronous completion-queue API: a
// measurement harness to set beside the callback-API service that scorecardd
// runs (service/scorecard_service_impl.h), on the same ScorecardHandler.
//
//   AsyncServerOptions options;
//   options.handler = &handler;  // Or null: answer without validating.
//   absl::StatusOr<std::unique_ptr<AsyncScorecardServer>> server =
//       AsyncScorecardServer::Start(std::move(options));
//   ... connect to (*server)->address() ...
//
// One completion queue per thread, each thread polling its own queue; each
// queue keeps `calls_per_thread` calls waiting for requests. A call's state
// (context, responder, request, response) is recycled when the call finishes
// instead of being freed: the messages either live on a per-call protobuf
// arena that is reset, or are cleared and reused (see MessageRecycling).
// Only ValidateScorecard is served; the other methods are left pending.
//
// Thread-safety: Shutdown() and the accessors may be called from any thread.
// The handler must outlive the server.

#ifndef SCORECARD_TESTS_BENCHMARKS_ASYNC_SCORECARD_SERVER_H_
#define SCORECARD_TESTS_BENCHMARKS_ASYNC_SCORECARD_SERVER_H_

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/grpcpp.h"
#include "scorecard/v1/scorecard_service.grpc.pb.h"
#include "service/scorecard_handler.h"
#include "tests/benchmarks/pooled_message_allocator.h"

namespace scorecard::bench {

struct AsyncServerOptions {
  // Where to listen. Default: loopback, a free port.
  std::string listen_address = "127.0.0.1:0";
  // Completion queues, one polling thread each. Zero: one per CPU.
  int threads = 0;
  // Calls kept waiting for a request on each queue. Default 64.
  int calls_per_thread = 64;
  // Validates requests. Null: answer OK with an empty response without
  // looking at the request (the null service).
  const service::ScorecardHandler* handler = nullptr;
  // How a finished call's messages are recycled. Default: cleared and
  // reused.
  MessageRecycling recycling = MessageRecycling::kClear;
};

class AsyncScorecardServer final {
 public:
  // Builds the server, binds and starts the polling threads. UNAVAILABLE
  // when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<AsyncScorecardServer>> Start(
      AsyncServerOptions options);

  // Shuts down if Shutdown() has not.
  ~AsyncScorecardServer();

  AsyncScorecardServer(const AsyncScorecardServer&) = delete;
  AsyncScorecardServer& operator=(const AsyncScorecardServer&) = delete;

  // Returns "127.0.0.1:<port bound>".
  const std::string& address() const { return address_; }

  // Cancels calls in flight, stops the threads and frees every call. Calling
  // it again does nothing.
  void Shutdown();

 private:
  class Call;

  AsyncScorecardServer() = default;

  // Polls `cq` until it is shut down and drained.
  void Poll(grpc::ServerCompletionQueue* cq);

  std::string address_;
  scorecard::v1::ScorecardService::AsyncService service_;
  std::unique_ptr<grpc::Server> server_;
  std::vector<std::unique_ptr<grpc::ServerCompletionQueue>> queues_;
  std::vector<std::unique_ptr<Call>> calls_;
  std::vector<std::thread> threads_;
  // Held shared by a call about to wait for a request, exclusively by
  // Shutdown() before the queues shut down.
  absl::Mutex mu_;
  bool shutting_down_ ABSL_GUARDED_BY(mu_) = false;
  std::atomic<bool> shut_down_{false};
};

}  // namespace scorecard::bench

#endif  // SCORECARD_TESTS_BENCHMARKS_ASYNC_SCORECARD_SERVER_H_
