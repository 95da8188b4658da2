#include "service/log_rate_limiter.h"

namespace scorecard::service {

bool LogRateLimiter::Admit(absl::Time now, int64_t* suppressed) {
  const int64_t second = absl::ToUnixSeconds(now);
  absl::MutexLock lock(&mu_);
  if (second != second_) {
    second_ = second;
    lines_this_second_ = 0;
  }
  if (lines_this_second_ >= lines_per_second_) {
    ++suppressed_;
    return false;
  }
  ++lines_this_second_;
  *suppressed = suppressed_;
  suppressed_ = 0;
  return true;
}

}  // namespace scorecard::service
