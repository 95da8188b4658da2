// TLS certificates and keys read from PEM files and checked before the
// server uses them: a server identity (private key and certificate chain) and
// a bundle of certificate authorities (the client CA for mutual TLS).
//
//   absl::StatusOr<ServerIdentity> identity =
//       ReadServerIdentity("/etc/scorecard/tls/tls.crt",
//                          "/etc/scorecard/tls/tls.key");
//   // identity->serial == "1001", identity->not_after == ...
//
// The checks are what gRPC 1.51 does not do when certificate files change
// under it: a file caught half-written, a key that belongs to another
// certificate (the key rotated before the certificate), an expired
// certificate, a bundle with no certificate in it. Each is refused with
// INVALID_ARGUMENT naming the file, so that the caller can keep serving what
// it had (tls_credentials.h).
//
// Thread-safety: free functions with no shared state, safe for concurrent
// use.

#ifndef SCORECARD_SERVICE_CERTIFICATE_FILES_H_
#define SCORECARD_SERVICE_CERTIFICATE_FILES_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace scorecard::service {

// The largest certificate, key or bundle file read, in bytes.
inline constexpr size_t kMaxCertificateFileBytes = size_t{1} << 20;

// A server's TLS identity, checked.
struct ServerIdentity {
  // The private key, PEM, as read.
  std::string private_key_pem;
  // The certificate chain, PEM, as read: the server's certificate first.
  std::string certificate_chain_pem;
  // The server certificate's serial number, upper-case hex ("1001").
  std::string serial;
  // Its subject, one line ("CN=scorecardd").
  std::string subject;
  // When it expires.
  absl::Time not_after;
};

// Reads the certificate chain at `cert_path` and the private key at
// `key_path` and checks that the chain is whole PEM (one certificate at
// least, none cut short), the key is a whole PEM private key, the key is the
// first certificate's, and that certificate has not expired.
absl::StatusOr<ServerIdentity> ReadServerIdentity(const std::string& cert_path,
                                                  const std::string& key_path);

// A bundle of certificate authorities, checked.
struct CertificateAuthorities {
  // The bundle, PEM, as read.
  std::string pem;
  // How many certificates it holds (at least one).
  int count = 0;
};

// Reads the PEM bundle at `path` and checks that it holds one certificate at
// least and none cut short.
absl::StatusOr<CertificateAuthorities> ReadCertificateAuthorities(
    const std::string& path);

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_CERTIFICATE_FILES_H_
