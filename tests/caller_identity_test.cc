// CertificateIdentities and IdentityText: the identities a verified client
// certificate proves, read from gRPC's AuthContext as mutual TLS fills it in
// (DNS and URI subject alternative names, else the common name); nothing for
// a peer that is not authenticated or has no certificate. Here the
// AuthContext is a small stand-in holding what gRPC's TLS context holds, to
// reach every case; real certificates over real mutual TLS are in
// scorecardd_tls_test (the decision log) and scorecardd_admin_test.

#include <map>
#include <string>
#include <vector>

#include "grpcpp/security/auth_context.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/caller_identity.h"

namespace scorecard::service {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// The iterator of no properties (its constructor is protected).
struct NoProperties : grpc::AuthPropertyIterator {
  NoProperties() = default;
};

// An AuthContext holding fixed properties, as gRPC's TLS one would.
class FixedAuthContext final : public grpc::AuthContext {
 public:
  FixedAuthContext(std::string identity_property,
                   std::multimap<std::string, std::string> properties)
      : identity_property_(std::move(identity_property)),
        properties_(std::move(properties)) {}

  bool IsPeerAuthenticated() const override {
    return !identity_property_.empty();
  }
  std::vector<grpc::string_ref> GetPeerIdentity() const override {
    return FindPropertyValues(identity_property_);
  }
  std::string GetPeerIdentityPropertyName() const override {
    return identity_property_;
  }
  std::vector<grpc::string_ref> FindPropertyValues(
      const std::string& name) const override {
    std::vector<grpc::string_ref> values;
    auto [first, last] = properties_.equal_range(name);
    for (auto it = first; it != last; ++it) values.emplace_back(it->second);
    return values;
  }
  grpc::AuthPropertyIterator begin() const override { return NoProperties(); }
  grpc::AuthPropertyIterator end() const override { return NoProperties(); }
  void AddProperty(const std::string& key,
                   const grpc::string_ref& value) override {}
  bool SetPeerIdentityPropertyName(const std::string& name) override {
    return false;
  }

 private:
  const std::string identity_property_;
  const std::multimap<std::string, std::string> properties_;
};

TEST(CertificateIdentities, AreTheDnsAndUriNamesWhenThePeerIsAuthenticated) {
  const FixedAuthContext mtls(
      "x509_subject_alternative_name",
      {{"x509_pem_cert", "-----BEGIN CERTIFICATE-----"},
       {"x509_subject_alternative_name", "spiffe://moi.go.th/agency/42"},
       {"x509_subject_alternative_name", "agency42.moi.go.th"},
       {"peer_uri", "spiffe://moi.go.th/agency/42"},
       {"peer_dns", "agency42.moi.go.th"},
       {"x509_common_name", "Agency 42"},
       {"transport_security_type", "ssl"}});
  EXPECT_THAT(CertificateIdentities(mtls),
              ElementsAre("agency42.moi.go.th", "spiffe://moi.go.th/agency/42"));
  EXPECT_EQ(IdentityText(mtls),
            "agency42.moi.go.th,spiffe://moi.go.th/agency/42");
}

TEST(CertificateIdentities, AreTheCommonNameOnlyWithoutAnyAlternativeName) {
  const FixedAuthContext common_name(
      "x509_common_name", {{"x509_pem_cert", "-----BEGIN CERTIFICATE-----"},
                           {"x509_common_name", "Agency 42"}});
  EXPECT_THAT(CertificateIdentities(common_name), ElementsAre("Agency 42"));
  // An IP address is an alternative name but not an identity; the common
  // name is then not one either.
  const FixedAuthContext ip_only(
      "x509_subject_alternative_name",
      {{"x509_pem_cert", "-----BEGIN CERTIFICATE-----"},
       {"x509_subject_alternative_name", "10.1.2.3"},
       {"x509_common_name", "Agency 42"}});
  EXPECT_THAT(CertificateIdentities(ip_only), IsEmpty());
}

TEST(CertificateIdentities, AreNoneWithoutAnAuthenticatedCertificate) {
  const FixedAuthContext plaintext("", {{"transport_security_type", "insecure"}});
  EXPECT_THAT(CertificateIdentities(plaintext), IsEmpty());
  EXPECT_EQ(IdentityText(plaintext), "");
  // Authenticated by something else than a certificate.
  const FixedAuthContext no_certificate(
      "peer_dns", {{"peer_dns", "agency42.moi.go.th"}});
  EXPECT_THAT(CertificateIdentities(no_certificate), IsEmpty());
}

TEST(IdentityText, IsValidUtf8WhateverTheCertificateHolds) {
  const FixedAuthContext odd("x509_common_name",
                             {{"x509_pem_cert", "-----BEGIN CERTIFICATE-----"},
                              {"x509_common_name", "bad\xff"}});
  EXPECT_EQ(IdentityText(odd), "bad\xef\xbf\xbd");
}

}  // namespace
}  // namespace scorecard::service
