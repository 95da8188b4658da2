// scorecardd's TLS: the server credentials for its listener, built from PEM
// files that are re-read when they change, so that certificates and the
// client CA rotate without a restart and without dropping a connection.
//
//   TlsOptions options;
//   options.cert_file = "/etc/scorecard/tls/tls.crt";
//   options.key_file = "/etc/scorecard/tls/tls.key";
//   options.client_ca_file = "/etc/scorecard/tls/ca.crt";  // mutual TLS
//   absl::StatusOr<std::unique_ptr<TlsCredentials>> tls =
//       TlsCredentials::Create(std::move(options));
//   builder.AddListeningPort(address, (*tls)->server_credentials());
//
// The listener serves TLS only, 1.2 or 1.3 (gRPC 1.51's minimum for these
// credentials is TLS 1.2). With a client CA it requires a client
// certificate that chains to that CA and refuses the handshake otherwise.
//
// How rotation works, and why this is more than gRPC's file watcher:
// gRPC 1.51's grpc::experimental::FileWatcherCertificateProvider re-reads
// files every second and hands whatever it read to new handshakes. It does
// not check that the key belongs to the certificate, and a key/certificate
// pair that does not match leaves the listener with no usable TLS context.
// So the provider never watches the operator's files. A thread here polls
// them (every reload_interval, by the fingerprint rule_store.h uses:
// inode, size, mtime, symbolic-link target, so a Kubernetes Secret volume's
// "..data" swap counts), checks them (certificate_files.h) and, only when
// they are sound, writes them into a private staging folder that the
// provider watches: key and chain together in one file, replaced by one
// rename and stamped with a modification time that differs from every
// earlier one, so the provider (which compares modification times before and
// after reading) can never read a key from one rotation and a certificate
// from another. A new connection after a rotation gets the new certificate
// within reload_interval plus a second; established connections keep the
// session they negotiated. A half-written or mismatched pair, an expired
// certificate or an empty client CA bundle is logged
// ("tls_certificates_refused", with every reason) and the previous files
// keep serving; the next change is checked again. Successful loads log
// "tls_certificates_loaded" with the certificate's serial, subject and
// expiry.
//
// The staging folder is made under $TMPDIR (else /tmp), named
// scorecardd-tls-<pid>-XXXXXX, mode 0700, its files 0600, and removed on
// destruction (a process killed with SIGKILL leaves it behind).
//
// Thread-safety: safe for concurrent use; the polling thread is internal.
// Destroy the TlsCredentials only after the gRPC server using its
// credentials has been destroyed.

#ifndef SCORECARD_SERVICE_TLS_CREDENTIALS_H_
#define SCORECARD_SERVICE_TLS_CREDENTIALS_H_

#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "grpcpp/security/server_credentials.h"

namespace grpc::experimental {
class FileWatcherCertificateProvider;
}  // namespace grpc::experimental

namespace scorecard::service {

struct TlsOptions {
  // The server's certificate chain, PEM, its own certificate first. Empty:
  // no TLS (the listener is plaintext). Requires key_file.
  std::string cert_file;

  // The certificate's private key, PEM, unencrypted. Required with
  // cert_file.
  std::string key_file;

  // Certificate authorities, PEM, that client certificates must chain to.
  // Empty: clients are not asked for a certificate. Set: mutual TLS, a client
  // without a valid certificate is refused at the handshake. Requires
  // cert_file.
  std::string client_ca_file;

  // How often the three files are checked for changes. Must be positive.
  // Default 10 s.
  absl::Duration reload_interval = absl::Seconds(10);

  // Whether TLS is configured at all.
  bool enabled() const { return !cert_file.empty(); }
};

// Returns OK when `options` make sense: both of cert_file and key_file or
// neither; client_ca_file only with them; a positive reload_interval.
absl::Status CheckTlsOptions(const TlsOptions& options);

class TlsCredentials final {
 public:
  // Reads and checks the files, stages them and starts watching them.
  // INVALID_ARGUMENT for bad options or files that are not sound (naming
  // the file and the problem); the file's own error (NOT_FOUND,
  // PERMISSION_DENIED) when it cannot be read; FAILED_PRECONDITION when no
  // staging folder can be made.
  static absl::StatusOr<std::unique_ptr<TlsCredentials>> Create(
      TlsOptions options);

  // Stops watching and removes the staging folder.
  ~TlsCredentials();

  TlsCredentials(const TlsCredentials&) = delete;
  TlsCredentials& operator=(const TlsCredentials&) = delete;

  // Returns the credentials to listen with.
  std::shared_ptr<grpc::ServerCredentials> server_credentials() const {
    return server_credentials_;
  }

  // Whether client certificates are required (a client CA is configured).
  bool mutual() const { return !options_.client_ca_file.empty(); }

 private:
  explicit TlsCredentials(TlsOptions options) : options_(std::move(options)) {}

  // Checks the files and stages what changed and is sound; logs the outcome.
  // `first` makes any problem an error to return rather than a refusal to
  // log.
  absl::Status Refresh(bool first) ABSL_LOCKS_EXCLUDED(mu_);

  // Stages the identity or the client CA: what the provider watches.
  absl::Status StageIdentity(const std::string& pem)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status StageClientCa(const std::string& pem)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status Stage(const std::string& path, const std::string& content)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  // Polls the files until stop_ is notified.
  void Watch();

  const TlsOptions options_;
  std::string staging_dir_;
  std::string staged_identity_;  // staging_dir_/identity.pem
  std::string staged_client_ca_;  // staging_dir_/client-ca.pem

  absl::Mutex mu_;
  // Fingerprints of the operator's files at the last check.
  std::string identity_fingerprint_ ABSL_GUARDED_BY(mu_);
  std::string client_ca_fingerprint_ ABSL_GUARDED_BY(mu_);
  // The serial number of the certificate staged, for logs.
  std::string serial_ ABSL_GUARDED_BY(mu_);
  // The modification time, in seconds, given to the last staged file; each
  // staged file gets a later one.
  int64_t last_stamp_ ABSL_GUARDED_BY(mu_) = 0;

  std::shared_ptr<grpc::experimental::FileWatcherCertificateProvider>
      provider_;
  std::shared_ptr<grpc::ServerCredentials> server_credentials_;
  absl::Notification stop_;
  std::thread watcher_;
};

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_TLS_CREDENTIALS_H_
