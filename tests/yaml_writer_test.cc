// The YAML scorecardctl writes reads back through the rule loader
// (rules::YamlToProto) as it was meant: awkward strings stay strings, and a
// whole rule set round-trips. Also the XML and CSV escaping.

#include "client/yaml_writer.h"

#include <sstream>
#include <string>
#include <vector>

#include "client/csv_text.h"
#include "client/xml_text.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "rules/rule_set_loader.h"
#include "rules/yaml_to_proto.h"
#include "scorecard/v1/rule_set_config.pb.h"
#include "tests/testing/seed.h"

namespace scorecard::client {
namespace {

namespace v1 = ::scorecard::v1;

TEST(YamlQuote, EveryAwkwardStringReadsBackAsItself) {
  const std::vector<std::string> texts = {"",
                                          "null",
                                          "~",
                                          "true",
                                          "1.10",
                                          "007",
                                          "#not a comment",
                                          "a: b",
                                          "- item",
                                          "[x]",
                                          "{y}",
                                          "'single'",
                                          "\"double\"",
                                          "back\\slash",
                                          "two\nlines",
                                          "tab\there",
                                          " leading and trailing ",
                                          "ร้อยละ ๑๐๐ %",
                                          "bell\x07"
                                          "del\x7f"
                                          "nbsp\xC2\xA0",
                                          "\xC2\x85next",
                                          "\xE2\x80\xA8line sep",
                                          "\xEF\xBB\xBF"
                                          "bom",
                                          "*alias",
                                          "&anchor",
                                          "!tag",
                                          "@at",
                                          "`tick`",
                                          "?",
                                          ":",
                                          "---",
                                          "..."};
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    v1::Category category;
    category.set_title(text);
    const std::string yaml = MessageToYaml(category);
    v1::Category read;
    const absl::Status status = rules::YamlToProto(yaml, "t.yaml", &read);
    ASSERT_TRUE(status.ok()) << status << "\n" << yaml;
    EXPECT_EQ(read.title(), text) << yaml;
  }
}

TEST(YamlQuote, InvalidUtf8BecomesTheReplacementCharacter) {
  EXPECT_EQ(YamlQuote("a\xE0\xB8"), "\"a\\uFFFD\\uFFFD\"");
}

// The bundled rule set written out and read back is the same message:
// nested messages, lists of messages, flow lists of strings, enums, ints.
TEST(MessageToYaml, TheBundledRuleSetRoundTrips) {
  absl::StatusOr<std::vector<rules::RuleSetFile>> files =
      rules::LoadRuleSetFiles(std::string(testing::kBundledRules) +
                              "/led-fy2563.yaml");
  ASSERT_TRUE(files.ok()) << files.status();
  v1::RuleSetConfig config = files->front().config;
  config.add_severity_overrides()->set_code(v1::VIOLATION_CODE_TITLE_MISMATCH);
  config.mutable_severity_overrides(0)->set_severity(v1::SEVERITY_ERROR);
  config.add_grades()->set_label("ดีเด่น");
  const std::string yaml =
      MessageToYaml(config, {{"", {"a header", "over\ntwo lines"}},
                             {"units[1]", {"a note on the second unit"}}});
  EXPECT_THAT(yaml, ::testing::StartsWith("# a header\n# over\n# two lines\n"));
  EXPECT_THAT(yaml, ::testing::HasSubstr(
                        "  # a note on the second unit\n  - id: "
                        "\"enforcement-development-and-appraisal\"\n"));
  v1::RuleSetConfig read;
  const absl::Status status = rules::YamlToProto(yaml, "t.yaml", &read);
  ASSERT_TRUE(status.ok()) << status;
  std::string diff;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&diff);
  EXPECT_TRUE(differencer.Compare(config, read)) << diff;
}

TEST(XmlText, EscapesMarkupAndDropsWhatXmlCannotHold) {
  EXPECT_EQ(XmlText("a < b & \"c\" 'd' > e"),
            "a &lt; b &amp; &quot;c&quot; &#39;d&#39; &gt; e");
  EXPECT_EQ(XmlText("x\x01y\xE0z"), "x\xEF\xBF\xBDy\xEF\xBF\xBDz");
  EXPECT_EQ(XmlText("กอง\nก"), "กอง\nก");
  EXPECT_EQ(XmlAttribute("two\nlines\tand\r"), "two&#10;lines&#9;and&#13;");
}

TEST(CsvField, QuotesOnlyWhatMustBeQuoted) {
  EXPECT_EQ(CsvField("กองคลัง"), "กองคลัง");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField(" padded"), "\" padded\"");
  std::ostringstream row;
  WriteCsvRow({"a", "", "b,c"}, row);
  EXPECT_EQ(row.str(), "a,,\"b,c\"\r\n");
}

}  // namespace
}  // namespace scorecard::client
