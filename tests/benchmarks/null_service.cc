#include "tests/benchmarks/null_service.h"

namespace scorecard::bench {
namespace {

namespace v1 = ::scorecard::v1;

// The stream: one operation outstanding at a time, as in
// service/scorecard_service_impl.cc.
class NullStreamReactor final
    : public grpc::ServerBidiReactor<v1::ValidateScorecardsRequest,
                                     v1::ValidateScorecardsResponse> {
 public:
  NullStreamReactor() { StartRead(&request_); }

  void OnReadDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status::OK);
      return;
    }
    response_.Clear();
    response_.set_correlation_id(request_.correlation_id());
    response_.mutable_result();
    StartWrite(&response_);
  }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status(grpc::StatusCode::CANCELLED, "write failed"));
      return;
    }
    StartRead(&request_);
  }

  void OnDone() override { delete this; }

 private:
  v1::ValidateScorecardsRequest request_;
  v1::ValidateScorecardsResponse response_;
};

}  // namespace

grpc::ServerUnaryReactor* NullCallbackService::ValidateScorecard(
    grpc::CallbackServerContext* context,
    const v1::ValidateScorecardRequest* request,
    v1::ValidateScorecardResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerBidiReactor<v1::ValidateScorecardsRequest,
                        v1::ValidateScorecardsResponse>*
NullCallbackService::ValidateScorecards(grpc::CallbackServerContext* context) {
  return new NullStreamReactor();
}

}  // namespace scorecard::bench
