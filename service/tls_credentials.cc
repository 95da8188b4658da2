#include "service/tls_credentials.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpc/grpc_security_constants.h"
#include "grpcpp/security/tls_certificate_provider.h"
#include "grpcpp/security/tls_credentials_options.h"
#include "rules/status_macros.h"
#include "service/certificate_files.h"
#include "service/json_log.h"
#include "service/rule_store.h"

namespace scorecard::service {
namespace {

// How often gRPC's provider re-reads the staged files, in seconds (its
// smallest interval). The files are small and local.
constexpr unsigned int kProviderRefreshSeconds = 1;

// Returns a new private folder under $TMPDIR (else /tmp), named after this
// process ("scorecardd-tls-<pid>-XXXXXX") so that one left behind by a
// process that was killed can be told apart.
absl::StatusOr<std::string> MakeStagingFolder() {
  const char* tmpdir = std::getenv("TMPDIR");
  std::string pattern = absl::StrCat(
      tmpdir != nullptr && tmpdir[0] != '\0' ? tmpdir : "/tmp",
      "/scorecardd-tls-", ::getpid(), "-XXXXXX");
  if (::mkdtemp(pattern.data()) == nullptr) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot make a folder for the TLS certificates (", pattern,
        "): ", std::strerror(errno), "; set $TMPDIR to a writable folder"));
  }
  return pattern;
}

std::string FilesFingerprint(const std::vector<std::string>& paths) {
  std::string fingerprint;
  for (const std::string& path : paths) {
    absl::StrAppend(&fingerprint, path, "\n", FingerprintPath(path), "\n");
  }
  return fingerprint;
}

std::string Rfc3339(absl::Time time) {
  return absl::FormatTime(absl::RFC3339_sec, time, absl::UTCTimeZone());
}

}  // namespace

absl::Status CheckTlsOptions(const TlsOptions& options) {
  if (options.cert_file.empty() != options.key_file.empty()) {
    return absl::InvalidArgumentError(
        "TLS needs both a certificate file (--tls_cert_file) and its key "
        "file (--tls_key_file)");
  }
  if (!options.client_ca_file.empty() && options.cert_file.empty()) {
    return absl::InvalidArgumentError(
        "a client CA (--tls_client_ca_file) needs TLS: give --tls_cert_file "
        "and --tls_key_file too");
  }
  if (options.reload_interval <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        absl::StrCat("tls_reload_interval must be positive, not ",
                     absl::FormatDuration(options.reload_interval)));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<TlsCredentials>> TlsCredentials::Create(
    TlsOptions options) {
  SCORECARD_RETURN_IF_ERROR(CheckTlsOptions(options));
  if (!options.enabled()) {
    return absl::InvalidArgumentError("TLS is not configured");
  }
  std::unique_ptr<TlsCredentials> tls(new TlsCredentials(std::move(options)));
  SCORECARD_ASSIGN_OR_RETURN(tls->staging_dir_, MakeStagingFolder());
  tls->staged_identity_ = tls->staging_dir_ + "/identity.pem";
  tls->staged_client_ca_ = tls->staging_dir_ + "/client-ca.pem";
  SCORECARD_RETURN_IF_ERROR(tls->Refresh(/*first=*/true));

  // The provider reads the private key and the certificate chain from the
  // same staged file (PEM readers skip the other kind of block).
  namespace experimental = ::grpc::experimental;
  tls->provider_ =
      tls->mutual()
          ? std::make_shared<experimental::FileWatcherCertificateProvider>(
                tls->staged_identity_, tls->staged_identity_,
                tls->staged_client_ca_, kProviderRefreshSeconds)
          : std::make_shared<experimental::FileWatcherCertificateProvider>(
                tls->staged_identity_, tls->staged_identity_,
                kProviderRefreshSeconds);
  experimental::TlsServerCredentialsOptions credentials_options(
      tls->provider_);
  credentials_options.watch_identity_key_cert_pairs();
  if (tls->mutual()) {
    credentials_options.watch_root_certs();
    credentials_options.set_cert_request_type(
        GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  } else {
    credentials_options.set_cert_request_type(
        GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  }
  tls->server_credentials_ =
      experimental::TlsServerCredentials(credentials_options);
  if (tls->server_credentials_ == nullptr) {
    return absl::InternalError("gRPC could not make TLS server credentials");
  }
  tls->watcher_ = std::thread([raw = tls.get()] { raw->Watch(); });
  return tls;
}

TlsCredentials::~TlsCredentials() {
  stop_.Notify();
  if (watcher_.joinable()) watcher_.join();
  server_credentials_.reset();
  provider_.reset();
  if (!staging_dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(staging_dir_, ignored);
  }
}

void TlsCredentials::Watch() {
  while (!stop_.WaitForNotificationWithTimeout(options_.reload_interval)) {
    Refresh(/*first=*/false).IgnoreError();  // Outcomes are logged.
  }
}

// Each part (the identity; the client CA) is checked only when its files'
// fingerprint changed, and staged only when sound. The fingerprint is taken
// before reading, so a change during the read is seen at the next poll; it
// is kept even when the files are refused, so that a refusal is logged once
// and the files are checked again as soon as they change.
absl::Status TlsCredentials::Refresh(bool first) {
  absl::MutexLock lock(&mu_);
  std::vector<std::string> refusals;
  LogEvent loaded(LogLevel::kInfo, "tls_certificates_loaded");
  bool changed = false;

  std::string identity_fingerprint =
      FilesFingerprint({options_.cert_file, options_.key_file});
  if (identity_fingerprint != identity_fingerprint_) {
    identity_fingerprint_ = std::move(identity_fingerprint);
    absl::StatusOr<ServerIdentity> identity =
        ReadServerIdentity(options_.cert_file, options_.key_file);
    absl::Status staged =
        identity.ok()
            ? StageIdentity(absl::StrCat(identity->private_key_pem, "\n",
                                         identity->certificate_chain_pem))
            : identity.status();
    if (first && !staged.ok()) return staged;
    if (staged.ok()) {
      serial_ = identity->serial;
      loaded.Add("cert_file", options_.cert_file)
          .Add("serial", identity->serial)
          .Add("subject", identity->subject)
          .Add("not_after", Rfc3339(identity->not_after));
      changed = true;
    } else {
      refusals.push_back(std::string(staged.message()));
    }
  }

  if (mutual()) {
    std::string client_ca_fingerprint =
        FilesFingerprint({options_.client_ca_file});
    if (client_ca_fingerprint != client_ca_fingerprint_) {
      client_ca_fingerprint_ = std::move(client_ca_fingerprint);
      absl::StatusOr<CertificateAuthorities> authorities =
          ReadCertificateAuthorities(options_.client_ca_file);
      absl::Status staged =
          authorities.ok() ? StageClientCa(authorities->pem)
                           : authorities.status();
      if (first && !staged.ok()) return staged;
      if (staged.ok()) {
        loaded.Add("client_ca_file", options_.client_ca_file)
            .Add("client_ca_certificates", int64_t{authorities->count});
        changed = true;
      } else {
        refusals.push_back(std::string(staged.message()));
      }
    }
  }

  if (changed) loaded.Write();
  if (!refusals.empty()) {
    LogEvent(LogLevel::kError, "tls_certificates_refused")
        .Add("reasons", refusals)
        .Add("serving_serial", serial_)
        .Write();
    return absl::InvalidArgumentError(refusals.front());
  }
  return absl::OkStatus();
}

absl::Status TlsCredentials::StageIdentity(const std::string& pem) {
  return Stage(staged_identity_, pem);
}

absl::Status TlsCredentials::StageClientCa(const std::string& pem) {
  return Stage(staged_client_ca_, pem);
}

// Written beside, stamped, then renamed over the staged file: the provider
// sees the old content or the new, whole, and a modification time it has not
// seen before (so that a rename between its reads is caught by its
// before-and-after comparison).
absl::Status TlsCredentials::Stage(const std::string& path,
                                   const std::string& content) {
  const std::string temporary = path + ".new";
  const int fd =
      ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot write ", temporary, ": ", std::strerror(errno)));
  }
  size_t written = 0;
  while (written < content.size()) {
    const ssize_t n =
        ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  last_stamp_ = std::max(last_stamp_ + 1, absl::ToUnixSeconds(absl::Now()));
  const struct timespec stamp[2] = {{last_stamp_, 0}, {last_stamp_, 0}};
  const bool ok = written == content.size() && ::futimens(fd, stamp) == 0;
  const int saved_errno = errno;
  ::close(fd);
  if (!ok || ::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = ok ? errno : saved_errno;
    ::unlink(temporary.c_str());
    return absl::FailedPreconditionError(
        absl::StrCat("cannot stage ", path, ": ", std::strerror(error)));
  }
  return absl::OkStatus();
}

}  // namespace scorecard::service
