// A line-oriented log written off the request threads: the decision log and
// the access log both write through one, so that both keep one discipline.
//
//   LogWriterOptions options;
//   options.name = "decision_log";
//   options.path = "/var/log/scorecardd/decisions.jsonl";
//   absl::StatusOr<std::unique_ptr<LogWriter>> log = LogWriter::Open(options);
//   (*log)->Append(line, [reactor](absl::Status written) {
//     reactor->Finish(ToGrpcStatus(written));
//   });
//
// Lines go into a bounded queue (queue_lines) that one writer thread drains,
// writing whatever has gathered with one write(2). Nothing is lost without a
// trace:
// - When the queue is full, Append() waits until there is room
//   (back-pressure: the caller's thread, and so its call, is held up), or,
//   with drop_when_full, drops the line at once; every dropped line is
//   counted (on_dropped) and the drops are logged at most once a second, with
//   their number (event "<name>_dropped").
// - Each line's `done` is told whether it was written: OK once write(2) has
//   taken it (the kernel has it; no fsync), UNAVAILABLE when the write failed
//   (a full disk, a file-size limit, an unwritable file). A failed write is
//   logged (rate-limited, event "<name>_write_failed") and counted
//   (on_write_error). When a write is cut short, the file is truncated back
//   to the end of the last whole line, so it never holds half a line.
// - Rotation by size (max_bytes, max_files): before a write would take the
//   file past max_bytes, the file is renamed PATH.1 (PATH.1 to PATH.2, ...,
//   PATH.<max_files> is removed) and a new PATH is started; a line is never
//   split across files. Reopen() (for SIGHUP, after logrotate has moved the
//   file) makes the writer close and reopen PATH before its next write.
// - Close() (and the destructor) writes everything queued, then stops;
//   Flush() waits for what is queued so far.
//
// PATH "-" is standard output and to_stderr standard error: neither rotates
// nor reopens. Opening a file sets SIGXFSZ to be ignored, process-wide, so
// that a write past RLIMIT_FSIZE fails with EFBIG instead of killing the
// process.
//
// Thread-safety: safe for concurrent use without external locking. The
// `done` functions run on the writer thread (or at once on the caller's,
// for a dropped line or a closed writer) and must not call Append(), Flush()
// or Close().

#ifndef SCORECARD_SERVICE_LOG_WRITER_H_
#define SCORECARD_SERVICE_LOG_WRITER_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "service/log_rate_limiter.h"

namespace scorecard::service {

struct LogWriterOptions {
  // Names the log in the writer's own log events ("decision_log"). Required.
  std::string name;
  // The file to append to, created when missing (mode 0640); "-" for
  // standard output. Required unless to_stderr.
  std::string path;
  // Write to standard error instead of `path`.
  bool to_stderr = false;
  // Rotate before the file would pass this size, in bytes; 0 never rotates.
  // Default 0.
  int64_t max_bytes = 0;
  // How many rotated files to keep (PATH.1 ... PATH.N); at least 1 when
  // max_bytes is set. Default 10.
  int max_files = 10;
  // How many lines may wait to be written. Default 4096.
  int queue_lines = 4096;
  // Drop a line when the queue is full, instead of waiting. Default false.
  bool drop_when_full = false;
  // Called with 1 for each dropped line, on the caller's thread. Optional.
  std::function<void(int64_t)> on_dropped;
  // Called once per failed write(2), on the writer thread. Optional.
  std::function<void()> on_write_error;
};

class LogWriter final {
 public:
  // Told whether a line was written; see above.
  using Done = std::function<void(absl::Status)>;

  // Opens the file (INVALID_ARGUMENT for bad options, UNAVAILABLE when it
  // cannot be opened) and starts the writer thread.
  static absl::StatusOr<std::unique_ptr<LogWriter>> Open(
      LogWriterOptions options);

  // Close()s.
  ~LogWriter();

  LogWriter(const LogWriter&) = delete;
  LogWriter& operator=(const LogWriter&) = delete;

  // Queues `line` (without its newline) and returns; `done` (may be empty)
  // hears the outcome. Waits while the queue is full unless drop_when_full.
  // After Close(), `done` gets UNAVAILABLE at once.
  void Append(std::string line, Done done) ABSL_LOCKS_EXCLUDED(mu_);

  // Asks for the file to be closed and reopened before the next write.
  // Returns at once.
  void Reopen() ABSL_LOCKS_EXCLUDED(mu_);

  // Returns once every line appended before the call has been written or
  // has failed.
  void Flush() ABSL_LOCKS_EXCLUDED(mu_);

  // Writes everything queued, stops the writer thread and closes the file.
  // Calling it again does nothing.
  void Close() ABSL_LOCKS_EXCLUDED(mu_);

 private:
  struct Pending {
    std::string line;
    Done done;
  };

  explicit LogWriter(LogWriterOptions options);

  void Loop() ABSL_LOCKS_EXCLUDED(mu_);
  // Writes `batch`, rotating as needed, and tells each line's done.
  void WriteBatch(std::vector<Pending>& batch);
  // Writes `chunk` (whole lines) in one go; on failure truncates back.
  absl::Status WriteChunk(const std::string& chunk);
  absl::Status OpenFile();
  void CloseFile();
  void Rotate();
  // Logs the drops counted since the last report, when a second has passed.
  void ReportDrops(bool final) ABSL_LOCKS_EXCLUDED(mu_);
  void ReportWriteError(const absl::Status& error);

  const LogWriterOptions options_;

  // Touched by the writer thread only (and by Open() before it starts).
  int fd_ = -1;
  bool owns_fd_ = false;
  int64_t size_ = 0;
  absl::Time last_drop_report_ = absl::InfinitePast();
  LogRateLimiter error_limiter_{1};

  absl::Mutex mu_;
  std::deque<Pending> queue_ ABSL_GUARDED_BY(mu_);
  bool reopen_requested_ ABSL_GUARDED_BY(mu_) = false;
  bool closing_ ABSL_GUARDED_BY(mu_) = false;
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
  // Lines appended, and lines written or failed, since the start.
  int64_t appended_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t completed_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t drops_unreported_ ABSL_GUARDED_BY(mu_) = 0;
  std::thread thread_;
};

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_LOG_WRITER_H_
