// Certificates for the TLS tests, made with Debian's openssl command when a
// test starts: a certificate authority, server certificates for 127.0.0.1
// and localhost, client certificates with each kind of identity, and a
// second, foreign authority whose certificates scorecardd must refuse.
//
//   TempDir dir;
//   const TestCertificates certs = MakeTestCertificates(dir / "certs");
//   // certs.server.cert, certs.server.key, certs.ca ...
//
// Every key is EC P-256 (fast to make); every certificate is valid from now
// for two days. Serial numbers are fixed, so that a test can tell which
// certificate a server presented (CertificateSerial).
//
// Thread-safety: free functions; MakeTestCertificates runs child processes
// and may be called from several threads on different folders.

#ifndef SCORECARD_TESTS_TESTING_CERTIFICATES_H_
#define SCORECARD_TESTS_TESTING_CERTIFICATES_H_

#include <string>

namespace scorecard::testing {

// A certificate and its private key, as PEM files.
struct KeyPair {
  std::string cert;  // Path of the certificate, PEM.
  std::string key;   // Path of the private key, PEM.
};

struct TestCertificates {
  // The certificate authority (CN "Scorecard Test CA") that signs the rest.
  std::string ca;
  KeyPair ca_pair;
  // scorecardd's certificate: SAN DNS:localhost and IP:127.0.0.1, serial
  // kServerSerial.
  KeyPair server;
  // Another certificate for the same names, serial kRotatedServerSerial: the
  // one a rotation puts in place.
  KeyPair rotated_server;
  // A client with a URI SAN, kAdminIdentity.
  KeyPair admin_client;
  // A client with a DNS SAN, kReaderIdentity.
  KeyPair reader_client;
  // A client with no SAN at all, only the common name kCommonNameIdentity.
  KeyPair common_name_client;
  // Another authority (CN "Foreign Test CA"), and a client it signed that
  // claims kAdminIdentity: a server trusting only `ca` must refuse it.
  std::string foreign_ca;
  KeyPair foreign_client;
};

inline constexpr char kServerSerial[] = "1001";
inline constexpr char kRotatedServerSerial[] = "1002";
inline constexpr char kAdminIdentity[] = "spiffe://scorecard.test/admin";
inline constexpr char kReaderIdentity[] = "reader.scorecard.test";
inline constexpr char kCommonNameIdentity[] = "ops-console";

// Makes the certificates in the folder `dir` (created if missing). A failure
// of openssl is a fatal test failure naming the command and its output.
TestCertificates MakeTestCertificates(const std::string& dir);

// Returns the serial number of the PEM certificate `pem`, in upper-case hex
// as openssl prints it ("1001"); empty when it is not a certificate.
std::string CertificateSerial(const std::string& pem);

// Returns the path of the openssl program (found on $PATH).
std::string OpenSslPath();

}  // namespace scorecard::testing

#endif  // SCORECARD_TESTS_TESTING_CERTIFICATES_H_
