// Child processes for tests: programs run as their users run them.
//
//   ProcessResult r = RunProcess({ctl, "validate", seed});
//   EXPECT_EQ(r.exit_status, 0) << r.err;
//
// A child starts with no signal blocked and default signal dispositions,
// whatever the test process has set, and every wait for one is bounded.
//
// Thread-safety: the functions may be called from several threads at once.

#ifndef SCORECARD_TESTS_TESTING_PROCESS_H_
#define SCORECARD_TESTS_TESTING_PROCESS_H_

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace scorecard::testing {

// Where a spawned child's standard streams go: paths of files ("/dev/null"
// included). stdin is opened for reading; stdout and stderr are created or
// truncated.
struct ChildStreams {
  std::string stdin_path = "/dev/null";
  std::string stdout_path = "/dev/null";
  std::string stderr_path = "/dev/null";
};

// Starts `argv` (argv[0] is the program's path) with the current environment
// changed by `environment` (a variable set to "" is removed). Returns the
// child's pid, or -1 when it could not be started.
pid_t SpawnProcess(const std::vector<std::string>& argv,
                   const ChildStreams& streams,
                   const std::map<std::string, std::string>& environment = {});

// Waits up to `timeout` for the child `pid` to end; returns its wait status
// (as waitpid gives it), or nullopt when it is still running.
std::optional<int> WaitForProcess(pid_t pid, absl::Duration timeout);

// Returns the exit code of a wait status; 128 + N when killed by signal N.
int ExitCode(int wait_status);

// Returns the resident set size of process `pid` in bytes (VmRSS in
// /proc/PID/status), or nullopt when it cannot be read.
std::optional<int64_t> ResidentBytes(pid_t pid);

struct ProcessResult {
  int exit_status = -1;    // The exit code; 128 + N when killed by signal N.
  bool timed_out = false;  // Killed because it ran past the timeout.
  std::string out;         // Standard output.
  std::string err;         // Standard error.
};

// How long RunProcess waits by default before killing the child.
inline constexpr absl::Duration kProcessTimeout = absl::Seconds(120);

// Runs `argv` to completion, feeding it `input` on standard input, with the
// environment changed as SpawnProcess does. A child still running after
// `timeout` is killed (SIGKILL) and reported with timed_out set.
ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::string& input = "",
                         const std::map<std::string, std::string>& environment =
                             {},
                         absl::Duration timeout = kProcessTimeout);

}  // namespace scorecard::testing

#endif  // SCORECARD_TESTS_TESTING_PROCESS_H_
