// ValidateScorecard on gRPC's typed callback API over a ScorecardHandler: gRPC
// parses the request into a message it allocates, so a grpc::MessageAllocator
// (PooledMessageAllocator) can recycle the messages. scorecardd registers its
// methods raw and parses the bytes itself (service/message_bytes.h), which
// takes the allocator out of its reach; this service keeps the pooled
// proposal measurable beside it.
//
//   TypedCallbackService service(&handler);
//   service.SetMessageAllocatorFor_ValidateScorecard(&allocator);
//   builder.RegisterService(&service);
//
// A request that does not parse gets gRPC 1.51's UNIMPLEMENTED here: this is
// a measurement harness, not a server to deploy. The other RPCs are
// UNIMPLEMENTED.
//
// Thread-safety: safe for concurrent use, as gRPC requires. The handler must
// outlive the server the service is registered with.

#ifndef SCORECARD_TESTS_BENCHMARKS_TYPED_CALLBACK_SERVICE_H_
#define SCORECARD_TESTS_BENCHMARKS_TYPED_CALLBACK_SERVICE_H_

#include "grpcpp/grpcpp.h"
#include "scorecard/v1/scorecard_service.grpc.pb.h"
#include "service/grpc_status.h"
#include "service/scorecard_handler.h"

namespace scorecard::bench {

class TypedCallbackService final
    : public scorecard::v1::ScorecardService::CallbackService {
 public:
  explicit TypedCallbackService(const service::ScorecardHandler* handler)
      : handler_(handler) {}

  grpc::ServerUnaryReactor* ValidateScorecard(
      grpc::CallbackServerContext* context,
      const scorecard::v1::ValidateScorecardRequest* request,
      scorecard::v1::ValidateScorecardResponse* response) override {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(service::ToGrpcStatus(
        handler_->ValidateScorecard(*request, response)));
    return reactor;
  }

 private:
  const service::ScorecardHandler* const handler_;
};

}  // namespace scorecard::bench

#endif  // SCORECARD_TESTS_BENCHMARKS_TYPED_CALLBACK_SERVICE_H_
