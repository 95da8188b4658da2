// The decision log: one JSON line per judged scorecard, so that an auditor
// can show later which rules judged a submission and what the verdict was.
//
//   DecisionLogOptions options;
//   options.path = "/var/log/scorecardd/decisions.jsonl";
//   auto log = DecisionLog::Open(options, &metrics);
//   Decision decision{"ValidateScorecard", CallerOf(*context), "", &card, &result};
//   PendingDecision pending = (*log)->Prepare(decision);
//   response.set_decision_id(pending.id);
//   (*log)->Write(std::move(pending), [reactor](absl::Status s) {
//     reactor->Finish(ToGrpcStatus(s));   // UNAVAILABLE when not written
//   });
//
// A line (docs/operations.md has the schema):
//
//   {"decision_id":"5f0c...","time":"2026-12-01T11:02:03.123456Z",
//    "method":"scorecard.v1.ScorecardService/ValidateScorecard",
//    "peer":"ipv4:127.0.0.1:50123","identity":"","correlation_id":"",
//    "rule_set":"led-fy2563","rule_set_revision":"2563-1","unit":"secretariat",
//    "submitted_unit":"สำนักงานเลขานุการกรม","valid":true,"verdict":"valid",
//    "computed_total":"4.9600","declared_total":"4.9600",
//    "violation_codes":[],"scorecard_sha256":"9b1d..."}
//
// The decision id is 128 random bits as a UUID (version 4), returned to the
// caller in the response. scorecard_sha256 is the SHA-256, in hex, of the
// submitted Scorecard message's deterministic protobuf serialisation, so a
// submission can be matched later without being stored.
//
// The writing and its guarantees are LogWriter's (log_writer.h): the call
// waits for its line, a full queue holds calls back (or, with drop mode,
// drops lines, counted in scorecard_decision_log_dropped_total and logged),
// a failed write fails the call with UNAVAILABLE (ErrorInfo
// DECISION_LOG_UNAVAILABLE) and is counted in
// scorecard_decision_log_write_errors_total. Size rotation, Reopen() on
// SIGHUP, Close() on shutdown after the last call.
//
// Thread-safety: safe for concurrent use without external locking.

#ifndef SCORECARD_SERVICE_DECISION_LOG_H_
#define SCORECARD_SERVICE_DECISION_LOG_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "scorecard/v1/scorecard.pb.h"
#include "service/caller_identity.h"
#include "service/log_writer.h"
#include "service/metrics.h"

namespace scorecard::service {

struct DecisionLogOptions {
  // The file to append to; "-" for standard output. Required.
  std::string path;
  // Rotation: see LogWriterOptions. Defaults 0 (never) and 10.
  int64_t max_bytes = 0;
  int max_files = 10;
  // How many records may wait to be written. Default 4096.
  int queue_records = 4096;
  // Drop records when the queue is full instead of holding calls back.
  // Default false.
  bool drop_when_full = false;
};

// One judged scorecard, as the log records it. The pointers are not owned
// and need only live during Prepare().
struct Decision {
  // The RPC's method name: "ValidateScorecard", "ValidateScorecards",
  // "BatchValidateScorecards" or "ValidateDocument".
  absl::string_view method;
  Caller caller;
  // The stream request's correlation id, or the scorecard's position in a
  // bulk call ("3"); empty for ValidateScorecard.
  absl::string_view correlation_id;
  const scorecard::v1::Scorecard* scorecard = nullptr;
  const scorecard::v1::ValidationResult* result = nullptr;
};

// A decision with its id, formatted and ready to be written.
struct PendingDecision {
  std::string id;
  std::string line;
};

// Returns a new decision id: a random (version 4) UUID in lower-case hex.
std::string NewDecisionId();

// Returns the SHA-256, in lower-case hex, of `scorecard`'s deterministic
// serialisation.
std::string ScorecardSha256(const scorecard::v1::Scorecard& scorecard);

// Returns the JSON line (without newline) recording `decision` under `id`
// at `time`.
std::string DecisionLine(absl::string_view id, absl::Time time,
                         const Decision& decision);

class DecisionLog final {
 public:
  // Opens the log; `metrics` (not owned; may be null) counts drops and write
  // errors. Fails as LogWriter::Open() does.
  static absl::StatusOr<std::unique_ptr<DecisionLog>> Open(
      const DecisionLogOptions& options, Metrics* metrics);

  // Gives `decision` a new id and formats its line, now (the decision's
  // pointers need not outlive the call).
  static PendingDecision Prepare(const Decision& decision);

  // Queues `decision`'s line; `done` hears whether it was written
  // (UNAVAILABLE with ErrorInfo DECISION_LOG_UNAVAILABLE when not), on the
  // writer's thread or at once.
  void Write(PendingDecision decision, LogWriter::Done done);

  // See LogWriter.
  void Reopen() { writer_->Reopen(); }
  void Flush() { writer_->Flush(); }
  void Close() { writer_->Close(); }

 private:
  explicit DecisionLog(std::unique_ptr<LogWriter> writer)
      : writer_(std::move(writer)) {}

  const std::unique_ptr<LogWriter> writer_;
};

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_DECISION_LOG_H_
