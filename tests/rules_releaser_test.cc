// Replaced rules are freed on a background thread at a low priority, never
// by the thread that drops the last pointer to them.

#include "service/rules_releaser.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "gtest/gtest.h"
#include "rules/rule_set_index.h"

namespace scorecard::service {
namespace {

int ThreadNice() {
  errno = 0;
  const int nice = ::getpriority(PRIO_PROCESS, ::gettid());
  EXPECT_EQ(errno, 0);
  return nice;
}

// Where and how an index was freed.
struct Freed {
  absl::Mutex mu;
  bool freed ABSL_GUARDED_BY(mu) = false;
  std::thread::id thread ABSL_GUARDED_BY(mu);
  int nice ABSL_GUARDED_BY(mu) = -100;
};

// An empty index whose freeing is recorded in `freed`.
std::shared_ptr<const rules::RuleSetIndex> TrackedIndex(Freed* freed) {
  auto index = rules::RuleSetIndex::Create({});
  EXPECT_TRUE(index.ok()) << index.status();
  const rules::RuleSetIndex* raw = index->get();
  return std::shared_ptr<const rules::RuleSetIndex>(
      raw, [owner = *std::move(index), freed](const rules::RuleSetIndex*) mutable {
        owner.reset();
        absl::MutexLock lock(&freed->mu);
        freed->freed = true;
        freed->thread = std::this_thread::get_id();
        freed->nice = ThreadNice();
      });
}

TEST(ReleaseInBackground, TheLastOwnerDoesNotFreeTheRules) {
  Freed freed;
  std::shared_ptr<const rules::RuleSetIndex> served =
      ReleaseInBackground(TrackedIndex(&freed), 13);
  std::shared_ptr<const rules::RuleSetIndex> copy = served;
  served.reset();
  copy.reset();
  WaitForBackgroundReleases();
  absl::MutexLock lock(&freed.mu);
  ASSERT_TRUE(freed.freed);
  EXPECT_NE(freed.thread, std::this_thread::get_id());
  EXPECT_GE(freed.nice, 13);
}

TEST(ReleaseInBackground, KeepsTheRulesWhileAnyCopyLives) {
  Freed freed;
  std::shared_ptr<const rules::RuleSetIndex> served =
      ReleaseInBackground(TrackedIndex(&freed), 5);
  const rules::RuleSetIndex* raw = served.get();
  std::shared_ptr<const rules::RuleSetIndex> copy = served;
  served.reset();
  WaitForBackgroundReleases();
  {
    absl::MutexLock lock(&freed.mu);
    EXPECT_FALSE(freed.freed);
  }
  EXPECT_EQ(copy.get(), raw);
  EXPECT_TRUE(copy->rule_sets().empty());
  copy.reset();
  WaitForBackgroundReleases();
  absl::MutexLock lock(&freed.mu);
  EXPECT_TRUE(freed.freed);
}

TEST(ReleaseInBackground, NullStaysNull) {
  EXPECT_EQ(ReleaseInBackground(nullptr, 10), nullptr);
}

TEST(LowerThreadPriority, LowersButNeverRaises) {
  std::thread([] {
    const int start = ThreadNice();
    LowerThreadPriority(start + 2 > 19 ? 19 : start + 2);
    const int lowered = ThreadNice();
    EXPECT_GE(lowered, start);
    EXPECT_EQ(lowered, start + 2 > 19 ? 19 : start + 2);
    LowerThreadPriority(0);
    EXPECT_EQ(ThreadNice(), lowered);
  }).join();
}

TEST(LowerThreadPriority, AffectsOnlyTheCallingThread) {
  const int mine = ThreadNice();
  std::thread([] { LowerThreadPriority(19); }).join();
  EXPECT_EQ(ThreadNice(), mine);
}

}  // namespace
}  // namespace scorecard::service
