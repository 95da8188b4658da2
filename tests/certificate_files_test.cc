// The checks made on certificate files before the server uses them: a sound
// identity and bundle are read; a key of another certificate, a file cut
// short, an empty or foreign file and an expired certificate are refused,
// naming the file.

#include "service/certificate_files.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/certificates.h"
#include "tests/testing/files.h"
#include "tests/testing/process.h"
#include "tests/testing/temp_dir.h"

namespace scorecard::service {
namespace {

using ::scorecard::testing::MakeTestCertificates;
using ::scorecard::testing::OpenSslPath;
using ::scorecard::testing::ReadFile;
using ::scorecard::testing::RunProcess;
using ::scorecard::testing::TempDir;
using ::scorecard::testing::TestCertificates;
using ::testing::HasSubstr;
using ::testing::StartsWith;

class CertificateFilesTest : public ::testing::Test {
 protected:
  CertificateFilesTest() : certs_(MakeTestCertificates(dir_ / "certs")) {}

  // Writes `content` to a file of the test folder and returns its path.
  std::string Write(const std::string& name, const std::string& content) {
    return dir_.Write(name, content);
  }

  TempDir dir_;
  TestCertificates certs_;
};

TEST_F(CertificateFilesTest, ReadsASoundIdentity) {
  absl::StatusOr<ServerIdentity> identity =
      ReadServerIdentity(certs_.server.cert, certs_.server.key);
  ASSERT_TRUE(identity.ok()) << identity.status();
  EXPECT_EQ(identity->serial, "1001");
  EXPECT_EQ(identity->subject, "CN=scorecardd");
  EXPECT_GT(identity->not_after, absl::Now() + absl::Hours(24));
  EXPECT_LT(identity->not_after, absl::Now() + absl::Hours(49));
  EXPECT_EQ(identity->certificate_chain_pem, ReadFile(certs_.server.cert));
  EXPECT_EQ(identity->private_key_pem, ReadFile(certs_.server.key));

  // With the authority after it, as a chain: the first certificate counts.
  const std::string chain = Write(
      "chain.pem", ReadFile(certs_.rotated_server.cert) + ReadFile(certs_.ca));
  identity = ReadServerIdentity(chain, certs_.rotated_server.key);
  ASSERT_TRUE(identity.ok()) << identity.status();
  EXPECT_EQ(identity->serial, "1002");
}

TEST_F(CertificateFilesTest, RefusesAKeyOfAnotherCertificate) {
  const absl::StatusOr<ServerIdentity> identity =
      ReadServerIdentity(certs_.server.cert, certs_.rotated_server.key);
  ASSERT_TRUE(absl::IsInvalidArgument(identity.status()));
  EXPECT_THAT(std::string(identity.status().message()),
              StartsWith(certs_.rotated_server.key));
  EXPECT_THAT(std::string(identity.status().message()),
              HasSubstr("does not belong to the certificate in " +
                        certs_.server.cert));
}

TEST_F(CertificateFilesTest, RefusesFilesCutShortOrHoldingNothing) {
  const std::string cert = ReadFile(certs_.server.cert);
  const std::string key = ReadFile(certs_.server.key);
  struct Case {
    std::string cert;
    std::string key;
    std::string message;
  };
  const Case cases[] = {
      {cert.substr(0, cert.size() / 2), key, "certificate 1 is cut short"},
      {cert + ReadFile(certs_.ca).substr(0, 100), key,
       "certificate 2 is cut short"},
      {"", key, "holds no PEM certificate"},
      {key, key, "holds no PEM certificate"},
      {cert, key.substr(0, key.size() - 40), "no whole, unencrypted PEM"},
      {cert, cert, "no whole, unencrypted PEM"},
  };
  for (const Case& c : cases) {
    const absl::StatusOr<ServerIdentity> identity = ReadServerIdentity(
        Write("cert.pem", c.cert), Write("key.pem", c.key));
    EXPECT_TRUE(absl::IsInvalidArgument(identity.status())) << c.message;
    EXPECT_THAT(std::string(identity.status().message()), HasSubstr(c.message));
  }
  EXPECT_TRUE(absl::IsNotFound(
      ReadServerIdentity(dir_ / "missing.pem", certs_.server.key).status()));
}

TEST_F(CertificateFilesTest, RefusesAnExpiredCertificate) {
  const std::string expired = dir_ / "expired.pem";
  const auto made = RunProcess(
      {OpenSslPath(), "x509", "-req", "-in", dir_ / "certs/server.csr", "-CA",
       certs_.ca, "-CAkey", certs_.ca_pair.key, "-set_serial", "0x77",
       "-days", "-1", "-out", expired});
  ASSERT_EQ(made.exit_status, 0) << made.err;
  const absl::StatusOr<ServerIdentity> identity =
      ReadServerIdentity(expired, certs_.server.key);
  ASSERT_TRUE(absl::IsInvalidArgument(identity.status()));
  EXPECT_THAT(std::string(identity.status().message()),
              HasSubstr("the certificate expired at"));
}

TEST_F(CertificateFilesTest, ReadsABundleOfAuthorities) {
  const std::string bundle =
      Write("bundle.pem", ReadFile(certs_.ca) + ReadFile(certs_.foreign_ca));
  absl::StatusOr<CertificateAuthorities> authorities =
      ReadCertificateAuthorities(bundle);
  ASSERT_TRUE(authorities.ok()) << authorities.status();
  EXPECT_EQ(authorities->count, 2);
  EXPECT_EQ(authorities->pem, ReadFile(bundle));

  const std::string ca = ReadFile(certs_.ca);
  for (const std::string& broken :
       {std::string(), std::string("not a certificate\n"),
        ca.substr(0, ca.size() - 30)}) {
    EXPECT_TRUE(absl::IsInvalidArgument(
        ReadCertificateAuthorities(Write("broken.pem", broken)).status()))
        << broken;
  }
}

}  // namespace
}  // namespace scorecard::service
