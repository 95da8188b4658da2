// Where and at what priority a rule index was freed: for the tests of
// freeing replaced rules off the request threads (service/rules_releaser.h).
//
//   FreedRules freed;
//   std::shared_ptr<const rules::RuleSetIndex> index =
//       TrackFreeing(std::move(loaded), &freed);
//   ... drop every copy, wait for the background thread ...
//   EXPECT_NE(freed.Thread(), std::this_thread::get_id());
//
// Thread-safety: a FreedRules may be written by the freeing thread while the
// test reads it; it must outlive the tracked index.

#ifndef SCORECARD_TESTS_TESTING_FREED_RULES_H_
#define SCORECARD_TESTS_TESTING_FREED_RULES_H_

#include <memory>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "rules/rule_set_index.h"

namespace scorecard::testing {

// Returns the calling thread's nice value (Linux gives each thread its own).
int ThreadNice();

class FreedRules final {
 public:
  bool Freed() const ABSL_LOCKS_EXCLUDED(mu_);
  // The thread that freed the index and its nice value then; meaningful
  // once Freed().
  std::thread::id Thread() const ABSL_LOCKS_EXCLUDED(mu_);
  int Nice() const ABSL_LOCKS_EXCLUDED(mu_);

  // Records the calling thread as the one freeing.
  void Record() ABSL_LOCKS_EXCLUDED(mu_);

 private:
  mutable absl::Mutex mu_;
  bool freed_ ABSL_GUARDED_BY(mu_) = false;
  std::thread::id thread_ ABSL_GUARDED_BY(mu_);
  int nice_ ABSL_GUARDED_BY(mu_) = -100;
};

// Returns a pointer to the same rules as `index` that, when its last copy is
// dropped, frees `index` (if nothing else holds it) and records that in
// `freed`.
std::shared_ptr<const rules::RuleSetIndex> TrackFreeing(
    std::shared_ptr<const rules::RuleSetIndex> index, FreedRules* freed);

}  // namespace scorecard::testing

#endif  // SCORECARD_TESTS_TESTING_FREED_RULES_H_
