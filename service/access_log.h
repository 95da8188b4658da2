// The access log: one JSON line per RPC, for every service the server
// offers, written by the call observer (call_observer.h) when a call ends.
//
//   {"time":"2026-12-01T11:02:03.123Z","level":"info","event":"access",
//    "method":"/scorecard.v1.ScorecardService/ValidateScorecard",
//    "peer":"ipv4:127.0.0.1:50123","code":"OK","duration_us":412,
//    "bytes_in":1873,"bytes_out":945,"messages_in":1,"messages_out":1,
//    "validations":1,"invalid":0,"rule_set":"led-fy2563",
//    "unit":"secretariat","verdict":"valid"}
//
// The line has the JSON log's shape (json_log.h: time, level, event), so it
// sits among scorecardd's other lines on stderr. The validation fields
// appear on ValidateScorecard and ValidateScorecards calls: how many
// scorecards the call judged and how many were invalid, and the rule set,
// unit and verdict of the last one judged (for a unary call, its only one).
// The service adds them with Note() while the call runs; the observer takes
// them with Write() when it ends. bytes_in is the size of the request
// messages of the methods registered raw (ScorecardService's; health and
// reflection requests are counted in messages_in only).
//
// Lines go through a LogWriter (log_writer.h): written off the calling
// thread, the call observer held back when the queue is full, failures
// logged.
//
// Thread-safety: safe for concurrent use without external locking.

#ifndef SCORECARD_SERVICE_ACCESS_LOG_H_
#define SCORECARD_SERVICE_ACCESS_LOG_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/support/status.h"
#include "service/log_writer.h"

namespace scorecard::service {

// What the service adds to a call's line: one judged scorecard.
struct ValidationNote {
  std::string rule_set;
  std::string unit;
  bool valid = false;
};

// How a call went, as the observer saw it.
struct CallRecord {
  // "/package.Service/Method" as the caller sent it (quoted boundedly).
  absl::string_view method;
  std::string peer;
  grpc::StatusCode code = grpc::StatusCode::OK;
  absl::Duration duration;
  int64_t bytes_in = 0;
  int64_t bytes_out = 0;
  int64_t messages_in = 0;
  int64_t messages_out = 0;
};

class AccessLog final {
 public:
  // Opens the log on standard error, or appending to `path` when not empty.
  static absl::StatusOr<std::unique_ptr<AccessLog>> Open(
      const std::string& path);

  // Adds `note` to the line of the call `call` (its server context).
  void Note(const void* call, ValidationNote note) ABSL_LOCKS_EXCLUDED(mu_);

  // Writes the line of the call `call`, with its notes.
  void Write(const void* call, const CallRecord& record)
      ABSL_LOCKS_EXCLUDED(mu_);

  // Writes what is queued and stops.
  void Close() { writer_->Close(); }

 private:
  // The notes of one call.
  struct Notes {
    int64_t validations = 0;
    int64_t invalid = 0;
    ValidationNote last;
  };

  explicit AccessLog(std::unique_ptr<LogWriter> writer)
      : writer_(std::move(writer)) {}

  const std::unique_ptr<LogWriter> writer_;
  absl::Mutex mu_;
  absl::flat_hash_map<const void*, Notes> notes_ ABSL_GUARDED_BY(mu_);
};

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_ACCESS_LOG_H_
