// Who made a call, for the decision and access logs: the peer address, and
// the identity its client certificate proves when the call came over mutual
// TLS.
//
//   const Caller caller = CallerOf(*context);
//   // caller.peer: "ipv4:10.1.2.3:51234"; caller.identity:
//   // "spiffe://ministry.example/agency-42" (mTLS), "" (plaintext)
//
// The identity is read from gRPC's AuthContext: the values of its peer
// identity property (for TLS, the certificate's subject alternative names,
// else its common name), joined with ",". A plaintext call, or a TLS call
// without a verified client certificate, has none. Until the server serves
// TLS (the transport-security work), every call is plaintext and the
// identity is always empty; the function needs no change for TLS.
//
// Thread-safety: pure functions of their argument.

#ifndef SCORECARD_SERVICE_CALLER_IDENTITY_H_
#define SCORECARD_SERVICE_CALLER_IDENTITY_H_

#include <string>

#include "grpcpp/security/auth_context.h"
#include "grpcpp/server_context.h"

namespace scorecard::service {

struct Caller {
  // gRPC's peer address, valid UTF-8 ("ipv4:127.0.0.1:50123").
  std::string peer;
  // The authenticated identity; empty when none. Valid UTF-8.
  std::string identity;
};

// Returns the identity `auth` proves: empty unless the peer is
// authenticated.
std::string PeerIdentity(const grpc::AuthContext& auth);

// Returns the caller of the call `context` serves.
Caller CallerOf(const grpc::ServerContextBase& context);

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_CALLER_IDENTITY_H_
