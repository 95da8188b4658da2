// PeerIdentity: the identity a verified client certificate proves, read from
// gRPC's AuthContext as mutual TLS fills it in (peer identity property
// x509_subject_alternative_name, or x509_common_name); nothing for a peer
// that is not authenticated. The server serves plaintext until the
// transport-security work lands, so here the AuthContext is a small stand-in
// holding what gRPC's TLS context would hold; the plaintext case is tested
// end to end in service_observability_test ("identity":"").

#include <map>
#include <string>
#include <vector>

#include "grpcpp/security/auth_context.h"
#include "gtest/gtest.h"
#include "service/caller_identity.h"

namespace scorecard::service {
namespace {

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

TEST(PeerIdentity, IsTheCertificatesNamesWhenThePeerIsAuthenticated) {
  const FixedAuthContext mtls(
      "x509_subject_alternative_name",
      {{"x509_subject_alternative_name", "spiffe://moi.go.th/agency/42"},
       {"x509_subject_alternative_name", "agency42.moi.go.th"},
       {"x509_common_name", "Agency 42"},
       {"transport_security_type", "ssl"}});
  EXPECT_EQ(PeerIdentity(mtls),
            "spiffe://moi.go.th/agency/42,agency42.moi.go.th");
  const FixedAuthContext common_name("x509_common_name",
                                     {{"x509_common_name", "Agency 42"}});
  EXPECT_EQ(PeerIdentity(common_name), "Agency 42");
}

TEST(PeerIdentity, IsEmptyForAPeerNotAuthenticated) {
  const FixedAuthContext plaintext("", {{"transport_security_type", "insecure"}});
  EXPECT_EQ(PeerIdentity(plaintext), "");
}

TEST(PeerIdentity, IsValidUtf8WhateverTheCertificateHolds) {
  const FixedAuthContext odd("x509_common_name",
                             {{"x509_common_name", "bad\xff"}});
  EXPECT_EQ(PeerIdentity(odd), "bad\xef\xbf\xbd");
}

}  // namespace
}  // namespace scorecard::service
