// The real scorecardd with TLS, from real clients: a TLS call that succeeds,
// plaintext refused, TLS before 1.2 refused, mutual TLS refusing a client
// without a certificate and one from a foreign authority, certificate and
// client-CA rotation picked up by new connections while old ones keep
// working, a broken rotation kept out, the plaintext warning, and
// scorecardctl and buf curl over TLS and mutual TLS.
//
// Certificates are made by openssl when each test starts
// (tests/testing/certificates.h). Every wait is bounded; the child is killed
// if a test fails.

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "scorecard/v1/scorecard_service.grpc.pb.h"
#include "tests/testing/certificates.h"
#include "tests/testing/files.h"
#include "tests/testing/process.h"
#include "tests/testing/scorecardd_process.h"
#include "tests/testing/seed.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/tls_channel.h"
#include "tests/testing/wait.h"

namespace scorecard::service {
namespace {

namespace fs = std::filesystem;
namespace v1 = ::scorecard::v1;
using ::scorecard::testing::CertificateSerial;
using ::scorecard::testing::kAdminIdentity;
using ::scorecard::testing::kCommonNameIdentity;
using ::scorecard::testing::KeyPair;
using ::scorecard::testing::kReaderIdentity;
using ::scorecard::testing::kBundledRules;
using ::scorecard::testing::kPatience;
using ::scorecard::testing::kRotatedServerSerial;
using ::scorecard::testing::kSeedDocument;
using ::scorecard::testing::kServerSerial;
using ::scorecard::testing::MakeTestCertificates;
using ::scorecard::testing::OpenSslPath;
using ::scorecard::testing::PeerCertificateSerial;
using ::scorecard::testing::PlaintextChannel;
using ::scorecard::testing::ProcessResult;
using ::scorecard::testing::ReadFile;
using ::scorecard::testing::RunProcess;
using ::scorecard::testing::ScorecarddProcess;
using ::scorecard::testing::TempDir;
using ::scorecard::testing::TestCertificates;
using ::scorecard::testing::TlsChannel;
using ::scorecard::testing::WaitUntil;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr char kScorecardctl[] = SCORECARD_BINARY_DIR "/client/scorecardctl";
constexpr char kBuf[] = SCORECARD_SOURCE_DIR "/tests/tools/node_modules/.bin/buf";

// Test certificates, and the files a server is pointed at (which the tests
// rotate): tls/tls.crt, tls/tls.key, tls/ca.crt.
struct TlsFiles {
  explicit TlsFiles(const TempDir& dir)
      : certs(MakeTestCertificates(dir / "certs")),
        cert(dir / "tls/tls.crt"),
        key(dir / "tls/tls.key"),
        client_ca(dir / "tls/ca.crt") {
    fs::create_directories(dir / "tls");
    Install(certs.server);
    Replace(client_ca, certs.ca);
  }

  // Puts `pair` in place as the server's certificate and key: the key
  // first, then the certificate, each by rename, as a careless rotation
  // would (in between, the key and the certificate do not match).
  void Install(const KeyPair& pair) const {
    Replace(key, pair.key);
    Replace(cert, pair.cert);
  }

  // Replaces `path` with a copy of `from`, by rename.
  static void Replace(const std::string& path, const std::string& from) {
    const std::string temporary = path + ".new";
    fs::copy_file(from, temporary, fs::copy_options::overwrite_existing);
    fs::rename(temporary, path);
  }

  std::vector<std::string> Flags(bool mutual) const {
    std::vector<std::string> flags = {
        "--listen=127.0.0.1:0", std::string("--rules=") + kBundledRules,
        "--tls_cert_file=" + cert, "--tls_key_file=" + key,
        "--tls_reload_interval=100ms"};
    if (mutual) flags.push_back("--tls_client_ca_file=" + client_ca);
    return flags;
  }

  TestCertificates certs;
  std::string cert;
  std::string key;
  std::string client_ca;
};

// What one ListRuleSets call saw.
struct Answer {
  grpc::Status status;
  std::string serial;  // Of the server's certificate; empty without TLS.
};

Answer ListRuleSets(const std::shared_ptr<grpc::Channel>& channel) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  v1::ListRuleSetsResponse response;
  Answer answer;
  answer.status = v1::ScorecardService::NewStub(channel)->ListRuleSets(
      &context, v1::ListRuleSetsRequest(), &response);
  answer.serial = PeerCertificateSerial(context);
  return answer;
}

// A call on a new connection, with the client certificate `client` (or
// none).
Answer ListRuleSetsOnANewConnection(const std::string& address,
                                    const TlsFiles& tls,
                                    const KeyPair* client = nullptr) {
  return ListRuleSets(TlsChannel(address, tls.certs.ca, client));
}

std::unique_ptr<ScorecarddProcess> StartTls(const TempDir& dir,
                                            const TlsFiles& tls, bool mutual,
                                            std::vector<std::string> more = {}) {
  std::vector<std::string> flags = tls.Flags(mutual);
  flags.insert(flags.end(), more.begin(), more.end());
  // The staging folder of the certificates goes into the test's folder.
  return ScorecarddProcess::Start(flags, dir / "log", {{"TMPDIR", dir.path()}});
}

TEST(ScorecarddTls, ServesTlsAndRefusesPlaintext) {
  TempDir dir;
  TlsFiles tls(dir);
  auto server = StartTls(dir, tls, /*mutual=*/false);
  ASSERT_NE(server, nullptr);
  const std::string address = server->Address();
  ASSERT_FALSE(address.empty()) << server->Log();

  const Answer secure = ListRuleSetsOnANewConnection(address, tls);
  EXPECT_TRUE(secure.status.ok()) << secure.status.error_message();
  EXPECT_EQ(secure.serial, kServerSerial);

  const Answer plain = ListRuleSets(PlaintextChannel(address));
  EXPECT_EQ(plain.status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << plain.status.error_message();

  // A client that trusts another authority refuses the server.
  const Answer distrustful =
      ListRuleSets(TlsChannel(address, tls.certs.foreign_ca, nullptr));
  EXPECT_EQ(distrustful.status.error_code(), grpc::StatusCode::UNAVAILABLE);

  const std::vector<std::string> loaded =
      server->LogLines("tls_certificates_loaded");
  ASSERT_EQ(loaded.size(), 1u) << server->Log();
  EXPECT_THAT(loaded[0], HasSubstr("\"serial\":\"1001\""));
  EXPECT_THAT(server->LogLines("listening")[0], HasSubstr("\"tls\":true"));
}

TEST(ScorecarddTls, RefusesTlsOlderThan12) {
  TempDir dir;
  TlsFiles tls(dir);
  auto server = StartTls(dir, tls, /*mutual=*/false);
  ASSERT_NE(server, nullptr);
  const std::string address = server->Address();
  ASSERT_FALSE(address.empty()) << server->Log();
  // Security level 0 lets this openssl offer TLS 1.1 at all; the server
  // must still refuse it. (s_client exits 1 either way: the server closes
  // the connection when no HTTP/2 follows the handshake. What it printed of
  // the handshake tells.)
  const ProcessResult old_tls = RunProcess(
      {OpenSslPath(), "s_client", "-connect", address, "-tls1_1", "-cipher",
       "DEFAULT@SECLEVEL=0", "-CAfile", tls.certs.ca});
  EXPECT_THAT(old_tls.out, HasSubstr("Cipher is (NONE)"));
  EXPECT_THAT(old_tls.out, HasSubstr("no peer certificate available"));
  const ProcessResult tls12 =
      RunProcess({OpenSslPath(), "s_client", "-connect", address, "-tls1_2",
                  "-CAfile", tls.certs.ca});
  EXPECT_THAT(tls12.out, HasSubstr("Protocol  : TLSv1.2"));
  EXPECT_THAT(tls12.out, HasSubstr("Verify return code: 0 (ok)"));
  EXPECT_THAT(tls12.out, Not(HasSubstr("Cipher is (NONE)")));
}

TEST(ScorecarddTls, MutualTlsRefusesClientsWithoutAValidCertificate) {
  TempDir dir;
  TlsFiles tls(dir);
  auto server = StartTls(dir, tls, /*mutual=*/true);
  ASSERT_NE(server, nullptr);
  const std::string address = server->Address();
  ASSERT_FALSE(address.empty()) << server->Log();

  const Answer admitted =
      ListRuleSetsOnANewConnection(address, tls, &tls.certs.reader_client);
  EXPECT_TRUE(admitted.status.ok()) << admitted.status.error_message();
  EXPECT_EQ(admitted.serial, kServerSerial);

  const Answer without = ListRuleSetsOnANewConnection(address, tls);
  EXPECT_EQ(without.status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << without.status.error_message();
  const Answer foreign =
      ListRuleSetsOnANewConnection(address, tls, &tls.certs.foreign_client);
  EXPECT_EQ(foreign.status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << foreign.status.error_message();
  const Answer plain = ListRuleSets(PlaintextChannel(address));
  EXPECT_EQ(plain.status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(server->LogLines("listening")[0],
              HasSubstr("\"mutual_tls\":true"));
}

// The key is replaced before the certificate (TlsFiles::Install), so the
// server sees a mismatched pair for a moment; it must keep the old pair
// then, and no call may fail at any point.
TEST(ScorecarddTls, RotationReachesNewConnectionsWhileOldOnesKeepWorking) {
  TempDir dir;
  TlsFiles tls(dir);
  auto server = StartTls(dir, tls, /*mutual=*/true);
  ASSERT_NE(server, nullptr);
  const std::string address = server->Address();
  ASSERT_FALSE(address.empty()) << server->Log();
  const KeyPair* client = &tls.certs.reader_client;
  const std::shared_ptr<grpc::Channel> old_connection =
      TlsChannel(address, tls.certs.ca, client);
  ASSERT_EQ(ListRuleSets(old_connection).serial, kServerSerial);

  // New connections, one after another, all through the rotation.
  std::atomic<bool> stop{false};
  std::atomic<int> calls{0};
  std::atomic<int> failures{0};
  std::thread caller([&] {
    while (!stop) {
      if (!ListRuleSetsOnANewConnection(address, tls, client).status.ok()) {
        ++failures;
      }
      ++calls;
    }
  });
  tls.Install(tls.certs.rotated_server);
  std::string serial;
  EXPECT_TRUE(WaitUntil([&] {
    serial = ListRuleSetsOnANewConnection(address, tls, client).serial;
    return serial == kRotatedServerSerial;
  })) << "a new connection still sees serial " << serial << "\n"
      << server->Log();
  stop = true;
  caller.join();
  EXPECT_EQ(failures, 0) << "of " << calls << " calls\n" << server->Log();
  EXPECT_GT(calls, 0);

  // The connection made before the rotation goes on with its session.
  const Answer old_answer = ListRuleSets(old_connection);
  EXPECT_TRUE(old_answer.status.ok()) << old_answer.status.error_message();
  EXPECT_EQ(old_answer.serial, kServerSerial);
  EXPECT_EQ(server->LogLines("tls_certificates_loaded").size(), 2u)
      << server->Log();
  EXPECT_THAT(server->LogLines("tls_certificates_loaded").back(),
              HasSubstr("\"serial\":\"1002\""));
}

TEST(ScorecarddTls, ABrokenRotationIsLoggedAndThePreviousPairKeepsServing) {
  TempDir dir;
  TlsFiles tls(dir);
  auto server = StartTls(dir, tls, /*mutual=*/false);
  ASSERT_NE(server, nullptr);
  const std::string address = server->Address();
  ASSERT_FALSE(address.empty()) << server->Log();

  // A key that belongs to another certificate.
  TlsFiles::Replace(tls.key, tls.certs.rotated_server.key);
  ASSERT_TRUE(server->WaitForLog("tls_certificates_refused")) << server->Log();
  EXPECT_THAT(server->LogLines("tls_certificates_refused")[0],
              HasSubstr("does not belong to the certificate"));
  Answer answer = ListRuleSetsOnANewConnection(address, tls);
  EXPECT_TRUE(answer.status.ok()) << answer.status.error_message();
  EXPECT_EQ(answer.serial, kServerSerial);

  // The matching certificate, caught half-written.
  const std::string rotated = ReadFile(tls.certs.rotated_server.cert);
  ASSERT_TRUE(::scorecard::testing::WriteFile(
      tls.cert, rotated.substr(0, rotated.size() / 2)));
  ASSERT_TRUE(server->WaitForLog("tls_certificates_refused", 2))
      << server->Log();
  EXPECT_THAT(server->LogLines("tls_certificates_refused")[1],
              HasSubstr("cut short"));
  answer = ListRuleSetsOnANewConnection(address, tls);
  EXPECT_TRUE(answer.status.ok()) << answer.status.error_message();
  EXPECT_EQ(answer.serial, kServerSerial);

  // Finished: now it is taken.
  TlsFiles::Replace(tls.cert, tls.certs.rotated_server.cert);
  EXPECT_TRUE(WaitUntil([&] {
    return ListRuleSetsOnANewConnection(address, tls).serial ==
           kRotatedServerSerial;
  })) << server->Log();
}

TEST(ScorecarddTls, ClientCaRotationChangesWhoMayConnect) {
  TempDir dir;
  TlsFiles tls(dir);
  auto server = StartTls(dir, tls, /*mutual=*/true);
  ASSERT_NE(server, nullptr);
  const std::string address = server->Address();
  ASSERT_FALSE(address.empty()) << server->Log();
  const KeyPair* ours = &tls.certs.reader_client;
  const KeyPair* foreign = &tls.certs.foreign_client;
  ASSERT_TRUE(ListRuleSetsOnANewConnection(address, tls, ours).status.ok());
  const std::shared_ptr<grpc::Channel> old_connection =
      TlsChannel(address, tls.certs.ca, ours);
  ASSERT_TRUE(ListRuleSets(old_connection).status.ok());

  TlsFiles::Replace(tls.client_ca, tls.certs.foreign_ca);
  EXPECT_TRUE(WaitUntil([&] {
    return ListRuleSetsOnANewConnection(address, tls, foreign).status.ok();
  })) << server->Log();
  EXPECT_EQ(
      ListRuleSetsOnANewConnection(address, tls, ours).status.error_code(),
      grpc::StatusCode::UNAVAILABLE);
  EXPECT_TRUE(ListRuleSets(old_connection).status.ok());

  // A bundle with no certificate in it is refused; the foreign one stays.
  ASSERT_TRUE(::scorecard::testing::WriteFile(tls.client_ca, "not a CA\n"));
  ASSERT_TRUE(server->WaitForLog("tls_certificates_refused")) << server->Log();
  EXPECT_TRUE(ListRuleSetsOnANewConnection(address, tls, foreign).status.ok());
}

// The checked copies of the certificate and key sit in a folder only
// scorecardd's user can read, named after its process, gone when it exits.
TEST(ScorecarddTls, TheStagedCopiesArePrivateAndRemovedAtExit) {
  TempDir dir;
  TlsFiles tls(dir);
  fs::create_directories(dir / "tmp");
  auto server = ScorecarddProcess::Start(tls.Flags(/*mutual=*/true),
                                         dir / "log", {{"TMPDIR", dir / "tmp"}});
  ASSERT_NE(server, nullptr);
  ASSERT_FALSE(server->Address().empty()) << server->Log();
  std::vector<fs::path> staged;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir / "tmp")) {
    staged.push_back(entry.path());
  }
  ASSERT_EQ(staged.size(), 1u);
  EXPECT_THAT(staged[0].filename().string(),
              ::testing::StartsWith(
                  absl::StrCat("scorecardd-tls-", server->pid(), "-")));
  EXPECT_EQ(fs::status(staged[0]).permissions() & fs::perms::all,
            fs::perms::owner_all);
  int files = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(staged[0])) {
    EXPECT_EQ(entry.status().permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write)
        << entry.path();
    ++files;
  }
  EXPECT_EQ(files, 2);  // The identity, and the client CA.

  server->Signal(SIGTERM);
  const std::optional<int> status = server->WaitForExit();
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(::scorecard::testing::ExitCode(*status), 0) << server->Log();
  EXPECT_FALSE(fs::exists(staged[0]));
}

TEST(ScorecarddTls, PlaintextOnTheNetworkIsAWarning) {
  TempDir dir;
  auto local = ScorecarddProcess::Start(
      {"--listen=127.0.0.1:0", std::string("--rules=") + kBundledRules},
      dir / "local.log");
  auto socket = ScorecarddProcess::Start(
      {"--listen=unix:" + (dir / "socket"),
       std::string("--rules=") + kBundledRules},
      dir / "socket.log");
  auto network = ScorecarddProcess::Start(
      {"--listen=[::]:0", std::string("--rules=") + kBundledRules},
      dir / "network.log");
  ASSERT_NE(local, nullptr);
  ASSERT_NE(socket, nullptr);
  ASSERT_NE(network, nullptr);
  ASSERT_FALSE(local->Address().empty()) << local->Log();
  ASSERT_FALSE(socket->Address().empty()) << socket->Log();
  ASSERT_FALSE(network->Address().empty()) << network->Log();

  const std::vector<std::string> warnings =
      network->LogLines("plaintext_listener");
  ASSERT_EQ(warnings.size(), 1u) << network->Log();
  EXPECT_THAT(warnings[0], HasSubstr("\"level\":\"warning\""));
  EXPECT_THAT(local->LogLines("plaintext_listener"), IsEmpty());
  EXPECT_THAT(socket->LogLines("plaintext_listener"), IsEmpty());

  TlsFiles tls(dir);
  std::vector<std::string> flags = tls.Flags(/*mutual=*/false);
  flags[0] = "--listen=[::]:0";
  auto secure = ScorecarddProcess::Start(flags, dir / "secure.log",
                                         {{"TMPDIR", dir.path()}});
  ASSERT_NE(secure, nullptr);
  ASSERT_FALSE(secure->Address().empty()) << secure->Log();
  EXPECT_THAT(secure->LogLines("plaintext_listener"), IsEmpty());
}

TEST(ScorecarddTls, ScorecardctlValidatesTheSeedOverMutualTls) {
  TempDir dir;
  TlsFiles tls(dir);
  auto server = StartTls(dir, tls, /*mutual=*/true);
  ASSERT_NE(server, nullptr);
  const std::string address = server->Address();
  ASSERT_FALSE(address.empty()) << server->Log();
  const ProcessResult offline = RunProcess(
      {kScorecardctl, "validate", "--rules", kBundledRules, kSeedDocument});
  ASSERT_EQ(offline.exit_status, 0) << offline.err;

  const ProcessResult remote = RunProcess(
      {kScorecardctl, "validate", "--server", "https://" + address,
       "--tls-ca-file", tls.certs.ca, "--tls-cert-file",
       tls.certs.reader_client.cert, "--tls-key-file",
       tls.certs.reader_client.key, kSeedDocument});
  EXPECT_EQ(remote.exit_status, 0) << remote.err;
  EXPECT_EQ(remote.out, offline.out);

  // Without a client certificate the server refuses the connection.
  const ProcessResult refused =
      RunProcess({kScorecardctl, "validate", "--server", address,
                  "--tls-ca-file", tls.certs.ca, kSeedDocument});
  EXPECT_EQ(refused.exit_status, 2);
  EXPECT_THAT(refused.err, HasSubstr("cannot reach scorecardd at " + address));
  EXPECT_THAT(refused.err, HasSubstr("--tls-cert-file"));
}

TEST(ScorecarddTls, TheDecisionLogRecordsTheClientCertificatesIdentity) {
  TempDir dir;
  TlsFiles tls(dir);
  const std::string decisions = dir / "decisions.jsonl";
  auto server = StartTls(dir, tls, /*mutual=*/true,
                         {"--decision_log=" + decisions});
  ASSERT_NE(server, nullptr);
  const std::string address = server->Address();
  ASSERT_FALSE(address.empty()) << server->Log();
  const KeyPair* clients[] = {&tls.certs.admin_client,
                              &tls.certs.reader_client,
                              &tls.certs.common_name_client};
  for (const KeyPair* client : clients) {
    const ProcessResult r = RunProcess(
        {kScorecardctl, "validate", "--server", address, "--tls-ca-file",
         tls.certs.ca, "--tls-cert-file", client->cert, "--tls-key-file",
         client->key, "--format", "json", kSeedDocument});
    ASSERT_EQ(r.exit_status, 0) << r.err;
  }
  // Each call returned after its decision was written.
  const std::string log = ReadFile(decisions);
  // The seed holds six units: six decisions per client, each naming it.
  const auto count = [&](const std::string& identity) {
    const std::string field = absl::StrCat("\"identity\":\"", identity, "\"");
    int n = 0;
    for (size_t at = log.find(field); at != std::string::npos;
         at = log.find(field, at + 1)) {
      ++n;
    }
    return n;
  };
  EXPECT_EQ(count(kAdminIdentity), 6) << log;
  EXPECT_EQ(count(kReaderIdentity), 6) << log;
  EXPECT_EQ(count(kCommonNameIdentity), 6) << log;
}

TEST(ScorecarddTls, ScorecardctlOverTlsNamesTheServer) {
  TempDir dir;
  TlsFiles tls(dir);
  auto server = StartTls(dir, tls, /*mutual=*/false);
  ASSERT_NE(server, nullptr);
  const std::string address = server->Address();
  ASSERT_FALSE(address.empty()) << server->Log();
  const std::string port = address.substr(address.rfind(':') + 1);

  // The certificate is for 127.0.0.1 and localhost: both names work.
  for (const std::string& name : {address, "localhost:" + port}) {
    const ProcessResult listed =
        RunProcess({kScorecardctl, "rules", "list", "--server",
                    "https://" + name, "--tls-ca-file", tls.certs.ca});
    EXPECT_EQ(listed.exit_status, 0) << name << ": " << listed.err;
    EXPECT_THAT(listed.out, HasSubstr("led-fy2563"));
  }
  // A name the certificate does not hold is refused, unless the client is
  // told which name to expect.
  const ProcessResult wrong_name = RunProcess(
      {kScorecardctl, "rules", "list", "--server", address, "--tls-ca-file",
       tls.certs.ca, "--tls-server-name", "elsewhere.example"});
  EXPECT_EQ(wrong_name.exit_status, 2) << wrong_name.out;
  const ProcessResult right_name = RunProcess(
      {kScorecardctl, "rules", "list", "--server", address, "--tls-ca-file",
       tls.certs.ca, "--tls-server-name", "localhost"});
  EXPECT_EQ(right_name.exit_status, 0) << right_name.err;
  // Plaintext to a TLS server: refused, with a hint.
  const ProcessResult plain =
      RunProcess({kScorecardctl, "rules", "list", "--server", address});
  EXPECT_EQ(plain.exit_status, 2);
  EXPECT_THAT(plain.err, HasSubstr("use https://"));
}

TEST(ScorecarddTls, BufCurlCallsOverMutualTls) {
  ASSERT_EQ(::access(kBuf, X_OK), 0)
      << kBuf << " is missing: run scripts/install-deps.sh --test-tools";
  TempDir dir;
  TlsFiles tls(dir);
  auto server = StartTls(dir, tls, /*mutual=*/true);
  ASSERT_NE(server, nullptr);
  const std::string address = server->Address();
  ASSERT_FALSE(address.empty()) << server->Log();
  const std::string base = "https://" + address + "/";
  const std::vector<std::string> tls_flags = {
      "--cacert", tls.certs.ca, "--cert", tls.certs.reader_client.cert,
      "--key", tls.certs.reader_client.key};

  std::vector<std::string> validate = {
      kBuf, "curl", "--protocol", "grpc", "--data",
      R"({"scorecard": {"ruleSet": "led-fy2563", "unit": "secretariat",
          "entries": [{"indicator": "1.1", "score": "5.0000"}]}})"};
  validate.insert(validate.end(), tls_flags.begin(), tls_flags.end());
  validate.push_back(base + "scorecard.v1.ScorecardService/ValidateScorecard");
  const ProcessResult validated = RunProcess(validate);
  EXPECT_EQ(validated.exit_status, 0) << validated.err;
  EXPECT_THAT(validated.out, HasSubstr("\"ruleSet\": \"led-fy2563\""));

  std::vector<std::string> no_cert = {kBuf, "curl", "--protocol", "grpc",
                                      "--cacert", tls.certs.ca,
                                      base + "scorecard.v1.ScorecardService/"
                                             "ListRuleSets"};
  const ProcessResult refused = RunProcess(no_cert);
  EXPECT_NE(refused.exit_status, 0) << refused.out;
}

}  // namespace
}  // namespace scorecard::service
