// The command line itself (--version, per-command help, "did you mean",
// flags a command does not take, bash completion), `rules test` on suites
// that pass and fail, and `rules infer` on the seed: the draft round-trips
// to the bundled rule set and judges the seed as it does.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rules/decimal.h"
#include "rules/rule_set_loader.h"
#include "scorecard/v1/rule_set_config.pb.h"
#include "tests/testing/files.h"
#include "tests/testing/process.h"
#include "tests/testing/scorecardctl_process.h"
#include "tests/testing/seed.h"
#include "tests/testing/temp_dir.h"

namespace scorecard::testing {
namespace {

namespace v1 = ::scorecard::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const std::string kSuite = std::string(kBundledRules) + "/led-fy2563_test.yaml";

TEST(ScorecardctlCommandLine, VersionAndPerCommandHelp) {
  const ProcessResult version = Scorecardctl({"--version"});
  EXPECT_EQ(version.exit_status, 0);
  EXPECT_THAT(version.out, StartsWith("scorecardctl 0."));
  for (const std::vector<std::string>& help :
       {std::vector<std::string>{"rules", "test", "--help"},
        std::vector<std::string>{"help", "rules", "test"},
        std::vector<std::string>{"rules", "test", "-h"}}) {
    const ProcessResult r = Scorecardctl(help);
    EXPECT_EQ(r.exit_status, 0) << help[0];
    EXPECT_THAT(r.out, StartsWith("Usage: scorecardctl rules test "));
    EXPECT_THAT(r.out, HasSubstr("--format FORMAT"));
    EXPECT_THAT(r.out, Not(HasSubstr("--server")));
  }
  EXPECT_THAT(Scorecardctl({"report", "--help"}).out, HasSubstr("--target"));
}

TEST(ScorecardctlCommandLine, MistypedCommandsAndFlagsGetASuggestion) {
  const ProcessResult command = Scorecardctl({"valdate", "x.txt"});
  EXPECT_EQ(command.exit_status, 2);
  EXPECT_THAT(command.err,
              HasSubstr("unknown command \"valdate\" (did you mean "
                        "\"validate\"?)"));
  const ProcessResult sub = Scorecardctl({"rules", "chek", "x"});
  EXPECT_THAT(sub.err, HasSubstr("(did you mean \"rules check\"?)"));
  const ProcessResult flag =
      Scorecardctl({"validate", "--rule-sett", "x", "a.txt"});
  EXPECT_EQ(flag.exit_status, 2);
  EXPECT_THAT(flag.err, HasSubstr("unknown flag --rule-sett (did you mean "
                                  "--rule-set?)"));
  EXPECT_THAT(flag.err, HasSubstr("'scorecardctl validate --help'"));
  EXPECT_THAT(Scorecardctl({"rules"}).err,
              HasSubstr("rules needs a subcommand"));
}

// Today's complaint: `rules list --format xml` was accepted and ignored.
TEST(ScorecardctlCommandLine, FlagsACommandDoesNotTakeAreErrors) {
  const ProcessResult r =
      Scorecardctl({"rules", "list", "--format", "xml", "--server", "x:1"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_THAT(r.err, HasSubstr("unknown flag --format"));
  EXPECT_EQ(
      Scorecardctl({"rules", "check", "--rules", kBundledRules, kBundledRules})
          .exit_status,
      2);
}

// Runs bash's completion of `words` (the last one being completed) with the
// script scorecardctl writes, and returns the candidates.
std::vector<std::string> Complete(const std::string& script,
                                  const std::vector<std::string>& words) {
  std::string array;
  for (const std::string& w : words) absl::StrAppend(&array, " '", w, "'");
  const ProcessResult r = RunProcess(
      {"/bin/bash", "--norc", "-c",
       absl::StrCat("source '", script, "'; COMP_WORDS=(scorecardctl", array,
                    "); COMP_CWORD=", words.size(),
                    "; _scorecardctl; printf '%s\\n' \"${COMPREPLY[@]}\"")});
  EXPECT_EQ(r.exit_status, 0) << r.err;
  return absl::StrSplit(r.out, '\n', absl::SkipEmpty());
}

TEST(ScorecardctlCommandLine, BashCompletionKnowsCommandsFlagsAndValues) {
  const ProcessResult r = Scorecardctl({"completion", "bash"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  TempDir dir;
  const std::string script = dir.Write("scorecardctl.bash", r.out);
  EXPECT_THAT(Complete(script, {"va"}), ElementsAre("validate"));
  EXPECT_THAT(Complete(script, {"rules", "t"}), ElementsAre("test"));
  EXPECT_THAT(Complete(script, {"validate", "--fa"}), ElementsAre("--fail-on"));
  EXPECT_THAT(Complete(script, {"validate", "--format", "s"}),
              ElementsAre("sarif"));
  EXPECT_THAT(Complete(script, {"report", "--format", ""}),
              ElementsAre("markdown", "csv", "html"));
  EXPECT_THAT(Complete(script, {"rules", "show", "x", "--"}),
              ElementsAre("--server", "--format", "--tls-ca-file",
                          "--tls-cert-file", "--tls-key-file",
                          "--tls-server-name", "--help"));
  EXPECT_EQ(Scorecardctl({"completion", "zsh"}).exit_status, 2);
}

TEST(ScorecardctlRulesTest, TheBundledSuitePassesAndCoversEveryIndicator) {
  const ProcessResult r = Scorecardctl({"rules", "test", kBundledRules});
  EXPECT_EQ(r.exit_status, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr(absl::StrCat(
                         "PASS  ", kSuite,
                         ": the published summary is valid, with its six "
                         "totals\n")));
  EXPECT_THAT(r.out, HasSubstr("coverage led-fy2563: 6 of 6 units, 107 of 107 "
                               "indicators touched\n"));
  EXPECT_THAT(r.out, HasSubstr(" passed, 0 failed\n"));
}

// A suite of its own, elsewhere, naming the rules relative to itself: one
// case right, one whose expectations are wrong, one that touches one unit.
TEST(ScorecardctlRulesTest, AWrongExpectationFailsWithAClearLine) {
  TempDir dir;
  const std::string suite =
      dir.Write("suites/led_test.yaml",
                absl::StrCat("rules: ", kBundledRules, "\n", R"(cases:
  - name: right
    document: seed.txt
    expect: [{unit: finance, total: "4.91", valid: true}]
  - name: wrong
    document: seed.txt
    expect:
      - unit: finance
        total: "4.9200"
        codes: [TOTAL_MISMATCH]
        absent_codes: [TITLE_MISMATCH]
        violations: [{code: WEIGHT_MISMATCH, indicator: "๑.๑", line: 7}]
      - {index: 9}
)"));
  dir.Write("suites/seed.txt", ReadFile(kSeedDocument));
  const ProcessResult r = Scorecardctl({"rules", "test", dir / "suites"});
  EXPECT_EQ(r.exit_status, 1) << r.err;
  EXPECT_THAT(r.out, HasSubstr(absl::StrCat("PASS  ", suite, ": right\n")));
  EXPECT_THAT(
      r.out,
      HasSubstr(absl::StrCat(
          "FAIL  ", suite,
          ": wrong: unit finance: total is 4.9100, expected 4.9200; unit "
          "finance: no TOTAL_MISMATCH among its violations; unit finance: no "
          "WEIGHT_MISMATCH on indicator 1.1 at line 7 among its violations; "
          "scorecard 9: no such scorecard in the document\n")));
  EXPECT_THAT(r.out, HasSubstr("2 cases: 1 passed, 1 failed\n"));
  // The expectations name one unit, but the document holds all six and each
  // was judged: all are touched.
  EXPECT_THAT(r.out, HasSubstr("coverage led-fy2563: 6 of 6 units"));

  const ProcessResult junit =
      Scorecardctl({"rules", "test", "--format", "junit", suite});
  EXPECT_EQ(junit.exit_status, 1);
  const std::string xml = dir.Write("out.xml", junit.out);
  EXPECT_EQ(RunProcess({"/usr/bin/xmllint", "--noout", xml}).exit_status, 0);
  EXPECT_THAT(junit.out, HasSubstr("tests=\"2\" failures=\"1\""));
  const ProcessResult json =
      Scorecardctl({"rules", "test", "--format", "json", suite});
  EXPECT_THAT(json.out, HasSubstr("\"case\":\"wrong\",\"passed\":false"));
  EXPECT_THAT(json.out, HasSubstr("{\"summary\":{\"cases\":2,\"passed\":1,"
                                  "\"failed\":1,\"brokenSuites\":0}}"));
}

TEST(ScorecardctlRulesTest, CoverageNamesWhatNoCaseTouched) {
  TempDir dir;
  const std::string suite = dir.Write("one_test.yaml", R"(cases:
  - name: one unit, one indicator
    content: '{"fiscalYear": 2563, "unit": "finance", "entries": [{"indicator": "1.1", "score": "5"}]}'
    expect: [{unit: finance, valid: false, codes: [MISSING_INDICATOR]}]
)");
  const ProcessResult r =
      Scorecardctl({"rules", "test", "--rules", kBundledRules, suite});
  EXPECT_EQ(r.exit_status, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("coverage led-fy2563: 1 of 6 units, 1 of 107 "
                               "indicators touched\n"));
  EXPECT_THAT(r.out, HasSubstr("  not touched: unit finance: 2.1, "));
  EXPECT_THAT(r.out, HasSubstr("  not touched: unit secretariat: 1.1, 2.1,"));
}

TEST(ScorecardctlRulesTest, ABrokenTestFileIsNamedWithItsLine) {
  TempDir dir;
  const std::string suite = dir.Write(
      "bad_test.yaml",
      "cases:\n  - name: x\n    expect: [{unit: a, codes: [NOT_A_CODE]}]\n");
  const ProcessResult r =
      Scorecardctl({"rules", "test", "--rules", kBundledRules, suite});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_THAT(r.err, HasSubstr(absl::StrCat(suite, ":3:")));
  EXPECT_THAT(r.err, HasSubstr("NOT_A_CODE"));
  EXPECT_EQ(Scorecardctl({"rules", "test", dir / "nothing-here"}).exit_status,
            2);
}

// Reads the rule file at `path` into a config.
v1::RuleSetConfig Load(const std::string& path) {
  absl::StatusOr<std::vector<rules::RuleSetFile>> files =
      rules::LoadRuleSetFiles(path);
  EXPECT_TRUE(files.ok()) << files.status();
  return files.ok() && !files->empty() ? files->front().config
                                       : v1::RuleSetConfig();
}

TEST(ScorecardctlRulesInfer, TheSeedsDraftMatchesTheBundledRuleSet) {
  TempDir dir;
  const std::string draft = dir / "draft/led-fy2563.yaml";
  dir.Write("draft/.keep", "");
  const ProcessResult r =
      Scorecardctl({"rules", "infer", kSeedDocument, "--id", "led-draft",
                    "--title", "ร่าง \"ทดลอง\"", "--output", draft});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_EQ(r.out, "");

  const v1::RuleSetConfig inferred = Load(draft);
  const v1::RuleSetConfig bundled =
      Load(std::string(kBundledRules) + "/led-fy2563.yaml");
  EXPECT_EQ(inferred.id(), "led-draft");
  EXPECT_EQ(inferred.title(), "ร่าง \"ทดลอง\"");
  EXPECT_EQ(inferred.fiscal_year(), 2563);
  ASSERT_EQ(inferred.units_size(), bundled.units_size());
  for (int u = 0; u < bundled.units_size(); ++u) {
    const v1::Unit& want = bundled.units(u);
    const v1::Unit& got = inferred.units(u);
    EXPECT_EQ(got.id(), absl::StrCat("unit-", u + 1));
    EXPECT_EQ(got.name(), want.name());
    ASSERT_EQ(got.indicators_size(), want.indicators_size()) << want.id();
    for (int i = 0; i < want.indicators_size(); ++i) {
      SCOPED_TRACE(absl::StrCat(want.id(), " ", want.indicators(i).id()));
      EXPECT_EQ(got.indicators(i).id(), want.indicators(i).id());
      EXPECT_EQ(got.indicators(i).title(), want.indicators(i).title());
      EXPECT_EQ(*rules::Decimal::Parse(got.indicators(i).weight()),
                *rules::Decimal::Parse(want.indicators(i).weight()));
    }
  }
  ASSERT_EQ(inferred.categories_size(), 7);
  EXPECT_EQ(inferred.categories(6).id(), "7");

  const ProcessResult check = Scorecardctl({"rules", "check", draft});
  EXPECT_EQ(check.exit_status, 0) << check.err;
  const ProcessResult validated =
      Scorecardctl({"validate", "--rules", dir / "draft", kSeedDocument});
  EXPECT_EQ(validated.exit_status, 0) << validated.out;
  EXPECT_THAT(validated.out, HasSubstr("6 scorecards: 6 VALID, 0 INVALID"));
  for (const char* total :
       {"4.9600 (declared", "4.6600 (declared", "4.8600 (declared",
        "4.9100 (declared", "4.9400 (declared"}) {
    EXPECT_THAT(validated.out, HasSubstr(total));
  }
}

TEST(ScorecardctlRulesInfer, ProblemsAreReportedAndCommentedInTheDraft) {
  TempDir dir;
  // Unit 1's ๑.๑ (line 7) becomes a second ๒.๑, and weighs ๑๒: a duplicate
  // indicator, and weights that sum to 102.
  const std::string doc = dir.Write(
      "dup.txt", SeedWithLineEdited(7,
                                    "๑.๑\tร้อยละความพึงพอใจของผู้รับบริการ\t"
                                    "๕.๐๐๐๐\t๑๐",
                                    "๒.๑\tร้อยละความพึงพอใจของผู้รับบริการ\t"
                                    "๕.๐๐๐๐\t๑๒"));
  const ProcessResult r =
      Scorecardctl({"rules", "infer", doc, "--id", "led-draft"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_THAT(r.err, HasSubstr(absl::StrCat(
                         doc,
                         ":8: indicator 2.1 of unit unit-1 appears twice "
                         "(first on line 7); keep one")));
  EXPECT_THAT(r.err, HasSubstr(absl::StrCat(
                         doc,
                         ":5: the weights of unit unit-1 sum to 102, not "
                         "100")));
  EXPECT_THAT(r.out, HasSubstr("  # PROBLEM: the weights of unit unit-1 sum to "
                               "102, not 100\n  - id: \"unit-1\"\n"));
  EXPECT_THAT(r.out, HasSubstr("      # PROBLEM: indicator 2.1 of unit unit-1 "
                               "appears twice"));
  // The draft is whole: it parses, and the checks refuse it for its
  // problems only.
  const std::string draft = dir.Write("draft/led.yaml", r.out);
  const ProcessResult check = Scorecardctl({"rules", "check", draft});
  EXPECT_EQ(check.exit_status, 1);
  EXPECT_THAT(check.err, HasSubstr("unit-1"));
  EXPECT_THAT(check.err, Not(HasSubstr("unit-2")));
}

}  // namespace
}  // namespace scorecard::testing
