#include "service/rule_store.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <system_error>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "rules/problems.h"
#include "service/json_log.h"
#include "service/rules_releaser.h"

namespace scorecard::service {
namespace {

// Appends what identifies the current state of `path` (not following a
// final symbolic link for the type and target, following it for the rest).
void AppendEntryFingerprint(const std::string& path, std::string* out) {
  struct stat link_info;
  if (::lstat(path.c_str(), &link_info) != 0) {
    absl::StrAppend(out, "lstat-error=", errno, ";");
    return;
  }
  if (S_ISLNK(link_info.st_mode)) {
    char target[4096];
    const ssize_t length = ::readlink(path.c_str(), target, sizeof(target));
    absl::StrAppend(out, "link=",
                    length < 0 ? std::string("?")
                               : std::string(target, length),
                    ";");
  }
  struct stat info;
  if (::stat(path.c_str(), &info) != 0) {
    // A dangling link: its target is part of the fingerprint already.
    absl::StrAppend(out, "stat-error=", errno, ";");
    return;
  }
  absl::StrAppend(out, "mode=", info.st_mode, ",dev=", info.st_dev,
                  ",ino=", info.st_ino, ",size=", info.st_size,
                  ",mtime=", info.st_mtim.tv_sec, ".", info.st_mtim.tv_nsec,
                  ",ctime=", info.st_ctim.tv_sec, ".", info.st_ctim.tv_nsec,
                  ";");
}

// Returns a load error's reasons, one per problem, as the loader listed
// them (rules/problems.h).
std::vector<std::string> Reasons(const absl::Status& status) {
  std::vector<std::string> reasons = rules::Problems(status);
  if (reasons.empty() || (reasons.size() == 1 && reasons[0].empty())) {
    reasons = {status.ToString()};
  }
  return reasons;
}

void LogLoaded(const RuleSource& source, const rules::RuleSetIndex& index) {
  std::string rule_sets = "[";
  bool first = true;
  for (const auto& rule_set : index.rule_sets()) {
    absl::StrAppend(&rule_sets, first ? "" : ",",
                    "{\"id\":", JsonQuote(rule_set->id()),
                    ",\"revision\":", JsonQuote(rule_set->revision()),
                    ",\"source\":", JsonQuote(rule_set->source()), "}");
    first = false;
  }
  rule_sets += "]";
  LogEvent(LogLevel::kInfo, "rules_loaded")
      .Add("path", source.Describe())
      .AddJson("rule_sets", rule_sets)
      .Write();
}

// Logs what the rule cache did in one load: "N files, M from the cache".
void LogRuleCache(const std::string& path,
                  const rules::RuleSetLoadStats& stats) {
  LogEvent event(stats.cache_note.empty() ? LogLevel::kInfo : LogLevel::kWarning,
                 "rule_cache");
  event.Add("path", path)
      .Add("files", int64_t{stats.files})
      .Add("from_cache", int64_t{stats.from_cache})
      .Add("stored", int64_t{stats.cache_stored})
      .Add("removed", int64_t{stats.cache_removed});
  if (!stats.cache_note.empty()) event.Add("note", stats.cache_note);
  event.Write();
}

}  // namespace

FolderRuleSource::FolderRuleSource(std::string path,
                                   rules::RuleSetLoadOptions load_options)
    : path_(std::move(path)), load_options_(std::move(load_options)) {}

absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>>
FolderRuleSource::Load() {
  rules::RuleSetLoadStats stats;
  absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> index =
      rules::RuleSetIndex::Load(path_, load_options_, &stats);
  if (!load_options_.cache_dir.empty()) LogRuleCache(path_, stats);
  return index;
}

std::string FolderRuleSource::Fingerprint() { return FingerprintPath(path_); }

std::string FingerprintPath(const std::string& path) {
  std::string fingerprint;
  AppendEntryFingerprint(path, &fingerprint);
  struct stat info;
  if (::stat(path.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    return fingerprint;
  }
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) {
    absl::StrAppend(&fingerprint, "opendir-error=", errno, ";");
    return fingerprint;
  }
  std::vector<std::string> names;
  while (const struct dirent* entry = ::readdir(dir)) {
    const absl::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    names.emplace_back(name);
  }
  ::closedir(dir);
  // readdir's order is the file system's; sort so that equal folders give
  // equal fingerprints.
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    absl::StrAppend(&fingerprint, "\n", name, ":");
    AppendEntryFingerprint(absl::StrCat(path, "/", name), &fingerprint);
  }
  return fingerprint;
}

// One load of the rules, shared by the store and the thread that runs it:
// whichever lets go last frees it, so a load the store abandoned finishes
// (or never does) without anything it touches being destroyed under it.
struct RuleStore::LoadAttempt {
  const absl::Time started_at = absl::Now();

  absl::Mutex mu;
  // Set by the load's thread when Load() returns.
  bool done ABSL_GUARDED_BY(mu) = false;
  // Set by StopReloading(): the reload stops waiting.
  bool cancelled ABSL_GUARDED_BY(mu) = false;
  // Set when the reload stopped waiting: the result is not wanted.
  bool abandoned ABSL_GUARDED_BY(mu) = false;
  absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> result
      ABSL_GUARDED_BY(mu) = absl::UnknownError("not loaded");

  bool Settled() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    return done || cancelled;
  }
};

RuleStore::RuleStore(std::shared_ptr<RuleSource> source,
                     absl::Duration reload_timeout, int reload_nice,
                     std::function<void(bool)> on_load_outcome)
    : source_(std::move(source)),
      reload_timeout_(reload_timeout),
      reload_nice_(reload_nice),
      on_load_outcome_(std::move(on_load_outcome)) {}

absl::StatusOr<std::unique_ptr<RuleStore>> RuleStore::Create(
    RuleStoreOptions options) {
  if (options.source == nullptr) {
    return absl::InvalidArgumentError("RuleStoreOptions.source is required");
  }
  if (options.reload_timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        absl::StrCat("RuleStoreOptions.reload_timeout must be positive, not ",
                     absl::FormatDuration(options.reload_timeout)));
  }
  if (options.reload_nice < 0 || options.reload_nice > 19) {
    return absl::InvalidArgumentError(
        absl::StrCat("RuleStoreOptions.reload_nice must be 0 to 19, not ",
                     options.reload_nice));
  }
  std::unique_ptr<RuleStore> store(new RuleStore(
      std::move(options.source), options.reload_timeout, options.reload_nice,
      std::move(options.on_load_outcome)));
  absl::MutexLock reload_lock(&store->reload_mu_);
  std::string fingerprint = store->source_->Fingerprint();
  absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> loaded =
      store->LoadInTime(/*nice=*/0);
  if (!loaded.ok()) return loaded.status();
  if (*loaded == nullptr) {
    return absl::InternalError("the rule source returned no rules");
  }
  LogLoaded(*store->source_, **loaded);
  if (store->on_load_outcome_) store->on_load_outcome_(true);
  store->last_fingerprint_ = std::move(fingerprint);
  absl::MutexLock lock(&store->mu_);
  store->rules_ = ReleaseInBackground(*std::move(loaded), store->reload_nice_);
  store->loaded_at_ = absl::Now();
  return store;
}

std::shared_ptr<const rules::RuleSetIndex> RuleStore::Snapshot() const {
  absl::MutexLock lock(&mu_);
  return rules_;
}

RuleStore::State RuleStore::state() const {
  absl::MutexLock lock(&mu_);
  return State{rules_, loaded_at_, last_refused_reload_};
}

absl::Status RuleStore::Reload() {
  absl::MutexLock reload_lock(&reload_mu_);
  if (absl::Status may_load = CheckMayLoad(); !may_load.ok()) {
    if (!absl::IsCancelled(may_load)) Refuse(absl::Now(), may_load);
    return may_load;
  }
  return LoadLocked(source_->Fingerprint());
}

absl::StatusOr<bool> RuleStore::ReloadIfChanged() {
  absl::MutexLock reload_lock(&reload_mu_);
  if (absl::Status may_load = CheckMayLoad(); !may_load.ok()) return may_load;
  std::string fingerprint = source_->Fingerprint();
  if (fingerprint == last_fingerprint_) return false;
  absl::Status status = LoadLocked(std::move(fingerprint));
  if (!status.ok()) return status;
  return true;
}

void RuleStore::StopReloading() {
  std::shared_ptr<LoadAttempt> current;
  {
    absl::MutexLock lock(&mu_);
    stopped_ = true;
    current = current_load_;
  }
  if (current != nullptr) {
    absl::MutexLock lock(&current->mu);
    current->cancelled = true;
  }
}

absl::Status RuleStore::CheckMayLoad() {
  std::shared_ptr<LoadAttempt> abandoned;
  {
    absl::MutexLock lock(&mu_);
    if (stopped_) {
      return absl::CancelledError(absl::StrCat(
          source_->Describe(),
          ": not reloading: the rules are no longer reloaded (shutting "
          "down)"));
    }
    abandoned = abandoned_load_;
  }
  if (abandoned == nullptr) return absl::OkStatus();
  {
    absl::MutexLock lock(&abandoned->mu);
    if (!abandoned->done) {
      return absl::UnavailableError(absl::StrCat(
          source_->Describe(), ": not reloading: the load started at ",
          absl::FormatTime(absl::RFC3339_sec, abandoned->started_at,
                           absl::UTCTimeZone()),
          " was abandoned and is still running; no other load starts "
          "until it ends"));
    }
  }
  absl::MutexLock lock(&mu_);
  if (abandoned_load_ == abandoned) abandoned_load_.reset();
  return absl::OkStatus();
}

// The thread is detached at once: the store never joins it, it only waits
// for the attempt to be done. What the thread uses it owns a share of
// (source, attempt); a result nobody waits for any more is freed on the
// thread, outside the lock.
absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>>
RuleStore::LoadInTime(int nice) {
  auto attempt = std::make_shared<LoadAttempt>();
  {
    absl::MutexLock lock(&mu_);
    if (stopped_) {
      return absl::CancelledError(absl::StrCat(
          source_->Describe(), ": the load was not started: shutting down"));
    }
    current_load_ = attempt;
  }
  try {
    std::thread([source = source_, attempt, nice] {
      LowerThreadPriority(nice);
      absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> result =
          source->Load();
      absl::MutexLock lock(&attempt->mu);
      attempt->done = true;
      if (!attempt->abandoned) attempt->result = std::move(result);
    }).detach();
  } catch (const std::system_error& e) {
    absl::MutexLock lock(&mu_);
    current_load_.reset();
    return absl::ResourceExhaustedError(absl::StrCat(
        source_->Describe(), ": cannot start a thread to load the rules: ",
        e.what()));
  }

  bool finished;
  bool cancelled;
  absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> result;
  {
    absl::MutexLock lock(&attempt->mu);
    attempt->mu.AwaitWithDeadline(
        absl::Condition(attempt.get(), &LoadAttempt::Settled),
        absl::Now() + reload_timeout_);
    finished = attempt->done;
    cancelled = attempt->cancelled;
    if (finished) {
      result = std::move(attempt->result);
    } else {
      attempt->abandoned = true;
    }
  }
  {
    absl::MutexLock lock(&mu_);
    current_load_.reset();
    if (!finished) abandoned_load_ = attempt;
  }
  if (finished) return result;
  if (cancelled) {
    return absl::CancelledError(absl::StrCat(
        source_->Describe(),
        ": the load was abandoned unfinished: shutting down"));
  }
  return absl::DeadlineExceededError(absl::StrCat(
      source_->Describe(), ": the rules did not finish loading within ",
      absl::FormatDuration(reload_timeout_),
      " (--reload_timeout); the load was abandoned, and no other load starts "
      "until it ends"));
}

void RuleStore::Refuse(absl::Time attempted_at, const absl::Status& status) {
  RefusedReload refused{attempted_at, Reasons(status)};
  LogEvent(LogLevel::kError, "reload_refused")
      .Add("path", source_->Describe())
      .Add("code", absl::StatusCodeToString(status.code()))
      .Add("reasons", refused.reasons)
      .Write();
  if (on_load_outcome_) on_load_outcome_(false);
  absl::MutexLock lock(&mu_);
  last_refused_reload_ = std::move(refused);
}

// The fingerprint is taken before loading: if the files change while they
// are read, the next poll sees a fingerprint unequal to this one and loads
// again. It is kept even when the load is refused, so that a broken file is
// reported once, not on every poll, and retried as soon as it changes.
absl::Status RuleStore::LoadLocked(std::string fingerprint) {
  const absl::Time attempted_at = absl::Now();
  last_fingerprint_ = std::move(fingerprint);
  absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> loaded =
      LoadInTime(reload_nice_);
  if (loaded.ok() && *loaded == nullptr) {
    loaded = absl::InternalError("the rule source returned no rules");
  }
  if (!loaded.ok()) {
    Refuse(attempted_at, loaded.status());
    return loaded.status();
  }
  LogLoaded(*source_, **loaded);
  if (on_load_outcome_) on_load_outcome_(true);
  // Requests that took the previous rules keep them alive until they
  // finish; whichever lets go last hands them to the background thread.
  std::shared_ptr<const rules::RuleSetIndex> previous;
  {
    absl::MutexLock lock(&mu_);
    previous = std::exchange(
        rules_, ReleaseInBackground(*std::move(loaded), reload_nice_));
    loaded_at_ = absl::Now();
    last_refused_reload_.reset();
  }
  return absl::OkStatus();
}

}  // namespace scorecard::service
