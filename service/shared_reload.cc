#include "service/shared_reload.h"

#include <utility>

namespace scorecard::service {

SharedReload::SharedReload(std::function<absl::Status()> reload)
    : reload_(std::move(reload)), thread_([this] { Loop(); }) {}

SharedReload::~SharedReload() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

void SharedReload::Request(Done done) {
  absl::MutexLock lock(&mu_);
  waiting_.push_back(std::move(done));
}

int64_t SharedReload::reloads_run() const {
  absl::MutexLock lock(&mu_);
  return reloads_run_;
}

// A reload runs while waiting_ is non-empty; requests that arrive during it
// are added to waiting_ and answered by it. Only when the reload is over are
// the callbacks taken, so a request is never left for a next reload that
// would not come.
void SharedReload::Loop() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](SharedReload* self) ABSL_EXCLUSIVE_LOCKS_REQUIRED(self->mu_) {
            return self->stopping_ || !self->waiting_.empty();
          },
          this));
      if (waiting_.empty()) return;  // Stopping, nothing asked for.
    }
    const absl::Status outcome = reload_();
    std::vector<Done> answered;
    {
      absl::MutexLock lock(&mu_);
      answered.swap(waiting_);
      ++reloads_run_;
    }
    for (Done& done : answered) done(outcome);
  }
}

}  // namespace scorecard::service
