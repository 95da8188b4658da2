#include "client/server_connection.h"

#include <chrono>
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "client/channel.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"
#include "rules/status_macros.h"
#include "rules/text_file.h"

namespace scorecard::client {
namespace {

constexpr auto kConnectTimeout = std::chrono::seconds(5);
// The largest certificate or key file read.
constexpr size_t kMaxPemFileBytes = size_t{1} << 20;

absl::StatusOr<std::string> ReadPem(const std::string& path) {
  if (path.empty()) return std::string();
  return rules::ReadTextFile(path, kMaxPemFileBytes);
}

}  // namespace

std::vector<FlagSpec> TlsFlags() {
  return {
      {"tls-ca-file", "FILE",
       "TLS, trusting the certificate authorities in FILE (PEM); an "
       "https:// --server trusts the system's without it",
       {}},
      {"tls-cert-file", "FILE",
       "mutual TLS: the client certificate chain (PEM), with --tls-key-file",
       {}},
      {"tls-key-file", "FILE", "mutual TLS: the client certificate's key (PEM)",
       {}},
      {"tls-server-name", "NAME",
       "the name the server's certificate must hold, when it is not the host "
       "in --server",
       {}}};
}

absl::StatusOr<std::optional<ServerConnection>> OptionalServerConnection(
    const CommandLine& line) {
  if (line.Has("server")) {
    absl::StatusOr<ServerConnection> connection =
        ServerConnectionFromFlags(line);
    if (!connection.ok()) return connection.status();
    return std::optional<ServerConnection>(*std::move(connection));
  }
  for (const FlagSpec& flag : TlsFlags()) {
    if (line.Has(flag.name)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", flag.name, " needs --server"));
    }
  }
  return std::optional<ServerConnection>();
}

absl::StatusOr<ServerConnection> ServerConnectionFromFlags(
    const CommandLine& line) {
  const std::optional<std::string> server = line.Value("server");
  if (!server.has_value() || server->empty()) {
    return absl::InvalidArgumentError("--server HOST:PORT is required");
  }
  ServerConnection connection;
  absl::string_view address = *server;
  const bool https = absl::ConsumePrefix(&address, "https://");
  const bool http = !https && absl::ConsumePrefix(&address, "http://");
  if (absl::StrContains(address, "://")) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--server \"", *server,
        "\": the scheme must be http:// (plaintext) or https:// (TLS)"));
  }
  connection.address = std::string(absl::StripSuffix(address, "/"));
  connection.ca_file = line.Value("tls-ca-file").value_or("");
  connection.cert_file = line.Value("tls-cert-file").value_or("");
  connection.key_file = line.Value("tls-key-file").value_or("");
  connection.server_name = line.Value("tls-server-name").value_or("");
  const bool tls_flags = !connection.ca_file.empty() ||
                         !connection.cert_file.empty() ||
                         !connection.key_file.empty() ||
                         !connection.server_name.empty();
  if (http && tls_flags) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--server \"", *server,
        "\" says http:// (plaintext) but --tls-* flags ask for TLS; use "
        "https://"));
  }
  if (connection.cert_file.empty() != connection.key_file.empty()) {
    return absl::InvalidArgumentError(
        "--tls-cert-file and --tls-key-file go together (mutual TLS)");
  }
  connection.tls = https || tls_flags;
  return connection;
}

absl::StatusOr<std::shared_ptr<grpc::Channel>> CreateServerChannel(
    const ServerConnection& connection) {
  grpc::ChannelArguments args;
  std::shared_ptr<grpc::ChannelCredentials> credentials =
      grpc::InsecureChannelCredentials();
  if (connection.tls) {
    grpc::SslCredentialsOptions tls;
    SCORECARD_ASSIGN_OR_RETURN(tls.pem_root_certs, ReadPem(connection.ca_file));
    SCORECARD_ASSIGN_OR_RETURN(tls.pem_cert_chain,
                               ReadPem(connection.cert_file));
    SCORECARD_ASSIGN_OR_RETURN(tls.pem_private_key,
                               ReadPem(connection.key_file));
    credentials = grpc::SslCredentials(tls);
    if (!connection.server_name.empty()) {
      args.SetSslTargetNameOverride(connection.server_name);
    }
  }
  return NewScorecardChannel(connection.address, std::move(credentials),
                             std::move(args));
}

absl::StatusOr<std::shared_ptr<grpc::Channel>> ConnectToServer(
    const ServerConnection& connection) {
  SCORECARD_ASSIGN_OR_RETURN(std::shared_ptr<grpc::Channel> channel,
                             CreateServerChannel(connection));
  if (!channel->WaitForConnected(std::chrono::system_clock::now() +
                                 kConnectTimeout)) {
    return absl::UnavailableError(absl::StrCat(
        "cannot reach scorecardd at ", connection.address,
        " (no connection within ",
        std::chrono::seconds(kConnectTimeout).count(), " s",
        connection.tls
            ? "; with TLS, check that the server speaks TLS, that "
              "--tls-ca-file holds the authority that signed its "
              "certificate, that the certificate is valid for the host "
              "(or --tls-server-name), and, if the server asks for one, "
              "--tls-cert-file and --tls-key-file"
            : "; if the server speaks TLS, use https:// or --tls-ca-file",
        ")"));
  }
  return channel;
}

}  // namespace scorecard::client
