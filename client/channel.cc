#include "client/channel.h"

#include <utility>

#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace scorecard::client {

// round_robin: one connection to every address, calls spread over the ready
// ones (pick_first, the default, would send everything to one replica).
// retryPolicy: backoff 0.1 s, 0.2 s, 0.4 s, 0.8 s (each randomised down to
// zero by gRPC), within the call's own deadline. retryThrottling is left out
// on purpose: a replica killed under load fails every call it holds at once,
// and those are exactly the calls to retry.
const char kScorecardServiceConfig[] = R"json({
  "loadBalancingConfig": [{"round_robin": {}}],
  "methodConfig": [{
    "name": [{"service": "scorecard.v1.ScorecardService"}],
    "retryPolicy": {
      "maxAttempts": 5,
      "initialBackoff": "0.1s",
      "maxBackoff": "1s",
      "backoffMultiplier": 2,
      "retryableStatusCodes": ["UNAVAILABLE", "CANCELLED"]
    }
  }]
})json";

std::shared_ptr<grpc::Channel> NewScorecardChannel(
    const std::string& target,
    std::shared_ptr<grpc::ChannelCredentials> credentials,
    grpc::ChannelArguments arguments) {
  arguments.SetServiceConfigJSON(kScorecardServiceConfig);
  return grpc::CreateCustomChannel(target, std::move(credentials), arguments);
}

}  // namespace scorecard::client
