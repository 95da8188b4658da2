#include "tests/scorecardd_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/test_files.h"

extern char** environ;

namespace scorecard::testing {
namespace {

namespace fs = std::filesystem;

constexpr char kScorecardd[] = SCORECARD_BINARY_DIR "/service/scorecardd";

}  // namespace

bool WaitUntil(const std::function<bool()>& done, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    if (done()) return true;
    absl::SleepFor(absl::Milliseconds(20));
  }
  return done();
}

TempDir::TempDir() {
  std::string pattern =
      (fs::temp_directory_path() / "scorecard-test.XXXXXX").string();
  path_ = mkdtemp(pattern.data()) ? pattern : "";
  EXPECT_FALSE(path_.empty());
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

std::unique_ptr<ScorecarddProcess> ScorecarddProcess::Start(
    const std::vector<std::string>& flags, std::string log_path) {
  std::vector<std::string> argv_strings = {kScorecardd};
  argv_strings.insert(argv_strings.end(), flags.begin(), flags.end());
  std::vector<char*> argv;
  for (std::string& arg : argv_strings) argv.push_back(arg.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null",
                                   O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null",
                                   O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  // The child starts with no signal blocked and default dispositions,
  // whatever this process has set.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none;
  sigemptyset(&none);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGHUP);
  sigaddset(&defaults, SIGTERM);
  sigaddset(&defaults, SIGINT);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = 0;
  const int error = posix_spawn(&pid, kScorecardd, &actions, &attributes,
                                argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  EXPECT_EQ(error, 0) << "posix_spawn " << kScorecardd;
  if (error != 0) return nullptr;
  return std::unique_ptr<ScorecarddProcess>(
      new ScorecarddProcess(pid, std::move(log_path)));
}

ScorecarddProcess::~ScorecarddProcess() {
  if (!exit_status_.has_value()) {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
}

void ScorecarddProcess::Signal(int signal) {
  EXPECT_EQ(kill(pid_, signal), 0);
}

std::optional<int> ScorecarddProcess::WaitForExit(absl::Duration timeout) {
  WaitUntil(
      [&] {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) exit_status_ = status;
        return exit_status_.has_value();
      },
      timeout);
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
