// Bounded waits for tests: every wait in the suite polls until a deadline.

#ifndef SCORECARD_TESTS_TESTING_WAIT_H_
#define SCORECARD_TESTS_TESTING_WAIT_H_

#include <functional>

#include "absl/time/time.h"

namespace scorecard::testing {

// Long enough for a loaded machine; correct behaviour takes milliseconds.
inline constexpr absl::Duration kPatience = absl::Seconds(30);

// Polls `done` every 20 ms until it holds or `timeout` passes; returns
// whether it held.
bool WaitUntil(const std::function<bool()>& done,
               absl::Duration timeout = kPatience);

}  // namespace scorecard::testing

#endif  // SCORECARD_TESTS_TESTING_WAIT_H_
