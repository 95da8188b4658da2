#include "tests/testing/temp_dir.h"

#include <stdlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "tests/testing/files.h"

namespace scorecard::testing {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void Die(absl::string_view what, absl::string_view path) {
  std::fprintf(stderr, "TempDir: cannot %.*s %.*s: %s\n",
               static_cast<int>(what.size()), what.data(),
               static_cast<int>(path.size()), path.data(),
               std::strerror(errno));
  std::abort();
}

}  // namespace

TempDir::TempDir(absl::string_view prefix) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = absl::StrCat(
      tmp != nullptr && tmp[0] != '\0' ? tmp : "/tmp", "/", prefix, "XXXXXX");
  if (::mkdtemp(pattern.data()) == nullptr) Die("make", pattern);
  path_ = std::move(pattern);
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

std::string TempDir::operator/(absl::string_view relative) const {
  return absl::StrCat(path_, "/", relative);
}

std::string TempDir::Write(absl::string_view relative,
                           absl::string_view content) const {
  const std::string path = *this / relative;
  std::error_code ignored;
  fs::create_directories(fs::path(path).parent_path(), ignored);
  if (!WriteFile(path, content)) Die("write", path);
  return path;
}

}  // namespace scorecard::testing
