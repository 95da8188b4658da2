// gRPC channels for the TLS tests: to a server whose certificate the test's
// authority signed, with or without a client certificate, each with a
// connection of its own, and the serial number of the certificate the server
// presented on a call.
//
//   std::shared_ptr<grpc::Channel> channel =
//       TlsChannel(address, certs.ca, &certs.admin_client);
//   grpc::ClientContext context;
//   ... call ...
//   PeerCertificateSerial(context)   // "1001"
//
// Thread-safety: free functions.

#ifndef SCORECARD_TESTS_TESTING_TLS_CHANNEL_H_
#define SCORECARD_TESTS_TESTING_TLS_CHANNEL_H_

#include <memory>
#include <string>

#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/channel_arguments.h"
#include "tests/testing/certificates.h"

namespace scorecard::testing {

// Returns a TLS channel to `address` trusting the PEM authorities in the file
// `ca`, presenting `client` (may be null: no client certificate), on a
// connection no other channel shares. `args` are added.
std::shared_ptr<grpc::Channel> TlsChannel(
    const std::string& address, const std::string& ca, const KeyPair* client,
    grpc::ChannelArguments args = grpc::ChannelArguments());

// Returns a plaintext channel to `address`, on a connection of its own.
std::shared_ptr<grpc::Channel> PlaintextChannel(
    const std::string& address,
    grpc::ChannelArguments args = grpc::ChannelArguments());

// Returns the serial of the certificate the server presented on the call of
// `context` (after the call), as CertificateSerial() gives it; empty when
// there is none.
std::string PeerCertificateSerial(const grpc::ClientContext& context);

}  // namespace scorecard::testing

#endif  // SCORECARD_TESTS_TESTING_TLS_CHANNEL_H_
