// The real scorecardd's admin service (scorecard.admin.v1.AdminService) from
// real clients: not served unless authentication is configured; bearer
// tokens (none, wrong, right, rotated); client certificate identities over
// mutual TLS (allowed, not allowed); ReloadRules, CheckRuleSet and
// GetServerStatus; scorecardctl admin and buf curl; and what the public
// ScorecardService no longer says about paths.
//
// Every wait is bounded; the child is killed if a test fails.

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "rules/problems.h"
#include "rules/rule_set_index.h"
#include "scorecard/admin/v1/admin_service.grpc.pb.h"
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
namespace admin = ::scorecard::admin::v1;
namespace v1 = ::scorecard::v1;
using ::scorecard::testing::kAdminIdentity;
using ::scorecard::testing::kBundledRules;
using ::scorecard::testing::kCommonNameIdentity;
using ::scorecard::testing::KeyPair;
using ::scorecard::testing::kPatience;
using ::scorecard::testing::MakeTestCertificates;
using ::scorecard::testing::PlaintextChannel;
using ::scorecard::testing::ProcessResult;
using ::scorecard::testing::ReadFile;
using ::scorecard::testing::RunProcess;
using ::scorecard::testing::ScorecarddProcess;
using ::scorecard::testing::TempDir;
using ::scorecard::testing::TestCertificates;
using ::scorecard::testing::TlsChannel;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;
using ::testing::StartsWith;

constexpr char kScorecardctl[] = SCORECARD_BINARY_DIR "/client/scorecardctl";
constexpr char kBuf[] = SCORECARD_SOURCE_DIR "/tests/tools/node_modules/.bin/buf";
constexpr char kTestData[] = SCORECARD_SOURCE_DIR "/tests/data";
constexpr char kToken[] = "first-admin-token-0123456789";
constexpr char kRotatedToken[] = "second-admin-token-9876543210";

// Replaces `path` with `content` by rename, as operators should.
void Replace(const std::string& path, const std::string& content) {
  ASSERT_TRUE(::scorecard::testing::WriteFile(path + ".new", content));
  fs::rename(path + ".new", path);
}

// A rules folder: the bundled rule set and test-fy2563 at r1.
std::string MakeRules(const TempDir& dir) {
  fs::create_directories(dir / "rules");
  fs::copy_file(absl::StrCat(kBundledRules, "/led-fy2563.yaml"),
                dir / "rules/led-fy2563.yaml");
  fs::copy_file(absl::StrCat(kTestData, "/service/rules/test-fy2563.yaml"),
                dir / "rules/test-fy2563.yaml");
  return dir / "rules";
}

// Starts scorecardd on MakeRules(dir), no polling, with the token file
// dir/token holding kToken (plus `flags`).
std::unique_ptr<ScorecarddProcess> StartWithToken(
    const TempDir& dir, std::vector<std::string> flags = {}) {
  Replace(dir / "token", absl::StrCat(kToken, "\n"));
  flags.insert(flags.begin(),
               {"--listen=127.0.0.1:0", "--rules=" + MakeRules(dir),
                "--reload_poll_interval=0", "--admin_token_file=" +
                                                (dir / "token")});
  // With TLS, the staging folder of the certificates goes into dir.
  return ScorecarddProcess::Start(flags, dir / "log", {{"TMPDIR", dir.path()}});
}

void SetDeadline(grpc::ClientContext& context) {
  context.set_deadline(absl::ToChronoTime(absl::Now() + kPatience));
}

void Authorize(grpc::ClientContext& context, const std::string& token) {
  if (!token.empty()) context.AddMetadata("authorization", "Bearer " + token);
}

grpc::Status Status(const std::shared_ptr<grpc::Channel>& channel,
                    const std::string& token,
                    admin::GetServerStatusResponse* response = nullptr) {
  grpc::ClientContext context;
  SetDeadline(context);
  Authorize(context, token);
  admin::GetServerStatusResponse ignored;
  return admin::AdminService::NewStub(channel)->GetServerStatus(
      &context, admin::GetServerStatusRequest(),
      response != nullptr ? response : &ignored);
}

grpc::Status Reload(const std::shared_ptr<grpc::Channel>& channel,
                    const std::string& token,
                    admin::ReloadRulesResponse* response) {
  grpc::ClientContext context;
  SetDeadline(context);
  Authorize(context, token);
  return admin::AdminService::NewStub(channel)->ReloadRules(
      &context, admin::ReloadRulesRequest(), response);
}

grpc::Status Check(const std::shared_ptr<grpc::Channel>& channel,
                   const std::string& token,
                   const admin::CheckRuleSetRequest& request,
                   admin::CheckRuleSetResponse* response) {
  grpc::ClientContext context;
  SetDeadline(context);
  Authorize(context, token);
  return admin::AdminService::NewStub(channel)->CheckRuleSet(&context, request,
                                                             response);
}

v1::ListRuleSetsResponse List(const std::shared_ptr<grpc::Channel>& channel) {
  grpc::ClientContext context;
  SetDeadline(context);
  v1::ListRuleSetsResponse response;
  const grpc::Status status =
      v1::ScorecardService::NewStub(channel)->ListRuleSets(
          &context, v1::ListRuleSetsRequest(), &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response;
}

TEST(ScorecarddAdmin, IsNotServedUnlessAuthenticationIsConfigured) {
  TempDir dir;
  auto server = ScorecarddProcess::Start(
      {"--listen=127.0.0.1:0", std::string("--rules=") + kBundledRules},
      dir / "log");
  ASSERT_NE(server, nullptr);
  const auto channel = PlaintextChannel(server->Address());
  EXPECT_EQ(Status(channel, kToken).error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_THAT(server->LogLines("listening")[0],
              HasSubstr("\"admin_service\":false"));
}

TEST(ScorecarddAdmin, BearerTokenIsCheckedAndRotates) {
  TempDir dir;
  auto server = StartWithToken(dir);
  ASSERT_NE(server, nullptr);
  const auto channel = PlaintextChannel(server->Address());
  ASSERT_NE(server->Address(), "") << server->Log();

  const grpc::Status none = Status(channel, "");
  EXPECT_EQ(none.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(none.error_message(), HasSubstr("authorization: Bearer"));
  const grpc::Status wrong = Status(channel, "not-the-admin-token-at-all");
  EXPECT_EQ(wrong.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(wrong.error_message(), Not(HasSubstr(kToken)));
  EXPECT_TRUE(Status(channel, kToken).ok());
  // The public service needs no token.
  EXPECT_THAT(List(channel).rule_sets(), SizeIs(2));

  Replace(dir / "token", absl::StrCat("  ", kRotatedToken, "\n\n"));
  EXPECT_EQ(Status(channel, kToken).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(Status(channel, kRotatedToken).ok());
  ASSERT_THAT(server->LogLines("admin_token_loaded"), SizeIs(1));

  // A token file emptied lets no token in.
  Replace(dir / "token", "\n");
  EXPECT_EQ(Status(channel, kRotatedToken).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  ASSERT_THAT(server->LogLines("admin_token_refused"), SizeIs(1));

  // Every admin call is logged; no line holds a token.
  EXPECT_THAT(server->LogLines("admin_call"), SizeIs(6));
  EXPECT_THAT(server->Log(), Not(HasSubstr(kToken)));
  EXPECT_THAT(server->Log(), Not(HasSubstr(kRotatedToken)));
}

TEST(ScorecarddAdmin, RefusesToStartWithAnUnusableTokenFile) {
  TempDir dir;
  struct Case {
    std::string content;
    std::string message;
  };
  for (const Case& c : {Case{"", "it is empty"},
                        Case{"short\n", "the least is 16"},
                        Case{"two words-in-a-token\n", "without spaces"}}) {
    Replace(dir / "token", c.content);
    auto server = ScorecarddProcess::Start(
        {"--listen=127.0.0.1:0", std::string("--rules=") + kBundledRules,
         "--admin_token_file=" + (dir / "token")},
        dir / "log");
    ASSERT_NE(server, nullptr);
    const std::optional<int> status = server->WaitForExit();
    ASSERT_TRUE(status.has_value());
    EXPECT_EQ(::scorecard::testing::ExitCode(*status), 1);
    ASSERT_THAT(server->LogLines("exit"), SizeIs(1));
    EXPECT_THAT(server->LogLines("exit")[0], HasSubstr(c.message));
  }
}

struct MutualTls {
  explicit MutualTls(const TempDir& dir)
      : certs(MakeTestCertificates(dir / "certs")) {}

  std::vector<std::string> Flags() const {
    return {"--tls_cert_file=" + certs.server.cert,
            "--tls_key_file=" + certs.server.key,
            "--tls_client_ca_file=" + certs.ca,
            absl::StrCat("--admin_client_identities=", kAdminIdentity, ",",
                         kCommonNameIdentity)};
  }

  std::shared_ptr<grpc::Channel> As(const std::string& address,
                                    const KeyPair& client) const {
    return TlsChannel(address, certs.ca, &client);
  }

  TestCertificates certs;
};

TEST(ScorecarddAdmin, ClientCertificateIdentitiesAreAllowedOrNot) {
  TempDir dir;
  MutualTls tls(dir);
  auto server = StartWithToken(dir, tls.Flags());
  ASSERT_NE(server, nullptr);
  const std::string address = server->Address();
  ASSERT_FALSE(address.empty()) << server->Log();

  // By URI SAN, and by common name when the certificate has no SAN.
  EXPECT_TRUE(Status(tls.As(address, tls.certs.admin_client), "").ok());
  EXPECT_TRUE(Status(tls.As(address, tls.certs.common_name_client), "").ok());
  // A valid certificate that is not on the list: known, not allowed.
  const grpc::Status reader =
      Status(tls.As(address, tls.certs.reader_client), "");
  EXPECT_EQ(reader.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(reader.error_message(), HasSubstr("reader.scorecard.test"));
  // ... unless it brings the token, the other way in.
  EXPECT_TRUE(Status(tls.As(address, tls.certs.reader_client), kToken).ok());
  // A wrong token is a wrong credential, whoever presents it.
  EXPECT_EQ(
      Status(tls.As(address, tls.certs.admin_client), "wrong-token-0123456789")
          .error_code(),
      grpc::StatusCode::UNAUTHENTICATED);
  // Without a certificate there is no connection at all (mutual TLS).
  EXPECT_EQ(Status(TlsChannel(address, tls.certs.ca, nullptr), kToken)
                .error_code(),
            grpc::StatusCode::UNAVAILABLE);
}

TEST(ScorecarddAdmin, IdentitiesWithoutMutualTlsDoNotStart) {
  TempDir dir;
  auto server = ScorecarddProcess::Start(
      {"--listen=127.0.0.1:0", std::string("--rules=") + kBundledRules,
       absl::StrCat("--admin_client_identities=", kAdminIdentity)},
      dir / "log");
  ASSERT_NE(server, nullptr);
  const std::optional<int> status = server->WaitForExit();
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(::scorecard::testing::ExitCode(*status), 1);
  EXPECT_THAT(server->LogLines("exit")[0], HasSubstr("--tls_client_ca_file"));
}

// What a load of `content` saved as `name` reports, with the folder's path
// taken off each problem: what CheckRuleSet must say.
std::vector<std::string> ProblemsOfALoad(const TempDir& dir,
                                         const std::string& name,
                                         const std::string& content) {
  fs::create_directories(dir / "candidate");
  const std::string path = dir / ("candidate/" + name);
  EXPECT_TRUE(::scorecard::testing::WriteFile(path, content));
  const auto loaded = rules::RuleSetIndex::Load(path);
  EXPECT_FALSE(loaded.ok());
  std::vector<std::string> problems;
  for (const std::string& problem : rules::Problems(loaded.status())) {
    problems.push_back(absl::StrReplaceAll(
        problem, {{dir / "candidate/", ""}}));
  }
  return problems;
}

TEST(ScorecarddAdmin, CheckRuleSetListsEveryProblemAndChangesNothing) {
  TempDir dir;
  auto server = StartWithToken(dir);
  ASSERT_NE(server, nullptr);
  const auto channel = PlaintextChannel(server->Address());
  const v1::ListRuleSetsResponse before = List(channel);

  // Problems found while parsing, and problems of the rule set itself.
  const std::string unparsable =
      ReadFile(absl::StrCat(kTestData, "/rules/broken/fields.yaml"));
  const std::string unsound = absl::StrReplaceAll(
      ReadFile(absl::StrCat(kTestData, "/service/rules/test-fy2563.yaml")),
      {{"weight: \"60\"", "weight: \"50\""},
       {"weight: \"40\"", "weight: \"x\""}});
  for (const std::string& content : {unparsable, unsound}) {
    const std::vector<std::string> expected =
        ProblemsOfALoad(dir, "next.yaml", content);
    ASSERT_THAT(expected, Not(IsEmpty()));
    admin::CheckRuleSetRequest request;
    request.set_content(content);
    request.set_file_name("next.yaml");
    admin::CheckRuleSetResponse response;
    const grpc::Status status = Check(channel, kToken, request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_FALSE(response.sound());
    EXPECT_THAT(response.problems(), ElementsAreArray(expected));
    if (content == unparsable) {
      EXPECT_THAT(response.problems(), SizeIs(6));
    }
    EXPECT_EQ(response.id(), "");
  }
  // The same file as JSON is refused for what it is not.
  admin::CheckRuleSetRequest as_json;
  as_json.set_content(unparsable);
  as_json.set_format(admin::RULE_FILE_FORMAT_JSON);
  admin::CheckRuleSetResponse json_response;
  ASSERT_TRUE(Check(channel, kToken, as_json, &json_response).ok());
  ASSERT_THAT(json_response.problems(), Not(IsEmpty()));
  EXPECT_THAT(json_response.problems(0), StartsWith("candidate:"));

  // A sound file: its id, revision and units.
  admin::CheckRuleSetRequest sound;
  sound.set_content(ReadFile(absl::StrCat(kTestData,
                                          "/service/test-fy2563-r2.yaml")));
  sound.set_format(admin::RULE_FILE_FORMAT_YAML);
  admin::CheckRuleSetResponse sound_response;
  ASSERT_TRUE(Check(channel, kToken, sound, &sound_response).ok());
  EXPECT_TRUE(sound_response.sound());
  EXPECT_EQ(sound_response.id(), "test-fy2563");
  EXPECT_EQ(sound_response.revision(), "r2");
  EXPECT_EQ(sound_response.unit_count(), 1);
  EXPECT_THAT(sound_response.problems(), IsEmpty());

  // A request that cannot be judged.
  admin::CheckRuleSetRequest nameless;
  nameless.set_content("id: x\n");
  admin::CheckRuleSetResponse ignored;
  const grpc::Status no_format = Check(channel, kToken, nameless, &ignored);
  EXPECT_EQ(no_format.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(no_format.error_message(), HasSubstr("format is required"));

  // Nothing served changed.
  EXPECT_EQ(List(channel).SerializeAsString(), before.SerializeAsString());
  EXPECT_THAT(server->LogLines("rules_loaded"), SizeIs(1));
}

TEST(ScorecarddAdmin, ReloadRulesAnswersWithWhatIsServed) {
  TempDir dir;
  auto server = StartWithToken(dir);
  ASSERT_NE(server, nullptr);
  const auto channel = PlaintextChannel(server->Address());

  Replace(dir / "rules/test-fy2563.yaml",
          ReadFile(absl::StrCat(kTestData, "/service/test-fy2563-r2.yaml")));
  admin::ReloadRulesResponse reloaded;
  ASSERT_TRUE(Reload(channel, kToken, &reloaded).ok());
  EXPECT_TRUE(reloaded.reloaded());
  ASSERT_THAT(reloaded.rule_sets(), SizeIs(2));
  EXPECT_EQ(reloaded.rule_sets(1).id(), "test-fy2563");
  EXPECT_EQ(reloaded.rule_sets(1).revision(), "r2");
  EXPECT_EQ(reloaded.rule_sets(1).source(), dir / "rules/test-fy2563.yaml");
  EXPECT_THAT(reloaded.refusal_reasons(), IsEmpty());

  Replace(dir / "rules/test-fy2563.yaml",
          ReadFile(absl::StrCat(kTestData, "/service/broken-rules.yaml")));
  admin::ReloadRulesResponse refused;
  const grpc::Status status = Reload(channel, kToken, &refused);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_FALSE(refused.reloaded());
  ASSERT_THAT(refused.rule_sets(), SizeIs(2));
  EXPECT_EQ(refused.rule_sets(1).revision(), "r2");
  ASSERT_THAT(refused.refusal_reasons(), Not(IsEmpty()));
  for (const std::string& reason : refused.refusal_reasons()) {
    EXPECT_THAT(reason, StartsWith(dir / "rules/test-fy2563.yaml"));
  }
  // Without credentials nothing is reloaded.
  admin::ReloadRulesResponse ignored;
  EXPECT_EQ(Reload(channel, "", &ignored).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(server->LogLines("reload_refused"), SizeIs(1));
}

TEST(ScorecarddAdmin, GetServerStatusSaysWhatRunsAndWhatWasRefused) {
  TempDir dir;
  const absl::Time before = absl::Now() - absl::Seconds(1);
  auto server = StartWithToken(dir);
  ASSERT_NE(server, nullptr);
  const auto channel = PlaintextChannel(server->Address());

  admin::GetServerStatusResponse status;
  ASSERT_TRUE(Status(channel, kToken, &status).ok());
  EXPECT_EQ(status.version(), "0.1.0");
  EXPECT_EQ(status.rules_path(), dir / "rules");
  EXPECT_GE(status.start_time().seconds(), absl::ToUnixSeconds(before));
  EXPECT_GE(status.last_successful_load().seconds(),
            status.start_time().seconds());
  ASSERT_THAT(status.rule_sets(), SizeIs(2));
  EXPECT_EQ(status.rule_sets(0).source(), dir / "rules/led-fy2563.yaml");
  EXPECT_FALSE(status.has_last_refused_reload());

  Replace(dir / "rules/test-fy2563.yaml",
          ReadFile(absl::StrCat(kTestData, "/service/broken-rules.yaml")));
  admin::ReloadRulesResponse ignored;
  ASSERT_TRUE(Reload(channel, kToken, &ignored).ok());
  admin::GetServerStatusResponse after;
  ASSERT_TRUE(Status(channel, kToken, &after).ok());
  ASSERT_TRUE(after.has_last_refused_reload());
  EXPECT_GE(after.last_refused_reload().attempted_at().seconds(),
            status.last_successful_load().seconds());
  EXPECT_THAT(after.last_refused_reload().reasons(), Not(IsEmpty()));
  EXPECT_EQ(after.last_successful_load().SerializeAsString(),
            status.last_successful_load().SerializeAsString());
}

TEST(ScorecarddAdmin, PublicCallersSeeFileNamesNotPaths) {
  TempDir dir;
  auto server = StartWithToken(dir);
  ASSERT_NE(server, nullptr);
  const auto channel = PlaintextChannel(server->Address());

  const v1::ListRuleSetsResponse listed = List(channel);
  ASSERT_THAT(listed.rule_sets(), SizeIs(2));
  EXPECT_EQ(listed.rule_sets(0).source(), "led-fy2563.yaml");
  EXPECT_EQ(listed.rule_sets(1).source(), "test-fy2563.yaml");
  grpc::ClientContext context;
  SetDeadline(context);
  v1::GetRuleSetRequest request;
  request.set_id("test-fy2563");
  v1::GetRuleSetResponse got;
  ASSERT_TRUE(v1::ScorecardService::NewStub(channel)
                  ->GetRuleSet(&context, request, &got)
                  .ok());
  EXPECT_EQ(got.source(), "test-fy2563.yaml");

  // A refused reload's reasons name the file, not where it lives.
  Replace(dir / "rules/test-fy2563.yaml",
          ReadFile(absl::StrCat(kTestData, "/service/broken-rules.yaml")));
  Replace(dir / "rules/extra.json", "{not json");
  admin::ReloadRulesResponse refused;
  ASSERT_TRUE(Reload(channel, kToken, &refused).ok());
  ASSERT_FALSE(refused.reloaded());
  const v1::ListRuleSetsResponse after = List(channel);
  ASSERT_TRUE(after.has_last_refused_reload());
  ASSERT_THAT(after.last_refused_reload().reasons(),
              SizeIs(refused.refusal_reasons_size()));
  bool named_both = true;
  for (const std::string& reason : after.last_refused_reload().reasons()) {
    EXPECT_THAT(reason, Not(HasSubstr(dir.path()))) << reason;
    named_both &= absl::StartsWith(reason, "test-fy2563.yaml") ||
                  absl::StartsWith(reason, "extra.json");
  }
  EXPECT_TRUE(named_both);
}

TEST(ScorecarddAdmin, ScorecardctlAdminReloadsChecksAndReports) {
  TempDir dir;
  auto server = StartWithToken(dir);
  ASSERT_NE(server, nullptr);
  const std::string address = server->Address();
  const std::vector<std::string> connect = {"--server", address,
                                            "--token-file", dir / "token"};
  auto admin_command = [&](std::vector<std::string> args) {
    std::vector<std::string> argv = {kScorecardctl, "admin"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.insert(argv.end(), connect.begin(), connect.end());
    return RunProcess(argv);
  };

  const ProcessResult status = admin_command({"status"});
  EXPECT_EQ(status.exit_status, 0) << status.err;
  EXPECT_THAT(status.out, HasSubstr("version\t0.1.0"));
  EXPECT_THAT(status.out, HasSubstr("rules\t" + (dir / "rules")));

  const std::string broken = absl::StrCat(kTestData, "/rules/broken/fields.yaml");
  const ProcessResult checked = admin_command({"check", broken});
  EXPECT_EQ(checked.exit_status, 1) << checked.err;
  EXPECT_THAT(checked.out, HasSubstr("fields.yaml:3:14: fiscal_year"));
  EXPECT_THAT(checked.out, HasSubstr(broken + ": 6 problems"));
  const ProcessResult sound = admin_command(
      {"check", absl::StrCat(kTestData, "/service/test-fy2563-r2.yaml")});
  EXPECT_EQ(sound.exit_status, 0) << sound.err;
  EXPECT_THAT(sound.out, HasSubstr("test-fy2563 ok (1 units, revision r2)"));

  Replace(dir / "rules/test-fy2563.yaml",
          ReadFile(absl::StrCat(kTestData, "/service/test-fy2563-r2.yaml")));
  const ProcessResult reloaded = admin_command({"reload"});
  EXPECT_EQ(reloaded.exit_status, 0) << reloaded.err;
  EXPECT_THAT(reloaded.out, HasSubstr("test-fy2563\trevision r2"));
  Replace(dir / "rules/test-fy2563.yaml",
          ReadFile(absl::StrCat(kTestData, "/service/broken-rules.yaml")));
  const ProcessResult refused = admin_command({"reload", "--format", "json"});
  EXPECT_EQ(refused.exit_status, 1) << refused.err;
  EXPECT_THAT(refused.out, HasSubstr("\"reloaded\": false"));
  EXPECT_THAT(refused.out, HasSubstr("\"refusal_reasons\""));

  // Without the token: refused, exit 2.
  const ProcessResult anonymous =
      RunProcess({kScorecardctl, "admin", "status", "--server", address});
  EXPECT_EQ(anonymous.exit_status, 2);
  EXPECT_THAT(anonymous.err, HasSubstr("scorecardd at " + address));
  EXPECT_THAT(anonymous.err, HasSubstr("needs credentials"));
}

TEST(ScorecarddAdmin, ScorecardctlAdminWithAClientCertificate) {
  TempDir dir;
  MutualTls tls(dir);
  auto server = StartWithToken(dir, tls.Flags());
  ASSERT_NE(server, nullptr);
  const std::string address = server->Address();
  ASSERT_FALSE(address.empty()) << server->Log();
  auto status_as = [&](const KeyPair& client) {
    return RunProcess({kScorecardctl, "admin", "status", "--server",
                       "https://" + address, "--tls-ca-file", tls.certs.ca,
                       "--tls-cert-file", client.cert, "--tls-key-file",
                       client.key});
  };
  const ProcessResult allowed = status_as(tls.certs.admin_client);
  EXPECT_EQ(allowed.exit_status, 0) << allowed.err;
  EXPECT_THAT(allowed.out, HasSubstr("version\t"));
  const ProcessResult denied = status_as(tls.certs.reader_client);
  EXPECT_EQ(denied.exit_status, 2);
  EXPECT_THAT(denied.err, HasSubstr("is not allowed to call the admin service"));
}

TEST(ScorecarddAdmin, BufCurlReachesTheAdminServiceByReflection) {
  ASSERT_EQ(::access(kBuf, X_OK), 0)
      << kBuf << " is missing: run scripts/install-deps.sh --test-tools";
  TempDir dir;
  MutualTls tls(dir);
  auto server = StartWithToken(dir, tls.Flags());
  ASSERT_NE(server, nullptr);
  const std::string address = server->Address();
  ASSERT_FALSE(address.empty()) << server->Log();
  const std::string method =
      "https://" + address + "/scorecard.admin.v1.AdminService/GetServerStatus";
  auto curl = [&](const KeyPair& client, std::vector<std::string> more) {
    std::vector<std::string> argv = {kBuf,     "curl",      "--protocol",
                                     "grpc",   "--cacert",  tls.certs.ca,
                                     "--cert", client.cert, "--key",
                                     client.key};
    argv.insert(argv.end(), more.begin(), more.end());
    argv.push_back(method);
    return RunProcess(argv);
  };
  // A client certificate not on the list, with the token.
  const ProcessResult with_token =
      curl(tls.certs.reader_client,
           {"-H", absl::StrCat("Authorization: Bearer ", kToken)});
  EXPECT_EQ(with_token.exit_status, 0) << with_token.err;
  EXPECT_THAT(with_token.out, HasSubstr("\"version\": \"0.1.0\""));
  // By identity alone.
  const ProcessResult by_identity = curl(tls.certs.admin_client, {});
  EXPECT_EQ(by_identity.exit_status, 0) << by_identity.err;
  // Neither: PERMISSION_DENIED.
  const ProcessResult denied = curl(tls.certs.reader_client, {});
  EXPECT_NE(denied.exit_status, 0);
  EXPECT_THAT(denied.out + denied.err, HasSubstr("permission_denied"));
}

}  // namespace
}  // namespace scorecard::service
