// The rules the service judges by, and how they are reloaded safely.
//
// A RuleStore holds one immutable snapshot of every rule set (a
// std::shared_ptr<const RuleSetIndex>). A request copies the pointer once,
// with Snapshot(), and judges by that snapshot to its end; a reload loads the
// new rules off to the side and swaps the pointer in one step, so a request
// sees either the old rules or the new ones, never a mix. A reload that fails
// (a broken file, a file caught half-written, a duplicate id) is refused: the
// old snapshot keeps serving, and the refusal, its time and every reason are
// kept (state().last_refused_reload) until the next successful load. Both
// outcomes are logged (events "rules_loaded" and "reload_refused").
//
// Every load is bounded in time (RuleStoreOptions::reload_timeout, the first
// load included). A load runs on a thread of its own while the reloading
// thread waits for it; one that has not finished in time is abandoned: the
// reload is refused ("did not finish loading within 30s"), and the load's
// thread is left to finish on its own, its result discarded. C++ cannot
// stop a thread, so the thread holds shared ownership of everything it
// touches (the RuleSource included), and no other load starts while it
// runs: reloads are refused with that reason until it ends, so a rule file
// that makes a parser hang costs one thread, not one per reload.
//
//   RuleStoreOptions options;
//   options.source = std::make_unique<FolderRuleSource>("/etc/scorecard/rules");
//   absl::StatusOr<std::unique_ptr<RuleStore>> store =
//       RuleStore::Create(std::move(options));
//   std::shared_ptr<const rules::RuleSetIndex> rules = (*store)->Snapshot();
//
// A reload's load runs at a lower priority (RuleStoreOptions::reload_nice),
// and the rules it replaces are freed on a background thread at that
// priority when the last request holding them lets go (rules_releaser.h),
// never inside a request.
//
// Where rules come from is a seam, RuleSource: FolderRuleSource reads a file
// or a folder of rule files (a Kubernetes ConfigMap volume included); tests
// inject their own. Apart from the load threads, the store starts no thread:
// whoever owns it decides when to call Reload() (on SIGHUP) or
// ReloadIfChanged() (on a poll timer), and calls StopReloading() to shut
// down without waiting for a load.
//
// Thread-safety: RuleStore is safe for concurrent use without external
// locking. Snapshot() and state() take a mutex only to copy a pointer and
// never wait for a reload in progress; reloads are serialised among
// themselves, each waiting at most reload_timeout. The store may be
// destroyed while an abandoned load still runs.

#ifndef SCORECARD_SERVICE_RULE_STORE_H_
#define SCORECARD_SERVICE_RULE_STORE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "rules/rule_set_index.h"

namespace scorecard::service {

// Where rule sets come from. Implementations must be safe to call from any
// thread. The store calls Load() on a thread of its own, and never calls
// Load() or Fingerprint() while another Load() runs (an abandoned one
// included); Describe() may be called at any time. A source outlives the
// store while an abandoned Load() still runs.
class RuleSource {
 public:
  virtual ~RuleSource() = default;

  // Loads every rule set, all or nothing: fails, naming every problem (as a
  // list, rules/problems.h), rather than return part of the rules.
  virtual absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> Load() = 0;

  // Returns a fingerprint of what Load() would read now: when it equals an
  // earlier fingerprint, nothing Load() reads has changed since. Never fails:
  // an unreadable source gives a fingerprint naming the error, unequal to any
  // readable state.
  virtual std::string Fingerprint() = 0;

  // Returns what the source reads, for logs (a path).
  virtual std::string Describe() const = 0;
};

// Rule files at a path: one file, or every rule file in a folder (see
// rules/rule_set_loader.h for which files a folder's load reads), loaded
// with `load_options` (a cache of parsed files: rules/rule_set_cache.h).
// With a cache, every load logs a "rule_cache" event: files read, how many
// came from the cache, and why the cache was not used when it was not.
class FolderRuleSource final : public RuleSource {
 public:
  explicit FolderRuleSource(std::string path,
                            rules::RuleSetLoadOptions load_options = {});

  absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> Load() override;
  // See FingerprintPath().
  std::string Fingerprint() override;
  std::string Describe() const override { return path_; }

 private:
  const std::string path_;
  const rules::RuleSetLoadOptions load_options_;
};

// Returns the fingerprint of the file or folder `path`: for the path itself
// and, for a folder, each entry in it (dot-files included, not recursively):
// its name, type, symbolic-link target, and the device, inode, size and
// modification time (nanoseconds) of what it resolves to. Catches an edited
// file (size, mtime), a replaced file (inode), an added or removed file
// (names) and a Kubernetes ConfigMap update, which writes a new timestamped
// folder and atomically repoints the "..data" symbolic link. Never fails; see
// RuleSource::Fingerprint().
std::string FingerprintPath(const std::string& path);

// A reload that was refused: the previous rules kept serving.
struct RefusedReload {
  // When the reload was attempted.
  absl::Time attempted_at;
  // Every reason, one problem per entry, each naming its file.
  std::vector<std::string> reasons;
};

struct RuleStoreOptions {
  // Where the rules come from. Required.
  std::unique_ptr<RuleSource> source;

  // How long one load of the rules may take, the first (in Create()) too; a
  // load still running then is abandoned (see above). Must be positive;
  // absl::InfiniteDuration() waits for ever. Default 30 s.
  absl::Duration reload_timeout = absl::Seconds(30);

  // The nice value (0-19) a reload's loading thread lowers itself to, and
  // the replaced rules are freed at (rules_releaser.h), so that a reload
  // competes less with the requests being served. The first load, at
  // Create(), runs at the caller's priority: nothing is served yet. A
  // thread already at a higher nice value keeps it. Default 0.
  int reload_nice = 0;

  // Told the outcome of every load, the first one included: true when the
  // rules loaded and were swapped in, false when the load was refused (for
  // any reason, a timeout included). Called on the loading thread, after the
  // outcome is logged. Optional; for metrics.
  std::function<void(bool loaded)> on_load_outcome;
};

class RuleStore final {
 public:
  // The store as one consistent reading.
  struct State {
    // The rules in force. Never null.
    std::shared_ptr<const rules::RuleSetIndex> rules;
    // When they were loaded (at Create or by the last successful reload).
    absl::Time loaded_at;
    // The most recent refused reload, when it came after the last successful
    // load; nullopt otherwise.
    std::optional<RefusedReload> last_refused_reload;
  };

  // Loads the rules a first time. Fails, with the load's error, when they do
  // not load, DEADLINE_EXCEEDED when they do not load within
  // options.reload_timeout: a store never exists without rules.
  // INVALID_ARGUMENT when options.source is null or the timeout is not
  // positive.
  static absl::StatusOr<std::unique_ptr<RuleStore>> Create(
      RuleStoreOptions options);

  RuleStore(const RuleStore&) = delete;
  RuleStore& operator=(const RuleStore&) = delete;

  // Returns the rules in force. Never null. Hold the pointer for the whole
  // request: the rules it points to never change.
  std::shared_ptr<const rules::RuleSetIndex> Snapshot() const
      ABSL_LOCKS_EXCLUDED(mu_);

  // Returns the rules in force and the last refused reload, read together.
  State state() const ABSL_LOCKS_EXCLUDED(mu_);

  // Loads the rules again and swaps them in. When they do not load, keeps the
  // rules in force, records the refusal (see State) and returns the load's
  // error: DEADLINE_EXCEEDED when the load did not finish within
  // reload_timeout (it is abandoned), UNAVAILABLE when an abandoned load is
  // still running (no load is started), CANCELLED when StopReloading() was
  // called (before or while loading). Logs either outcome.
  absl::Status Reload() ABSL_LOCKS_EXCLUDED(reload_mu_, mu_);

  // Reloads (as Reload() does) only when the source's fingerprint differs
  // from the one taken at the last load attempt, successful or not. Returns
  // true when it reloaded, false when nothing changed, and the load's error
  // when a reload was refused. A refused reload is not retried until the
  // fingerprint changes again (a half-written file being completed changes
  // it), and neither is a load that was abandoned. While an abandoned load
  // still runs, returns UNAVAILABLE without looking (and without recording
  // or logging anything: a poll timer would repeat it); after
  // StopReloading(), CANCELLED.
  absl::StatusOr<bool> ReloadIfChanged() ABSL_LOCKS_EXCLUDED(reload_mu_, mu_);

  // Stops reloading for good, for shutdown: a reload waiting for its load
  // returns at once (CANCELLED; the load is abandoned and refused as above),
  // and every later reload is refused with CANCELLED. Returns at once.
  // Snapshot() and state() keep working.
  void StopReloading() ABSL_LOCKS_EXCLUDED(mu_);

  // Returns what the rules are read from, for logs.
  std::string source_description() const { return source_->Describe(); }

 private:
  struct LoadAttempt;

  RuleStore(std::shared_ptr<RuleSource> source, absl::Duration reload_timeout,
            int reload_nice, std::function<void(bool)> on_load_outcome);

  // Loads and swaps; `fingerprint` was taken before loading.
  absl::Status LoadLocked(std::string fingerprint)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(reload_mu_) ABSL_LOCKS_EXCLUDED(mu_);

  // Runs source_->Load() on a thread of its own, at nice `nice`, and waits
  // for it, at most reload_timeout_ and not past StopReloading().
  absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> LoadInTime(
      int nice)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(reload_mu_) ABSL_LOCKS_EXCLUDED(mu_);

  // OK when a load may start: the store is not stopped and no abandoned
  // load still runs.
  absl::Status CheckMayLoad() ABSL_EXCLUSIVE_LOCKS_REQUIRED(reload_mu_)
      ABSL_LOCKS_EXCLUDED(mu_);

  // Records and logs a refused reload.
  void Refuse(absl::Time attempted_at, const absl::Status& status)
      ABSL_LOCKS_EXCLUDED(mu_);

  // Shared with the load threads, which may outlive the store.
  const std::shared_ptr<RuleSource> source_;
  const absl::Duration reload_timeout_;
  const int reload_nice_;
  const std::function<void(bool)> on_load_outcome_;

  // Serialises reloads, so that two of them never race to swap.
  absl::Mutex reload_mu_ ABSL_ACQUIRED_BEFORE(mu_);
  // Fingerprint taken before the last load attempt.
  std::string last_fingerprint_ ABSL_GUARDED_BY(reload_mu_);

  // Guards only the pointer swap, the refusal record and which loads run;
  // never held while loading.
  mutable absl::Mutex mu_;
  std::shared_ptr<const rules::RuleSetIndex> rules_ ABSL_GUARDED_BY(mu_);
  absl::Time loaded_at_ ABSL_GUARDED_BY(mu_);
  std::optional<RefusedReload> last_refused_reload_ ABSL_GUARDED_BY(mu_);
  // The load a reload is waiting for, if any.
  std::shared_ptr<LoadAttempt> current_load_ ABSL_GUARDED_BY(mu_);
  // The last load abandoned, until it is seen to have finished.
  std::shared_ptr<LoadAttempt> abandoned_load_ ABSL_GUARDED_BY(mu_);
  bool stopped_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_RULE_STORE_H_
