// SharedReload: a burst of requests costs one reload, and every request gets
// the outcome of a reload that ran after it arrived or while it waited.

#include "service/shared_reload.h"

#include <atomic>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"
#include "tests/testing/wait.h"

namespace scorecard::service {
namespace {

using ::scorecard::testing::kPatience;
using ::scorecard::testing::WaitUntil;

// A reload that blocks until released, and counts its runs.
struct BlockingReload {
  absl::Status operator()() {
    ++started;
    release.WaitForNotificationWithTimeout(kPatience);
    return absl::InvalidArgumentError("a.yaml: broken");
  }
  std::atomic<int> started{0};
  absl::Notification release;
};

TEST(SharedReload, RequestsThatArriveDuringAReloadShareIt) {
  BlockingReload reload;
  std::atomic<int> answered{0};
  std::atomic<int> refused{0};
  {
    SharedReload shared([&] { return reload(); });
    auto done = [&](const absl::Status& outcome) {
      refused += absl::IsInvalidArgument(outcome);
      ++answered;
    };
    shared.Request(done);
    ASSERT_TRUE(WaitUntil([&] { return reload.started == 1; }));
    for (int i = 0; i < 4; ++i) shared.Request(done);
    EXPECT_EQ(answered, 0);
    reload.release.Notify();
    ASSERT_TRUE(WaitUntil([&] { return answered == 5; }));
    EXPECT_EQ(reload.started, 1);
    EXPECT_EQ(refused, 5);
    EXPECT_EQ(shared.reloads_run(), 1);

    // A request after the reload is over starts a new one.
    shared.Request(done);
    ASSERT_TRUE(WaitUntil([&] { return answered == 6; }));
    EXPECT_EQ(reload.started, 2);
  }
}

TEST(SharedReload, DestructionAnswersWhatWaits) {
  BlockingReload reload;
  std::atomic<int> answered{0};
  {
    SharedReload shared([&] { return reload(); });
    shared.Request([&](const absl::Status&) { ++answered; });
    ASSERT_TRUE(WaitUntil([&] { return reload.started == 1; }));
    shared.Request([&](const absl::Status&) { ++answered; });
    reload.release.Notify();
  }
  EXPECT_EQ(answered, 2);
}

}  // namespace
}  // namespace scorecard::service
