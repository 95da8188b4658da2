// A call that may not return, run where it cannot hang or exhaust the test
// process: regression tests for hangs and runaway memory use.
//
//   BoundedCallResult r = CallInChildProcess([] {
//     return std::string(YamlToProto(",\n", "r.yaml", &config).message());
//   });
//   ASSERT_TRUE(r.finished) << r.problem;
//   EXPECT_THAT(r.value, StartsWith("r.yaml:1:1: "));
//
// The call runs in a fork() of the test process, under a limit on its
// address space, and is killed (SIGKILL) when it has not returned by the
// deadline. What it returns comes back as a string; what it changes stays in
// the child.
//
// Thread-safety: call only while the test process runs one thread: fork()
// copies the calling thread alone, and a lock another thread held would stay
// held in the child.

#ifndef SCORECARD_TESTS_TESTING_BOUNDED_CALL_H_
#define SCORECARD_TESTS_TESTING_BOUNDED_CALL_H_

#include <cstddef>
#include <functional>
#include <string>

#include "absl/time/time.h"
#include "tests/testing/wait.h"

namespace scorecard::testing {

struct BoundedCallResult {
  // Whether the call returned before the deadline, within the memory limit.
  bool finished = false;
  // What the call returned, when it finished.
  std::string value;
  // Why it did not finish ("did not return within 30s", "killed by signal
  // 6", ...); empty when it finished.
  std::string problem;
};

// The address-space limit CallInChildProcess sets by default: 1 GiB.
inline constexpr size_t kBoundedCallMemoryBytes = size_t{1} << 30;

// Runs `call` in a child process with at most `memory_bytes` of address
// space, waiting up to `timeout` for it to return.
BoundedCallResult CallInChildProcess(
    const std::function<std::string()>& call,
    absl::Duration timeout = kPatience,
    size_t memory_bytes = kBoundedCallMemoryBytes);

}  // namespace scorecard::testing

#endif  // SCORECARD_TESTS_TESTING_BOUNDED_CALL_H_
