// A bound on how many log lines of one kind are written per second, so that
// a flood of bad requests cannot flood the log.
//
//   LogRateLimiter limiter(10);
//   int64_t suppressed = 0;
//   if (limiter.Admit(absl::Now(), &suppressed)) {
//     // Write the line, with "suppressed": suppressed when it is not 0.
//   }
//
// Time is cut into whole seconds (of the Unix epoch); in each, the first
// `lines_per_second` lines are let through and the rest are counted. The
// next line let through carries the count of those refused since the line
// before it, so nothing is lost silently.
//
// Thread-safety: Admit() is safe for concurrent use without external
// locking.

#ifndef SCORECARD_SERVICE_LOG_RATE_LIMITER_H_
#define SCORECARD_SERVICE_LOG_RATE_LIMITER_H_

#include <cstdint>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace scorecard::service {

class LogRateLimiter final {
 public:
  // `lines_per_second` must be positive.
  explicit LogRateLimiter(int lines_per_second)
      : lines_per_second_(lines_per_second) {}

  LogRateLimiter(const LogRateLimiter&) = delete;
  LogRateLimiter& operator=(const LogRateLimiter&) = delete;

  // Returns whether a line at `now` may be written. When it may,
  // `*suppressed` is set to how many lines were refused since the last one
  // let through (and that count starts again from 0).
  bool Admit(absl::Time now, int64_t* suppressed) ABSL_LOCKS_EXCLUDED(mu_);

 private:
  const int lines_per_second_;
  absl::Mutex mu_;
  int64_t second_ ABSL_GUARDED_BY(mu_) = INT64_MIN;
  int lines_this_second_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t suppressed_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_LOG_RATE_LIMITER_H_
