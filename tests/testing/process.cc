#include "tests/testing/process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "tests/testing/files.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

extern char** environ;

namespace scorecard::testing {

pid_t SpawnProcess(const std::vector<std::string>& argv,
                   const ChildStreams& streams,
                   const std::map<std::string, std::string>& environment) {
  std::map<std::string, std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry(*e);
    const size_t eq = entry.find('=');
    if (eq != std::string::npos) env[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (const auto& [name, value] : environment) {
    if (value.empty()) {
      env.erase(name);
    } else {
      env[name] = value;
    }
  }
  std::vector<std::string> env_entries;
  for (const auto& [name, value] : env) env_entries.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (std::string& entry : env_entries) envp.push_back(entry.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = argv;
  std::vector<char*> argp;
  for (std::string& arg : args) argp.push_back(arg.data());
  argp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO,
                                   streams.stdin_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO,
                                   streams.stdout_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO,
                                   streams.stderr_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none;
  sigemptyset(&none);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (const int signal : {SIGHUP, SIGTERM, SIGINT, SIGPIPE}) {
    sigaddset(&defaults, signal);
  }
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = -1;
  const int error = posix_spawn(&pid, argp[0], &actions, &attributes,
                                argp.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  return error == 0 ? pid : -1;
}

std::optional<int> WaitForProcess(pid_t pid, absl::Duration timeout) {
  std::optional<int> status;
  WaitUntil(
      [&] {
        int s = 0;
        pid_t done;
        while ((done = waitpid(pid, &s, WNOHANG)) < 0 && errno == EINTR) {
        }
        if (done == pid) status = s;
        return status.has_value();
      },
      timeout);
  return status;
}

int ExitCode(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return -1;
}

ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::string& input,
                         const std::map<std::string, std::string>& environment,
                         absl::Duration timeout) {
  TempDir dir("scorecard-process-");
  ChildStreams streams;
  streams.stdin_path = dir.Write("in", input);
  streams.stdout_path = dir / "out";
  streams.stderr_path = dir / "err";
  ProcessResult result;
  const pid_t pid = SpawnProcess(argv, streams, environment);
  if (pid > 0) {
    std::optional<int> status = WaitForProcess(pid, timeout);
    if (!status.has_value()) {
      result.timed_out = true;
      kill(pid, SIGKILL);
      status = WaitForProcess(pid, kPatience);
    }
    if (status.has_value()) result.exit_status = ExitCode(*status);
  }
  result.out = ReadFile(streams.stdout_path);
  result.err = ReadFile(streams.stderr_path);
  return result;
}

std::optional<int64_t> ResidentBytes(pid_t pid) {
  const std::string status = ReadFile(absl::StrCat("/proc/", pid, "/status"));
  for (absl::string_view line : absl::StrSplit(status, '\n')) {
    if (!absl::ConsumePrefix(&line, "VmRSS:")) continue;
    line = absl::StripAsciiWhitespace(line);
    int64_t kibibytes = 0;
    if (absl::ConsumeSuffix(&line, " kB") &&
        absl::SimpleAtoi(absl::StripAsciiWhitespace(line), &kibibytes)) {
      return kibibytes * 1024;
    }
  }
  return std::nullopt;
}

}  // namespace scorecard::testing
