#include "tests/testing/tls_channel.h"

#include <utility>

#include "grpc/grpc.h"
#include "grpc/grpc_security_constants.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/auth_context.h"
#include "grpcpp/security/credentials.h"
#include "tests/testing/files.h"

namespace scorecard::testing {

std::shared_ptr<grpc::Channel> TlsChannel(const std::string& address,
                                          const std::string& ca,
                                          const KeyPair* client,
                                          grpc::ChannelArguments args) {
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = ReadFile(ca);
  if (client != nullptr) {
    options.pem_cert_chain = ReadFile(client->cert);
    options.pem_private_key = ReadFile(client->key);
  }
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(address, grpc::SslCredentials(options),
                                   args);
}

std::shared_ptr<grpc::Channel> PlaintextChannel(const std::string& address,
                                                grpc::ChannelArguments args) {
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(),
                                   args);
}

std::string PeerCertificateSerial(const grpc::ClientContext& context) {
  const std::shared_ptr<const grpc::AuthContext> auth = context.auth_context();
  if (auth == nullptr) return "";
  const std::vector<grpc::string_ref> pem =
      auth->FindPropertyValues(GRPC_X509_PEM_CERT_PROPERTY_NAME);
  if (pem.empty()) return "";
  return CertificateSerial(std::string(pem.front().data(), pem.front().size()));
}

}  // namespace scorecard::testing
