// The rule store: snapshot swaps, refused reloads, loads bounded in time,
// and change detection by fingerprint, with a fake rule source where the
// file system is not the point and a real temporary folder (a Kubernetes
// ConfigMap layout included) where it is; and the server's reloading
// thread, which must never keep a shutdown waiting for a load.

#include "service/rule_store.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "rules/problems.h"
#include "rules/rule_set.h"
#include "service/json_log.h"
#include "service/rules_releaser.h"
#include "service/server.h"
#include "tests/testing/files.h"
#include "tests/testing/freed_rules.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace scorecard::service {
namespace {

namespace fs = std::filesystem;
namespace v1 = ::scorecard::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::shared_ptr<const rules::RuleSetIndex> Index(const std::string& revision) {
  v1::RuleSetConfig config;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(
      absl::StrCat(R"pb(
                     id: "test-fy2563"
                     categories { id: "1" }
                     units {
                       id: "registry"
                       name: "กองทะเบียน"
                       indicators { id: "1.1" title: "t" weight: "100" }
                     }
                     revision: ")pb",
                   revision, "\""),
      &config));
  auto compiled = rules::RuleSet::Compile(config, "fake.textproto");
  EXPECT_TRUE(compiled.ok()) << compiled.status();
  auto index = rules::RuleSetIndex::Create({compiled.value_or(nullptr)});
  EXPECT_TRUE(index.ok()) << index.status();
  return index.value_or(nullptr);
}

using ::scorecard::testing::ThreadNice;

std::string Revision(const RuleStore& store) {
  return store.Snapshot()->rule_sets().front()->revision();
}

// A rule source the test controls: what the next load returns, what the
// fingerprint is, and whether loads get stuck (Block) until released
// (Unblock). Counts loads started and finished, and knows when the source
// itself is gone.
class FakeRuleSource final : public RuleSource {
 public:
  struct Control {
    absl::Mutex mu;
    absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> next
        ABSL_GUARDED_BY(mu) = Index("r1");
    std::string fingerprint ABSL_GUARDED_BY(mu) = "f1";
    int loads ABSL_GUARDED_BY(mu) = 0;
    int loads_finished ABSL_GUARDED_BY(mu) = 0;
    bool loads_may_finish ABSL_GUARDED_BY(mu) = true;
    bool source_destroyed ABSL_GUARDED_BY(mu) = false;
    // The nice value of the thread of the last load.
    int last_load_nice ABSL_GUARDED_BY(mu) = -100;

    void Block() {
      absl::MutexLock lock(&mu);
      loads_may_finish = false;
    }
    void Unblock() {
      absl::MutexLock lock(&mu);
      loads_may_finish = true;
    }
    int LoadsFinished() {
      absl::MutexLock lock(&mu);
      return loads_finished;
    }
    bool SourceDestroyed() {
      absl::MutexLock lock(&mu);
      return source_destroyed;
    }

    void Set(absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> rules,
             std::string new_fingerprint) {
      absl::MutexLock lock(&mu);
      next = std::move(rules);
      fingerprint = std::move(new_fingerprint);
    }
    int Loads() {
      absl::MutexLock lock(&mu);
      return loads;
    }
  };

  explicit FakeRuleSource(std::shared_ptr<Control> control)
      : control_(std::move(control)) {}
  ~FakeRuleSource() override {
    absl::MutexLock lock(&control_->mu);
    control_->source_destroyed = true;
  }

  absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> Load() override {
    absl::MutexLock lock(&control_->mu);
    ++control_->loads;
    control_->last_load_nice = ThreadNice();
    control_->mu.Await(absl::Condition(&control_->loads_may_finish));
    ++control_->loads_finished;
    return control_->next;
  }
  std::string Fingerprint() override {
    absl::MutexLock lock(&control_->mu);
    return control_->fingerprint;
  }
  std::string Describe() const override { return "fake"; }

 private:
  std::shared_ptr<Control> control_;
};

struct FakeStore {
  std::shared_ptr<FakeRuleSource::Control> control =
      std::make_shared<FakeRuleSource::Control>();
  std::unique_ptr<RuleStore> store;
};

FakeStore MakeFakeStore(absl::Duration reload_timeout = absl::Seconds(30),
                        int reload_nice = 0) {
  FakeStore fake;
  RuleStoreOptions options;
  options.source = std::make_unique<FakeRuleSource>(fake.control);
  options.reload_timeout = reload_timeout;
  options.reload_nice = reload_nice;
  auto store = RuleStore::Create(std::move(options));
  EXPECT_TRUE(store.ok()) << store.status();
  if (store.ok()) fake.store = *std::move(store);
  return fake;
}

// Collects log lines while alive.
class LogCapture final {
 public:
  LogCapture() {
    SetLogSinkForTesting([this](absl::string_view line) {
      absl::MutexLock lock(&mu_);
      lines_.emplace_back(line);
    });
  }
  ~LogCapture() { SetLogSinkForTesting(nullptr); }

  std::vector<std::string> Lines(absl::string_view event) {
    absl::MutexLock lock(&mu_);
    std::vector<std::string> found;
    for (const std::string& line : lines_) {
      if (absl::StrContains(line, absl::StrCat("\"event\":\"", event, "\""))) {
        found.push_back(line);
      }
    }
    return found;
  }

 private:
  absl::Mutex mu_;
  std::vector<std::string> lines_ ABSL_GUARDED_BY(mu_);
};

TEST(RuleStore, CreateFailsWhenTheFirstLoadFails) {
  auto control = std::make_shared<FakeRuleSource::Control>();
  control->Set(absl::InvalidArgumentError("led.yaml: broken"), "f1");
  RuleStoreOptions options;
  options.source = std::make_unique<FakeRuleSource>(control);
  auto store = RuleStore::Create(std::move(options));
  EXPECT_EQ(store.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(store.status().message(), HasSubstr("led.yaml: broken"));
}

TEST(RuleStore, CreateRequiresASource) {
  EXPECT_EQ(RuleStore::Create(RuleStoreOptions()).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(RuleStore, GoodReloadSwapsTheSnapshotAndLeavesTheOldOneIntact) {
  FakeStore fake = MakeFakeStore();
  LogCapture logs;
  const std::shared_ptr<const rules::RuleSetIndex> before =
      fake.store->Snapshot();
  fake.control->Set(Index("r2"), "f2");
  ASSERT_TRUE(fake.store->Reload().ok());
  EXPECT_EQ(Revision(*fake.store), "r2");
  EXPECT_NE(fake.store->Snapshot(), before);
  // A request still holding the old snapshot keeps judging by it.
  EXPECT_EQ(before->rule_sets().front()->revision(), "r1");
  const std::vector<std::string> loaded = logs.Lines("rules_loaded");
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_THAT(loaded[0], HasSubstr(R"("id":"test-fy2563","revision":"r2")"));
}

TEST(RuleStore, AReloadLoadsAtItsNiceValueAndTheFirstLoadDoesNot) {
  const int mine = ThreadNice();
  FakeStore fake = MakeFakeStore(absl::Seconds(30), /*reload_nice=*/17);
  {
    absl::MutexLock lock(&fake.control->mu);
    EXPECT_EQ(fake.control->last_load_nice, mine);
  }
  fake.control->Set(Index("r2"), "f2");
  ASSERT_TRUE(fake.store->Reload().ok());
  absl::MutexLock lock(&fake.control->mu);
  EXPECT_EQ(fake.control->last_load_nice, mine > 17 ? mine : 17);
  // The reload's thread, not the caller's, was lowered.
  EXPECT_EQ(ThreadNice(), mine);
}

TEST(RuleStore, CreateRejectsANiceValueOutOfRange) {
  for (const int nice : {-1, 20}) {
    RuleStoreOptions options;
    options.source = std::make_unique<FakeRuleSource>(
        std::make_shared<FakeRuleSource::Control>());
    options.reload_nice = nice;
    auto store = RuleStore::Create(std::move(options));
    EXPECT_EQ(store.status().code(), absl::StatusCode::kInvalidArgument)
        << nice;
    EXPECT_THAT(store.status().message(), HasSubstr("reload_nice")) << nice;
  }
}

TEST(RuleStore, ReplacedRulesAreFreedOffTheThreadThatLetGoLast) {
  ::scorecard::testing::FreedRules freed;
  FakeStore fake = MakeFakeStore(absl::Seconds(30), /*reload_nice=*/12);
  std::shared_ptr<const rules::RuleSetIndex> r2 =
      ::scorecard::testing::TrackFreeing(Index("r2"), &freed);
  const rules::RuleSetIndex* raw = r2.get();
  fake.control->Set(std::move(r2), "f2");
  ASSERT_TRUE(fake.store->Reload().ok());
  // A request takes the r2 snapshot, and holds it across the next reload.
  std::shared_ptr<const rules::RuleSetIndex> request = fake.store->Snapshot();
  ASSERT_EQ(request.get(), raw);
  fake.control->Set(Index("r3"), "f3");
  ASSERT_TRUE(fake.store->Reload().ok());
  EXPECT_EQ(Revision(*fake.store), "r3");
  EXPECT_FALSE(freed.Freed()) << "freed while a request held it";
  EXPECT_EQ(request->rule_sets().front()->revision(), "r2");
  request.reset();  // The request ends: it lets go last.
  WaitForBackgroundReleases();
  ASSERT_TRUE(freed.Freed());
  EXPECT_NE(freed.Thread(), std::this_thread::get_id());
  EXPECT_GE(freed.Nice(), 12);
}

TEST(RuleStore, RefusedReloadKeepsTheOldRulesAndRecordsEveryReason) {
  FakeStore fake = MakeFakeStore();
  LogCapture logs;
  // A problem whose text holds a line break stays one reason.
  fake.control->Set(rules::ProblemsError(
                        absl::StatusCode::kInvalidArgument,
                        {"a.yaml:4:3: unknown field \"wieght\"",
                         "b.yaml: weights sum to 90, not 100",
                         "c.yaml: title \"two\nlines\" is odd"}),
                    "f2");
  const absl::Time before = absl::Now();
  const absl::Status status = fake.store->Reload();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Revision(*fake.store), "r1");

  const RuleStore::State state = fake.store->state();
  ASSERT_TRUE(state.last_refused_reload.has_value());
  EXPECT_THAT(state.last_refused_reload->reasons,
              ElementsAre("a.yaml:4:3: unknown field \"wieght\"",
                          "b.yaml: weights sum to 90, not 100",
                          "c.yaml: title \"two\nlines\" is odd"));
  EXPECT_GE(state.last_refused_reload->attempted_at, before);
  EXPECT_LE(state.last_refused_reload->attempted_at, absl::Now());

  const std::vector<std::string> refused = logs.Lines("reload_refused");
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_THAT(refused[0], HasSubstr(R"("level":"error")"));
  EXPECT_THAT(refused[0], HasSubstr(R"(a.yaml:4:3: unknown field \"wieght\")"));
  EXPECT_THAT(refused[0], HasSubstr("b.yaml: weights sum to 90, not 100"));

  // The next good load clears the record.
  fake.control->Set(Index("r3"), "f3");
  ASSERT_TRUE(fake.store->Reload().ok());
  EXPECT_EQ(Revision(*fake.store), "r3");
  EXPECT_FALSE(fake.store->state().last_refused_reload.has_value());
}

TEST(RuleStore, ReloadIfChangedLoadsOnlyWhenTheFingerprintChanges) {
  FakeStore fake = MakeFakeStore();
  EXPECT_EQ(fake.control->Loads(), 1);
  EXPECT_EQ(fake.store->ReloadIfChanged().value_or(true), false);
  EXPECT_EQ(fake.control->Loads(), 1);

  fake.control->Set(Index("r2"), "f2");
  EXPECT_EQ(fake.store->ReloadIfChanged().value_or(false), true);
  EXPECT_EQ(Revision(*fake.store), "r2");
  EXPECT_EQ(fake.control->Loads(), 2);
}

TEST(RuleStore, RefusedReloadIsRetriedOnlyWhenTheFingerprintChangesAgain) {
  FakeStore fake = MakeFakeStore();
  // A file caught half-written.
  fake.control->Set(absl::InvalidArgumentError("a.yaml:9:1: truncated"), "f2");
  EXPECT_EQ(fake.store->ReloadIfChanged().status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(fake.control->Loads(), 2);
  // Same fingerprint: the same broken files; not read again.
  EXPECT_EQ(fake.store->ReloadIfChanged().value_or(true), false);
  EXPECT_EQ(fake.control->Loads(), 2);
  EXPECT_TRUE(fake.store->state().last_refused_reload.has_value());
  // The writer finishes: the fingerprint changes and the reload succeeds.
  fake.control->Set(Index("r2"), "f3");
  EXPECT_EQ(fake.store->ReloadIfChanged().value_or(false), true);
  EXPECT_EQ(Revision(*fake.store), "r2");
  EXPECT_FALSE(fake.store->state().last_refused_reload.has_value());
}

// --- Loads bounded in time -------------------------------------------------

// A reload whose load never ends (the test holds it) is abandoned at the
// limit; nothing here depends on how fast the machine is.
constexpr absl::Duration kShortLimit = absl::Milliseconds(50);

TEST(RuleStore, ReloadThatOverrunsIsAbandonedAndRefusedSayingWhy) {
  FakeStore fake = MakeFakeStore(kShortLimit);
  LogCapture logs;
  fake.control->Set(Index("late"), "f2");
  fake.control->Block();
  const absl::Status status = fake.store->Reload();
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_THAT(status.message(), HasSubstr("did not finish loading within 50ms"));
  EXPECT_EQ(Revision(*fake.store), "r1");
  const RuleStore::State state = fake.store->state();
  ASSERT_TRUE(state.last_refused_reload.has_value());
  EXPECT_THAT(state.last_refused_reload->reasons,
              ElementsAre(HasSubstr("did not finish loading within 50ms")));
  const std::vector<std::string> refused = logs.Lines("reload_refused");
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_THAT(refused[0], HasSubstr(R"("code":"DEADLINE_EXCEEDED")"));
  EXPECT_THAT(refused[0], HasSubstr("did not finish loading within 50ms"));

  // While the abandoned load runs, no other starts: a reload is refused with
  // that reason, a poll does nothing (even though the files changed).
  EXPECT_EQ(fake.store->Reload().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(fake.store->state().last_refused_reload->reasons,
              ElementsAre(HasSubstr("was abandoned and is still running")));
  fake.control->Set(Index("late"), "f3");
  EXPECT_EQ(fake.store->ReloadIfChanged().status().code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(fake.control->Loads(), 2);
  EXPECT_EQ(logs.Lines("reload_refused").size(), 2u);

  // The abandoned load ends; its rules are discarded, not swapped in.
  fake.control->Unblock();
  ASSERT_TRUE(::scorecard::testing::WaitUntil(
      [&] { return fake.control->LoadsFinished() == 2; }));
  EXPECT_EQ(Revision(*fake.store), "r1");
  // Loads start again, and a good one clears the refusal.
  fake.control->Set(Index("r2"), "f4");
  ASSERT_TRUE(fake.store->Reload().ok());
  EXPECT_EQ(Revision(*fake.store), "r2");
  EXPECT_FALSE(fake.store->state().last_refused_reload.has_value());
}

TEST(RuleStore, CreateFailsWhenTheFirstLoadOverruns) {
  auto control = std::make_shared<FakeRuleSource::Control>();
  control->Block();
  RuleStoreOptions options;
  options.source = std::make_unique<FakeRuleSource>(control);
  options.reload_timeout = kShortLimit;
  auto store = RuleStore::Create(std::move(options));
  EXPECT_EQ(store.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_THAT(store.status().message(),
              HasSubstr("fake: the rules did not finish loading within 50ms"));
  control->Unblock();
  EXPECT_TRUE(::scorecard::testing::WaitUntil(
      [&] { return control->SourceDestroyed(); }));
}

TEST(RuleStore, CreateRejectsATimeoutThatIsNotPositive) {
  RuleStoreOptions options;
  options.source = std::make_unique<FakeRuleSource>(
      std::make_shared<FakeRuleSource::Control>());
  options.reload_timeout = absl::ZeroDuration();
  EXPECT_EQ(RuleStore::Create(std::move(options)).status().code(),
            absl::StatusCode::kInvalidArgument);
}

// The abandoned load's thread owns a share of the source: the store may go
// first, and the source goes when the load ends.
TEST(RuleStore, AnAbandonedLoadOutlivesTheStoreSafely) {
  FakeStore fake = MakeFakeStore(kShortLimit);
  fake.control->Block();
  EXPECT_EQ(fake.store->Reload().code(), absl::StatusCode::kDeadlineExceeded);
  fake.store.reset();
  EXPECT_FALSE(fake.control->SourceDestroyed());
  fake.control->Unblock();
  EXPECT_TRUE(::scorecard::testing::WaitUntil(
      [&] { return fake.control->SourceDestroyed(); }));
  EXPECT_EQ(fake.control->LoadsFinished(), 2);
}

TEST(RuleStore, StopReloadingEndsAWaitForALoadAtOnce) {
  FakeStore fake = MakeFakeStore(absl::InfiniteDuration());
  LogCapture logs;
  fake.control->Block();
  absl::Status status;
  absl::Notification returned;
  std::thread reloading([&] {
    status = fake.store->Reload();
    returned.Notify();
  });
  ASSERT_TRUE(
      ::scorecard::testing::WaitUntil([&] { return fake.control->Loads() == 2; }));
  fake.store->StopReloading();
  EXPECT_TRUE(returned.WaitForNotificationWithTimeout(
      ::scorecard::testing::kPatience));
  fake.control->Unblock();  // Lets the load, and so the reload, end anyway.
  reloading.join();
  EXPECT_EQ(status.code(), absl::StatusCode::kCancelled);
  EXPECT_THAT(logs.Lines("reload_refused"),
              ElementsAre(HasSubstr("abandoned unfinished: shutting down")));
  EXPECT_EQ(Revision(*fake.store), "r1");
  // Stopped for good, and quietly.
  EXPECT_EQ(fake.store->Reload().code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(fake.store->ReloadIfChanged().status().code(),
            absl::StatusCode::kCancelled);
  EXPECT_EQ(fake.control->Loads(), 2);
  EXPECT_EQ(logs.Lines("reload_refused").size(), 1u);
}

// The server's reloading thread is stuck in a load (a poll saw a change);
// draining must not wait for it.
TEST(ServerReload, DrainDoesNotWaitForAStuckLoad) {
  auto control = std::make_shared<FakeRuleSource::Control>();
  ServerOptions options;
  options.listen_address = "";
  options.rule_source = std::make_unique<FakeRuleSource>(control);
  options.reload_poll_interval = absl::Milliseconds(10);
  options.reload_timeout = absl::Hours(1);
  absl::StatusOr<std::unique_ptr<Server>> server =
      Server::Create(std::move(options));
  ASSERT_TRUE(server.ok()) << server.status();
  control->Block();
  control->Set(Index("r2"), "f2");
  ASSERT_TRUE(
      ::scorecard::testing::WaitUntil([&] { return control->Loads() == 2; }));

  absl::Notification ran;
  std::thread running([&] {
    (*server)->Run().IgnoreError();
    ran.Notify();
  });
  (*server)->Shutdown();
  EXPECT_TRUE(ran.WaitForNotificationWithTimeout(
      ::scorecard::testing::kPatience));
  control->Unblock();  // So that Run() ends even if draining waited.
  running.join();
  EXPECT_EQ(Revision((*server)->rule_store()), "r1");
}

TEST(ServerReload, DoesNotStartWhenTheRulesDoNotLoadInTime) {
  auto control = std::make_shared<FakeRuleSource::Control>();
  control->Block();
  ServerOptions options;
  options.listen_address = "";
  options.rule_source = std::make_unique<FakeRuleSource>(control);
  options.reload_timeout = kShortLimit;
  absl::StatusOr<std::unique_ptr<Server>> server =
      Server::Create(std::move(options));
  EXPECT_EQ(server.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_THAT(server.status().message(),
              HasSubstr("did not finish loading within 50ms"));
  control->Unblock();
  EXPECT_TRUE(::scorecard::testing::WaitUntil(
      [&] { return control->SourceDestroyed(); }));
}

using ::scorecard::testing::ReadFile;
using ::scorecard::testing::TempDir;

void WriteFile(const std::string& path, const std::string& content) {
  ASSERT_TRUE(::scorecard::testing::WriteFile(path, content)) << path;
}


std::string TestRules() {
  return ReadFile(SCORECARD_SOURCE_DIR
                  "/tests/data/service/rules/test-fy2563.yaml");
}
std::string TestRulesR2() {
  return ReadFile(SCORECARD_SOURCE_DIR
                  "/tests/data/service/test-fy2563-r2.yaml");
}

TEST(FingerprintPath, EqualWhileNothingChanges) {
  TempDir dir;
  WriteFile(dir / "a.yaml", "x: 1\n");
  EXPECT_EQ(FingerprintPath(dir.path()), FingerprintPath(dir.path()));
}

TEST(FingerprintPath, ChangesWithEveryKindOfEdit) {
  TempDir dir;
  WriteFile(dir / "a.yaml", "x: 1\n");
  std::string last = FingerprintPath(dir.path());
  const auto changed = [&] {
    const std::string now = FingerprintPath(dir.path());
    const bool differs = now != last;
    last = now;
    return differs;
  };

  WriteFile(dir / "a.yaml", "x: 12\n");  // Size.
  EXPECT_TRUE(changed()) << "size";

  // Same size, same inode, only the modification time differs.
  const struct timespec times[2] = {{1, 0}, {1000000, 123}};
  ASSERT_EQ(utimensat(AT_FDCWD, (dir / "a.yaml").c_str(), times, 0), 0);
  EXPECT_TRUE(changed()) << "mtime";

  // Replaced by rename with the same size and mtime: a new inode.
  WriteFile(dir / ".a.yaml.tmp", "x: 34\n");
  ASSERT_EQ(utimensat(AT_FDCWD, (dir / ".a.yaml.tmp").c_str(), times, 0), 0);
  fs::rename(dir / ".a.yaml.tmp", dir / "a.yaml");
  EXPECT_TRUE(changed()) << "inode";

  WriteFile(dir / "b.yaml", "");  // Added.
  EXPECT_TRUE(changed()) << "added";
  fs::remove(dir / "b.yaml");  // Removed.
  EXPECT_TRUE(changed()) << "removed";
}

TEST(FingerprintPath, MissingPathHasAStableFingerprintOfItsOwn) {
  TempDir dir;
  const std::string missing = dir / "nope";
  EXPECT_EQ(FingerprintPath(missing), FingerprintPath(missing));
  const std::string absent = FingerprintPath(missing);
  fs::create_directory(missing);
  EXPECT_NE(FingerprintPath(missing), absent);
}

// A ConfigMap volume: the files are links into "..data", itself a link to a
// timestamped folder. An update writes a new timestamped folder, then
// renames a new "..data" link over the old one (atomic), then deletes the old
// folder. The visible file's name, size and even its link target text
// ("..data/rules.yaml") stay the same.
TEST(FingerprintPath, SeesAConfigMapDataLinkSwap) {
  TempDir dir;
  const std::string content = TestRules();
  fs::create_directory(dir / "..2024_01_01_00_00_00.1");
  WriteFile(dir / "..2024_01_01_00_00_00.1/rules.yaml", content);
  fs::create_directory_symlink("..2024_01_01_00_00_00.1", dir / "..data");
  fs::create_symlink("..data/rules.yaml", dir / "rules.yaml");
  const std::string before = FingerprintPath(dir.path());

  // Same size on purpose: only the link swap tells.
  std::string edited = content;
  edited.replace(edited.find("revision: r1"), 12, "revision: r9");
  ASSERT_EQ(edited.size(), content.size());
  fs::create_directory(dir / "..2024_01_01_00_01_00.2");
  WriteFile(dir / "..2024_01_01_00_01_00.2/rules.yaml", edited);
  fs::create_directory_symlink("..2024_01_01_00_01_00.2", dir / "..data_tmp");
  fs::rename(dir / "..data_tmp", dir / "..data");
  fs::remove_all(dir / "..2024_01_01_00_00_00.1");
  EXPECT_NE(FingerprintPath(dir.path()), before);
}

TEST(FolderRuleSource, ReloadsAConfigMapUpdateWhenPolled) {
  TempDir dir;
  fs::create_directory(dir / "..2024_01_01_00_00_00.1");
  WriteFile(dir / "..2024_01_01_00_00_00.1/test-fy2563.yaml", TestRules());
  fs::create_directory_symlink("..2024_01_01_00_00_00.1", dir / "..data");
  fs::create_symlink("..data/test-fy2563.yaml", dir / "test-fy2563.yaml");

  RuleStoreOptions options;
  options.source = std::make_unique<FolderRuleSource>(dir.path());
  auto store = RuleStore::Create(std::move(options));
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ(Revision(**store), "r1");
  EXPECT_EQ((*store)->ReloadIfChanged().value_or(true), false);

  fs::create_directory(dir / "..2024_01_01_00_01_00.2");
  WriteFile(dir / "..2024_01_01_00_01_00.2/test-fy2563.yaml", TestRulesR2());
  fs::create_directory_symlink("..2024_01_01_00_01_00.2", dir / "..data_tmp");
  fs::rename(dir / "..data_tmp", dir / "..data");
  fs::remove_all(dir / "..2024_01_01_00_00_00.1");

  absl::StatusOr<bool> reloaded = (*store)->ReloadIfChanged();
  ASSERT_TRUE(reloaded.ok()) << reloaded.status();
  EXPECT_TRUE(*reloaded);
  EXPECT_EQ(Revision(**store), "r2");
}

TEST(FolderRuleSource, HalfWrittenFileIsRefusedThenLoadedOnceComplete) {
  TempDir dir;
  WriteFile(dir / "test-fy2563.yaml", TestRules());
  RuleStoreOptions options;
  options.source = std::make_unique<FolderRuleSource>(dir.path());
  auto store = RuleStore::Create(std::move(options));
  ASSERT_TRUE(store.ok()) << store.status();

  // The writer has got as far as the first indicator of the new revision.
  const std::string r2 = TestRulesR2();
  WriteFile(dir / "test-fy2563.yaml", r2.substr(0, r2.find("- id: \"2.1\"")));
  absl::StatusOr<bool> reloaded = (*store)->ReloadIfChanged();
  EXPECT_FALSE(reloaded.ok());
  EXPECT_EQ(Revision(**store), "r1");
  ASSERT_TRUE((*store)->state().last_refused_reload.has_value());
  EXPECT_THAT((*store)->state().last_refused_reload->reasons.front(),
              HasSubstr("test-fy2563.yaml"));

  WriteFile(dir / "test-fy2563.yaml", r2);
  reloaded = (*store)->ReloadIfChanged();
  ASSERT_TRUE(reloaded.ok()) << reloaded.status();
  EXPECT_TRUE(*reloaded);
  EXPECT_EQ(Revision(**store), "r2");
  EXPECT_FALSE((*store)->state().last_refused_reload.has_value());
}

}  // namespace
}  // namespace scorecard::service
