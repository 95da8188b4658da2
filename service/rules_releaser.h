// Frees replaced rules off the threads that serve requests.
//
// A national rule set takes tens of milliseconds to free. After a reload the
// replaced rules are freed by whoever lets go of them last, which is often a
// request (a stream that took its snapshot before the swap). Wrapped with
// ReleaseInBackground(), the last owner only hands them to one background
// thread, which frees them at a low priority.
//
//   std::shared_ptr<const rules::RuleSetIndex> served =
//       ReleaseInBackground(std::move(loaded), /*nice=*/10);
//
// Thread-safety: ReleaseInBackground() and the returned pointers' copies and
// destruction are safe from any thread. The background thread is started on
// first use and lives as long as the process; what it has not freed yet
// when the process exits is left to the exit.

#ifndef SCORECARD_SERVICE_RULES_RELEASER_H_
#define SCORECARD_SERVICE_RULES_RELEASER_H_

#include <memory>

#include "rules/rule_set_index.h"

namespace scorecard::service {

// Returns a pointer to the same rules as `rules` that, when its last copy
// is dropped, passes `rules` to the background thread, which drops it there
// after raising its own nice value to at least `nice` (0–19; it never
// lowers it again). When the thread cannot be started, the rules are freed
// where they are dropped, as without this wrapper. Null stays null.
std::shared_ptr<const rules::RuleSetIndex> ReleaseInBackground(
    std::shared_ptr<const rules::RuleSetIndex> rules, int nice);

// Blocks until everything handed to the background thread so far is freed.
// For tests and benchmarks.
void WaitForBackgroundReleases();

// Sets the calling thread's nice value to `nice` when that lowers its
// priority; never raises it (an unprivileged process cannot). Linux gives
// each thread a nice value of its own, and threads it starts inherit it.
void LowerThreadPriority(int nice);

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_RULES_RELEASER_H_
