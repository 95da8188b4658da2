#include "rules/text_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "rules/utf8.h"

namespace scorecard::rules {
namespace {

constexpr absl::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

std::string ErrnoMessage(int error) {
  return std::generic_category().message(error);
}

std::string SizeText(size_t bytes) {
  return bytes >= (size_t{1} << 20) && bytes % (size_t{1} << 20) == 0
             ? absl::StrCat(bytes >> 20, " MiB")
             : absl::StrCat(bytes, " bytes");
}

absl::Status TooLarge(absl::string_view name, size_t max_bytes) {
  return absl::InvalidArgumentError(
      absl::StrCat(name, ": larger than ", SizeText(max_bytes), "; not read"));
}

// Reads from `fd` until its end or past `max_bytes`, straight into the
// result, sized first for `expected` bytes (a regular file's size, which
// may have changed since; a guess for a stream) and grown by doubling past
// it: a rule file of tens of MiB is read without a copy through a buffer.
absl::StatusOr<std::string> ReadAll(int fd, absl::string_view name,
                                    size_t expected, size_t max_bytes) {
  std::string content;
  // One byte more than expected, so that the end is seen without growing.
  content.resize(std::min(expected, max_bytes) + 1);
  size_t done = 0;
  while (true) {
    if (done == content.size()) {
      if (done > max_bytes) return TooLarge(name, max_bytes);
      content.resize(std::min(2 * content.size(), max_bytes + 1));
    }
    const ssize_t got = ::read(fd, content.data() + done, content.size() - done);
    if (got < 0) {
      if (errno == EINTR) continue;
      return absl::InvalidArgumentError(
          absl::StrCat(name, ": cannot read: ", ErrnoMessage(errno)));
    }
    if (got == 0) break;
    done += static_cast<size_t>(got);
  }
  if (done > max_bytes) return TooLarge(name, max_bytes);
  content.resize(done);
  return content;
}

}  // namespace

absl::StatusOr<std::string> ReadTextFile(const std::string& path,
                                         size_t max_bytes) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer. It is cleared
  // once the file is known to be regular.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    if (error == ENOENT || error == ENOTDIR) {
      return absl::NotFoundError(absl::StrCat(path, ": no such file"));
    }
    if (error == EACCES || error == EPERM) {
      return absl::PermissionDeniedError(
          absl::StrCat(path, ": cannot open: ", ErrnoMessage(error)));
    }
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": cannot open: ", ErrnoMessage(error)));
  }
  struct stat info;
  absl::StatusOr<std::string> content;
  if (::fstat(fd, &info) != 0) {
    content = absl::InvalidArgumentError(
        absl::StrCat(path, ": cannot read: ", ErrnoMessage(errno)));
  } else if (S_ISDIR(info.st_mode)) {
    content = absl::InvalidArgumentError(
        absl::StrCat(path, ": a folder, not a file"));
  } else if (!S_ISREG(info.st_mode)) {
    content = absl::InvalidArgumentError(absl::StrCat(
        path, ": not a regular file (a pipe, socket or device)"));
  } else if (static_cast<uint64_t>(info.st_size) > max_bytes) {
    content = TooLarge(path, max_bytes);
  } else {
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    content = ReadAll(fd, path, static_cast<size_t>(info.st_size), max_bytes);
  }
  ::close(fd);
  return content;
}

absl::StatusOr<std::string> ReadTextStream(std::FILE* stream,
                                           absl::string_view name,
                                           size_t max_bytes) {
  // What a pipe holds at once: a first guess, grown as the stream goes on.
  constexpr size_t kStreamGuess = size_t{1} << 16;
  return ReadAll(::fileno(stream), name, kStreamGuess, max_bytes);
}

absl::Status CheckUtf8Text(absl::string_view content, absl::string_view source,
                           absl::string_view what_they_are) {
  if (absl::StartsWith(content, "\xFF\xFE") ||
      absl::StartsWith(content, "\xFE\xFF")) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": UTF-16 text; ", what_they_are,
                     " are UTF-8 (save it as UTF-8)"));
  }
  if (const size_t nul = content.find('\0'); nul != absl::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        source, ":", LineAtOffset(content, nul),
        ": holds a NUL byte: a binary file, not text; ", what_they_are,
        " are UTF-8 text"));
  }
  if (IsValidUtf8(content)) return absl::OkStatus();
  // Find the first bad byte's line.
  for (size_t i = 0; i < content.size();) {
    const size_t start = i;
    if (DecodeUtf8(content, &i) < 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          source, ":", LineAtOffset(content, start),
          ": not UTF-8 text (a binary file, or another encoding such as "
          "TIS-620); ",
          what_they_are, " are UTF-8 (save it as UTF-8)"));
    }
  }
  return absl::OkStatus();
}

absl::string_view StripByteOrderMark(absl::string_view content) {
  if (absl::StartsWith(content, kUtf8ByteOrderMark)) {
    content.remove_prefix(kUtf8ByteOrderMark.size());
  }
  return content;
}

int LineAtOffset(absl::string_view content, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset && i < content.size(); ++i) {
    if (content[i] == '\n') {
      ++line;
    } else if (content[i] == '\r' &&
               (i + 1 >= content.size() || content[i + 1] != '\n')) {
      ++line;
    }
  }
  return line;
}

}  // namespace scorecard::rules
