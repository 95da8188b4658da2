// How scorecardctl reaches a scorecardd: the address, and for TLS what to
// trust and, for mutual TLS, which certificate to present. Every command that
// talks to a server takes the same flags and gets its channel from
// CreateServerChannel, which builds the credentials and hands them to
// NewScorecardChannel (client/channel.h), the one function that makes
// channels.
//
//   --server HOST:PORT          plaintext (the default)
//   --server https://HOST:PORT  TLS, trusting the system's certificate
//                               authorities unless --tls-ca-file is given
//   --tls-ca-file FILE          TLS, trusting the authorities in FILE (PEM)
//   --tls-cert-file FILE        mutual TLS: present this certificate (PEM)...
//   --tls-key-file FILE         ...with this private key (PEM)
//   --tls-server-name NAME      verify the server's certificate for NAME
//                               instead of the host in --server
//
//   absl::StatusOr<ServerConnection> connection =
//       ServerConnectionFromFlags(line);
//   absl::StatusOr<std::shared_ptr<grpc::Channel>> channel =
//       ConnectToServer(*connection);
//
// Thread-safety: plain data and free functions.

#ifndef SCORECARD_CLIENT_SERVER_CONNECTION_H_
#define SCORECARD_CLIENT_SERVER_CONNECTION_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "client/command_line.h"

namespace grpc {
class Channel;
}  // namespace grpc

namespace scorecard::client {

struct ServerConnection {
  // "HOST:PORT", without a scheme.
  std::string address;
  // Whether to speak TLS: an "https://" address, or any --tls-* flag.
  bool tls = false;
  // Certificate authorities to trust, PEM; empty: the system's.
  std::string ca_file;
  // The client certificate chain and its key, PEM, for mutual TLS; both or
  // neither.
  std::string cert_file;
  std::string key_file;
  // The name the server's certificate must be valid for; empty: the host of
  // `address`.
  std::string server_name;
};

// The --tls-* flags, for the CommandSpec of every command that takes
// --server (client/commands.cc adds them).
std::vector<FlagSpec> TlsFlags();

// Reads --server and the --tls-* flags. INVALID_ARGUMENT when --server is
// missing, has a scheme other than http:// or https://, when only one of
// --tls-cert-file and --tls-key-file is given, or when TLS flags come with
// an http:// address.
absl::StatusOr<ServerConnection> ServerConnectionFromFlags(
    const CommandLine& line);

// As ServerConnectionFromFlags for a command whose --server is optional:
// nullopt without --server (and INVALID_ARGUMENT when --tls-* flags come
// without it).
absl::StatusOr<std::optional<ServerConnection>> OptionalServerConnection(
    const CommandLine& line);

// Returns a channel to the server (not yet connected). Fails, naming the
// file, when a certificate or key file cannot be read.
absl::StatusOr<std::shared_ptr<grpc::Channel>> CreateServerChannel(
    const ServerConnection& connection);

// Creates the channel and waits up to 5 s for a connection. UNAVAILABLE,
// naming the address, when there is none (for TLS, the message says what to
// check).
absl::StatusOr<std::shared_ptr<grpc::Channel>> ConnectToServer(
    const ServerConnection& connection);

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_SERVER_CONNECTION_H_
