// What the public service says of where rules come from: file names only.

#include "service/public_paths.h"

#include "gtest/gtest.h"

namespace scorecard::service {
namespace {

TEST(FileName, IsTheLastComponent) {
  EXPECT_EQ(FileName("/etc/scorecard/rules/led-fy2563.yaml"),
            "led-fy2563.yaml");
  EXPECT_EQ(FileName("rules/led.yaml"), "led.yaml");
  EXPECT_EQ(FileName("led.yaml"), "led.yaml");
  EXPECT_EQ(FileName("/etc/scorecard/rules/"), "rules");
  EXPECT_EQ(FileName(""), "");
}

TEST(HideRulesPath, TakesTheFolderOutOfEveryPathInIt) {
  const std::string folder = "/srv/agency-7/scorecard/rules";
  EXPECT_EQ(HideRulesPath(folder + "/a.yaml:3:1: weight \"x\" is not a number",
                          folder),
            "a.yaml:3:1: weight \"x\" is not a number");
  EXPECT_EQ(HideRulesPath(folder + "/b.json: rule set \"x\" is already "
                                   "defined in " +
                              folder + "/a.yaml",
                          folder + "/"),
            "b.json: rule set \"x\" is already defined in a.yaml");
  EXPECT_EQ(HideRulesPath(folder + ": the folder holds no rule file", folder),
            "rules: the folder holds no rule file");
  EXPECT_EQ(HideRulesPath("(\"" + folder + "/c.yaml\")", folder),
            "(\"c.yaml\")");
}

TEST(HideRulesPath, LeavesTheSameLettersInsideOtherWordsAlone) {
  EXPECT_EQ(HideRulesPath("the rules/led.yaml file", "rules"),
            "the led.yaml file");
  EXPECT_EQ(HideRulesPath("myrules/led.yaml and rulesets", "rules"),
            "myrules/led.yaml and rulesets");
  EXPECT_EQ(HideRulesPath("rules-old/x.yaml", "rules"), "rules-old/x.yaml");
  EXPECT_EQ(HideRulesPath("nothing to hide", ""), "nothing to hide");
}

TEST(HideRulesPath, HidesASingleRuleFile) {
  const std::string file = "/etc/scorecard/led-fy2563.yaml";
  EXPECT_EQ(HideRulesPath(file + ":12:3: unknown field", file),
            "led-fy2563.yaml:12:3: unknown field");
}

TEST(PublicPaths, SayOnlyValidUtf8) {
  EXPECT_EQ(FileName("/srv/rules/\xff.yaml"), "\xef\xbf\xbd.yaml");
  EXPECT_EQ(HideRulesPath("/srv/r\xfe/a.yaml: bad \xff", "/srv/r\xfe"),
            "a.yaml: bad \xef\xbf\xbd");
}

}  // namespace
}  // namespace scorecard::service
