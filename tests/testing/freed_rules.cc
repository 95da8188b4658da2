#include "tests/testing/freed_rules.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

namespace scorecard::testing {

int ThreadNice() {
  errno = 0;
  return ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
}

bool FreedRules::Freed() const {
  absl::MutexLock lock(&mu_);
  return freed_;
}

std::thread::id FreedRules::Thread() const {
  absl::MutexLock lock(&mu_);
  return thread_;
}

int FreedRules::Nice() const {
  absl::MutexLock lock(&mu_);
  return nice_;
}

void FreedRules::Record() {
  const int nice = ThreadNice();
  absl::MutexLock lock(&mu_);
  freed_ = true;
  thread_ = std::this_thread::get_id();
  nice_ = nice;
}

std::shared_ptr<const rules::RuleSetIndex> TrackFreeing(
    std::shared_ptr<const rules::RuleSetIndex> index, FreedRules* freed) {
  const rules::RuleSetIndex* const raw = index.get();
  return std::shared_ptr<const rules::RuleSetIndex>(
      raw, [owner = std::move(index), freed](const rules::RuleSetIndex*) mutable {
        owner.reset();
        freed->Record();
      });
}

}  // namespace scorecard::testing
