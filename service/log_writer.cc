#include "service/log_writer.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "service/json_log.h"

namespace scorecard::service {
namespace {

absl::Status ErrnoError(absl::string_view what, int error) {
  return absl::UnavailableError(absl::StrCat(what, ": ", std::strerror(error)));
}

// Writes all of `data` to `fd`; returns how many bytes were written and
// sets `*error` to the errno of the write that failed (0 when none did).
size_t WriteAll(int fd, absl::string_view data, int* error) {
  size_t written = 0;
  *error = 0;
  while (written < data.size()) {
    const ssize_t n =
        ::write(fd, data.data() + written, data.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = errno;
      break;
    }
    if (n == 0) {
      *error = EIO;
      break;
    }
    written += static_cast<size_t>(n);
  }
  return written;
}

}  // namespace

absl::StatusOr<std::unique_ptr<LogWriter>> LogWriter::Open(
    LogWriterOptions options) {
  if (options.name.empty()) {
    return absl::InvalidArgumentError("a log needs a name");
  }
  if (!options.to_stderr && options.path.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(options.name, ": no path given"));
  }
  if (options.queue_lines <= 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        options.name, ": the queue must hold at least one line, not ",
        options.queue_lines));
  }
  if (options.max_bytes < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        options.name, ": max_bytes must not be negative, not ",
        options.max_bytes));
  }
  if (options.max_bytes > 0 && options.max_files < 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        options.name, ": rotation needs max_files of at least 1, not ",
        options.max_files));
  }
  std::unique_ptr<LogWriter> writer(new LogWriter(std::move(options)));
  if (absl::Status opened = writer->OpenFile(); !opened.ok()) return opened;
  writer->thread_ = std::thread([raw = writer.get()] { raw->Loop(); });
  return writer;
}

LogWriter::LogWriter(LogWriterOptions options) : options_(std::move(options)) {}

LogWriter::~LogWriter() { Close(); }

absl::Status LogWriter::OpenFile() {
  if (options_.to_stderr) {
    fd_ = STDERR_FILENO;
    return absl::OkStatus();
  }
  if (options_.path == "-") {
    fd_ = STDOUT_FILENO;
    return absl::OkStatus();
  }
  // Past RLIMIT_FSIZE, write(2) raises SIGXFSZ, whose default action kills
  // the process; ignored, the write fails with EFBIG and is reported.
  ::signal(SIGXFSZ, SIG_IGN);
  const int fd = ::open(options_.path.c_str(),
                        O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
  if (fd < 0) {
    return ErrnoError(absl::StrCat(options_.name, ": cannot open \"",
                                   options_.path, "\""),
                      errno);
  }
  struct stat info;
  size_ = ::fstat(fd, &info) == 0 ? info.st_size : 0;
  fd_ = fd;
  owns_fd_ = true;
  return absl::OkStatus();
}

void LogWriter::CloseFile() {
  if (owns_fd_ && fd_ >= 0) ::close(fd_);
  fd_ = -1;
  owns_fd_ = false;
  size_ = 0;
}

void LogWriter::Rotate() {
  CloseFile();
  const std::string& path = options_.path;
  ::unlink(absl::StrCat(path, ".", options_.max_files).c_str());
  for (int i = options_.max_files - 1; i >= 1; --i) {
    ::rename(absl::StrCat(path, ".", i).c_str(),
             absl::StrCat(path, ".", i + 1).c_str());
  }
  if (::rename(path.c_str(), absl::StrCat(path, ".1").c_str()) != 0) {
    ReportWriteError(ErrnoError(
        absl::StrCat(options_.name, ": cannot rotate \"", path, "\""), errno));
  }
  if (absl::Status opened = OpenFile(); !opened.ok()) ReportWriteError(opened);
}

void LogWriter::Append(std::string line, Done done) {
  bool dropped = false;
  {
    absl::MutexLock lock(&mu_);
    const size_t capacity = static_cast<size_t>(options_.queue_lines);
    if (!closing_ && queue_.size() >= capacity) {
      if (options_.drop_when_full) {
        ++drops_unreported_;
        dropped = true;
      } else {
        mu_.Await(absl::Condition(
            +[](LogWriter* w) ABSL_EXCLUSIVE_LOCKS_REQUIRED(w->mu_) {
              return w->closing_ ||
                     w->queue_.size() <
                         static_cast<size_t>(w->options_.queue_lines);
            },
            this));
      }
    }
    if (!dropped && !closing_) {
      queue_.push_back(Pending{std::move(line), std::move(done)});
      ++appended_;
      return;
    }
  }
  if (dropped) {
    if (options_.on_dropped) options_.on_dropped(1);
    // Dropped by choice (drop mode), counted and logged: the call goes on.
    if (done) done(absl::OkStatus());
    return;
  }
  if (done) {
    done(absl::UnavailableError(
        absl::StrCat(options_.name, " is closed: the record was not written")));
  }
}

void LogWriter::Reopen() {
  absl::MutexLock lock(&mu_);
  reopen_requested_ = true;
}

void LogWriter::Flush() {
  absl::MutexLock lock(&mu_);
  const int64_t target = appended_;
  const auto flushed = [this, target]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return completed_ >= target || closed_;
  };
  mu_.Await(absl::Condition(&flushed));
}

void LogWriter::Close() {
  {
    absl::MutexLock lock(&mu_);
    if (closing_) return;
    closing_ = true;
  }
  if (thread_.joinable()) thread_.join();
  CloseFile();
}

void LogWriter::Loop() {
  for (;;) {
    std::vector<Pending> batch;
    bool reopen = false;
    bool stop = false;
    {
      absl::MutexLock lock(&mu_);
      // Wakes at least once a second while drops wait to be reported.
      mu_.AwaitWithTimeout(
          absl::Condition(
              +[](LogWriter* w) ABSL_EXCLUSIVE_LOCKS_REQUIRED(w->mu_) {
                return !w->queue_.empty() || w->reopen_requested_ ||
                       w->closing_;
              },
              this),
          drops_unreported_ > 0 ? absl::Seconds(1) : absl::InfiniteDuration());
      batch.reserve(queue_.size());
      while (!queue_.empty()) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      reopen = std::exchange(reopen_requested_, false);
      stop = closing_ && batch.empty();
    }
    if (reopen && owns_fd_) {
      CloseFile();
      if (absl::Status opened = OpenFile(); !opened.ok()) {
        ReportWriteError(opened);
      }
    }
    WriteBatch(batch);
    ReportDrops(stop);
    {
      absl::MutexLock lock(&mu_);
      completed_ += static_cast<int64_t>(batch.size());
      if (stop) {
        closed_ = true;
        return;
      }
    }
  }
}

void LogWriter::WriteBatch(std::vector<Pending>& batch) {
  size_t first = 0;  // The first line of the chunk being gathered.
  std::string chunk;
  const auto write_chunk = [&](size_t end) {
    if (first == end) return;
    const absl::Status status = WriteChunk(chunk);
    for (size_t i = first; i < end; ++i) {
      if (batch[i].done) batch[i].done(status);
    }
    chunk.clear();
    first = end;
  };
  for (size_t i = 0; i < batch.size(); ++i) {
    const size_t line_bytes = batch[i].line.size() + 1;
    if (options_.max_bytes > 0 && owns_fd_ &&
        size_ + static_cast<int64_t>(chunk.size() + line_bytes) >
            options_.max_bytes &&
        size_ + static_cast<int64_t>(chunk.size()) > 0) {
      write_chunk(i);
      if (size_ > 0) Rotate();
    }
    absl::StrAppend(&chunk, batch[i].line, "\n");
  }
  write_chunk(batch.size());
}

absl::Status LogWriter::WriteChunk(const std::string& chunk) {
  if (fd_ < 0) {
    // A reopen or rotation failed earlier: try again now.
    if (absl::Status opened = OpenFile(); !opened.ok()) {
      ReportWriteError(opened);
      return opened;
    }
  }
  int error = 0;
  const size_t written = WriteAll(fd_, chunk, &error);
  if (error == 0) {
    size_ += static_cast<int64_t>(written);
    return absl::OkStatus();
  }
  // Take back the part of the chunk that was written, so that the file ends
  // with a whole line; every line of the chunk is reported unwritten.
  if (written > 0 && owns_fd_) {
    if (::ftruncate(fd_, size_) != 0) {
      size_ += static_cast<int64_t>(written);
    }
  }
  const absl::Status status = ErrnoError(
      absl::StrCat("cannot write the ", options_.name,
                   options_.to_stderr ? "" : absl::StrCat(" \"", options_.path, "\"")),
      error);
  ReportWriteError(status);
  if (options_.on_write_error) options_.on_write_error();
  return status;
}

void LogWriter::ReportDrops(bool final) {
  int64_t drops = 0;
  const absl::Time now = absl::Now();
  if (!final && now - last_drop_report_ < absl::Seconds(1)) return;
  {
    absl::MutexLock lock(&mu_);
    drops = std::exchange(drops_unreported_, 0);
  }
  if (drops == 0) return;
  last_drop_report_ = now;
  LogEvent(LogLevel::kWarning, absl::StrCat(options_.name, "_dropped"))
      .Add("dropped", drops)
      .Add("reason", "the queue was full (drop mode)")
      .Write();
}

void LogWriter::ReportWriteError(const absl::Status& error) {
  int64_t suppressed = 0;
  if (!error_limiter_.Admit(absl::Now(), &suppressed)) return;
  LogEvent event(LogLevel::kError, absl::StrCat(options_.name, "_write_failed"));
  event.Add("error", error.message());
  if (suppressed > 0) event.Add("suppressed", suppressed);
  event.Write();
}

}  // namespace scorecard::service
