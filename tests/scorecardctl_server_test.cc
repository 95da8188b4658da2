// scorecardctl over the network: against a real scorecardd it prints the same
// report and exits with the same status as offline; it lists and shows the
// server's rule sets. And a client that is not ours, buf curl, validates a
// seed unit through server reflection.

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "rules/document_reader.h"
#include "scorecard/v1/scorecard_service.pb.h"
#include "tests/testing/files.h"
#include "tests/testing/process.h"
#include "tests/testing/scorecardd_process.h"
#include "tests/testing/seed.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace scorecard::testing {
namespace {

using ::testing::HasSubstr;

constexpr char kCtl[] = SCORECARD_BINARY_DIR "/client/scorecardctl";
constexpr char kBuf[] =
    SCORECARD_SOURCE_DIR "/tests/tools/node_modules/.bin/buf";
constexpr const char* kSeed = kSeedDocument;
constexpr const char* kRules = kBundledRules;

class ScorecardctlServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    server_ = ScorecarddProcess::Start(
                  {"--listen=127.0.0.1:0", std::string("--rules=") + kRules},
                  *dir_ / "scorecardd.log")
                  .release();
    ASSERT_NE(server_, nullptr);
    address_ = new std::string(server_->Address());
    ASSERT_FALSE(address_->empty()) << server_->Log();
  }

  static void TearDownTestSuite() {
    delete server_;
    delete address_;
    delete dir_;
  }

  static ProcessResult Ctl(std::vector<std::string> args) {
    args.insert(args.begin(), kCtl);
    return RunProcess(args, "", {{"SCORECARD_RULES", ""}});
  }

  // Runs `validate ARGS` offline and with --server; both must agree.
  static void ExpectSameAsOffline(const std::vector<std::string>& args,
                                  int expected_status) {
    std::vector<std::string> offline = {"validate", "--rules", kRules};
    std::vector<std::string> online = {"validate", "--server", *address_};
    offline.insert(offline.end(), args.begin(), args.end());
    online.insert(online.end(), args.begin(), args.end());
    const ProcessResult local = Ctl(offline);
    const ProcessResult remote = Ctl(online);
    EXPECT_EQ(local.exit_status, expected_status) << local.err;
    EXPECT_EQ(remote.exit_status, expected_status) << remote.err;
    EXPECT_EQ(remote.out, local.out);
    EXPECT_FALSE(remote.out.empty());
  }

  // Runs `validate ARGS` offline and with --server for a file that cannot be
  // judged: both must print the same error and exit with 2.
  static void ExpectSameErrorAsOffline(const std::vector<std::string>& args) {
    std::vector<std::string> offline = {"validate", "--rules", kRules};
    std::vector<std::string> online = {"validate", "--server", *address_};
    offline.insert(offline.end(), args.begin(), args.end());
    online.insert(online.end(), args.begin(), args.end());
    const ProcessResult local = Ctl(offline);
    const ProcessResult remote = Ctl(online);
    EXPECT_EQ(local.exit_status, 2) << local.err;
    EXPECT_EQ(remote.exit_status, 2) << remote.err;
    EXPECT_EQ(remote.err, local.err);
    EXPECT_EQ(remote.out, local.out);
    EXPECT_FALSE(remote.err.empty());
  }

  static std::string TempFile(const std::string& name,
                              const std::string& content) {
    return dir_->Write(name, content);
  }

  static TempDir* dir_;
  static ScorecarddProcess* server_;
  static std::string* address_;
};

TempDir* ScorecardctlServerTest::dir_ = nullptr;
ScorecarddProcess* ScorecardctlServerTest::server_ = nullptr;
std::string* ScorecardctlServerTest::address_ = nullptr;

TEST_F(ScorecardctlServerTest, SeedReportIsTheSameAsOffline) {
  ExpectSameAsOffline({kSeed}, 0);
  ExpectSameAsOffline({"--format", "json", kSeed}, 0);
  ExpectSameAsOffline({"--lang", "th", kSeed}, 0);
}

TEST_F(ScorecardctlServerTest, ChangedDocumentIsInvalidTheSameWay) {
  const std::string path = TempFile(
      "changed.txt", SeedWithLineEdited(26, "\t๓.๐๐๐๐\t", "\t๕.๐๐๐๐\t"));
  ExpectSameAsOffline({"--format", "json", path}, 1);
  ExpectSameAsOffline({path}, 1);
}

// The server reads the document (one ValidateDocument call per file); what
// it cannot read is said as offline, line and all.
TEST_F(ScorecardctlServerTest, UnreadableDocumentsSayTheSameAsOffline) {
  const std::string bad_row = TempFile(
      "bad-row.txt", SeedWithLineEdited(26, "\t๓.๐๐๐๐\t", "\t๓.๐๐๐๐\tx\ty\t"));
  const std::string bad_json =
      TempFile("bad.json", R"({"scorecards": [{"unit": "secretariat",)");
  const std::string not_utf8 = TempFile(
      "latin1.txt", SeedWithLineEdited(12, "\t", "\t\xE9\xFF\t"));
  for (const std::string& path : {bad_row, bad_json, not_utf8}) {
    SCOPED_TRACE(path);
    ExpectSameErrorAsOffline({path});
    ExpectSameErrorAsOffline({"--format", "json", path});
  }
  const ProcessResult r = Ctl({"validate", "--server", *address_, bad_row});
  EXPECT_THAT(r.err, HasSubstr(bad_row + ":26: ")) << r.err;
}

TEST_F(ScorecardctlServerTest, RuleSetChoiceErrorsSayTheSameAsOffline) {
  ExpectSameErrorAsOffline({"--rule-set", "nope", kSeed});
}

// A document with more scorecards than the server judges in one call goes
// over the stream instead, with the same report.
TEST_F(ScorecardctlServerTest, DocumentOverTheBatchLimitGoesOverTheStream) {
  std::unique_ptr<ScorecarddProcess> small = ScorecarddProcess::Start(
      {"--listen=127.0.0.1:0", std::string("--rules=") + kRules,
       "--max_batch_scorecards=2"},
      *dir_ / "small.log");
  ASSERT_NE(small, nullptr);
  const std::string address = small->Address();
  ASSERT_FALSE(address.empty()) << small->Log();
  const ProcessResult local = Ctl({"validate", "--rules", kRules, kSeed});
  const ProcessResult remote = Ctl({"validate", "--server", address, kSeed});
  EXPECT_EQ(remote.exit_status, 0) << remote.err;
  EXPECT_EQ(remote.out, local.out);
}

// The department report goes through the same result stream: through the
// server it is the same report, byte for byte.
TEST_F(ScorecardctlServerTest, DepartmentReportIsTheSameAsOffline) {
  for (const char* format : {"markdown", "csv", "html"}) {
    const ProcessResult local =
        Ctl({"report", "--rules", kRules, "--format", format, kSeed});
    const ProcessResult remote =
        Ctl({"report", "--server", *address_, "--format", format, kSeed});
    EXPECT_EQ(local.exit_status, 0) << local.err;
    EXPECT_EQ(remote.exit_status, 0) << remote.err;
    EXPECT_EQ(remote.out, local.out) << format;
    EXPECT_THAT(remote.out, HasSubstr("4.6600"));
  }
}

TEST_F(ScorecardctlServerTest, UnknownRuleSetIsAUsageError) {
  const ProcessResult r =
      Ctl({"validate", "--server", *address_, "--rule-set", "nope", kSeed});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_THAT(r.err, HasSubstr("led-fy2563"));
}

// The server refuses the document for its second scorecard (an unknown rule
// set it names itself): scorecardctl says what the server said, and does so
// at once, not after its 60 s deadline (the run is bounded by kPatience).
TEST_F(ScorecardctlServerTest, DocumentRefusedMidwayReportsTheServersStatus) {
  std::string cards;
  for (const char* rule_set : {"led-fy2563", "no-such-rules", "led-fy2563"}) {
    if (!cards.empty()) cards += ",";
    cards += absl::StrCat(R"({"ruleSet": ")", rule_set,
                          R"(", "unit": "secretariat", "entries": [)",
                          R"({"indicator": "1.1", "score": "5.0000"}]})");
  }
  const std::string path = TempFile(
      "refused.json", absl::StrCat(R"({"scorecards": [)", cards, "]}"));
  const ProcessResult r =
      RunProcess({kCtl, "validate", "--server", *address_, path}, "",
                 {{"SCORECARD_RULES", ""}}, kPatience);
  EXPECT_FALSE(r.timed_out) << "scorecardctl waited for its deadline";
  EXPECT_EQ(r.exit_status, 2) << r.err;
  EXPECT_THAT(r.err,
              HasSubstr(absl::StrCat(
                  "refused.json: scorecardd at ", *address_,
                  ": document[1].rule_set: no rule set \"no-such-rules\"")));
}

TEST_F(ScorecardctlServerTest, RulesListShowsRevisions) {
  const ProcessResult r = Ctl({"rules", "list", "--server", *address_});
  EXPECT_EQ(r.exit_status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("led-fy2563\tfiscal year 2563\trevision "));
  EXPECT_THAT(r.out, HasSubstr("6 units"));
}

// What `rules show` writes is a rule file again, in either format: `rules
// check` passes it, and it judges the seed as the server's rules do.
TEST_F(ScorecardctlServerTest, RulesShowWritesARuleFileThatLoadsAgain) {
  for (const char* format : {"yaml", "json"}) {
    SCOPED_TRACE(format);
    const ProcessResult r = Ctl({"rules", "show", "led-fy2563", "--server",
                                 *address_, "--format", format});
    ASSERT_EQ(r.exit_status, 0) << r.err;
    const std::string folder = absl::StrCat("shown-", format);
    const std::string file =
        TempFile(absl::StrCat(folder, "/led.", format), r.out);
    const ProcessResult check = Ctl({"rules", "check", file});
    EXPECT_EQ(check.exit_status, 0) << check.err << r.out.substr(0, 400);
    EXPECT_THAT(check.out,
                HasSubstr("led-fy2563 ok (fiscal year 2563, 6 units"));
    const ProcessResult offline =
        Ctl({"validate", "--format", "json", "--rules", kRules, kSeed});
    const ProcessResult again =
        Ctl({"validate", "--format", "json", "--rules", file, kSeed});
    EXPECT_EQ(again.exit_status, 0) << again.err;
    EXPECT_EQ(again.out, offline.out);  // The revision travels too.
  }
  const ProcessResult missing =
      Ctl({"rules", "show", "nope", "--server", *address_});
  EXPECT_EQ(missing.exit_status, 2);
  EXPECT_THAT(missing.err, HasSubstr("nope"));
}

// The document says พ.ศ. ๒๕๖๓; the only rule set the server holds is for
// 2564. The year travels with each scorecard, so the server finds it.
TEST(ScorecardctlServerFiscalYear, MismatchIsFoundOverTheNetworkToo) {
  TempDir dir;
  std::string rules = ReadFile(std::string(kRules) + "/led-fy2563.yaml");
  for (const auto& [from, to] :
       std::vector<std::pair<std::string, std::string>>{
           {"id: led-fy2563", "id: led-fy2564"},
           {"fiscal_year: 2563", "fiscal_year: 2564"}}) {
    const size_t at = rules.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    rules.replace(at, from.size(), to);
  }
  dir.Write("rules/led-fy2564.yaml", rules);
  std::unique_ptr<ScorecarddProcess> server = ScorecarddProcess::Start(
      {"--listen=127.0.0.1:0", "--rules=" + (dir / "rules")},
      dir / "scorecardd.log");
  ASSERT_NE(server, nullptr);
  const std::string address = server->Address();
  ASSERT_FALSE(address.empty()) << server->Log();
  for (const std::vector<std::string>& where :
       {std::vector<std::string>{"--rules", dir / "rules"},
        std::vector<std::string>{"--server", address}}) {
    std::vector<std::string> args = {kCtl, "validate", "--format", "json"};
    args.insert(args.end(), where.begin(), where.end());
    args.push_back(kSeed);
    const ProcessResult r = RunProcess(args, "", {{"SCORECARD_RULES", ""}});
    EXPECT_EQ(r.exit_status, 1) << where[0] << ": " << r.err;
    EXPECT_THAT(r.out, HasSubstr("\"valid\":false"));
    EXPECT_THAT(r.out, HasSubstr("VIOLATION_CODE_FISCAL_YEAR_MISMATCH"));
    EXPECT_THAT(r.out, HasSubstr("\"invalid\":6"));
  }
}

TEST_F(ScorecardctlServerTest, BufCurlValidatesASeedUnitThroughReflection) {
  absl::StatusOr<rules::ScorecardDocument> document =
      rules::ReadScorecardFile(kSeed);
  ASSERT_TRUE(document.ok()) << document.status();
  scorecard::v1::ValidateScorecardRequest request;
  *request.mutable_scorecard() = document->scorecards[2].scorecard;
  request.mutable_scorecard()->set_rule_set("led-fy2563");
  std::string json;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(request, &json).ok());

  const ProcessResult r =
      RunProcess({kBuf, "curl", "--protocol", "grpc", "--http2-prior-knowledge",
                  "--data", json,
                  "http://" + *address_ +
                      "/scorecard.v1.ScorecardService/ValidateScorecard"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  scorecard::v1::ValidateScorecardResponse response;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(r.out, &response).ok())
      << r.out;
  EXPECT_TRUE(response.result().valid());
  EXPECT_EQ(response.result().unit(), "human-resources");
  EXPECT_EQ(response.result().computed_total(), "4.6600");
}

}  // namespace
}  // namespace scorecard::testing
