#include "tests/testing/certificates.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gtest/gtest.h"
#include "tests/testing/files.h"
#include "tests/testing/process.h"

namespace scorecard::testing {
namespace {

// Runs openssl with `args`; a fatal failure when it fails.
void OpenSsl(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {OpenSslPath()};
  argv.insert(argv.end(), args.begin(), args.end());
  const ProcessResult result = RunProcess(argv);
  if (result.exit_status != 0) {
    GTEST_FAIL() << absl::StrJoin(argv, " ") << " failed (" << result.exit_status
                 << "):\n"
                 << result.out << result.err;
  }
}

// Makes a self-signed authority named `common_name` in `dir`/`name`.pem and
// `name`.key.
KeyPair MakeAuthority(const std::string& dir, const std::string& name,
                      const std::string& common_name) {
  KeyPair pair{absl::StrCat(dir, "/", name, ".pem"),
               absl::StrCat(dir, "/", name, ".key")};
  OpenSsl({"req", "-x509", "-newkey", "ec", "-pkeyopt",
           "ec_paramgen_curve:P-256", "-nodes", "-keyout", pair.key, "-out",
           pair.cert, "-days", "2", "-subj", "/CN=" + common_name});
  return pair;
}

// Makes a certificate for `subject` with the extensions `extensions`
// (openssl extension-file lines), signed by `authority`, with `serial`.
KeyPair MakeLeaf(const std::string& dir, const std::string& name,
                 const KeyPair& authority, const std::string& subject,
                 const std::vector<std::string>& extensions,
                 const std::string& serial) {
  KeyPair pair{absl::StrCat(dir, "/", name, ".pem"),
               absl::StrCat(dir, "/", name, ".key")};
  const std::string request = absl::StrCat(dir, "/", name, ".csr");
  const std::string extension_file = absl::StrCat(dir, "/", name, ".ext");
  EXPECT_TRUE(WriteFile(extension_file,
                        absl::StrCat(absl::StrJoin(extensions, "\n"), "\n")));
  OpenSsl({"req", "-new", "-newkey", "ec", "-pkeyopt",
           "ec_paramgen_curve:P-256", "-nodes", "-keyout", pair.key, "-out",
           request, "-subj", subject});
  OpenSsl({"x509", "-req", "-in", request, "-CA", authority.cert, "-CAkey",
           authority.key, "-set_serial", "0x" + serial, "-days", "2", "-out",
           pair.cert, "-extfile", extension_file});
  return pair;
}

}  // namespace

std::string OpenSslPath() {
  const char* path = std::getenv("PATH");
  for (absl::string_view folder :
       absl::StrSplit(path != nullptr ? path : "/usr/bin:/bin", ':')) {
    const std::string candidate = absl::StrCat(folder, "/openssl");
    if (!folder.empty() && ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return "/usr/bin/openssl";
}

TestCertificates MakeTestCertificates(const std::string& dir) {
  std::filesystem::create_directories(dir);
  const std::vector<std::string> server_extensions = {
      "subjectAltName=DNS:localhost,IP:127.0.0.1",
      "extendedKeyUsage=serverAuth", "basicConstraints=critical,CA:FALSE"};
  const std::string client_usage = "extendedKeyUsage=clientAuth";
  TestCertificates certs;
  certs.ca_pair = MakeAuthority(dir, "ca", "Scorecard Test CA");
  certs.ca = certs.ca_pair.cert;
  certs.server = MakeLeaf(dir, "server", certs.ca_pair, "/CN=scorecardd",
                          server_extensions, kServerSerial);
  certs.rotated_server =
      MakeLeaf(dir, "rotated-server", certs.ca_pair, "/CN=scorecardd",
               server_extensions, kRotatedServerSerial);
  certs.admin_client = MakeLeaf(
      dir, "admin-client", certs.ca_pair, "/CN=admin",
      {absl::StrCat("subjectAltName=URI:", kAdminIdentity), client_usage},
      "2001");
  certs.reader_client = MakeLeaf(
      dir, "reader-client", certs.ca_pair, "/CN=reader",
      {absl::StrCat("subjectAltName=DNS:", kReaderIdentity), client_usage},
      "2002");
  certs.common_name_client =
      MakeLeaf(dir, "common-name-client", certs.ca_pair,
               absl::StrCat("/CN=", kCommonNameIdentity), {client_usage}, "2003");
  const KeyPair foreign = MakeAuthority(dir, "foreign-ca", "Foreign Test CA");
  certs.foreign_ca = foreign.cert;
  certs.foreign_client = MakeLeaf(
      dir, "foreign-client", foreign, "/CN=admin",
      {absl::StrCat("subjectAltName=URI:", kAdminIdentity), client_usage},
      "3001");
  return certs;
}

std::string CertificateSerial(const std::string& pem) {
  const ProcessResult result =
      RunProcess({OpenSslPath(), "x509", "-noout", "-serial"}, pem);
  if (result.exit_status != 0) return "";
  absl::string_view out = absl::StripAsciiWhitespace(result.out);
  if (!absl::ConsumePrefix(&out, "serial=")) return "";
  return std::string(out);
}

}  // namespace scorecard::testing
