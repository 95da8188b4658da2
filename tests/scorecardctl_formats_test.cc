// `scorecardctl validate --format ...` for CI: on a folder holding the seed,
// a copy of it with a wrong weight and a wrong total, and a file that is not
// a document, every format is produced, parses as what it claims to be
// (JSON Lines, GitHub workflow commands, JUnit XML read by xmllint, SARIF
// checked by Microsoft's validator, TAP read by tap-parser, RFC 4180 CSV),
// and names the right file, line, indicator and code; the unreadable file is
// an error item in each, and the exit status is 2 for it.

#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "rules/utf8.h"
#include "tests/testing/files.h"
#include "tests/testing/process.h"
#include "tests/testing/scorecardctl_process.h"
#include "tests/testing/seed.h"
#include "tests/testing/temp_dir.h"

namespace scorecard::testing {
namespace {

using ::google::protobuf::ListValue;
using ::google::protobuf::Struct;
using ::google::protobuf::Value;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kBroken[] = "subs/2563/broken.txt";
constexpr char kSeedCopy[] = "subs/seed.txt";
constexpr char kGarbage[] = "subs/z-garbage.tsv";

// The folder every test validates: subs/ in a temporary folder.
const TempDir& Folder() {
  static const TempDir* const dir = [] {
    auto* d = new TempDir("scorecardctl-formats-");
    // Unit 1 (secretariat): ๑.๑ weighs ๑๒ (line 7), and the declared total
    // on line 28 is ๔.๙๗๐๐, not ๔.๙๖๐๐.
    std::string broken = SeedWithLineEdited(7, "\t๑๐", "\t๑๒");
    const size_t total = broken.find("\t๔.๙๖๐๐\t๑๐๐");
    broken.replace(total, std::string("\t๔.๙๖๐๐").size(), "\t๔.๙๗๐๐");
    d->Write(kBroken, broken);
    d->Write(kSeedCopy, ReadFile(kSeedDocument));
    d->Write(kGarbage, "garbage\n");
    d->Write("subs/notes.md", "not a document, not read\n");
    return d;
  }();
  return *dir;
}

// Runs `scorecardctl validate --rules BUNDLED ARGS subs` in the folder, so
// that paths are relative as CI runs them.
ProcessResult Validate(const std::vector<std::string>& args,
                       const std::string& input = "subs") {
  std::string command =
      absl::StrCat("cd '", Folder().path(), "' && exec '", kScorecardctl,
                   "' validate --rules '", kBundledRules, "'");
  for (const std::string& arg : args) absl::StrAppend(&command, " '", arg, "'");
  absl::StrAppend(&command, " '", input, "'");
  return RunProcess({"/bin/bash", "-c", command}, "",
                    {{"SCORECARD_RULES", ""}});
}

Struct ParseJson(absl::string_view text) {
  Struct object;
  const auto status =
      google::protobuf::util::JsonStringToMessage(std::string(text), &object);
  EXPECT_TRUE(status.ok()) << status << ": " << text.substr(0, 300);
  return object;
}

const Value& At(const Struct& object, const std::string& name) {
  static const Value* const missing = new Value();
  const auto it = object.fields().find(name);
  return it == object.fields().end() ? *missing : it->second;
}

std::string Text(const Value& v) {
  if (v.has_string_value()) return v.string_value();
  if (v.has_number_value()) return absl::StrCat(v.number_value());
  if (v.has_bool_value()) return v.bool_value() ? "true" : "false";
  return "<none>";
}

// A strict RFC 4180 reader: fields separated by commas, rows by CRLF,
// quoted fields with doubled quotes. Fails the test on anything else.
std::vector<std::vector<std::string>> ParseCsv(absl::string_view text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  size_t i = 0;
  bool quoted_field = false;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"' && field.empty() && !quoted_field) {
      quoted_field = true;
      ++i;
      while (true) {
        if (i >= text.size()) {
          ADD_FAILURE() << "unterminated quoted field";
          return rows;
        }
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += text[i++];
      }
      continue;
    }
    if (c == ',') {
      rows.back().push_back(field);
      field.clear();
      quoted_field = false;
      ++i;
    } else if (c == '\r') {
      EXPECT_TRUE(i + 1 < text.size() && text[i + 1] == '\n')
          << "CR without LF at byte " << i;
      rows.back().push_back(field);
      field.clear();
      quoted_field = false;
      rows.emplace_back();
      i += 2;
    } else {
      EXPECT_FALSE(quoted_field) << "text after a closing quote at byte " << i;
      EXPECT_NE(c, '\n') << "LF without CR at byte " << i;
      field += c;
      ++i;
    }
  }
  EXPECT_TRUE(rows.back().empty() && field.empty())
      << "the last row does not end in CRLF";
  rows.pop_back();
  return rows;
}

TEST(ValidateFormats, FolderInputIsEveryDocumentSortedAndAFailedFileIsAnItem) {
  const ProcessResult r = Validate({"--format", "json"});
  EXPECT_EQ(r.exit_status, 2) << r.err;
  EXPECT_THAT(r.err, HasSubstr(absl::StrCat(kGarbage, ":1: row is not")));
  std::vector<std::string> order;
  std::vector<Struct> lines;
  for (absl::string_view line :
       absl::StrSplit(r.out, '\n', absl::SkipEmpty())) {
    lines.push_back(ParseJson(line));
    if (At(lines.back(), "index").has_number_value() &&
        Text(At(lines.back(), "index")) == "0") {
      order.push_back(Text(At(lines.back(), "source")));
    }
  }
  EXPECT_THAT(order, ElementsAre(kBroken, kSeedCopy));
  ASSERT_EQ(lines.size(), 14u);  // 12 scorecards, 1 error item, the summary.
  EXPECT_EQ(Text(At(lines[12], "source")), kGarbage);
  EXPECT_THAT(Text(At(lines[12], "error")), HasSubstr("row is not a title"));
  const Struct& summary = At(lines[13], "summary").struct_value();
  EXPECT_EQ(Text(At(summary, "files")), "3");
  EXPECT_EQ(Text(At(summary, "scorecards")), "12");
  EXPECT_EQ(Text(At(summary, "invalid")), "1");
  EXPECT_EQ(Text(At(summary, "unreadable")), "1");
  EXPECT_EQ(Text(At(summary, "exitStatus")), "2");
  const ListValue& violations = At(lines[0], "violations").list_value();
  ASSERT_EQ(violations.values_size(), 3);
  const Struct& weight = violations.values(0).struct_value();
  EXPECT_EQ(Text(At(weight, "code")), "VIOLATION_CODE_WEIGHT_MISMATCH");
  EXPECT_EQ(Text(At(weight, "line")), "7");
  EXPECT_EQ(Text(At(weight, "indicator")), "1.1");
}

TEST(ValidateFormats, GithubAnnotatesEachViolationAtItsFileAndLine) {
  const ProcessResult r = Validate({"--format", "github"});
  EXPECT_EQ(r.exit_status, 2) << r.err;
  const std::vector<std::string> lines =
      absl::StrSplit(r.out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 5u) << r.out;
  EXPECT_THAT(lines[0],
              ::testing::StartsWith(
                  "::error file=subs/2563/broken.txt,line=7,title=WEIGHT_"
                  "MISMATCH::สำนักงานเลขานุการกรม (secretariat): The weight ๑๒"));
  EXPECT_THAT(lines[1],
              ::testing::StartsWith("::error file=subs/2563/broken.txt,line=28,"
                                    "title=WEIGHT_TOTAL::"));
  EXPECT_THAT(lines[2],
              ::testing::StartsWith("::error file=subs/2563/broken.txt,line=28,"
                                    "title=TOTAL_MISMATCH::"));
  EXPECT_THAT(lines[3], ::testing::StartsWith(
                            "::error file=subs/z-garbage.tsv,title=NOT_JUDGED::"
                            "subs/z-garbage.tsv:1: row is not"));
  EXPECT_EQ(lines[4],
            "::notice title=scorecardctl::12 scorecards: 11 valid, 1 invalid; "
            "1 files not judged");
}

// A scorecard from JSON has no line, so `line` is left out; properties and
// messages are escaped as the runner wants.
TEST(ValidateFormats, GithubEscapesPropertiesAndMessagesAndOmitsUnknownLines) {
  TempDir dir;
  dir.Write("odd,name:1%.json",
            R"({"fiscalYear": 2563, "scorecards": [{"unit": "กอง\nใหม่ 100%",
                "entries": [{"indicator": "1.1", "score": "5"}]}]})");
  const ProcessResult r =
      RunProcess({"/bin/bash", "-c",
                  absl::StrCat("cd '", dir.path(), "' && exec '", kScorecardctl,
                               "' validate --format github --rules '",
                               kBundledRules, "' 'odd,name:1%.json'")},
                 "", {{"SCORECARD_RULES", ""}});
  EXPECT_EQ(r.exit_status, 1) << r.err;
  const std::vector<std::string> lines =
      absl::StrSplit(r.out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_THAT(lines[0], ::testing::StartsWith(
                            "::error file=odd%2Cname%3A1%25.json,title=UNKNOWN_"
                            "UNIT::กอง%0Aใหม่ 100%25: "));
  EXPECT_THAT(lines[0], Not(HasSubstr("line=")));
}

// Returns `xpath` evaluated on `file` by xmllint, which fails on XML that
// is not well formed.
std::string XPath(const std::string& file, const std::string& xpath) {
  const ProcessResult r =
      RunProcess({"/usr/bin/xmllint", "--xpath", xpath, file});
  EXPECT_EQ(r.exit_status, 0) << xpath << ": " << r.err;
  return std::string(absl::StripTrailingAsciiWhitespace(r.out));
}

TEST(ValidateFormats, JunitIsWellFormedWithASuitePerFileAndAFailurePerError) {
  const ProcessResult r = Validate({"--format", "junit"});
  EXPECT_EQ(r.exit_status, 2) << r.err;
  TempDir dir;
  const std::string file = dir.Write("junit.xml", r.out);
  const ProcessResult lint = RunProcess({"/usr/bin/xmllint", "--noout", file});
  ASSERT_EQ(lint.exit_status, 0) << lint.err;
  EXPECT_EQ(XPath(file, "string(/testsuites/@tests)"), "13");
  EXPECT_EQ(XPath(file, "string(/testsuites/@failures)"), "1");
  EXPECT_EQ(XPath(file, "string(/testsuites/@errors)"), "1");
  EXPECT_EQ(XPath(file, "count(//testsuite)"), "3");
  const std::string broken = "//testsuite[@name='subs/2563/broken.txt']";
  EXPECT_EQ(XPath(file, "string(" + broken + "/@failures)"), "1");
  EXPECT_EQ(XPath(file, "count(" + broken + "/testcase)"), "6");
  EXPECT_EQ(XPath(file, "string(" + broken + "/testcase[1]/@name)"),
            "สำนักงานเลขานุการกรม (secretariat) [scorecard 1]");
  EXPECT_EQ(XPath(file, "count(" + broken + "/testcase[1]/failure)"), "3");
  EXPECT_EQ(XPath(file, "string(" + broken + "/testcase[1]/failure[1]/@type)"),
            "WEIGHT_MISMATCH");
  EXPECT_EQ(XPath(file, "string(" + broken + "/testcase[1]/failure[1])")
                .substr(0, 25),
            "line 7, indicator 1.1: Th");
  EXPECT_EQ(XPath(file,
                  "string(//testsuite[@name='subs/z-garbage.tsv']"
                  "/testcase/error/@type)"),
            "NOT_JUDGED");
}

// Returns what Microsoft's SARIF validator says of `file`; its exit status
// is 0 whatever it finds, so the findings are read from its output.
std::string SarifFindings(const std::string& file) {
  const ProcessResult r =
      RunProcess({kSarifMultitool, "validate", file}, "", {}, kProcessTimeout);
  EXPECT_EQ(r.exit_status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Analysis completed successfully"));
  return r.out;
}

TEST(ValidateFormats, SarifPassesMicrosoftsValidatorAndLocatesEachResult) {
  const ProcessResult r = Validate({"--format", "sarif"});
  EXPECT_EQ(r.exit_status, 2) << r.err;
  TempDir dir;
  const std::string file = dir.Write("results.sarif", r.out);
  EXPECT_THAT(SarifFindings(file), Not(HasSubstr(": error ")));
  // The check can fail: the same log with its runs broken does not pass.
  const std::string broken = dir.Write(
      "broken.sarif", absl::StrCat(R"({"version": "2.1.0", "runs": 5})"));
  EXPECT_THAT(SarifFindings(broken), HasSubstr(": error "));

  const Struct log = ParseJson(r.out);
  EXPECT_EQ(Text(At(log, "version")), "2.1.0");
  const Struct& run = At(log, "runs").list_value().values(0).struct_value();
  const Struct& driver =
      At(At(run, "tool").struct_value(), "driver").struct_value();
  EXPECT_EQ(Text(At(driver, "name")), "scorecardctl");
  std::vector<std::string> rule_ids;
  for (const Value& rule : At(driver, "rules").list_value().values()) {
    rule_ids.push_back(Text(At(rule.struct_value(), "id")));
    EXPECT_THAT(Text(At(rule.struct_value(), "helpUri")),
                HasSubstr("/violation-codes.md#codes"));
  }
  EXPECT_THAT(rule_ids, ::testing::Contains("FISCAL_YEAR_MISMATCH"));
  EXPECT_THAT(rule_ids, ::testing::Contains("NOT_JUDGED"));
  const ListValue& results = At(run, "results").list_value();
  ASSERT_EQ(results.values_size(), 4);
  const Struct& first = results.values(0).struct_value();
  EXPECT_EQ(Text(At(first, "ruleId")), "WEIGHT_MISMATCH");
  EXPECT_EQ(rule_ids[static_cast<int>(At(first, "ruleIndex").number_value())],
            "WEIGHT_MISMATCH");
  EXPECT_EQ(Text(At(first, "level")), "error");
  const Struct& location =
      At(At(first, "locations").list_value().values(0).struct_value(),
         "physicalLocation")
          .struct_value();
  EXPECT_EQ(Text(At(At(location, "artifactLocation").struct_value(), "uri")),
            kBroken);
  EXPECT_EQ(Text(At(At(location, "region").struct_value(), "startLine")), "7");
  EXPECT_EQ(Text(At(results.values(3).struct_value(), "ruleId")), "NOT_JUDGED");
}

TEST(ValidateFormats, TapIsReadByTapParserWithDiagnostics) {
  const ProcessResult r = Validate({"--format", "tap"});
  EXPECT_EQ(r.exit_status, 2) << r.err;
  EXPECT_THAT(r.out, ::testing::StartsWith("TAP version 14\n"));
  const ProcessResult parsed = RunProcess({kTapParser, "-j", "0"}, r.out);
  const Value events = [&] {
    Value v;
    EXPECT_TRUE(
        google::protobuf::util::JsonStringToMessage(parsed.out, &v).ok())
        << parsed.out.substr(0, 300);
    return v;
  }();
  const Struct* complete = nullptr;
  const Struct* first_failure = nullptr;
  for (const Value& event : events.list_value().values()) {
    const std::string kind = Text(event.list_value().values(0));
    const Struct& body = event.list_value().values_size() > 1
                             ? event.list_value().values(1).struct_value()
                             : Struct::default_instance();
    if (kind == "complete") complete = &body;
    if (kind == "assert" && Text(At(body, "ok")) == "false" &&
        first_failure == nullptr) {
      first_failure = &body;
    }
    EXPECT_NE(kind, "extra")
        << "a line TAP does not know: " << event.ShortDebugString();
  }
  ASSERT_NE(complete, nullptr);
  EXPECT_EQ(Text(At(*complete, "count")), "13");
  EXPECT_EQ(Text(At(*complete, "pass")), "11");
  EXPECT_EQ(Text(At(*complete, "fail")), "2");
  ASSERT_NE(first_failure, nullptr);
  EXPECT_THAT(Text(At(*first_failure, "name")),
              HasSubstr("(secretariat) [subs/2563/broken.txt:5]"));
  const Struct& diag = At(*first_failure, "diag").struct_value();
  EXPECT_EQ(Text(At(diag, "file")), kBroken);
  const Struct& violation =
      At(diag, "violations").list_value().values(0).struct_value();
  EXPECT_EQ(Text(At(violation, "code")), "WEIGHT_MISMATCH");
  EXPECT_EQ(Text(At(violation, "line")), "7");
  EXPECT_EQ(Text(At(violation, "indicator")), "1.1");
}

TEST(ValidateFormats, CsvIsRfc4180WithARowPerScorecardOrPerViolation) {
  const ProcessResult r = Validate({"--format", "csv"});
  EXPECT_EQ(r.exit_status, 2) << r.err;
  const auto rows = ParseCsv(r.out);
  ASSERT_EQ(rows.size(), 14u);  // Header, 12 scorecards, the garbage file.
  EXPECT_THAT(rows[0],
              ElementsAre("file", "index", "unit_id", "unit_name", "rule_set",
                          "revision", "valid", "computed_total",
                          "declared_total", "errors", "warnings", "error"));
  EXPECT_THAT(std::vector<std::string>(rows[1].begin(), rows[1].begin() + 4),
              ElementsAre(kBroken, "0", "secretariat", "สำนักงานเลขานุการกรม"));
  EXPECT_EQ(rows[1][6], "false");
  EXPECT_EQ(rows[1][7], "4.9600");
  EXPECT_EQ(rows[1][8], "๔.๙๗๐๐");
  EXPECT_EQ(rows[1][9], "3");
  EXPECT_EQ(rows[13][0], kGarbage);
  EXPECT_THAT(rows[13][11], HasSubstr("\"garbage\""));  // Quotes survive.

  const ProcessResult v =
      Validate({"--format", "csv", "--csv-rows=violations", "--csv-bom"});
  ASSERT_TRUE(absl::StartsWith(v.out, "\xEF\xBB\xBF"));
  const auto violations = ParseCsv(v.out.substr(3));
  ASSERT_EQ(violations.size(), 5u);  // Header, 3 violations, the garbage file.
  EXPECT_EQ(violations[0][6], "line");
  EXPECT_THAT(std::vector<std::string>(violations[1].begin() + 6,
                                       violations[1].begin() + 10),
              ElementsAre("7", "1.1", "ERROR", "WEIGHT_MISMATCH"));
  EXPECT_EQ(violations[4][9], "NOT_JUDGED");
}

TEST(ValidateFormats, FailOnWarningAndQuiet) {
  TempDir dir;
  // A title that differs is a warning: valid, exit 0, unless --fail-on
  // warning.
  const std::string path = dir.Write(
      "title.txt", SeedWithLineEdited(7, "ร้อยละความพึงพอใจ", "ร้อยละความพอใจ"));
  const ProcessResult plain =
      Scorecardctl({"validate", "--rules", kBundledRules, path});
  EXPECT_EQ(plain.exit_status, 0) << plain.err;
  const ProcessResult strict = Scorecardctl(
      {"validate", "--rules", kBundledRules, "--fail-on", "warning", path});
  EXPECT_EQ(strict.exit_status, 1) << strict.err;
  const ProcessResult quiet =
      Scorecardctl({"validate", "--rules", kBundledRules, "--quiet", path});
  EXPECT_EQ(quiet.exit_status, 0);
  EXPECT_EQ(quiet.out, "6 scorecards: 6 VALID, 0 INVALID\n");
  const ProcessResult quiet_strict =
      Scorecardctl({"validate", "--rules", kBundledRules, "--quiet",
                    "--fail-on=warning", path});
  EXPECT_THAT(quiet_strict.out, HasSubstr("TITLE_MISMATCH"));
  EXPECT_EQ(absl::StrSplit(quiet_strict.out, "== ").begin()->size(), 0u);
  EXPECT_EQ(std::vector<std::string>(absl::StrSplit(quiet_strict.out, "\n== "))
                .size(),
            1u);  // One scorecard shown.
  const ProcessResult junit =
      Scorecardctl({"validate", "--rules", kBundledRules, "--format", "junit",
                    "--fail-on", "warning", path});
  EXPECT_THAT(junit.out, HasSubstr("<failure type=\"TITLE_MISMATCH\""));
  // Flags of one format with another are usage errors, not ignored.
  EXPECT_EQ(Scorecardctl({"validate", "--rules", kBundledRules, "--quiet",
                          "--format", "json", path})
                .exit_status,
            2);
  EXPECT_EQ(
      Scorecardctl({"validate", "--rules", kBundledRules, "--csv-bom", path})
          .exit_status,
      2);
}

// A file name need not be UTF-8 on Linux; everything written is.
TEST(ValidateFormats, EveryFormatWritesValidUtf8ForAFileNameThatIsNot) {
  TempDir dir;
  const std::string path =
      dir.Write("seed-\xff\xfe.txt", ReadFile(kSeedDocument));
  const std::string missing = dir / "gone-\xe0\xb8.txt";
  for (const char* format :
       {"text", "json", "github", "junit", "sarif", "tap", "csv"}) {
    const ProcessResult r = Scorecardctl({"validate", "--rules", kBundledRules,
                                          "--format", format, path, missing});
    EXPECT_EQ(r.exit_status, 2) << format << ": " << r.err;
    EXPECT_TRUE(rules::IsValidUtf8(r.out)) << format;
    EXPECT_TRUE(rules::IsValidUtf8(r.err)) << format;
    // The missing file is an item in every format; the valid one is named
    // by those that list valid scorecards too.
    EXPECT_THAT(r.out, HasSubstr("gone-\xEF\xBF\xBD")) << format;
    if (std::string(format) != "github" && std::string(format) != "sarif") {
      EXPECT_THAT(r.out, HasSubstr("seed-\xEF\xBF\xBD")) << format;
    }
  }
}

}  // namespace
}  // namespace scorecard::testing
