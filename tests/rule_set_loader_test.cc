#include "rules/rule_set_loader.h"

#include <stdlib.h>
#include <sys/stat.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "google/protobuf/descriptor.pb.h"
#include "gtest/gtest.h"
#include "rules/rule_set_check.h"
#include "rules/rule_set_index.h"
#include "rules/thai_text.h"
#include "rules/utf8.h"
#include "rules/yaml_to_proto.h"
#include "scorecard/v1/rule_set_config.pb.h"
#include "tests/testing/bounded_call.h"
#include "tests/testing/temp_dir.h"

namespace scorecard::rules {
namespace {

namespace fs = std::filesystem;
using ::google::protobuf::util::MessageDifferencer;
using ::scorecard::testing::TempDir;
using ::scorecard::v1::RuleSetConfig;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::StartsWith;

std::string SourcePath(absl::string_view relative) {
  return absl::StrCat(SCORECARD_SOURCE_DIR, "/", relative);
}

std::string RulesDataPath(absl::string_view name) {
  return SourcePath(absl::StrCat("tests/data/rules/", name));
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

std::vector<std::string> Lines(absl::string_view text) {
  return absl::StrSplit(text, '\n');
}

// A sound rule set with the given id, in YAML.
std::string RuleSetYaml(absl::string_view id) {
  return absl::StrCat("id: ", id, R"(
units:
  - id: finance
    name: "กองบริหารการคลัง"
    indicators:
      - {id: "1.1", title: "ร้อยละความพึงพอใจของผู้รับบริการ", weight: 100}
)");
}

std::vector<std::string> Ids(const std::vector<RuleSetFile>& files) {
  std::vector<std::string> ids;
  for (const RuleSetFile& file : files) ids.push_back(file.config.id());
  return ids;
}

std::vector<std::string> Paths(const std::vector<RuleSetFile>& files) {
  std::vector<std::string> paths;
  for (const RuleSetFile& file : files) paths.push_back(file.path);
  return paths;
}

// --- RuleFileFormatForPath -------------------------------------------------

TEST(RuleFileFormatForPath, KnowsEachExtension) {
  EXPECT_EQ(RuleFileFormatForPath("a.yaml"), RuleFileFormat::kYaml);
  EXPECT_EQ(RuleFileFormatForPath("rules/a.yml"), RuleFileFormat::kYaml);
  EXPECT_EQ(RuleFileFormatForPath("A.YAML"), RuleFileFormat::kYaml);
  EXPECT_EQ(RuleFileFormatForPath("a.json"), RuleFileFormat::kJson);
  EXPECT_EQ(RuleFileFormatForPath("a.textproto"), RuleFileFormat::kTextProto);
  EXPECT_EQ(RuleFileFormatForPath("a.txtpb"), RuleFileFormat::kTextProto);
  EXPECT_EQ(RuleFileFormatForPath("a.pbtxt"), RuleFileFormat::kTextProto);
}

TEST(RuleFileFormatForPath, RejectsOtherNames) {
  EXPECT_EQ(RuleFileFormatForPath("README.md"), std::nullopt);
  EXPECT_EQ(RuleFileFormatForPath("yaml"), std::nullopt);
  EXPECT_EQ(RuleFileFormatForPath("rules.yaml/README"), std::nullopt);
  EXPECT_EQ(RuleFileFormatForPath("a.yaml.bak"), std::nullopt);
  EXPECT_EQ(RuleFileFormatForPath(""), std::nullopt);
}

// --- ParseRuleSetFile: the three formats -----------------------------------

TEST(ParseRuleSetFile, ReadsYaml) {
  const absl::StatusOr<RuleSetConfig> config =
      ParseRuleSetFile(ReadText(RulesDataPath("small.yaml")),
                       RuleFileFormat::kYaml, "small.yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->id(), "small-fy2563");
  EXPECT_EQ(config->title(), "ชุดกฎตัวอย่าง พ.ศ. ๒๕๖๓");
  EXPECT_EQ(config->fiscal_year(), 2563);  // Given as "fiscalYear".
  EXPECT_EQ(config->score_scale().decimals(), 4);
  EXPECT_EQ(config->weight_total(), "100");
  EXPECT_EQ(config->rounding(), scorecard::v1::ROUNDING_HALF_EVEN);
  EXPECT_EQ(config->title_policy(), scorecard::v1::TITLE_POLICY_EXACT);
  ASSERT_EQ(config->severity_overrides_size(), 1);
  EXPECT_EQ(config->severity_overrides(0).severity(),
            scorecard::v1::SEVERITY_ERROR);
  ASSERT_EQ(config->units_size(), 2);
  EXPECT_THAT(config->units(0).aliases(),
              ElementsAre("สลก.", "Secretariat Office"));
  ASSERT_EQ(config->units(0).indicators_size(), 2);
  // Scalars go into string fields exactly as written.
  EXPECT_EQ(config->units(0).indicators(0).weight(), "60");
  EXPECT_EQ(config->units(0).indicators(1).weight(), "40.0");
  EXPECT_EQ(config->units(0).indicators(1).category(), "2");
  EXPECT_EQ(config->units(1).indicators(0).title(),
            "ร้อยละความพึงพอใจของผู้รับบริการ");
}

TEST(ParseRuleSetFile, YamlJsonAndTextProtoReadToEqualMessages) {
  const absl::StatusOr<RuleSetConfig> yaml =
      ParseRuleSetFile(ReadText(RulesDataPath("small.yaml")),
                       RuleFileFormat::kYaml, "small.yaml");
  const absl::StatusOr<RuleSetConfig> json =
      ParseRuleSetFile(ReadText(RulesDataPath("small.json")),
                       RuleFileFormat::kJson, "small.json");
  const absl::StatusOr<RuleSetConfig> text =
      ParseRuleSetFile(ReadText(RulesDataPath("small.textproto")),
                       RuleFileFormat::kTextProto, "small.textproto");
  ASSERT_TRUE(yaml.ok()) << yaml.status();
  ASSERT_TRUE(json.ok()) << json.status();
  ASSERT_TRUE(text.ok()) << text.status();
  std::string difference;
  MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&difference);
  EXPECT_TRUE(differencer.Compare(*yaml, *json)) << difference;
  EXPECT_TRUE(differencer.Compare(*yaml, *text)) << difference;
  // Same content, same revision, whatever the format; none is filled in by
  // parsing (RuleSet::Compile does that).
  EXPECT_EQ(yaml->revision(), "");
  EXPECT_THAT(ContentRevision(*yaml), MatchesRegex("[0-9a-f]{16}"));
  EXPECT_EQ(ContentRevision(*yaml), ContentRevision(*json));
  EXPECT_EQ(ContentRevision(*yaml), ContentRevision(*text));
  EXPECT_THAT(CheckRuleSetConfig(*yaml), IsEmpty());
}

TEST(ParseRuleSetFile, IgnoresUtf8ByteOrderMark) {
  const absl::StatusOr<RuleSetConfig> config = ParseRuleSetFile(
      "\xEF\xBB\xBF{\"id\": \"with-bom\"}", RuleFileFormat::kJson, "bom.json");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->id(), "with-bom");
}

// --- Revisions -------------------------------------------------------------

TEST(ContentRevision, IsFnv1aOfTheDeterministicSerialization) {
  // The empty message serializes to no bytes: the FNV-1a offset basis.
  EXPECT_EQ(ContentRevision(RuleSetConfig()), "cbf29ce484222325");
  // id "a" serializes to 0a 01 61.
  RuleSetConfig config;
  config.set_id("a");
  uint64_t hash = 0xcbf29ce484222325u;
  for (unsigned char byte : {0x0a, 0x01, 0x61}) {
    hash ^= byte;
    hash *= 0x100000001b3u;
  }
  char expected[17];
  snprintf(expected, sizeof expected, "%016llx",
           static_cast<unsigned long long>(hash));
  EXPECT_EQ(ContentRevision(config), expected);
}

TEST(ContentRevision, IgnoresTheRevisionField) {
  RuleSetConfig config;
  config.set_id("a");
  const std::string revision = ContentRevision(config);
  config.set_revision("2020-10-01");
  EXPECT_EQ(ContentRevision(config), revision);
}

TEST(ContentRevision, ChangesWithTheRules) {
  const absl::StatusOr<RuleSetConfig> config =
      ParseRuleSetFile(ReadText(RulesDataPath("small.yaml")),
                       RuleFileFormat::kYaml, "small.yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  RuleSetConfig changed = *config;
  changed.mutable_units(0)->mutable_indicators(1)->set_weight("40");
  EXPECT_NE(ContentRevision(changed), ContentRevision(*config));
}

TEST(ParseRuleSetFile, KeepsTheRevisionAFileNames) {
  const absl::StatusOr<RuleSetConfig> config = ParseRuleSetFile(
      "id: x\nrevision: \"2020-10-01\"\n", RuleFileFormat::kYaml, "r.yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->revision(), "2020-10-01");
}

// --- YAML conversion -------------------------------------------------------

TEST(YamlToProto, AcceptsEnumNamesWithOrWithoutPrefixInAnyCase) {
  for (const char* rounding :
       {"ROUNDING_DOWN", "rounding_down", "DOWN", "down", "Down"}) {
    RuleSetConfig config;
    ASSERT_TRUE(
        YamlToProto(absl::StrCat("rounding: ", rounding), "r.yaml", &config)
            .ok())
        << rounding;
    EXPECT_EQ(config.rounding(), scorecard::v1::ROUNDING_DOWN) << rounding;
  }
  RuleSetConfig config;
  ASSERT_TRUE(YamlToProto("title_policy: whitespace_normalised\n"
                          "severity_overrides: [{code: weight_total, "
                          "severity: Warning}]",
                          "r.yaml", &config)
                  .ok());
  EXPECT_EQ(config.title_policy(),
            scorecard::v1::TITLE_POLICY_WHITESPACE_NORMALISED);
  EXPECT_EQ(config.severity_overrides(0).code(),
            scorecard::v1::VIOLATION_CODE_WEIGHT_TOTAL);
  EXPECT_EQ(config.severity_overrides(0).severity(),
            scorecard::v1::SEVERITY_WARNING);
}

TEST(YamlToProto, AcceptsProtoAndJsonFieldNames) {
  RuleSetConfig config;
  ASSERT_TRUE(YamlToProto("fiscalYear: 2563\nweight_total: 100\n"
                          "scoreScale: {decimals: 2}\n",
                          "r.yaml", &config)
                  .ok());
  EXPECT_EQ(config.fiscal_year(), 2563);
  EXPECT_EQ(config.weight_total(), "100");
  EXPECT_EQ(config.score_scale().decimals(), 2);
}

TEST(YamlToProto, StringFieldsTakeAnyScalarVerbatim) {
  RuleSetConfig config;
  ASSERT_TRUE(YamlToProto("id: 007\ntitle: yes\nweight_total: 10.50\n"
                          "revision: 1e3\n",
                          "r.yaml", &config)
                  .ok());
  EXPECT_EQ(config.id(), "007");
  EXPECT_EQ(config.title(), "yes");
  EXPECT_EQ(config.weight_total(), "10.50");
  EXPECT_EQ(config.revision(), "1e3");
}

TEST(YamlToProto, NullLeavesAFieldUnset) {
  RuleSetConfig config;
  ASSERT_TRUE(YamlToProto("id: x\ntitle:\nscore_scale: ~\nunits: null\n",
                          "r.yaml", &config)
                  .ok());
  EXPECT_EQ(config.id(), "x");
  EXPECT_EQ(config.title(), "");
  EXPECT_FALSE(config.has_score_scale());
  EXPECT_EQ(config.units_size(), 0);
}

TEST(YamlToProto, EmptyDocumentLeavesTheMessageAlone) {
  RuleSetConfig config;
  config.set_id("kept");
  EXPECT_TRUE(YamlToProto("# only a comment\n", "r.yaml", &config).ok());
  EXPECT_EQ(config.id(), "kept");
}

TEST(YamlToProto, ReportsEveryProblemWithLineAndColumn) {
  RuleSetConfig config;
  const absl::Status status = YamlToProto(
      "id: x\n"
      "fiscal_year: 2563.5\n"
      "units:\n"
      "  - id: a\n"
      "    indicators:\n"
      "      - {id: \"1.1\", wieght: 10}\n"
      "      - id: [1, 1]\n"
      "    aliases: ทั้งหมด\n"
      "title_policy: loose\n"
      "fiscal_year: 2563\n",
      "r.yaml", &config);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(
      Lines(status.message()),
      ElementsAre(
          "r.yaml:2:14: fiscal_year: \"2563.5\" is not a 32-bit integer",
          StartsWith("r.yaml:6:21: units[0].indicators[0]: unknown field "
                     "\"wieght\" in scorecard.v1.Indicator (its fields: id, "
                     "title, weight, category, criteria)"),
          "r.yaml:7:13: units[0].indicators[1].id: expected a scalar "
          "(string), found a list",
          "r.yaml:8:14: units[0].aliases: expected a list, found the scalar "
          "\"ทั้งหมด\"",
          StartsWith("r.yaml:9:15: title_policy: \"loose\" is not a value of "
                     "scorecard.v1.TitlePolicy: expected one of "
                     "TITLE_POLICY_UNSPECIFIED, TITLE_POLICY_EXACT,"),
          "r.yaml:10:1: fiscal_year: given twice (first at line 2)"));
}

TEST(YamlToProto, ReportsTheSameFieldGivenByBothNames) {
  RuleSetConfig config;
  const absl::Status status =
      YamlToProto("fiscal_year: 2563\nfiscalYear: 2564\n", "r.yaml", &config);
  EXPECT_EQ(status.message(),
            "r.yaml:2:1: fiscal_year: given twice (first at line 1)");
}

TEST(YamlToProto, RejectsANonMapDocument) {
  RuleSetConfig config;
  const absl::Status status = YamlToProto("- id: x\n", "r.yaml", &config);
  EXPECT_EQ(status.message(),
            "r.yaml:1:1: expected a map of scorecard.v1.RuleSetConfig "
            "fields, found a list");
}

TEST(YamlToProto, RejectsBadBooleansAndIntegersOutOfRange) {
  // RuleSetConfig has no bool; ScoreScale.decimals is an int32.
  RuleSetConfig config;
  const absl::Status status =
      YamlToProto("score_scale: {decimals: 99999999999}\nfiscal_year: [2563]\n",
                  "r.yaml", &config);
  EXPECT_THAT(Lines(status.message()),
              ElementsAre("r.yaml:1:25: score_scale.decimals: \"99999999999\" "
                          "is not a 32-bit integer",
                          "r.yaml:2:14: fiscal_year: expected a scalar "
                          "(int32), found a list"));
}

TEST(YamlToProto, ReportsSyntaxErrorsWithPosition) {
  RuleSetConfig config;
  const absl::Status status =
      YamlToProto("id: x\ntitle: a: b\n", "r.yaml", &config);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "r.yaml:2:9: invalid YAML: mapping values are not allowed in "
            "this context");
}

TEST(YamlToProto, RejectsMoreThanOneDocument) {
  RuleSetConfig config;
  const absl::Status status =
      YamlToProto("id: a\n---\nid: b\n", "r.yaml", &config);
  EXPECT_THAT(std::string(status.message()),
              MatchesRegex("r\\.yaml:[23]:[0-9]+: holds 2 YAML documents; a "
                           "rule file holds one"));
}

// As for JSON and text proto: columns count bytes, so each Thai character
// before the problem counts three.
TEST(YamlToProto, ColumnsCountBytes) {
  const std::string line = "  - {name: \"กองคลัง\", idx: 1}";
  RuleSetConfig config;
  const absl::Status status =
      YamlToProto(absl::StrCat("units:\n", line, "\n"), "r.yaml", &config);
  EXPECT_THAT(std::string(status.message()),
              StartsWith(absl::StrCat("r.yaml:2:", line.find("idx") + 1,
                                      ": units[0]: unknown field \"idx\"")));
}

TEST(YamlToProto, CountsEveryDocumentOfAStream) {
  RuleSetConfig config;
  const absl::Status status =
      YamlToProto("id: a\n---\nid: b\n---\nid: c\n", "r.yaml", &config);
  EXPECT_EQ(status.message(),
            "r.yaml:2:1: holds 3 YAML documents; a rule file holds one");
}

TEST(YamlToProto, QuotedNullIsTextAndTaggedNullIsUnset) {
  RuleSetConfig config;
  ASSERT_TRUE(YamlToProto("id: \"null\"\ntitle: 'Null'\nrevision: !!null r\n",
                          "r.yaml", &config)
                  .ok());
  EXPECT_EQ(config.id(), "null");
  EXPECT_EQ(config.title(), "Null");
  EXPECT_EQ(config.revision(), "");
}

// YAML 1.1 and 1.2 disagree on what these plain scalars are (a bool, an
// octal number, a sexagesimal number); into a string field both give the
// text as written.
TEST(YamlToProto, ScalarsThatYaml11And12ReadDifferentlyStayText) {
  RuleSetConfig config;
  ASSERT_TRUE(YamlToProto("id: on\ntitle: 0o17\nrevision: 1:30\n"
                          "weight_total: 012\n",
                          "r.yaml", &config)
                  .ok());
  EXPECT_EQ(config.id(), "on");
  EXPECT_EQ(config.title(), "0o17");
  EXPECT_EQ(config.revision(), "1:30");
  EXPECT_EQ(config.weight_total(), "012");
}

TEST(YamlToProto, AliasesStandForTheNodesTheirAnchorsName) {
  RuleSetConfig config;
  const absl::Status status = YamlToProto(R"(id: shared
units:
  - id: a
    indicators: &common
      - {id: "1.1", title: &t "ร้อยละความพึงพอใจ", weight: 100}
  - id: b
    name: *t
    indicators: *common
)",
                                          "r.yaml", &config);
  ASSERT_TRUE(status.ok()) << status;
  ASSERT_EQ(config.units_size(), 2);
  ASSERT_EQ(config.units(1).indicators_size(), 1);
  EXPECT_EQ(config.units(1).indicators(0).title(), "ร้อยละความพึงพอใจ");
  EXPECT_EQ(config.units(1).name(), "ร้อยละความพึงพอใจ");
}

TEST(YamlToProto, RejectsAnAliasOfNoAnchor) {
  RuleSetConfig config;
  const absl::Status status =
      YamlToProto("id: x\ntitle: *nowhere\n", "r.yaml", &config);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()),
              AllOf(StartsWith("r.yaml:2:8: invalid YAML: "),
                    HasSubstr("nowhere")));
}

TEST(YamlToProto, ListsAtMostAHundredProblemsAndCountsTheRest) {
  std::string yaml;
  for (int i = 0; i < 150; ++i) absl::StrAppend(&yaml, "field", i, ": 1\n");
  RuleSetConfig config;
  const absl::Status status = YamlToProto(yaml, "r.yaml", &config);
  const std::vector<std::string> lines = Lines(status.message());
  ASSERT_EQ(lines.size(), kMaxYamlProblems + 1);
  EXPECT_THAT(lines[0], StartsWith("r.yaml:1:1: unknown field \"field0\""));
  EXPECT_EQ(lines.back(), "r.yaml: and 50 more problems not listed");
}

TEST(YamlToProto, QuotesTheDocumentsTextCutShort) {
  // YAML allows keys of up to 1024 characters.
  const std::string long_name(1000, 'x');
  std::string long_thai;
  for (int i = 0; i < 2000; ++i) long_thai += "กอง";
  RuleSetConfig config;
  const absl::Status status = YamlToProto(
      absl::StrCat(long_name, ": 1\nfiscal_year: ", long_thai, "\n"), "r.yaml",
      &config);
  const std::vector<std::string> lines = Lines(status.message());
  ASSERT_EQ(lines.size(), 2u);
  for (const std::string& line : lines) {
    EXPECT_LT(line.size(), 600u) << line;
    EXPECT_TRUE(IsValidUtf8(line)) << line;
    EXPECT_THAT(line, HasSubstr("…\""));
  }
  EXPECT_THAT(lines[1], StartsWith("r.yaml:2:14: fiscal_year: \"กองกอง"));
}

// A scalar's line break, quoted in a message, must not split the message's
// line: each line is one problem.
TEST(YamlToProto, EscapesLineBreaksInQuotedText) {
  RuleSetConfig config;
  const absl::Status status =
      YamlToProto("\"first\\nr.yaml:1:1: second\"\n", "r.yaml", &config);
  EXPECT_THAT(Lines(status.message()),
              ElementsAre("r.yaml:1:1: expected a map of "
                          "scorecard.v1.RuleSetConfig fields, found the "
                          "scalar \"first\\nr.yaml:1:1: second\""));
  const absl::Status field = YamlToProto("fiscal_year: \"a\\tb\\x1b\\r\"\n",
                                         "r.yaml", &config);
  EXPECT_EQ(field.message(),
            "r.yaml:1:14: fiscal_year: \"a\\tb\\x1b\\r\" is not a 32-bit "
            "integer");
}

// A YAML document read in a child process with a deadline and a memory
// limit (see bounded_call.h): what YamlToProto returns, as "CODE: message".
// A parser that hangs or runs away with memory fails the test rather than
// hang the suite.
template <typename Message = RuleSetConfig>
::scorecard::testing::BoundedCallResult BoundedYamlToProto(std::string yaml) {
  return ::scorecard::testing::CallInChildProcess([yaml] {
    Message message;
    const absl::Status status = YamlToProto(yaml, "r.yaml", &message);
    return absl::StrCat(absl::StatusCodeToString(status.code()), ": ",
                        status.message());
  });
}

// Issue #7: yaml-cpp 0.7 never returned from ",\n" (an endless loop that
// allocated ~800 MB/s; jbeder/yaml-cpp#1040). These and the other shapes the
// fuzzers found must each end at once with a syntax error and its position.
TEST(YamlToProto, EndsPromptlyWithAPositionOnEveryHangShape) {
  const std::vector<std::string> shapes = {
      ",\n",
      ",",
      "[",
      "{",
      "- [",
      "id: [",
      "id: {a: [",
      "? [",
      "[,\n",
      "{,\n",
      "- ,\n",
      "id: x\n,\n",
      "&a [*a",
      std::string(100000, '['),
      std::string(100000, '{'),
      absl::StrCat(std::string(50000, '['), std::string(50000, ']')),
  };
  for (const std::string& shape : shapes) {
    const std::string shown = QuoteText(absl::CEscape(shape), 20);
    const ::scorecard::testing::BoundedCallResult result =
        BoundedYamlToProto(shape);
    ASSERT_TRUE(result.finished) << shown << ": " << result.problem;
    EXPECT_THAT(Lines(result.value).front(),
                MatchesRegex("INVALID_ARGUMENT: r\\.yaml:[0-9]+:[0-9]+: .+"))
        << shown;
  }
}

// "Billion laughs": nine levels of ten aliases each would make the reader
// visit 10^9 nodes and build as many messages.
TEST(YamlToProto, BoundsWhatAliasesExpandTo) {
  std::string bomb = "nested_type:\n  - &l0 {name: lol}\n";
  for (int level = 1; level <= 9; ++level) {
    absl::StrAppend(&bomb, "  - &l", level, " {nested_type: [");
    for (int i = 0; i < 10; ++i) {
      absl::StrAppend(&bomb, i > 0 ? ", " : "", "*l", level - 1);
    }
    absl::StrAppend(&bomb, "]}\n");
  }
  const ::scorecard::testing::BoundedCallResult result =
      BoundedYamlToProto<google::protobuf::DescriptorProto>(bomb);
  ASSERT_TRUE(result.finished) << result.problem;
  EXPECT_THAT(result.value,
              MatchesRegex("INVALID_ARGUMENT: r\\.yaml:[0-9]+:[0-9]+: aliases "
                           "expand the document by more than [0-9]+ nodes; .*"));

  // The same in the rule-set schema: a thousand units sharing a thousand
  // indicators.
  std::string units = "units:\n  - &u {id: a, indicators: [&i {id: \"1.1\"}";
  for (int i = 0; i < 1000; ++i) units += ", *i";
  units += "]}\n";
  for (int i = 0; i < 1000; ++i) units += "  - *u\n";
  const ::scorecard::testing::BoundedCallResult rule_set =
      BoundedYamlToProto(units);
  ASSERT_TRUE(rule_set.finished) << rule_set.problem;
  EXPECT_THAT(rule_set.value, HasSubstr("aliases expand the document"));
}

// A node that holds an alias of itself is a cycle; the reader follows it
// only to the depth limit.
TEST(YamlToProto, StopsAnAliasOfItsOwnNodeAtTheDepthLimit) {
  const ::scorecard::testing::BoundedCallResult result =
      BoundedYamlToProto<google::protobuf::DescriptorProto>(
          "&d {name: x, nested_type: [*d]}\n");
  ASSERT_TRUE(result.finished) << result.problem;
  EXPECT_THAT(result.value,
              AllOf(StartsWith("INVALID_ARGUMENT: r.yaml:1:1: nested_type[0]."),
                    HasSubstr(absl::StrCat("nested more than ", kMaxYamlDepth,
                                           " levels deep"))));
}

// Nested messages without aliases: 64 levels read, 65 do not.
TEST(YamlToProto, ReadsMessagesNestedToTheDepthLimitAndNoDeeper) {
  const auto nested = [](int depth) {
    std::string yaml;
    for (int i = 0; i < depth; ++i) yaml += "{nested_type: [";
    yaml += "{name: deepest}";
    for (int i = 0; i < depth; ++i) yaml += "]}";
    return yaml;
  };
  google::protobuf::DescriptorProto message;
  const absl::Status deep_enough =
      YamlToProto(nested(kMaxYamlDepth), "r.yaml", &message);
  EXPECT_TRUE(deep_enough.ok()) << deep_enough;
  const absl::Status too_deep =
      YamlToProto(nested(kMaxYamlDepth + 1), "r.yaml", &message);
  EXPECT_EQ(too_deep.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(too_deep.message()),
              MatchesRegex("r\\.yaml:1:[0-9]+: .*nested more than [0-9]+ .*"));
}

// --- ParseRuleSetFile: errors in each format -------------------------------

TEST(ParseRuleSetFile, YamlErrorsNameTheFileAndLine) {
  const std::string path = RulesDataPath("broken/syntax.yaml");
  const absl::StatusOr<RuleSetConfig> config =
      ParseRuleSetFile(ReadText(path), RuleFileFormat::kYaml, path);
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(config.status().message()),
              StartsWith(path + ":3:12: invalid YAML: did not find expected ',' "
                         "or ']' (while parsing a flow sequence at 2:8)"));
}

TEST(ParseRuleSetFile, JsonSyntaxErrorsNameTheFileLineAndColumn) {
  const absl::StatusOr<RuleSetConfig> config =
      ParseRuleSetFile("{\"id\": \"x\",\n \"title\": \"ร้อยละ\" \"y\"}",
                       RuleFileFormat::kJson, "r.json");
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  // Column 32 in bytes: the Thai title takes 18.
  EXPECT_EQ(config.status().message(),
            "r.json:2:32: invalid JSON: Expected , or } after key:value "
            "pair.");
}

TEST(ParseRuleSetFile, JsonRejectsUnknownFields) {
  const absl::StatusOr<RuleSetConfig> config =
      ParseRuleSetFile("{\"id\": \"x\", \"units\": [{\"wieght\": \"10\"}]}",
                       RuleFileFormat::kJson, "r.json");
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(config.status().message()),
              AllOf(StartsWith("r.json: valid JSON but not a rule set: "),
                    HasSubstr("wieght"), Not(HasSubstr("\n"))));
}

TEST(ParseRuleSetFile, JsonWantsStringsForDecimalFields) {
  // The proto3 JSON mapping does not turn numbers into strings.
  const absl::StatusOr<RuleSetConfig> config = ParseRuleSetFile(
      "{\"weightTotal\": 100}", RuleFileFormat::kJson, "r.json");
  EXPECT_THAT(
      std::string(config.status().message()),
      AllOf(StartsWith("r.json: valid JSON but not a rule set: "),
            HasSubstr("weight_total")));
}

TEST(ParseRuleSetFile, JsonWrappingARuleSetSaysWhereTheRuleSetIs) {
  // A GetRuleSet response saved whole: the rule set is under "ruleSet".
  const absl::StatusOr<RuleSetConfig> config = ParseRuleSetFile(
      R"({"ruleSet": {"id": "x"}, "revision": "r1"})", RuleFileFormat::kJson,
      "r.json");
  EXPECT_THAT(std::string(config.status().message()),
              AllOf(StartsWith("r.json: valid JSON but not a rule set "),
                    HasSubstr("under \"ruleSet\""),
                    Not(HasSubstr("invalid JSON"))));
}

TEST(ParseRuleSetFile, TextProtoErrorsNameTheFileLineAndColumn) {
  const std::string path = RulesDataPath("broken/syntax.textproto");
  const absl::StatusOr<RuleSetConfig> config =
      ParseRuleSetFile(ReadText(path), RuleFileFormat::kTextProto, path);
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(config.status().message(),
            path +
                ":5:9: Message type \"scorecard.v1.Unit\" has no field "
                "named \"wieght\".");
}

// protobuf's tokenizer once passed on one byte of a Thai field name
// ("got: \xE0"): the error must be valid UTF-8 (found by the loader fuzzer).
TEST(ParseRuleSetFile, TextProtoErrorsAreValidUtf8) {
  const absl::StatusOr<RuleSetConfig> config =
      ParseRuleSetFile("id: \"x\"\nกรม: 1\n", RuleFileFormat::kTextProto,
                       "thai.textproto");
  ASSERT_FALSE(config.ok());
  const std::string message(config.status().message());
  EXPECT_TRUE(IsValidUtf8(message)) << message;
  EXPECT_THAT(message, StartsWith("thai.textproto:2:"));
}

// A text proto's escapes can make bytes that are not UTF-8 out of UTF-8
// text ("\xff"): each such string is refused, named by its field path
// (found by the loader fuzzer: the id "small-fy\xff2563" was loaded).
TEST(ParseRuleSetFile, TextProtoEscapesThatAreNotUtf8AreRefused) {
  const absl::StatusOr<RuleSetConfig> config = ParseRuleSetFile(
      "id: \"small-fy\\xff2563\"\n"
      "units { id: \"u\" indicators { id: \"1.1\" title: \"\\xe0\\xb8\" } }\n",
      RuleFileFormat::kTextProto, "escapes.textproto");
  ASSERT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string message(config.status().message());
  EXPECT_TRUE(IsValidUtf8(message)) << message;
  EXPECT_THAT(message,
              AllOf(HasSubstr("escapes.textproto: id is not UTF-8 text"),
                    HasSubstr("escapes.textproto: units[0].indicators[0].title "
                              "is not UTF-8 text")));
  // An escape that spells a whole character is fine.
  EXPECT_TRUE(ParseRuleSetFile("id: \"fy\\xe0\\xb9\\x92\"\n",
                               RuleFileFormat::kTextProto, "ok.textproto")
                  .ok());
}

TEST(ParseRuleSetFile, RejectsBinaryContent) {
  const absl::StatusOr<RuleSetConfig> config =
      ParseRuleSetFile(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16),
                       RuleFileFormat::kYaml, "logo.yaml");
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(config.status().message()),
              AllOf(StartsWith("logo.yaml:3: "), HasSubstr("binary")));
}

TEST(ParseRuleSetFile, RejectsUtf16Text) {
  // "id" in UTF-16LE with its byte-order mark, as Windows Notepad saves it.
  const absl::StatusOr<RuleSetConfig> config = ParseRuleSetFile(
      std::string("\xFF\xFEi\0d\0", 6), RuleFileFormat::kYaml, "win.yaml");
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(config.status().message(),
            "win.yaml: UTF-16 text; rule files are UTF-8 (save it as UTF-8)");
}

TEST(ParseRuleSetFile, RejectsTextInAnotherEncoding) {
  // "ร้อยละ" in TIS-620, the old Thai single-byte encoding, on line 2.
  const absl::StatusOr<RuleSetConfig> config =
      ParseRuleSetFile("id: x\ntitle: \xC3\xE9\xCD\xC2\xC5\xD0\n",
                       RuleFileFormat::kTextProto, "old.textproto");
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(config.status().message()),
              AllOf(StartsWith("old.textproto:2: not UTF-8 text"),
                    HasSubstr("TIS-620")));
}

// --- LoadRuleSetFiles ------------------------------------------------------

TEST(LoadRuleSetFiles, LoadsOneFile) {
  const std::string path = RulesDataPath("small.textproto");
  const absl::StatusOr<std::vector<RuleSetFile>> files = LoadRuleSetFiles(path);
  ASSERT_TRUE(files.ok()) << files.status();
  ASSERT_EQ(files->size(), 1u);
  EXPECT_EQ((*files)[0].path, path);
  EXPECT_EQ((*files)[0].config.id(), "small-fy2563");
}

TEST(LoadRuleSetFiles, LoadsAFolderInNameOrderSkippingOtherFiles) {
  TempDir folder;
  folder.Write("b.yaml", RuleSetYaml("b"));
  folder.Write("a.json",
               R"({"id": "a", "units": [{"id": "u", "name": "n",
                   "indicators": [{"id": "1.1", "weight": "100"}]}]})");
  folder.Write("c.txtpb", R"(id: "c" units { id: "u" name: "n"
                   indicators { id: "1.1" weight: "100" } })");
  // None of these is loaded: all would fail if they were.
  folder.Write(".hidden.yaml", "id: [broken");
  folder.Write("README.md", "id: [broken");
  folder.Write("sub/d.yaml", "id: [broken");
  folder.Write("e.yaml.orig", "id: [broken");
  // Rule-set test suites beside the rules (scorecardctl rules test).
  folder.Write("b_test.yaml", "cases: [{name: x}]");
  folder.Write("c_TEST.yml", "cases: [{name: x}]");
  const absl::StatusOr<std::vector<RuleSetFile>> files =
      LoadRuleSetFiles(folder.path());
  ASSERT_TRUE(files.ok()) << files.status();
  EXPECT_THAT(Ids(*files), ElementsAre("a", "b", "c"));
  EXPECT_THAT(Paths(*files),
              ElementsAre((folder / "a.json"), (folder / "b.yaml"),
                          (folder / "c.txtpb")));
}

TEST(LoadRuleSetFiles, RefusesATestSuiteGivenAsTheRules) {
  TempDir folder;
  const std::string suite =
      folder.Write("led_test.yaml", "cases: [{name: x}]");
  const absl::StatusOr<std::vector<RuleSetFile>> files =
      LoadRuleSetFiles(suite);
  EXPECT_EQ(files.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(files.status().message()),
              AllOf(StartsWith(suite + ": a rule-set test suite"),
                    HasSubstr("scorecardctl rules test")));
}

TEST(LoadRuleSetFiles, FollowsAConfigMapVolumesSymbolicLinks) {
  // What Kubernetes mounts for a ConfigMap: the files in a timestamped
  // folder, "..data" linking to it, and a top-level link per file.
  TempDir folder;
  const std::string timestamped = "..2020_10_01_00_00_00.123456789";
  folder.Write(timestamped + "/led.yaml", RuleSetYaml("led"));
  folder.Write(timestamped + "/small.json",
               ReadText(RulesDataPath("small.json")));
  fs::create_directory_symlink(timestamped, folder / "..data");
  fs::create_symlink("..data/led.yaml", folder / "led.yaml");
  fs::create_symlink("..data/small.json", folder / "small.json");
  const absl::StatusOr<std::vector<RuleSetFile>> files =
      LoadRuleSetFiles(folder.path());
  ASSERT_TRUE(files.ok()) << files.status();
  EXPECT_THAT(Ids(*files), ElementsAre("led", "small-fy2563"));
  EXPECT_THAT(Paths(*files),
              ElementsAre((folder / "led.yaml"), (folder / "small.json")));
}

// Parsing problems come from the loader, the rule sets' own problems from
// compiling them: RuleSetIndex::Load reports both, every file's.
TEST(RuleSetIndexLoad, ReportsEveryProblemOfEveryFile) {
  const std::string folder = RulesDataPath("broken");
  const absl::StatusOr<std::shared_ptr<const RuleSetIndex>> index =
      RuleSetIndex::Load(folder);
  EXPECT_EQ(index.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string f = folder + "/";
  EXPECT_THAT(
      Lines(index.status().message()),
      ElementsAre(
          f + "fields.yaml:3:14: fiscal_year: \"twenty\" is not a 32-bit "
              "integer",
          StartsWith(f + "fields.yaml:4:11: rounding: \"sideways\" is not a "
                         "value of scorecard.v1.Rounding"),
          f + "fields.yaml:5:8: units: expected a list, found the scalar "
              "\"secretariat\"",
          StartsWith(f + "fields.yaml:8:5: categories[0]: unknown field "
                         "\"colour\""),
          f + "fields.yaml:9:5: categories[1]: expected a map of "
              "scorecard.v1.Category fields, found a list",
          f + "fields.yaml:13:5: severity_overrides[0].severity: given twice "
              "(first at line 12)",
          f + "syntax.json:5:1: invalid JSON: Unexpected token.",
          f + "syntax.textproto:5:9: Message type \"scorecard.v1.Unit\" has "
              "no field named \"wieght\".",
          StartsWith(f + "syntax.yaml:3:12: invalid YAML: "),
          f + "weights.yaml: rule set \"broken-weights\": unit \"finance\": "
              "weights sum to 90, not the weight total 100"));
}

TEST(LoadRuleSetFiles, NamesABinaryFileInAFolder) {
  TempDir folder;
  folder.Write("a.yaml", RuleSetYaml("a"));
  folder.Write("b.json", std::string("\x1f\x8b\x08\0\0\0\0\0", 8));
  const absl::StatusOr<std::vector<RuleSetFile>> files =
      LoadRuleSetFiles(folder.path());
  EXPECT_EQ(files.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Lines(files.status().message()),
              ElementsAre(AllOf(StartsWith((folder / "b.json") + ":1: "),
                                HasSubstr("binary"))));
}

TEST(RuleSetIndexLoad, RejectsTwoFilesWithTheSameRuleSetId) {
  TempDir folder;
  folder.Write("a.yaml", RuleSetYaml("same"));
  folder.Write("b.yaml", RuleSetYaml("same"));
  const absl::StatusOr<std::shared_ptr<const RuleSetIndex>> index =
      RuleSetIndex::Load(folder.path());
  EXPECT_EQ(index.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(index.status().message(),
            (folder / "b.yaml") +
                ": rule set \"same\" is already defined "
                "in " +
                (folder / "a.yaml"));
}

TEST(LoadRuleSetFiles, ReportsALinkToNothing) {
  TempDir folder;
  folder.Write("a.yaml", RuleSetYaml("a"));
  fs::create_symlink("..data/gone.yaml", folder / "gone.yaml");
  const absl::StatusOr<std::vector<RuleSetFile>> files =
      LoadRuleSetFiles(folder.path());
  EXPECT_EQ(files.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(files.status().message(),
            (folder / "gone.yaml") + ": a symbolic link to nothing");
}

// Opening a FIFO for reading waits for a writer; a rule file that is one
// must be refused, not waited on. In a child process with a deadline, so
// that a regression fails instead of hanging the suite.
TEST(LoadRuleSetFiles, RefusesAFifoWithoutWaitingForAWriter) {
  TempDir folder;
  folder.Write("a.yaml", RuleSetYaml("a"));
  ASSERT_EQ(::mkfifo((folder / "b.yaml").c_str(), 0600), 0);
  const ::scorecard::testing::BoundedCallResult in_folder =
      ::scorecard::testing::CallInChildProcess([&] {
        return std::string(LoadRuleSetFiles(folder.path()).status().message());
      });
  ASSERT_TRUE(in_folder.finished) << in_folder.problem;
  EXPECT_EQ(in_folder.value, (folder / "b.yaml") + ": not a regular file");
  const ::scorecard::testing::BoundedCallResult alone =
      ::scorecard::testing::CallInChildProcess([&] {
        return std::string(
            LoadRuleSetFiles(folder / "b.yaml").status().message());
      });
  ASSERT_TRUE(alone.finished) << alone.problem;
  EXPECT_EQ(alone.value,
            (folder / "b.yaml") + ": neither a rule file nor a folder");
}

TEST(LoadRuleSetFiles, EmptyFolderIsNotFound) {
  TempDir folder;
  const absl::StatusOr<std::vector<RuleSetFile>> files =
      LoadRuleSetFiles(folder.path());
  EXPECT_EQ(files.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(
      std::string(files.status().message()),
      StartsWith(folder.path() + ": the folder holds no rule file"));
}

TEST(LoadRuleSetFiles, FolderWithoutRuleFilesIsNotFound) {
  TempDir folder;
  folder.Write("README.md", "# rules go here\n");
  folder.Write(".hidden.yaml", RuleSetYaml("hidden"));
  const absl::StatusOr<std::vector<RuleSetFile>> files =
      LoadRuleSetFiles(folder.path());
  EXPECT_EQ(files.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(files.status().message()),
              HasSubstr(folder.path()));
}

TEST(LoadRuleSetFiles, MissingPathIsNotFound) {
  TempDir folder;
  const std::string path = (folder / "no-such-rules");
  const absl::StatusOr<std::vector<RuleSetFile>> files = LoadRuleSetFiles(path);
  EXPECT_EQ(files.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(files.status().message(), path + ": no such file or folder");
}

TEST(LoadRuleSetFiles, RejectsAFileWithAnUnknownExtension) {
  TempDir folder;
  folder.Write("rules.txt", RuleSetYaml("a"));
  const absl::StatusOr<std::vector<RuleSetFile>> files =
      LoadRuleSetFiles((folder / "rules.txt"));
  EXPECT_EQ(files.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(files.status().message()),
              StartsWith((folder / "rules.txt") + ": not a rule file"));
}

// --- The bundled rule set --------------------------------------------------

TEST(BundledRules, LoadAndPassEveryCheck) {
  const absl::StatusOr<std::vector<RuleSetFile>> files =
      LoadRuleSetFiles(SourcePath("rules/bundled"));
  ASSERT_TRUE(files.ok()) << files.status();
  ASSERT_EQ(files->size(), 1u);
  const RuleSetConfig& config = (*files)[0].config;
  EXPECT_EQ(config.id(), "led-fy2563");
  EXPECT_EQ(config.fiscal_year(), 2563);
  EXPECT_EQ(config.weight_total(), "100");
  EXPECT_EQ(config.score_scale().decimals(), 4);
  EXPECT_EQ(config.rounding(), scorecard::v1::ROUNDING_HALF_UP);
  EXPECT_EQ(config.title_policy(),
            scorecard::v1::TITLE_POLICY_WHITESPACE_NORMALISED);
  EXPECT_EQ(config.categories_size(), 7);
  EXPECT_THAT(CheckRuleSetConfig(config), IsEmpty());
  std::vector<std::pair<std::string, int>> units;
  for (const scorecard::v1::Unit& unit : config.units()) {
    units.emplace_back(unit.id(), unit.indicators_size());
  }
  EXPECT_THAT(
      units,
      ElementsAre(std::make_pair("secretariat", 21),
                  std::make_pair("enforcement-development-and-appraisal", 16),
                  std::make_pair("human-resources", 18),
                  std::make_pair("bankruptcy-asset-tracing", 17),
                  std::make_pair("finance", 18),
                  std::make_pair("ict-center", 17)));
}

// The published document: a header row "ตัวชี้วัด\t<unit name>\t\t" opens each
// unit; indicator rows are "<id>\t<title>\t<score>\t<weight>".
struct SeedUnit {
  std::string name;
  std::vector<std::vector<std::string>> indicators;  // id, title, weight.
};

std::vector<SeedUnit> ReadSeedDocument() {
  std::vector<SeedUnit> units;
  for (absl::string_view line : absl::StrSplit(
           ReadText(SourcePath("tests/data/led-fy2563-scores.txt")), '\n')) {
    const std::vector<std::string> cells = absl::StrSplit(line, '\t');
    if (cells.size() == 4 && cells[0] == "ตัวชี้วัด") {
      units.push_back(SeedUnit{cells[1], {}});
    } else if (cells.size() == 4 && !units.empty() &&
               absl::ascii_isdigit(ThaiDigitsToAscii(cells[0])[0])) {
      units.back().indicators.push_back(
          {ThaiDigitsToAscii(cells[0]), cells[1], ThaiDigitsToAscii(cells[3])});
    }
  }
  return units;
}

TEST(BundledRules, MatchTheSeedDocumentByteForByte) {
  const absl::StatusOr<std::vector<RuleSetFile>> files =
      LoadRuleSetFiles(SourcePath("rules/bundled/led-fy2563.yaml"));
  ASSERT_TRUE(files.ok()) << files.status();
  const RuleSetConfig& config = (*files)[0].config;
  const std::vector<SeedUnit> seed = ReadSeedDocument();
  ASSERT_EQ(seed.size(), 6u);
  ASSERT_EQ(config.units_size(), 6);
  for (int u = 0; u < 6; ++u) {
    const scorecard::v1::Unit& unit = config.units(u);
    EXPECT_EQ(unit.name(), seed[u].name);
    ASSERT_EQ(unit.indicators_size(),
              static_cast<int>(seed[u].indicators.size()))
        << unit.id();
    for (int i = 0; i < unit.indicators_size(); ++i) {
      const scorecard::v1::Indicator& indicator = unit.indicators(i);
      const std::vector<std::string>& row = seed[u].indicators[i];
      EXPECT_EQ(indicator.id(), row[0]) << unit.id();
      EXPECT_EQ(indicator.title(), row[1]) << unit.id() << " " << row[0];
      EXPECT_EQ(indicator.weight(), row[2]) << unit.id() << " " << row[0];
    }
  }
  // The quirks are kept as published.
  EXPECT_THAT(config.units(0).indicators(3).title(),
              HasSubstr("ปดล้ล้ล้ล้ล้ล้ล้ (บุคคลธรรมดา)"));
  EXPECT_THAT(config.units(5).indicators(11).title(), StartsWith("๖ ร้อยละ"));
}

TEST(BundledRules, KnowUnitsByTheirAbbreviations) {
  const absl::StatusOr<std::vector<RuleSetFile>> files =
      LoadRuleSetFiles(SourcePath("rules/bundled/led-fy2563.yaml"));
  ASSERT_TRUE(files.ok()) << files.status();
  const RuleSetConfig& config = (*files)[0].config;
  EXPECT_THAT(config.units(0).aliases(), ElementsAre("สลก."));
  EXPECT_THAT(config.units(5).aliases(), ElementsAre("ศทส."));
}

}  // namespace
}  // namespace scorecard::rules
