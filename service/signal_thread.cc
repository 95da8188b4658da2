#include "service/signal_thread.h"

#include <pthread.h>
#include <signal.h>

#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "service/json_log.h"

namespace scorecard::service {
namespace {

sigset_t ServerSignalSet() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGHUP);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

const char* SignalName(int signal) {
  switch (signal) {
    case SIGHUP:
      return "SIGHUP";
    case SIGTERM:
      return "SIGTERM";
    case SIGINT:
      return "SIGINT";
    default:
      return "unknown";
  }
}

}  // namespace

absl::Status BlockServerSignals() {
  const sigset_t set = ServerSignalSet();
  const int error = pthread_sigmask(SIG_BLOCK, &set, nullptr);
  if (error != 0) {
    return absl::InternalError(
        absl::StrCat("pthread_sigmask: ", std::strerror(error)));
  }
  return absl::OkStatus();
}

bool ServerSignalsBlocked() {
  sigset_t current;
  if (pthread_sigmask(SIG_BLOCK, nullptr, &current) != 0) return false;
  return sigismember(&current, SIGHUP) == 1 &&
         sigismember(&current, SIGTERM) == 1 &&
         sigismember(&current, SIGINT) == 1;
}

absl::StatusOr<std::unique_ptr<SignalThread>> SignalThread::Start(
    Handlers handlers) {
  if (!ServerSignalsBlocked()) {
    return absl::FailedPreconditionError(
        "SIGHUP, SIGTERM and SIGINT must be blocked (BlockServerSignals()) "
        "before any thread starts");
  }
  std::unique_ptr<SignalThread> signals(new SignalThread(std::move(handlers)));
  signals->thread_ = std::thread([raw = signals.get()] { raw->Loop(); });
  return signals;
}

SignalThread::SignalThread(Handlers handlers)
    : handlers_(std::move(handlers)) {}

// To wake the thread from sigwait(), send it one of the signals it waits for,
// directed at that thread alone: the signal is blocked there, so sigwait()
// takes it, sees stopping_ and returns. If a handler is running, the signal
// stays pending until the next sigwait().
SignalThread::~SignalThread() {
  stopping_.store(true);
  if (thread_.joinable()) {
    pthread_kill(thread_.native_handle(), SIGTERM);
    thread_.join();
  }
}

void SignalThread::Loop() {
  const sigset_t set = ServerSignalSet();
  while (true) {
    int signal = 0;
    if (sigwait(&set, &signal) != 0) continue;
    if (stopping_.load()) return;
    LogEvent(LogLevel::kInfo, "signal").Add("signal", SignalName(signal)).Write();
    if (signal == SIGHUP) {
      if (handlers_.on_reload) handlers_.on_reload();
    } else if (handlers_.on_terminate) {
      handlers_.on_terminate();
    }
  }
}

}  // namespace scorecard::service
