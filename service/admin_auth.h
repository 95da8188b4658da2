// Who may call scorecardd's admin service: callers with the bearer token, and
// callers whose client certificate (mutual TLS) carries an allowed identity.
//
//   AdminAuthOptions options;
//   options.token_file = "/etc/scorecard/admin-token";
//   options.client_identities = {"spiffe://agency.example/ops"};
//   absl::StatusOr<std::unique_ptr<AdminAuthenticator>> auth =
//       AdminAuthenticator::Create(std::move(options));
//   absl::StatusOr<std::string> caller = (*auth)->Authenticate(*context);
//
// The rules, in order:
//   1. With a token file configured, a call carrying "authorization: Bearer
//      <token>" is let in when the token is the file's, and refused with
//      UNAUTHENTICATED when it is not (a wrong credential is never passed
//      over for another). The comparison takes the same time whatever the
//      token (SHA-256 digests compared with CRYPTO_memcmp).
//   2. With client identities configured, a call over a connection whose
//      client certificate was verified (mutual TLS) is let in when one of the
//      certificate's identities is on the list, and refused with
//      PERMISSION_DENIED when none is: the caller is known, but not allowed.
//      A certificate's identities are its DNS and URI subject alternative
//      names or, when it has no subject alternative name at all, its common
//      name (caller_identity.h).
//   3. Anything else (no token, no certificate) is UNAUTHENTICATED.
// Messages say what is missing or wrong, never the token nor a path.
//
// The token file holds the token on its first line (surrounding white space,
// a final newline included, is ignored): printable ASCII without spaces, 16
// characters at least. It is re-read when it changes (its fingerprint, as
// rule_store.h takes one: inode, size, mtime, symbolic-link target), at the
// next admin call, so a token rotates without a restart: the old token stops
// working and the new one works from the first call after the file changed.
// A file that becomes unreadable or holds no valid token lets no token in
// until it is fixed (logged once per change as "admin_token_refused"); a good
// new token is logged as "admin_token_loaded" (never the token itself).
//
// Thread-safety: Authenticate() is safe for concurrent use without external
// locking.

#ifndef SCORECARD_SERVICE_ADMIN_AUTH_H_
#define SCORECARD_SERVICE_ADMIN_AUTH_H_

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/server_context.h"

namespace scorecard::service {

struct AdminAuthOptions {
  // A file holding the admin bearer token. Empty: no token is accepted.
  std::string token_file;

  // Client certificate identities allowed to call the admin service. Empty:
  // no certificate is accepted. Needs mutual TLS (a client CA), which
  // Server::Create checks.
  std::vector<std::string> client_identities;

  // Whether any way to authenticate is configured: the admin service is
  // served only then.
  bool enabled() const {
    return !token_file.empty() || !client_identities.empty();
  }
};

// Returns the token of a token file's content (see above), or
// INVALID_ARGUMENT saying why it holds none.
absl::StatusOr<std::string> ParseAdminToken(absl::string_view content);

class AdminAuthenticator final {
 public:
  // Reads the token file, if any. Fails, naming the file, when it cannot be
  // read or holds no valid token; INVALID_ARGUMENT when nothing is
  // configured or an identity is empty.
  static absl::StatusOr<std::unique_ptr<AdminAuthenticator>> Create(
      AdminAuthOptions options);

  AdminAuthenticator(const AdminAuthenticator&) = delete;
  AdminAuthenticator& operator=(const AdminAuthenticator&) = delete;

  // Decides whether the call may use the admin service (see above).
  // Returns who the caller is, for logs ("bearer token", or "client
  // certificate spiffe://..."), or UNAUTHENTICATED / PERMISSION_DENIED.
  absl::StatusOr<std::string> Authenticate(
      const grpc::ServerContextBase& context) ABSL_LOCKS_EXCLUDED(mu_);

 private:
  using Digest = std::array<unsigned char, 32>;

  explicit AdminAuthenticator(AdminAuthOptions options)
      : options_(std::move(options)) {}

  // Returns the token in the file `path`, or why there is none (naming the
  // file).
  static absl::StatusOr<std::string> ReadToken(const std::string& path);

  // Re-reads the token file when its fingerprint changed; logs the outcome.
  // Returns the digest of the token in force, or nullopt when there is none.
  std::optional<Digest> CurrentToken() ABSL_LOCKS_EXCLUDED(mu_);

  const AdminAuthOptions options_;

  absl::Mutex mu_;
  std::string token_fingerprint_ ABSL_GUARDED_BY(mu_);
  std::optional<Digest> token_digest_ ABSL_GUARDED_BY(mu_);
};

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_ADMIN_AUTH_H_
