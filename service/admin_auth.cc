#include "service/admin_auth.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "rules/text_file.h"
#include "rules/utf8.h"
#include "service/caller_identity.h"
#include "service/json_log.h"
#include "service/rule_store.h"

namespace scorecard::service {
namespace {

// The shortest token accepted: a guessable token is no lock.
constexpr size_t kMinTokenLength = 16;
// The largest token file read.
constexpr size_t kMaxTokenFileBytes = 4096;

std::array<unsigned char, 32> Sha256(absl::string_view text) {
  std::array<unsigned char, 32> digest;
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(),
         digest.data());
  return digest;
}

// Returns the tokens of the call's "authorization: Bearer <token>" headers
// (the scheme's case ignored, as HTTP does).
std::vector<std::string> BearerTokens(const grpc::ServerContextBase& context) {
  std::vector<std::string> tokens;
  const auto range = context.client_metadata().equal_range("authorization");
  for (auto it = range.first; it != range.second; ++it) {
    absl::string_view value(it->second.data(), it->second.size());
    value = absl::StripAsciiWhitespace(value);
    constexpr absl::string_view kScheme = "bearer ";
    if (value.size() > kScheme.size() &&
        absl::EqualsIgnoreCase(value.substr(0, kScheme.size()), kScheme)) {
      tokens.emplace_back(
          absl::StripLeadingAsciiWhitespace(value.substr(kScheme.size())));
    } else {
      tokens.emplace_back();  // Present but not a bearer token: never valid.
    }
  }
  return tokens;
}

}  // namespace

// Reads the token of the file `path`; errors name the file.
absl::StatusOr<std::string> AdminAuthenticator::ReadToken(
    const std::string& path) {
  absl::StatusOr<std::string> content =
      rules::ReadTextFile(path, kMaxTokenFileBytes);
  if (!content.ok()) return content.status();
  absl::StatusOr<std::string> token = ParseAdminToken(*content);
  if (!token.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": no admin token: ", token.status().message()));
  }
  return token;
}

absl::StatusOr<std::string> ParseAdminToken(absl::string_view content) {
  const absl::string_view token = absl::StripAsciiWhitespace(content);
  if (token.empty()) return absl::InvalidArgumentError("it is empty");
  for (const char c : token) {
    if (c <= ' ' || c > '~') {
      return absl::InvalidArgumentError(
          "a token is one line of printable ASCII without spaces");
    }
  }
  if (token.size() < kMinTokenLength) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the token has ", token.size(), " characters; the least is ",
        kMinTokenLength));
  }
  return std::string(token);
}

absl::StatusOr<std::unique_ptr<AdminAuthenticator>> AdminAuthenticator::Create(
    AdminAuthOptions options) {
  if (!options.enabled()) {
    return absl::InvalidArgumentError(
        "the admin service needs a token file or client identities");
  }
  for (const std::string& identity : options.client_identities) {
    if (identity.empty()) {
      return absl::InvalidArgumentError(
          "admin_client_identities holds an empty identity");
    }
  }
  std::unique_ptr<AdminAuthenticator> auth(
      new AdminAuthenticator(std::move(options)));
  if (!auth->options_.token_file.empty()) {
    // The first read must succeed: a server should not start with a token
    // file nobody can use.
    absl::MutexLock lock(&auth->mu_);
    auth->token_fingerprint_ = FingerprintPath(auth->options_.token_file);
    absl::StatusOr<std::string> token = ReadToken(auth->options_.token_file);
    if (!token.ok()) return token.status();
    auth->token_digest_ = Sha256(*token);
  }
  return auth;
}

// The fingerprint is taken before reading, so that a change during the read
// is seen at the next call.
std::optional<AdminAuthenticator::Digest> AdminAuthenticator::CurrentToken() {
  absl::MutexLock lock(&mu_);
  std::string fingerprint = FingerprintPath(options_.token_file);
  if (fingerprint == token_fingerprint_) return token_digest_;
  token_fingerprint_ = std::move(fingerprint);
  absl::StatusOr<std::string> token = ReadToken(options_.token_file);
  if (!token.ok()) {
    token_digest_.reset();
    LogEvent(LogLevel::kError, "admin_token_refused")
        .Add("token_file", options_.token_file)
        .Add("reason", token.status().message())
        .Write();
    return std::nullopt;
  }
  token_digest_ = Sha256(*token);
  LogEvent(LogLevel::kInfo, "admin_token_loaded")
      .Add("token_file", options_.token_file)
      .Write();
  return token_digest_;
}

absl::StatusOr<std::string> AdminAuthenticator::Authenticate(
    const grpc::ServerContextBase& context) {
  if (!options_.token_file.empty()) {
    const std::vector<std::string> presented = BearerTokens(context);
    if (!presented.empty()) {
      const std::optional<Digest> expected = CurrentToken();
      bool match = false;
      for (const std::string& token : presented) {
        const Digest digest = Sha256(token);
        // Every presented token is compared, match or not.
        match |= expected.has_value() &&
                 CRYPTO_memcmp(digest.data(), expected->data(),
                               digest.size()) == 0;
      }
      if (match) return std::string("bearer token");
      return absl::UnauthenticatedError(
          "the admin bearer token is not valid");
    }
  }
  if (!options_.client_identities.empty()) {
    const std::vector<std::string> identities =
        CertificateIdentities(context);
    if (!identities.empty()) {
      for (const std::string& identity : identities) {
        if (std::find(options_.client_identities.begin(),
                      options_.client_identities.end(),
                      identity) != options_.client_identities.end()) {
          return absl::StrCat("client certificate ", identity);
        }
      }
      std::vector<std::string> quoted;
      for (const std::string& identity : identities) {
        quoted.push_back(absl::StrCat("\"", rules::QuoteText(identity), "\""));
        if (quoted.size() == 3) break;
      }
      return absl::PermissionDeniedError(absl::StrCat(
          "the client certificate (", absl::StrJoin(quoted, ", "),
          ") is not allowed to call the admin service"));
    }
  }
  return absl::UnauthenticatedError(absl::StrCat(
      "the admin service needs credentials: ",
      options_.token_file.empty() ? ""
                                  : "an \"authorization: Bearer <token>\" header",
      !options_.token_file.empty() && !options_.client_identities.empty()
          ? ", or "
          : "",
      options_.client_identities.empty() ? ""
                                         : "an allowed client certificate"));
}

}  // namespace scorecard::service
