// A real scorecardd for tests: started as a child process with the flags a
// test gives, its JSON log read back, and killed when the test ends.
//
//   std::unique_ptr<ScorecarddProcess> server = ScorecarddProcess::Start(
//       {"--listen=127.0.0.1:0", "--rules=" + rules}, log_path);
//   const std::string address = server->Address();  // "127.0.0.1:41235"
//
// Every wait is bounded: it polls until a deadline (kPatience unless given).

#ifndef SCORECARD_TESTS_TESTING_SCORECARDD_PROCESS_H_
#define SCORECARD_TESTS_TESTING_SCORECARDD_PROCESS_H_

#include <sys/types.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "tests/testing/wait.h"

namespace scorecard::testing {

// A running scorecardd (SCORECARD_BINARY_DIR/service/scorecardd). Killed
// (SIGKILL) and reaped on destruction unless it has already exited.
class ScorecarddProcess final {
 public:
  // Starts scorecardd with `flags`, its stderr going to `log_path`, its
  // environment changed by `environment` (as SpawnProcess does); null (and a
  // test failure) when it cannot be started.
  static std::unique_ptr<ScorecarddProcess> Start(
      const std::vector<std::string>& flags, std::string log_path,
      const std::map<std::string, std::string>& environment = {});

  ~ScorecarddProcess();
  ScorecarddProcess(const ScorecarddProcess&) = delete;
  ScorecarddProcess& operator=(const ScorecarddProcess&) = delete;

  // The process id.
  pid_t pid() const { return pid_; }

  // Sends `signal` to the process.
  void Signal(int signal);

  // Waits up to `timeout` for the process to exit; returns its wait status,
  // or nullopt when it is still running.
  std::optional<int> WaitForExit(absl::Duration timeout = kPatience);

  // Returns the log lines of event `event` written so far.
  std::vector<std::string> LogLines(absl::string_view event) const;

  // Waits until the log holds at least `count` lines of event `event`.
  bool WaitForLog(absl::string_view event, size_t count = 1) const;

  // Returns the address from the "listening" log line, waiting for it; empty
  // when it never comes.
  std::string Address() const;

  // The whole log so far.
  std::string Log() const;

 private:
  ScorecarddProcess(pid_t pid, std::string log_path)
      : pid_(pid), log_path_(std::move(log_path)) {}

  const pid_t pid_;
  const std::string log_path_;
  std::optional<int> exit_status_;
};

}  // namespace scorecard::testing

#endif  // SCORECARD_TESTS_TESTING_SCORECARDD_PROCESS_H_
