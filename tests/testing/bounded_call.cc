#include "tests/testing/bounded_call.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "tests/testing/files.h"
#include "tests/testing/process.h"
#include "tests/testing/temp_dir.h"

namespace scorecard::testing {
namespace {

// Returns the process's address space in bytes (VmSize, the first field of
// /proc/self/statm, in pages), or 0 when it cannot be read.
size_t MappedBytes() {
  FILE* statm = std::fopen("/proc/self/statm", "r");
  if (statm == nullptr) return 0;
  unsigned long pages = 0;
  const bool read = std::fscanf(statm, "%lu", &pages) == 1;
  std::fclose(statm);
  return read ? pages * static_cast<size_t>(::sysconf(_SC_PAGESIZE)) : 0;
}

}  // namespace

BoundedCallResult CallInChildProcess(const std::function<std::string()>& call,
                                     absl::Duration timeout,
                                     size_t memory_bytes) {
  BoundedCallResult result;
  TempDir dir("scorecard-bounded-call-");
  const std::string value_path = dir / "value";
  const pid_t pid = ::fork();
  if (pid < 0) {
    result.problem = "cannot fork";
    return result;
  }
  if (pid == 0) {
    // The child: only async-signal-safe exits from here, no destructors of
    // the parent's objects (TempDir above belongs to the parent).
    // The limit is on address space beyond what the process already maps:
    // a sanitizer build (the asan preset) reserves terabytes of shadow memory
    // at start, so an absolute RLIMIT_AS would fail its every mmap.
    const size_t limit_bytes = MappedBytes() + memory_bytes;
    const struct rlimit limit = {limit_bytes, limit_bytes};
    ::setrlimit(RLIMIT_AS, &limit);
    int code = 0;
    try {
      code = WriteFile(value_path, call()) ? 0 : 3;
    } catch (const std::exception&) {
      code = 4;
    }
    ::_exit(code);
  }
  const std::optional<int> status = WaitForProcess(pid, timeout);
  if (!status.has_value()) {
    ::kill(pid, SIGKILL);
    WaitForProcess(pid, kPatience);
    result.problem = absl::StrCat("did not return within ",
                                  absl::FormatDuration(timeout));
    return result;
  }
  if (WIFSIGNALED(*status)) {
    result.problem = absl::StrCat("killed by signal ", WTERMSIG(*status));
  } else if (ExitCode(*status) == 3) {
    result.problem = "could not write what it returned";
  } else if (ExitCode(*status) == 4) {
    result.problem = "threw an exception (out of memory?)";
  } else if (ExitCode(*status) != 0) {
    result.problem = absl::StrCat("exited with status ", ExitCode(*status));
  } else {
    result.finished = true;
    result.value = ReadFile(value_path);
  }
  return result;
}

}  // namespace scorecard::testing
