// A grpc::MessageAllocator for callback-API unary methods that recycles the
// request and response of finished calls instead of freeing them.
//
//   PooledMessageAllocator<ValidateScorecardRequest,
//                          ValidateScorecardResponse> allocator(
//       PooledMessageAllocatorOptions{});
//   service.SetMessageAllocatorFor_ValidateScorecard(&allocator);
//
// Without an allocator, gRPC 1.51 constructs both messages per call in the
// call's memory (internal::DefaultMessageHolder, grpcpp/support/
// server_callback.h): every string and sub-message the request parses into
// and the response is built with is a fresh heap allocation, freed when the
// call ends. Here a finished call's holder goes back to a free list and the
// next call reuses it, in one of two ways:
//
//   kArena   each holder owns an arena with a first block of
//            `arena_first_block_bytes`; a call's messages are created on it
//            and the arena is reset when the call finishes. Steady state:
//            no block allocation, but strings longer than 15 bytes (the unit
//            name, the revision) still allocate.
//   kClear   each holder owns one request and one response and Clear()s them
//            when the call finishes: protobuf keeps strings' capacity and
//            cleared repeated elements, so steady state allocates nothing.
//
// A measurement harness for tests/benchmarks; see docs/performance.md for
// what it buys. The allocator must outlive the server it is registered with.
//
// Thread-safety: AllocateMessages() and Release() may run on any gRPC thread
// concurrently; the free list is guarded by a mutex.

#ifndef SCORECARD_TESTS_BENCHMARKS_POOLED_MESSAGE_ALLOCATOR_H_
#define SCORECARD_TESTS_BENCHMARKS_POOLED_MESSAGE_ALLOCATOR_H_

#include <cstddef>
#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "google/protobuf/arena.h"
#include "grpcpp/support/message_allocator.h"

namespace scorecard::bench {

// How recycled messages are kept; see above.
enum class MessageRecycling {
  kArena,
  kClear,
};

struct PooledMessageAllocatorOptions {
  MessageRecycling recycling = MessageRecycling::kClear;
  // The first block of each holder's arena (kArena only), in bytes. Default
  // 16 KiB: a validated seed scorecard's request and response fit.
  size_t arena_first_block_bytes = 16 << 10;
};

template <typename Request, typename Response>
class PooledMessageAllocator final
    : public grpc::MessageAllocator<Request, Response> {
 public:
  explicit PooledMessageAllocator(PooledMessageAllocatorOptions options)
      : options_(options) {}

  ~PooledMessageAllocator() override {
    absl::MutexLock lock(&mu_);
    for (Holder* holder : free_) delete holder;
  }

  PooledMessageAllocator(const PooledMessageAllocator&) = delete;
  PooledMessageAllocator& operator=(const PooledMessageAllocator&) = delete;

  grpc::MessageHolder<Request, Response>* AllocateMessages() override {
    Holder* holder = nullptr;
    {
      absl::MutexLock lock(&mu_);
      if (!free_.empty()) {
        holder = free_.back();
        free_.pop_back();
      }
    }
    if (holder == nullptr) holder = new Holder(this);
    holder->Prepare();
    return holder;
  }

 private:
  class Holder final : public grpc::MessageHolder<Request, Response> {
   public:
    explicit Holder(PooledMessageAllocator* owner) : owner_(owner) {
      if (owner_->options_.recycling == MessageRecycling::kArena) {
        first_block_.reset(new char[owner_->options_.arena_first_block_bytes]);
        google::protobuf::ArenaOptions arena_options;
        arena_options.initial_block = first_block_.get();
        arena_options.initial_block_size =
            owner_->options_.arena_first_block_bytes;
        arena_ = std::make_unique<google::protobuf::Arena>(arena_options);
      } else {
        request_ = std::make_unique<Request>();
        response_ = std::make_unique<Response>();
      }
    }

    // Sets the messages for the next call.
    void Prepare() {
      if (arena_ != nullptr) {
        this->set_request(
            google::protobuf::Arena::CreateMessage<Request>(arena_.get()));
        this->set_response(
            google::protobuf::Arena::CreateMessage<Response>(arena_.get()));
      } else {
        this->set_request(request_.get());
        this->set_response(response_.get());
      }
    }

    void Release() override {
      if (arena_ != nullptr) {
        arena_->Reset();
      } else {
        request_->Clear();
        response_->Clear();
      }
      absl::MutexLock lock(&owner_->mu_);
      owner_->free_.push_back(this);
    }

   private:
    PooledMessageAllocator* const owner_;
    std::unique_ptr<char[]> first_block_;
    // Declared after first_block_, so destroyed before it.
    std::unique_ptr<google::protobuf::Arena> arena_;
    std::unique_ptr<Request> request_;
    std::unique_ptr<Response> response_;
  };

  const PooledMessageAllocatorOptions options_;
  absl::Mutex mu_;
  std::vector<Holder*> free_ ABSL_GUARDED_BY(mu_);
};

}  // namespace scorecard::bench

#endif  // SCORECARD_TESTS_BENCHMARKS_POOLED_MESSAGE_ALLOCATOR_H_
