// A ScorecardService that answers without validating: the fastest the gRPC
// framework can serve the API's request type, against which the real
// service is measured.
//
//   NullCallbackService service;
//   grpc::ServerBuilder builder;
//   builder.RegisterService(&service);
//
// ValidateScorecard finishes OK with an empty response as soon as it is
// called. ValidateScorecards answers each request with an empty result and
// its correlation id, one at a time in order, exactly as the real callback
// service's stream does (read, answer, read the next once the write is done),
// so the two streams differ only by validation. ListRuleSets and GetRuleSet
// are UNIMPLEMENTED.
//
// Thread-safety: safe for concurrent use, as gRPC requires.

#ifndef SCORECARD_TESTS_BENCHMARKS_NULL_SERVICE_H_
#define SCORECARD_TESTS_BENCHMARKS_NULL_SERVICE_H_

#include "grpcpp/grpcpp.h"
#include "scorecard/v1/scorecard_service.grpc.pb.h"

namespace scorecard::bench {

class NullCallbackService final
    : public scorecard::v1::ScorecardService::CallbackService {
 public:
  grpc::ServerUnaryReactor* ValidateScorecard(
      grpc::CallbackServerContext* context,
      const scorecard::v1::ValidateScorecardRequest* request,
      scorecard::v1::ValidateScorecardResponse* response) override;

  grpc::ServerBidiReactor<scorecard::v1::ValidateScorecardsRequest,
                          scorecard::v1::ValidateScorecardsResponse>*
  ValidateScorecards(grpc::CallbackServerContext* context) override;
};

}  // namespace scorecard::bench

#endif  // SCORECARD_TESTS_BENCHMARKS_NULL_SERVICE_H_
