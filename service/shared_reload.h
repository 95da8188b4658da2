// Reloads asked for by admin calls, run off gRPC's callback threads, and
// shared: calls that arrive while a reload runs wait for that reload and all
// get its outcome, so a burst of calls costs one reload, not one each.
//
//   SharedReload reload([&store] { return store.Reload(); });
//   reload.Request([reactor](const absl::Status& outcome) { ... Finish ... });
//
// The reload runs on a thread of its own (a callback thread must never
// block); `done` callbacks run on that thread once the reload is over, in
// the order they were requested. A Request after the reload has returned
// starts a new one.
//
// Thread-safety: Request() is safe for concurrent use. The destructor waits
// for a reload in progress and runs its callbacks before returning; no
// Request() may race with it.

#ifndef SCORECARD_SERVICE_SHARED_RELOAD_H_
#define SCORECARD_SERVICE_SHARED_RELOAD_H_

#include <cstdint>
#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"

namespace scorecard::service {

class SharedReload final {
 public:
  using Done = std::function<void(const absl::Status& outcome)>;

  // `reload` does one reload and returns its outcome; it is only ever called
  // from the internal thread, one call at a time.
  explicit SharedReload(std::function<absl::Status()> reload);
  ~SharedReload();

  SharedReload(const SharedReload&) = delete;
  SharedReload& operator=(const SharedReload&) = delete;

  // Asks for a reload: joins the one running, or starts one. `done` gets its
  // outcome.
  void Request(Done done) ABSL_LOCKS_EXCLUDED(mu_);

  // Returns how many reloads have run to the end.
  int64_t reloads_run() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  void Loop() ABSL_LOCKS_EXCLUDED(mu_);

  const std::function<absl::Status()> reload_;

  mutable absl::Mutex mu_;
  // Callbacks waiting for the reload that runs (or is about to).
  std::vector<Done> waiting_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  int64_t reloads_run_ ABSL_GUARDED_BY(mu_) = 0;

  std::thread thread_;
};

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_SHARED_RELOAD_H_
