#include "service/caller_identity.h"

#include <memory>

#include "absl/strings/string_view.h"
#include "grpc/grpc_security_constants.h"
#include "rules/utf8.h"

namespace scorecard::service {
namespace {

std::vector<std::string> PropertyValues(const grpc::AuthContext& auth,
                                        const char* name) {
  std::vector<std::string> values;
  for (const grpc::string_ref& value : auth.FindPropertyValues(name)) {
    values.emplace_back(value.data(), value.size());
  }
  return values;
}

}  // namespace

std::vector<std::string> CertificateIdentities(const grpc::AuthContext& auth) {
  if (!auth.IsPeerAuthenticated()) return {};
  // No client certificate, no x509 properties (a TLS connection without
  // one still has its transport properties).
  if (PropertyValues(auth, GRPC_X509_PEM_CERT_PROPERTY_NAME).empty()) return {};
  std::vector<std::string> identities =
      PropertyValues(auth, GRPC_PEER_DNS_PROPERTY_NAME);
  for (std::string& uri : PropertyValues(auth, GRPC_PEER_URI_PROPERTY_NAME)) {
    identities.push_back(std::move(uri));
  }
  if (identities.empty() &&
      PropertyValues(auth, GRPC_X509_SAN_PROPERTY_NAME).empty()) {
    identities = PropertyValues(auth, GRPC_X509_CN_PROPERTY_NAME);
  }
  return identities;
}

std::vector<std::string> CertificateIdentities(
    const grpc::ServerContextBase& context) {
  const std::shared_ptr<const grpc::AuthContext> auth = context.auth_context();
  if (auth == nullptr) return {};
  return CertificateIdentities(*auth);
}

std::string IdentityText(const grpc::AuthContext& auth) {
  std::string text;
  for (const std::string& identity : CertificateIdentities(auth)) {
    if (!text.empty()) text += ",";
    text += rules::QuoteText(identity, rules::kMaxEchoedCharacters);
  }
  return text;
}

Caller CallerOf(const grpc::ServerContextBase& context) {
  Caller caller;
  caller.peer = rules::ToValidUtf8(context.peer());
  const std::shared_ptr<const grpc::AuthContext> auth = context.auth_context();
  if (auth != nullptr) caller.identity = IdentityText(*auth);
  return caller;
}

}  // namespace scorecard::service
