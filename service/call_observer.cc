#include "service/call_observer.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/byte_buffer.h"
#include "rules/utf8.h"

namespace scorecard::service {
namespace {

using ::grpc::experimental::InterceptionHookPoints;

// The methods whose requests arrive as grpc::ByteBuffer (registered raw), so
// that the observer can count their bytes.
bool RequestsAreRawBytes(absl::string_view method) {
  return absl::StartsWith(method, "/scorecard.v1.ScorecardService/");
}

class CallObserver final : public grpc::experimental::Interceptor {
 public:
  CallObserver(grpc::experimental::ServerRpcInfo* info, Metrics* metrics,
               AccessLog* access_log)
      : context_(info->server_context()),
        metrics_(metrics != nullptr ? &metrics->ForMethod(MethodOf(info))
                                    : nullptr),
        access_log_(access_log),
        raw_requests_(RequestsAreRawBytes(MethodOf(info))),
        start_(absl::Now()) {
    // Copied only for the log: the metrics were looked up by it above.
    if (access_log_ != nullptr) method_name_ = std::string(MethodOf(info));
    if (metrics_ != nullptr) metrics_->started->Increment();
  }

  ~CallObserver() override {
    const absl::Duration duration = absl::Now() - start_;
    if (metrics_ != nullptr) {
      metrics_->handled[static_cast<int>(code_)]->Increment();
      metrics_->handling_seconds->Observe(absl::ToDoubleSeconds(duration));
    }
    if (access_log_ != nullptr) {
      CallRecord record;
      record.method = method_name_;
      record.peer = std::move(peer_);
      record.code = code_;
      record.duration = duration;
      record.bytes_in = bytes_in_;
      record.bytes_out = bytes_out_;
      record.messages_in = messages_in_;
      record.messages_out = messages_out_;
      access_log_->Write(context_, record);
    }
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (access_log_ != nullptr && peer_.empty() &&
        methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      peer_ = rules::ToValidUtf8(context_->peer());
    }
    // A read that found no message (the client half-closed, or the call
    // broke) passes here too, with no message.
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::POST_RECV_MESSAGE) &&
        methods->GetRecvMessage() != nullptr) {
      ++messages_in_;
      if (metrics_ != nullptr) metrics_->received->Increment();
      if (access_log_ != nullptr && raw_requests_) {
        bytes_in_ += static_cast<int64_t>(
            static_cast<const grpc::ByteBuffer*>(methods->GetRecvMessage())
                ->Length());
      }
    }
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_MESSAGE)) {
      ++messages_out_;
      if (metrics_ != nullptr) metrics_->sent->Increment();
      if (access_log_ != nullptr) {
        if (const grpc::ByteBuffer* bytes = methods->GetSerializedSendMessage()) {
          bytes_out_ += static_cast<int64_t>(bytes->Length());
        }
      }
    }
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_STATUS)) {
      code_ = methods->GetSendStatus().error_code();
    }
    methods->Proceed();
  }

 private:
  static absl::string_view MethodOf(grpc::experimental::ServerRpcInfo* info) {
    return info->method() != nullptr ? info->method() : "";
  }

  std::string method_name_;
  grpc::ServerContextBase* const context_;
  MethodMetrics* const metrics_;
  AccessLog* const access_log_;
  const bool raw_requests_;
  const absl::Time start_;
  // The call was torn down unless a status is seen.
  grpc::StatusCode code_ = grpc::StatusCode::CANCELLED;
  std::string peer_;
  int64_t bytes_in_ = 0;
  int64_t bytes_out_ = 0;
  int64_t messages_in_ = 0;
  int64_t messages_out_ = 0;
};

}  // namespace

grpc::experimental::Interceptor* CallObserverFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new CallObserver(info, metrics_, access_log_);
}

}  // namespace scorecard::service
