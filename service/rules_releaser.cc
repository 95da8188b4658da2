#include "service/rules_releaser.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <deque>
#include <system_error>
#include <thread>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace scorecard::service {
namespace {

// One thread that drops what it is handed, in order.
class Releaser {
 public:
  // The process's releaser. Never destroyed: pointers it wraps may be
  // dropped during exit, after static destructors have begun.
  static Releaser& Get() {
    static Releaser* const releaser = new Releaser();
    return *releaser;
  }

  // Hands `rules` to the thread; false (and `rules` untouched) when the
  // thread cannot be started.
  bool Release(std::shared_ptr<const rules::RuleSetIndex>& rules, int nice)
      ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    if (!started_) {
      try {
        std::thread([this] { Run(); }).detach();
      } catch (const std::system_error&) {
        return false;
      }
      started_ = true;
    }
    pending_.push_back(Item{std::move(rules), nice});
    ++handed_;
    pending_cv_.Signal();
    return true;
  }

  void WaitForReleases() ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    const int64_t target = handed_;
    while (released_ < target) released_cv_.Wait(&mu_);
  }

 private:
  struct Item {
    std::shared_ptr<const rules::RuleSetIndex> rules;
    int nice = 0;
  };

  Releaser() = default;

  [[noreturn]] void Run() ABSL_LOCKS_EXCLUDED(mu_) {
    while (true) {
      Item item;
      {
        absl::MutexLock lock(&mu_);
        while (pending_.empty()) pending_cv_.Wait(&mu_);
        item = std::move(pending_.front());
        pending_.pop_front();
      }
      LowerThreadPriority(item.nice);
      item.rules.reset();
      absl::MutexLock lock(&mu_);
      ++released_;
      released_cv_.SignalAll();
    }
  }

  absl::Mutex mu_;
  bool started_ ABSL_GUARDED_BY(mu_) = false;
  std::deque<Item> pending_ ABSL_GUARDED_BY(mu_);
  absl::CondVar pending_cv_;
  absl::CondVar released_cv_;
  int64_t handed_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t released_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace

std::shared_ptr<const rules::RuleSetIndex> ReleaseInBackground(
    std::shared_ptr<const rules::RuleSetIndex> rules, int nice) {
  if (rules == nullptr) return rules;
  const rules::RuleSetIndex* const raw = rules.get();
  return std::shared_ptr<const rules::RuleSetIndex>(
      raw, [owner = std::move(rules), nice](const rules::RuleSetIndex*) mutable {
        if (!Releaser::Get().Release(owner, nice)) owner.reset();
      });
}

void WaitForBackgroundReleases() { Releaser::Get().WaitForReleases(); }

void LowerThreadPriority(int nice) {
  nice = std::clamp(nice, 0, 19);
  const id_t thread = static_cast<id_t>(::gettid());
  errno = 0;
  const int current = ::getpriority(PRIO_PROCESS, thread);
  if (errno != 0 || current >= nice) return;
  // Best effort: a failure leaves the thread at its priority.
  (void)::setpriority(PRIO_PROCESS, thread, nice);
}

}  // namespace scorecard::service
