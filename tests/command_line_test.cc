// scorecardctl's command line: flags per command (an unknown one is an
// error, with the flag it probably meant), values checked against their
// choices, and CheckCommandLine, which the CI pipeline test relies on.

#include "client/command_line.h"

#include <string>
#include <vector>

#include "client/scorecardctl.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace scorecard::client {
namespace {

using ::testing::HasSubstr;

CommandSpec Spec() {
  CommandSpec spec;
  spec.flags = {{"rules", "PATH", "", {}},
                {"format", "FORMAT", "", {"text", "json"}},
                {"quiet", "", "", {}}};
  return spec;
}

TEST(CommandLine, ParsesFlagsBothWaysAndPositionals) {
  const absl::StatusOr<CommandLine> line =
      CommandLine::Parse({"a.txt", "--rules", "r/", "--format=json", "--quiet",
                          "-", "--", "--not-a-flag"},
                         Spec());
  ASSERT_TRUE(line.ok()) << line.status();
  EXPECT_EQ(line->Value("rules"), "r/");
  EXPECT_EQ(line->Value("format"), "json");
  EXPECT_TRUE(line->Has("quiet"));
  EXPECT_THAT(line->positional(),
              ::testing::ElementsAre("a.txt", "-", "--not-a-flag"));
}

TEST(CommandLine, UnknownFlagIsAnErrorThatSuggestsTheFlagMeant) {
  const absl::StatusOr<CommandLine> line =
      CommandLine::Parse({"--fromat", "json"}, Spec());
  EXPECT_EQ(line.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(line.status().message(),
            "unknown flag --fromat (did you mean --format?)");
  EXPECT_EQ(CommandLine::Parse({"--zzz"}, Spec()).status().message(),
            "unknown flag --zzz");
  EXPECT_THAT(
      std::string(CommandLine::Parse({"--rule=x"}, Spec()).status().message()),
      HasSubstr("did you mean --rules?"));
}

TEST(CommandLine, ValuesAreCheckedAgainstTheirChoices) {
  EXPECT_EQ(CommandLine::Parse({"--format", "jsno"}, Spec()).status().message(),
            "--format must be text, json; not \"jsno\" (did you mean json?)");
  EXPECT_EQ(CommandLine::Parse({"--format"}, Spec()).status().message(),
            "--format needs a value (FORMAT)");
  EXPECT_EQ(CommandLine::Parse({"--quiet=yes"}, Spec()).status().message(),
            "--quiet takes no value");
}

TEST(ClosestMatch, FindsTypingMistakesOnly) {
  const std::vector<std::string> words = {"validate", "report", "rules",
                                          "completion"};
  EXPECT_EQ(ClosestMatch("valdate", words), "validate");
  EXPECT_EQ(ClosestMatch("vaildate", words), "validate");  // A swap.
  EXPECT_EQ(ClosestMatch("rule", words), "rules");
  EXPECT_EQ(ClosestMatch("comp", words), "completion");  // A prefix.
  EXPECT_EQ(ClosestMatch("frobnicate", words), "");
  EXPECT_EQ(ClosestMatch("", words), "");
}

TEST(CheckCommandLine, AcceptsWhatTheCommandsTakeAndRefusesTheRest) {
  EXPECT_TRUE(
      CheckCommandLine({"validate", "--format", "sarif", "subs/"}).ok());
  EXPECT_TRUE(CheckCommandLine({"rules", "test", "--format=junit", "r/"}).ok());
  EXPECT_TRUE(CheckCommandLine(
                  {"report", "--format", "html", "--output", "r.html", "subs/"})
                  .ok());
  EXPECT_THAT(
      std::string(
          CheckCommandLine({"rules", "list", "--format", "xml"}).message()),
      HasSubstr("unknown flag --format"));
  EXPECT_THAT(
      std::string(CheckCommandLine({"validate", "--format", "xml"}).message()),
      HasSubstr("--format must be"));
  EXPECT_THAT(std::string(CheckCommandLine({"rules", "tets"}).message()),
              HasSubstr("did you mean \"rules test\"?"));
  EXPECT_FALSE(CheckCommandLine({}).ok());
}

}  // namespace
}  // namespace scorecard::client
