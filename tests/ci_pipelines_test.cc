// The example CI pipelines in deploy/ci/ parse as YAML, and every
// scorecardctl command they run exists and takes the flags and values they
// give it (scorecardctl's own parser judges, through CheckCommandLine), so
// that a renamed flag cannot leave them broken.

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "client/scorecardctl.h"
#include "rules/yaml_parser.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/files.h"

namespace scorecard::client {
namespace {

using ::scorecard::testing::ReadFile;

using ::testing::Contains;

constexpr char kPipelines[] = SCORECARD_SOURCE_DIR "/deploy/ci/";

// Every shell script in the pipeline: the values of `run` (GitHub steps),
// and of `script` and `before_script` (GitLab jobs), wherever they are.
void CollectScripts(const rules::YamlNode* node, int depth,
                    std::vector<std::string>* out) {
  using Kind = rules::YamlNode::Kind;
  ASSERT_LT(depth, 64) << "nested too deep (an alias cycle?)";
  if (node->kind == Kind::kMap) {
    for (size_t i = 0; i + 1 < node->children.size(); i += 2) {
      const absl::string_view key = node->children[i]->text;
      const rules::YamlNode* value = node->children[i + 1];
      if (key == "run" && value->kind == Kind::kScalar) {
        out->push_back(std::string(value->text));
      } else if ((key == "script" || key == "before_script") &&
                 value->kind == Kind::kList) {
        for (const rules::YamlNode* line : value->children) {
          out->push_back(std::string(line->text));
        }
      } else {
        CollectScripts(value, depth + 1, out);
      }
    }
  } else if (node->kind == Kind::kList) {
    for (const rules::YamlNode* item : node->children) {
      CollectScripts(item, depth + 1, out);
    }
  }
}

// The scorecardctl command lines in `scripts`, each as its arguments
// (without the program), up to the first shell operator.
std::vector<std::vector<std::string>> Invocations(
    const std::vector<std::string>& scripts) {
  std::vector<std::vector<std::string>> found;
  for (const std::string& script : scripts) {
    const std::string joined = absl::StrReplaceAll(script, {{"\\\n", " "}});
    for (absl::string_view line : absl::StrSplit(joined, '\n')) {
      const std::vector<std::string> words =
          absl::StrSplit(line, ' ', absl::SkipWhitespace());
      for (size_t i = 0; i < words.size(); ++i) {
        // A command starts a line or follows a shell operator; elsewhere
        // ("--target scorecardctl") the word is an argument.
        const bool starts_command = i == 0 || words[i - 1] == "&&" ||
                                    words[i - 1] == "||" ||
                                    words[i - 1] == "|" || words[i - 1] == ";";
        if (words[i] != "scorecardctl" || !starts_command) continue;
        std::vector<std::string> args;
        for (size_t j = i + 1; j < words.size(); ++j) {
          const std::string& w = words[j];
          if (w == ">" || w == "|" || w == "||" || w == "&&" || w == ";" ||
              w == "2>" || absl::StartsWith(w, ">")) {
            break;
          }
          args.push_back(
              std::string(absl::StripSuffix(absl::StripPrefix(w, "\""), "\"")));
        }
        found.push_back(std::move(args));
      }
    }
  }
  return found;
}

void CheckPipeline(const std::string& name, size_t at_least,
                   const std::vector<std::string>& formats) {
  SCOPED_TRACE(name);
  const std::string text = ReadFile(std::string(kPipelines) + name);
  ASSERT_FALSE(text.empty()) << name;
  rules::YamlDocument pipeline;
  const std::optional<rules::YamlSyntaxError> error =
      rules::ParseYamlDocument(text, &pipeline);
  ASSERT_FALSE(error.has_value())
      << name << ":" << error->line << ":" << error->column << ": "
      << error->what;
  ASSERT_NE(pipeline.root, nullptr);
  EXPECT_EQ(pipeline.document_count, 1);
  std::vector<std::string> scripts;
  CollectScripts(pipeline.root, 0, &scripts);
  const std::vector<std::vector<std::string>> invocations =
      Invocations(scripts);
  EXPECT_GE(invocations.size(), at_least);
  std::vector<std::string> used_formats;
  for (const std::vector<std::string>& args : invocations) {
    const absl::Status status = CheckCommandLine(args);
    EXPECT_TRUE(status.ok())
        << "scorecardctl " << absl::StrJoin(args, " ") << ": " << status;
    for (size_t i = 0; i + 1 < args.size(); ++i) {
      if (args[i] == "--format") used_formats.push_back(args[i + 1]);
    }
  }
  for (const std::string& format : formats) {
    EXPECT_THAT(used_formats, Contains(format));
  }
}

TEST(CiPipelines, GithubActionsRunsRealCommands) {
  CheckPipeline("github-actions.yml", 6, {"github", "sarif", "junit", "html"});
}

TEST(CiPipelines, GitlabCiRunsRealCommands) {
  CheckPipeline("gitlab-ci.yml", 5, {"junit", "sarif", "html"});
}

// The check can fail: a command line with a flag scorecardctl does not take.
TEST(CiPipelines, AWrongFlagIsCaught) {
  const auto invocations =
      Invocations({"scorecardctl validate --formt sarif subs/ > x.sarif"});
  ASSERT_EQ(invocations.size(), 1u);
  EXPECT_FALSE(CheckCommandLine(invocations[0]).ok());
}

}  // namespace
}  // namespace scorecard::client
