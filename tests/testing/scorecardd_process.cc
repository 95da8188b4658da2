#include "tests/testing/scorecardd_process.h"

#include <signal.h>
#include <sys/wait.h>

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "tests/testing/files.h"
#include "tests/testing/process.h"

namespace scorecard::testing {
namespace {

constexpr char kScorecardd[] = SCORECARD_BINARY_DIR "/service/scorecardd";

}  // namespace

std::unique_ptr<ScorecarddProcess> ScorecarddProcess::Start(
    const std::vector<std::string>& flags, std::string log_path,
    const std::map<std::string, std::string>& environment) {
  std::vector<std::string> argv = {kScorecardd};
  argv.insert(argv.end(), flags.begin(), flags.end());
  ChildStreams streams;
  streams.stderr_path = log_path;
  const pid_t pid = SpawnProcess(argv, streams, environment);
  EXPECT_GT(pid, 0) << "cannot start " << kScorecardd;
  if (pid <= 0) return nullptr;
  return std::unique_ptr<ScorecarddProcess>(
      new ScorecarddProcess(pid, std::move(log_path)));
}

ScorecarddProcess::~ScorecarddProcess() {
  if (!exit_status_.has_value()) {
    kill(pid_, SIGKILL);
    WaitForProcess(pid_, kPatience);
  }
}

void ScorecarddProcess::Signal(int signal) {
  EXPECT_EQ(kill(pid_, signal), 0);
}

std::optional<int> ScorecarddProcess::WaitForExit(absl::Duration timeout) {
  if (!exit_status_.has_value()) exit_status_ = WaitForProcess(pid_, timeout);
  return exit_status_;
}

std::vector<std::string> ScorecarddProcess::LogLines(
    absl::string_view event) const {
  std::vector<std::string> found;
  const std::string marker = absl::StrCat("\"event\":\"", event, "\"");
  for (absl::string_view line :
       absl::StrSplit(ReadFile(log_path_), '\n', absl::SkipEmpty())) {
    if (absl::StrContains(line, marker)) found.emplace_back(line);
  }
  return found;
}

bool ScorecarddProcess::WaitForLog(absl::string_view event,
                                   size_t count) const {
  return WaitUntil([&] { return LogLines(event).size() >= count; });
}

std::string ScorecarddProcess::Address() const {
  if (!WaitForLog("listening")) return "";
  const std::string line = LogLines("listening").front();
  const std::string key = "\"address\":\"";
  const size_t start = line.find(key);
  if (start == std::string::npos) return "";
  return line.substr(start + key.size(),
                     line.find('"', start + key.size()) - start - key.size());
}

std::string ScorecarddProcess::Log() const { return ReadFile(log_path_); }

}  // namespace scorecard::testing
