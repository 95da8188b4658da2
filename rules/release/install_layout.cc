#include "rules/release/install_layout.h"

#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

#ifndef SCORECARD_RULES_INSTALL_DIR
#error "SCORECARD_RULES_INSTALL_DIR must be defined by the build"
#endif
#ifndef SCORECARD_RULES_FROM_BINDIR
#error "SCORECARD_RULES_FROM_BINDIR must be defined by the build"
#endif

namespace scorecard::release {
namespace {

// The folder holding this process's executable, or "" when /proc says not.
std::string ExecutableFolder() {
  char path[4096];
  const ssize_t length = readlink("/proc/self/exe", path, sizeof(path));
  if (length <= 0 || length == static_cast<ssize_t>(sizeof(path))) return "";
  const std::string executable(path, static_cast<size_t>(length));
  const size_t slash = executable.rfind('/');
  if (slash == std::string::npos) return "";
  return executable.substr(0, slash);
}

// Returns `relative` ("../share/scorecard/rules") taken from `folder`, with
// each leading "../" applied: "/opt/sc/bin" gives "/opt/sc/share/...".
std::string Resolve(std::string folder, absl::string_view relative) {
  while (absl::ConsumePrefix(&relative, "../")) {
    const size_t slash = folder.rfind('/');
    folder = slash == 0 || slash == std::string::npos ? "/"
                                                      : folder.substr(0, slash);
  }
  if (folder == "/") return absl::StrCat("/", relative);
  return absl::StrCat(folder, "/", relative);
}

bool IsFolder(const std::string& path) {
  struct stat status;
  return stat(path.c_str(), &status) == 0 && S_ISDIR(status.st_mode);
}

}  // namespace

std::string BundledRulesPath() {
  const std::string folder = ExecutableFolder();
  if (!folder.empty()) {
    const std::string beside = Resolve(folder, SCORECARD_RULES_FROM_BINDIR);
    if (IsFolder(beside)) return beside;
  }
  return SCORECARD_RULES_INSTALL_DIR;
}

}  // namespace scorecard::release
