// LogWriter: every line appended is written once and whole, or reported
// unwritten; a full disk and a file-size limit fail lines without leaving
// half of one; rotation and reopening keep every line; a full queue drops
// lines only in drop mode, and then counts and logs them.

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/json_log.h"
#include "service/log_writer.h"
#include "tests/testing/files.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace scorecard::service {
namespace {

using ::scorecard::testing::ReadFile;
using ::scorecard::testing::TempDir;
using ::scorecard::testing::WaitUntil;
using ::testing::HasSubstr;

std::vector<std::string> Lines(const std::string& text) {
  return absl::StrSplit(text, '\n', absl::SkipEmpty());
}

// Counts the outcomes that `done` functions report.
struct Outcomes {
  absl::Mutex mu;
  int ok ABSL_GUARDED_BY(mu) = 0;
  int failed ABSL_GUARDED_BY(mu) = 0;
  std::set<std::string> failed_lines ABSL_GUARDED_BY(mu);

  LogWriter::Done For(const std::string& line) {
    return [this, line](absl::Status status) {
      absl::MutexLock lock(&mu);
      if (status.ok()) {
        ++ok;
      } else {
        EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
        ++failed;
        failed_lines.insert(line);
      }
    };
  }
  int total() {
    absl::MutexLock lock(&mu);
    return ok + failed;
  }
};

std::unique_ptr<LogWriter> OpenOrDie(LogWriterOptions options) {
  absl::StatusOr<std::unique_ptr<LogWriter>> writer =
      LogWriter::Open(std::move(options));
  EXPECT_TRUE(writer.ok()) << writer.status();
  return writer.ok() ? *std::move(writer) : nullptr;
}

TEST(LogWriter, EveryLineOfABurstFromManyThreadsIsWrittenOnceAndWhole) {
  TempDir dir;
  LogWriterOptions options;
  options.name = "test_log";
  options.path = dir / "log.jsonl";
  options.queue_lines = 16;  // Small, so that the burst waits for room.
  auto writer = OpenOrDie(options);
  ASSERT_NE(writer, nullptr);
  Outcomes outcomes;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        const std::string line = absl::StrCat("{\"t\":", t, ",\"i\":", i, "}");
        writer->Append(line, outcomes.For(line));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  writer->Flush();
  EXPECT_EQ(outcomes.total(), 2000);
  const std::vector<std::string> lines = Lines(ReadFile(options.path));
  EXPECT_EQ(lines.size(), 2000u);
  EXPECT_EQ(std::set<std::string>(lines.begin(), lines.end()).size(), 2000u);
  absl::MutexLock lock(&outcomes.mu);
  EXPECT_EQ(outcomes.ok, 2000);
}

TEST(LogWriter, AFullDiskFailsEveryLineWithUnavailable) {
  LogWriterOptions options;
  options.name = "test_log";
  options.path = "/dev/full";  // Every write fails with ENOSPC.
  std::vector<std::string> logged;
  SetLogSinkForTesting(
      [&](absl::string_view line) { logged.emplace_back(line); });
  int write_errors = 0;
  options.on_write_error = [&] { ++write_errors; };
  auto writer = OpenOrDie(options);
  ASSERT_NE(writer, nullptr);
  Outcomes outcomes;
  for (int i = 0; i < 10; ++i) writer->Append("{}", outcomes.For("{}"));
  writer->Close();
  SetLogSinkForTesting(nullptr);
  absl::MutexLock lock(&outcomes.mu);
  EXPECT_EQ(outcomes.ok, 0);
  EXPECT_EQ(outcomes.failed, 10);
  EXPECT_GE(write_errors, 1);
  ASSERT_FALSE(logged.empty());
  EXPECT_THAT(logged[0], HasSubstr("\"event\":\"test_log_write_failed\""));
  EXPECT_THAT(logged[0], HasSubstr("No space left on device"));
}

// RLIMIT_FSIZE, lowered for this process for the length of the test: a write
// that would pass it fails with EFBIG (the writer ignores SIGXFSZ), part way
// through a batch.
TEST(LogWriter, AFileSizeLimitFailsTheLinesPastItAndLeavesNoHalfLine) {
  TempDir dir;
  LogWriterOptions options;
  options.name = "test_log";
  options.path = dir / "log.jsonl";
  auto writer = OpenOrDie(options);
  ASSERT_NE(writer, nullptr);
  struct rlimit saved;
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  struct rlimit limited = saved;
  limited.rlim_cur = 1000;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &limited), 0);
  SetLogSinkForTesting([](absl::string_view) {});
  Outcomes outcomes;
  std::vector<std::string> appended;
  for (int i = 0; i < 100; ++i) {
    // 30 bytes a line: a write of several lines crosses 1000 mid-line.
    const std::string line = absl::StrCat("{\"line\":", 1000 + i, ",\"pad\":\"xxxx\"}");
    appended.push_back(line);
    writer->Append(line, outcomes.For(line));
    if (i % 7 == 0) writer->Flush();
  }
  writer->Close();
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &saved), 0);
  SetLogSinkForTesting(nullptr);

  const std::string text = ReadFile(options.path);
  EXPECT_LE(text.size(), 1000u);
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n') << "the file must end with a whole line";
  const std::vector<std::string> lines = Lines(text);
  absl::MutexLock lock(&outcomes.mu);
  EXPECT_GT(outcomes.failed, 0);
  EXPECT_EQ(outcomes.ok + outcomes.failed, 100);
  // Exactly the lines reported written are in the file, each once, whole.
  EXPECT_EQ(static_cast<int>(lines.size()), outcomes.ok);
  for (const std::string& line : lines) {
    EXPECT_EQ(outcomes.failed_lines.count(line), 0u) << line;
    EXPECT_THAT(appended, ::testing::Contains(line));
  }
}

TEST(LogWriter, RotationKeepsEveryLineWholeInOrder) {
  TempDir dir;
  LogWriterOptions options;
  options.name = "test_log";
  options.path = dir / "log.jsonl";
  options.max_bytes = 200;
  options.max_files = 50;
  auto writer = OpenOrDie(options);
  ASSERT_NE(writer, nullptr);
  for (int i = 0; i < 100; ++i) {
    writer->Append(absl::StrCat("{\"line\":", 1000 + i, "}"), nullptr);
  }
  writer->Close();
  // Oldest first: log.jsonl.N ... log.jsonl.1, then log.jsonl.
  std::vector<std::string> all;
  int files = 0;
  for (int n = options.max_files; n >= 0; --n) {
    const std::string path =
        n == 0 ? options.path : absl::StrCat(options.path, ".", n);
    struct stat info;
    if (::stat(path.c_str(), &info) != 0) continue;
    ++files;
    EXPECT_LE(info.st_size, options.max_bytes) << path;
    const std::string text = ReadFile(path);
    ASSERT_FALSE(text.empty()) << path;
    EXPECT_EQ(text.back(), '\n') << path;
    for (const std::string& line : Lines(text)) all.push_back(line);
  }
  EXPECT_GT(files, 5);
  ASSERT_EQ(all.size(), 100u);
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(all[i], absl::StrCat("{\"line\":", 1000 + i, "}"));
  }
}

TEST(LogWriter, RotationRemovesOnlyFilesBeyondMaxFiles) {
  TempDir dir;
  LogWriterOptions options;
  options.name = "test_log";
  options.path = dir / "log.jsonl";
  options.max_bytes = 20;  // One line per file.
  options.max_files = 2;
  auto writer = OpenOrDie(options);
  ASSERT_NE(writer, nullptr);
  for (int i = 0; i < 5; ++i) {
    writer->Append(absl::StrCat("{\"line\":", i, "}"), nullptr);
    writer->Flush();
  }
  writer->Close();
  EXPECT_EQ(ReadFile(options.path), "{\"line\":4}\n");
  EXPECT_EQ(ReadFile(options.path + ".1"), "{\"line\":3}\n");
  EXPECT_EQ(ReadFile(options.path + ".2"), "{\"line\":2}\n");
  struct stat info;
  EXPECT_NE(::stat((options.path + ".3").c_str(), &info), 0);
}

TEST(LogWriter, ReopenStartsANewFileAfterTheOldOneWasMovedAway) {
  TempDir dir;
  LogWriterOptions options;
  options.name = "test_log";
  options.path = dir / "log.jsonl";
  auto writer = OpenOrDie(options);
  ASSERT_NE(writer, nullptr);
  writer->Append("{\"before\":1}", nullptr);
  writer->Flush();
  ASSERT_EQ(::rename(options.path.c_str(), (dir / "moved.jsonl").c_str()), 0);
  writer->Reopen();
  writer->Append("{\"after\":1}", nullptr);
  writer->Close();
  EXPECT_EQ(ReadFile(dir / "moved.jsonl"), "{\"before\":1}\n");
  EXPECT_EQ(ReadFile(options.path), "{\"after\":1}\n");
}

// A FIFO that nobody reads holds the writer thread in write(2) once the
// pipe's buffer is full, so the queue fills deterministically.
class StuckWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fifo_ = dir_ / "fifo";
    ASSERT_EQ(::mkfifo(fifo_.c_str(), 0600), 0);
    // Open the reading end first (without blocking), so that the writer's
    // open does not wait for a reader.
    reader_ = ::open(fifo_.c_str(), O_RDONLY | O_NONBLOCK);
    ASSERT_GE(reader_, 0);
  }
  void TearDown() override {
    if (reader_ >= 0) ::close(reader_);
  }
  // Reads everything the writer sends until it closes its end.
  std::string Drain() {
    const int flags = ::fcntl(reader_, F_GETFL);
    ::fcntl(reader_, F_SETFL, flags & ~O_NONBLOCK);
    std::string text;
    char buffer[65536];
    for (;;) {
      const ssize_t n = ::read(reader_, buffer, sizeof buffer);
      if (n <= 0) break;
      text.append(buffer, n);
    }
    return text;
  }

  TempDir dir_;
  std::string fifo_;
  int reader_ = -1;
};

TEST_F(StuckWriterTest, DropModeCountsAndLogsEveryDropAndDropsNothingElse) {
  std::atomic<int64_t> dropped{0};
  std::vector<std::string> logged;
  absl::Mutex logged_mu;
  SetLogSinkForTesting([&](absl::string_view line) {
    absl::MutexLock lock(&logged_mu);
    logged.emplace_back(line);
  });
  LogWriterOptions options;
  options.name = "test_log";
  options.path = fifo_;
  options.queue_lines = 2;
  options.drop_when_full = true;
  options.on_dropped = [&](int64_t n) { dropped += n; };
  auto writer = OpenOrDie(options);
  ASSERT_NE(writer, nullptr);
  const std::string big(8000, 'x');
  Outcomes outcomes;
  int appended = 0;
  // Appends until some are dropped: the pipe holds 64 KiB, so the writer
  // gets stuck after a few lines and the queue of 2 fills.
  while (dropped.load() < 5 && appended < 10000) {
    const std::string line = absl::StrCat(appended, ":", big);
    writer->Append(line, outcomes.For(line));
    ++appended;
  }
  ASSERT_GE(dropped.load(), 5);
  std::string received;
  std::thread reader([&] { received = Drain(); });
  writer->Close();
  reader.join();
  SetLogSinkForTesting(nullptr);
  // Every line is either in the FIFO or counted as dropped.
  EXPECT_EQ(static_cast<int64_t>(Lines(received).size()) + dropped.load(),
            appended);
  int64_t logged_drops = 0;
  for (const std::string& line : logged) {
    if (line.find("\"event\":\"test_log_dropped\"") == std::string::npos) {
      continue;
    }
    const size_t at = line.find("\"dropped\":");
    ASSERT_NE(at, std::string::npos) << line;
    logged_drops += std::stoll(line.substr(at + 10));
  }
  EXPECT_EQ(logged_drops, dropped.load()) << "every drop is logged";
}

TEST_F(StuckWriterTest, WaitModeHoldsTheCallerBackAndLosesNothing) {
  LogWriterOptions options;
  options.name = "test_log";
  options.path = fifo_;
  options.queue_lines = 2;
  auto writer = OpenOrDie(options);
  ASSERT_NE(writer, nullptr);
  std::atomic<int> appended{0};
  const std::string big(8000, 'x');
  std::thread appender([&] {
    for (int i = 0; i < 40; ++i) {  // 320 KB: far more than the pipe holds.
      writer->Append(absl::StrCat(i, ":", big), nullptr);
      ++appended;
    }
  });
  // The appender is held back: it cannot get far past what the pipe and the
  // queue hold until the FIFO is read.
  std::string received;
  std::thread reader([&] { received = Drain(); });
  appender.join();
  writer->Close();
  reader.join();
  EXPECT_EQ(appended.load(), 40);
  EXPECT_EQ(Lines(received).size(), 40u);
}

TEST(LogWriter, RefusesBadOptions) {
  LogWriterOptions options;
  options.name = "test_log";
  EXPECT_EQ(LogWriter::Open(options).status().code(),
            absl::StatusCode::kInvalidArgument);
  options.path = "/no/such/folder/log";
  EXPECT_EQ(LogWriter::Open(options).status().code(),
            absl::StatusCode::kUnavailable);
  TempDir dir;
  options.path = dir / "log";
  options.max_bytes = 100;
  options.max_files = 0;
  EXPECT_EQ(LogWriter::Open(options).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace scorecard::service
