// Process signals for the server, handled on a thread of their own.
//
// SIGHUP asks for a reload of the rules; SIGTERM and SIGINT ask for a
// graceful shutdown. Rather than run code in an async-signal handler (where
// almost nothing is safe), the three signals are blocked in every thread and
// one dedicated thread takes them with sigwait(), then calls ordinary C++.
// For that to hold, the signals must be blocked before any other thread
// starts (threads inherit the mask of the thread that creates them): call
// BlockServerSignals() first thing in main.
//
//   int main(int argc, char** argv) {
//     if (!BlockServerSignals().ok()) return 1;   // Before any thread starts.
//     ...
//     SignalThread::Handlers handlers;
//     handlers.on_reload = [&] { store->Reload().IgnoreError(); };
//     auto signals = SignalThread::Start(std::move(handlers));
//
// Thread-safety: BlockServerSignals() affects the calling thread only. A
// SignalThread's handlers run on its own thread, one at a time; they must not
// destroy the SignalThread.

#ifndef SCORECARD_SERVICE_SIGNAL_THREAD_H_
#define SCORECARD_SERVICE_SIGNAL_THREAD_H_

#include <atomic>
#include <functional>
#include <memory>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace scorecard::service {

// Blocks SIGHUP, SIGTERM and SIGINT in the calling thread (and so in every
// thread it starts afterwards).
absl::Status BlockServerSignals();

// Returns whether SIGHUP, SIGTERM and SIGINT are all blocked in the calling
// thread.
bool ServerSignalsBlocked();

class SignalThread final {
 public:
  struct Handlers {
    // Called on SIGHUP.
    std::function<void()> on_reload;
    // Called on SIGTERM and SIGINT, every time one arrives.
    std::function<void()> on_terminate;
  };

  // Starts the thread. FAILED_PRECONDITION unless the signals are blocked in
  // the calling thread (see BlockServerSignals()); without that, a signal
  // could be delivered to another thread and kill the process.
  static absl::StatusOr<std::unique_ptr<SignalThread>> Start(Handlers handlers);

  // Stops the thread and waits for it (and any handler running) to end.
  ~SignalThread();

  SignalThread(const SignalThread&) = delete;
  SignalThread& operator=(const SignalThread&) = delete;

 private:
  explicit SignalThread(Handlers handlers);
  void Loop();

  const Handlers handlers_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_SIGNAL_THREAD_H_
