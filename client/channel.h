// The gRPC channel scorecardctl talks to scorecardd over, with the service
// config every client of scorecardd should use (docs/deploy.md shows it for
// Go, Python and Java):
//
//   std::shared_ptr<grpc::Channel> channel =
//       NewScorecardChannel("dns:///scorecardd-headless.scorecard:50051");
//
// The target is any gRPC target: "host:port", "dns:///host:port" (every
// address the name resolves to), "ipv4:127.0.0.1:5001,127.0.0.1:5002",
// "unix:/run/scorecardd.sock". Calls are spread over every address with
// round_robin, and a call that fails UNAVAILABLE (a replica gone, or going)
// or CANCELLED (refused by a replica as it shuts down) is retried, on the next
// replica, up to five attempts in all: every ScorecardService RPC is
// idempotent, so a retry never does anything twice. A gRPC retry covers
// a call until its first response arrives: all of a unary call, and a
// ValidateScorecards stream until the server's first answer.
//
// This is the one function that makes scorecardctl's channels: plaintext by
// default, TLS with the credentials client/server_connection.h builds from
// scorecardctl's --tls-* flags.
//
// Thread-safety: a channel is safe for concurrent use.

#ifndef SCORECARD_CLIENT_CHANNEL_H_
#define SCORECARD_CLIENT_CHANNEL_H_

#include <memory>
#include <string>

#include "grpcpp/channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace scorecard::client {

// The service config (gRPC's JSON form) of NewScorecardChannel.
extern const char kScorecardServiceConfig[];

// Returns a channel to `target` with kScorecardServiceConfig, over
// `credentials` (plaintext unless given), with `arguments` added.
std::shared_ptr<grpc::Channel> NewScorecardChannel(
    const std::string& target,
    std::shared_ptr<grpc::ChannelCredentials> credentials =
        grpc::InsecureChannelCredentials(),
    grpc::ChannelArguments arguments = grpc::ChannelArguments());

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_CHANNEL_H_
