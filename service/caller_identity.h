// Who made a call: the peer address, and the identities its client
// certificate proves when the call came over mutual TLS. The decision and
// access logs record them; the admin service lets callers in by them
// (admin_auth.h).
//
//   const Caller caller = CallerOf(*context);
//   // caller.peer: "ipv4:10.1.2.3:51234"; caller.identity:
//   // "spiffe://ministry.example/agency-42" (mTLS), "" (plaintext)
//
// A certificate's identities are its DNS and URI subject alternative names
// or, when it has no subject alternative name at all, its common name, read
// from gRPC's AuthContext. A plaintext call, or a TLS call without a
// verified client certificate, has none.
//
// Thread-safety: pure functions of their argument.

#ifndef SCORECARD_SERVICE_CALLER_IDENTITY_H_
#define SCORECARD_SERVICE_CALLER_IDENTITY_H_

#include <string>
#include <vector>

#include "grpcpp/security/auth_context.h"
#include "grpcpp/server_context.h"

namespace scorecard::service {

struct Caller {
  // gRPC's peer address, valid UTF-8 ("ipv4:127.0.0.1:50123").
  std::string peer;
  // The certificate's identities joined with ","; empty when none. Valid
  // UTF-8, each identity at most rules::kMaxEchoedCharacters long.
  std::string identity;
};

// Returns the identities of the verified client certificate `auth`
// describes, as the certificate holds them (see above); empty when there is
// none.
std::vector<std::string> CertificateIdentities(const grpc::AuthContext& auth);

// Returns the identities of the verified client certificate of the
// connection of the call `context` serves; empty when there is none.
std::vector<std::string> CertificateIdentities(
    const grpc::ServerContextBase& context);

// Returns CertificateIdentities(auth) as Caller::identity holds them.
std::string IdentityText(const grpc::AuthContext& auth);

// Returns the caller of the call `context` serves.
Caller CallerOf(const grpc::ServerContextBase& context);

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_CALLER_IDENTITY_H_
