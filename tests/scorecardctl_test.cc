// scorecardctl as its users run it: a subprocess with files, standard input,
// exit statuses and JSON Lines.

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/testing/files.h"
#include "tests/testing/process.h"
#include "tests/testing/seed.h"
#include "tests/testing/temp_dir.h"

namespace scorecard::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kCtl[] = SCORECARD_BINARY_DIR "/client/scorecardctl";
constexpr const char* kSeed = kSeedDocument;
constexpr const char* kRules = kBundledRules;

// Writes `content` to a file that lasts as long as the test program and
// returns its path.
std::string WriteTemp(const std::string& name, const std::string& content) {
  static const TempDir* const dir = new TempDir("scorecardctl-test-");
  return dir->Write(name, content);
}

ProcessResult Ctl(std::vector<std::string> args, const std::string& input = "",
                  std::map<std::string, std::string> env = {}) {
  args.insert(args.begin(), kCtl);
  // Tests never depend on the environment they run in.
  env.emplace("SCORECARD_RULES", "");
  return RunProcess(args, input, env);
}

std::vector<google::protobuf::Struct> JsonLines(const std::string& out) {
  std::vector<google::protobuf::Struct> lines;
  for (absl::string_view line : absl::StrSplit(out, '\n', absl::SkipEmpty())) {
    google::protobuf::Struct object;
    const auto status =
        google::protobuf::util::JsonStringToMessage(std::string(line), &object);
    EXPECT_TRUE(status.ok()) << status << ": " << line;
    lines.push_back(object);
  }
  return lines;
}

std::string Field(const google::protobuf::Struct& object,
                  const std::string& name) {
  const auto it = object.fields().find(name);
  if (it == object.fields().end()) return "<absent>";
  const google::protobuf::Value& v = it->second;
  if (v.has_string_value()) return v.string_value();
  if (v.has_bool_value()) return v.bool_value() ? "true" : "false";
  if (v.has_number_value()) return std::to_string(static_cast<long>(v.number_value()));
  return "<other>";
}

// The seed with unit 1's ๗.๑ (line 26) scored ๕ instead of ๓.
std::string SeedWithChangedScore() {
  return SeedWithLineEdited(26, "\t๓.๐๐๐๐\t", "\t๕.๐๐๐๐\t");
}

TEST(ScorecardctlValidate, SeedIsValidWithSixTotals) {
  const ProcessResult r = Ctl({"validate", "--rules", kRules, kSeed});
  EXPECT_EQ(r.exit_status, 0) << r.err;
  for (const char* total : {"4.9600", "4.6600", "4.8600", "4.9100", "4.9400"}) {
    EXPECT_THAT(r.out, HasSubstr(total));
  }
  EXPECT_THAT(r.out, HasSubstr("6 scorecards: 6 VALID, 0 INVALID"));
  EXPECT_THAT(r.out, Not(HasSubstr("result      INVALID")));
}

TEST(ScorecardctlValidate, JsonLinesOnePerScorecard) {
  const ProcessResult r =
      Ctl({"validate", "--rules", kRules, "--format", "json", kSeed});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 7u);  // Six scorecards and the summary.
  EXPECT_EQ(Field(lines[0], "source"), kSeed);
  EXPECT_EQ(Field(lines[0], "index"), "0");
  EXPECT_EQ(Field(lines[5], "index"), "5");
  EXPECT_EQ(Field(lines[0], "valid"), "true");
  EXPECT_EQ(Field(lines[0], "ruleSet"), "led-fy2563");
  EXPECT_EQ(Field(lines[0], "unit"), "secretariat");
  EXPECT_EQ(Field(lines[2], "computedTotal"), "4.6600");
  EXPECT_EQ(Field(lines[2], "declaredTotal"), "๔.๖๖๐๐");
  EXPECT_EQ(lines[0].fields().at("contributions").list_value().values_size(),
            21);
  const auto& summary = lines[6].fields().at("summary").struct_value();
  EXPECT_EQ(Field(summary, "scorecards"), "6");
  EXPECT_EQ(Field(summary, "valid"), "6");
  EXPECT_EQ(Field(summary, "exitStatus"), "0");
}

TEST(ScorecardctlValidate, ChangedScoreIsInvalidWithCodeAndLine) {
  const std::string path = WriteTemp("changed.txt", SeedWithChangedScore());
  const ProcessResult r =
      Ctl({"validate", "--rules", kRules, "--format", "json", path});
  EXPECT_EQ(r.exit_status, 1) << r.err;
  const auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_EQ(Field(lines[0], "valid"), "false");
  const auto& violation =
      lines[0].fields().at("violations").list_value().values(0).struct_value();
  EXPECT_EQ(Field(violation, "code"), "VIOLATION_CODE_TOTAL_MISMATCH");
  EXPECT_EQ(Field(violation, "line"), "28");
  EXPECT_EQ(Field(violation, "expected"), "5.0000");
  EXPECT_EQ(Field(lines[1], "valid"), "true");
}

TEST(ScorecardctlValidate, TextReportNamesLineIndicatorAndCode) {
  const std::string path =  // ๑.๑'s weight
      WriteTemp("weight.txt", SeedWithLineEdited(7, "\t๑๐", "\t๑๒"));
  const ProcessResult r = Ctl({"validate", "--rules", kRules, path});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_THAT(r.out, HasSubstr("INVALID"));
  EXPECT_THAT(r.out, HasSubstr("WEIGHT_MISMATCH"));
  EXPECT_THAT(r.out, HasSubstr("     7     1.1        ERROR     WEIGHT_MISMATCH"));
  EXPECT_THAT(r.out, HasSubstr("6 scorecards: 5 VALID, 1 INVALID"));
}

TEST(ScorecardctlValidate, ReadsStandardInput) {
  const ProcessResult r =
      Ctl({"validate", "--rules", kRules, "--format", "json", "-"},
          ReadFile(kSeed));
  EXPECT_EQ(r.exit_status, 0) << r.err;
  const auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_EQ(Field(lines[0], "source"), "-");
}

TEST(ScorecardctlValidate, RulesFromTheEnvironment) {
  const ProcessResult r =
      Ctl({"validate", kSeed}, "", {{"SCORECARD_RULES", kRules}});
  EXPECT_EQ(r.exit_status, 0) << r.err;
}

TEST(ScorecardctlValidate, ThaiMessagesWithLangTh) {
  const std::string path = WriteTemp("changed-th.txt", SeedWithChangedScore());
  const ProcessResult r =
      Ctl({"validate", "--rules", kRules, "--lang", "th", path});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_THAT(r.out, HasSubstr("คะแนนรวมที่แจ้ง"));
  EXPECT_THAT(r.out, HasSubstr("ไม่ถูกต้อง"));
}

TEST(ScorecardctlValidate, UnreadableInputsExitTwoNamingTheFile) {
  const std::string empty = WriteTemp("empty.txt", "");
  const std::string binary =
      WriteTemp("binary.bin", std::string("\x00\xff\xfe\x01garbage", 11));
  const std::string no_unit = WriteTemp("no-unit.txt", "hello\nworld\n");
  for (const std::string& path :
       {empty, binary, no_unit, std::string("/nonexistent/file.txt")}) {
    const ProcessResult r = Ctl({"validate", "--rules", kRules, path});
    EXPECT_EQ(r.exit_status, 2) << path;
    EXPECT_THAT(r.err, HasSubstr(path));
    EXPECT_THAT(r.err, Not(HasSubstr("Aborted")));
  }
}

TEST(ScorecardctlValidate, OneBadFileAmongGoodOnesStillReportsTheGood) {
  const ProcessResult r =
      Ctl({"validate", "--rules", kRules, kSeed, "/nonexistent.txt"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_THAT(r.out, HasSubstr("6 scorecards: 6 VALID"));
}

TEST(ScorecardctlValidate, UsageErrorsExitTwo) {
  EXPECT_EQ(Ctl({}).exit_status, 2);
  EXPECT_EQ(Ctl({"validate"}).exit_status, 2);
  EXPECT_EQ(Ctl({"frobnicate"}).exit_status, 2);
  EXPECT_EQ(Ctl({"validate", "--bogus", kSeed}).exit_status, 2);
  EXPECT_EQ(Ctl({"validate", "--rules", kRules, "--format", "xml", kSeed})
                .exit_status,
            2);
  EXPECT_EQ(
      Ctl({"validate", "--rules", kRules, "--lang", "fr", kSeed}).exit_status,
      2);
  EXPECT_EQ(Ctl({"validate", "--rules", "/nonexistent", kSeed}).exit_status, 2);
  const ProcessResult help = Ctl({"--help"});
  EXPECT_EQ(help.exit_status, 0);
  EXPECT_THAT(help.out, HasSubstr("rules test"));
  const ProcessResult validate_help = Ctl({"validate", "--help"});
  EXPECT_EQ(validate_help.exit_status, 0);
  EXPECT_THAT(validate_help.out, HasSubstr("--rule-set ID"));
}

TEST(ScorecardctlServerFlags, InconsistentTlsFlagsAreUsageErrors) {
  struct Case {
    std::vector<std::string> args;
    const char* message;
  };
  const Case cases[] = {
      {{"validate", "--tls-ca-file", "ca.pem", kSeed},
       "--tls-ca-file needs --server"},
      {{"validate", "--server", "ftp://127.0.0.1:1", kSeed},
       "the scheme must be http://"},
      {{"rules", "list", "--server", "http://127.0.0.1:1", "--tls-ca-file",
        "ca.pem"},
       "use https://"},
      {{"rules", "list", "--server", "127.0.0.1:1", "--tls-cert-file",
        "c.pem"},
       "go together"},
      {{"admin", "status", "--server", "127.0.0.1:1", "--tls-key-file",
        "k.pem"},
       "go together"},
      {{"admin", "status"}, "admin status needs --server HOST:PORT"},
      {{"admin", "check", "--server", "127.0.0.1:1"}, "exactly one FILE"},
      {{"admin", "frobnicate"}, "unknown command \"admin frobnicate\""},
      {{"admin", "reload", "--server", "127.0.0.1:1", "--format", "xml"},
       "--format must be text, json"},
  };
  for (const Case& c : cases) {
    const ProcessResult r = Ctl(c.args);
    EXPECT_EQ(r.exit_status, 2) << c.message;
    EXPECT_THAT(r.err, HasSubstr(c.message));
  }
  // A CA file that cannot be read is named.
  const ProcessResult missing = Ctl({"rules", "list", "--server",
                                     "https://127.0.0.1:1", "--tls-ca-file",
                                     "/nonexistent/ca.pem"});
  EXPECT_EQ(missing.exit_status, 2);
  EXPECT_THAT(missing.err, HasSubstr("/nonexistent/ca.pem"));
}

TEST(ScorecardctlValidate, UnknownRuleSetListsTheCandidates) {
  const ProcessResult r =
      Ctl({"validate", "--rules", kRules, "--rule-set", "nope", kSeed});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_THAT(r.err, HasSubstr("led-fy2563"));
}

TEST(ScorecardctlValidate, UnreachableServerExitsTwoClearly) {
  const ProcessResult r =
      Ctl({"validate", "--server", "127.0.0.1:1", kSeed});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_THAT(r.err, HasSubstr("cannot reach scorecardd at 127.0.0.1:1"));
}

TEST(ScorecardctlRulesCheck, BundledRulesPass) {
  const ProcessResult r = Ctl({"rules", "check", kRules});
  EXPECT_EQ(r.exit_status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("led-fy2563 ok"));
}

TEST(ScorecardctlRulesCheck, BrokenRulesExitOneWithEveryProblem) {
  std::string rules = ReadFile(std::string(kRules) + "/led-fy2563.yaml");
  // Change the first weight of 10 to 11: that unit's weights no longer sum
  // to 100.
  const size_t at = rules.find("weight: 10\n");
  ASSERT_NE(at, std::string::npos);
  rules.replace(at, 10, "weight: 11");
  const TempDir temp;
  temp.Write("broken-rules/led.yaml", rules);
  const std::string dir = temp / "broken-rules";
  const ProcessResult r = Ctl({"rules", "check", dir});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_THAT(r.err, HasSubstr(dir + "/led.yaml"));
  EXPECT_THAT(r.err, HasSubstr("secretariat"));
}

}  // namespace
}  // namespace scorecard::testing
