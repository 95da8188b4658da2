// Replaced rules are freed on a background thread at a low priority, never
// by the thread that drops the last pointer to them.

#include "service/rules_releaser.h"

#include <memory>
#include <thread>

#include "gtest/gtest.h"
#include "rules/rule_set_index.h"
#include "tests/testing/freed_rules.h"

namespace scorecard::service {
namespace {

using ::scorecard::testing::FreedRules;
using ::scorecard::testing::ThreadNice;
using ::scorecard::testing::TrackFreeing;

// An empty index whose freeing is recorded in `freed`.
std::shared_ptr<const rules::RuleSetIndex> TrackedIndex(FreedRules* freed) {
  auto index = rules::RuleSetIndex::Create({});
  EXPECT_TRUE(index.ok()) << index.status();
  return TrackFreeing(index.value_or(nullptr), freed);
}

TEST(ReleaseInBackground, TheLastOwnerDoesNotFreeTheRules) {
  FreedRules freed;
  std::shared_ptr<const rules::RuleSetIndex> served =
      ReleaseInBackground(TrackedIndex(&freed), 13);
  std::shared_ptr<const rules::RuleSetIndex> copy = served;
  served.reset();
  copy.reset();
  WaitForBackgroundReleases();
  ASSERT_TRUE(freed.Freed());
  EXPECT_NE(freed.Thread(), std::this_thread::get_id());
  EXPECT_GE(freed.Nice(), 13);
}

TEST(ReleaseInBackground, KeepsTheRulesWhileAnyCopyLives) {
  FreedRules freed;
  std::shared_ptr<const rules::RuleSetIndex> served =
      ReleaseInBackground(TrackedIndex(&freed), 5);
  const rules::RuleSetIndex* raw = served.get();
  std::shared_ptr<const rules::RuleSetIndex> copy = served;
  served.reset();
  WaitForBackgroundReleases();
  EXPECT_FALSE(freed.Freed());
  EXPECT_EQ(copy.get(), raw);
  EXPECT_TRUE(copy->rule_sets().empty());
  copy.reset();
  WaitForBackgroundReleases();
  EXPECT_TRUE(freed.Freed());
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
