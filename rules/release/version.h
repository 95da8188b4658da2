// The identity of this build, for --version and for logs:
//
//   std::cout << VersionLine("scorecardd");
//   // scorecardd 0.1.0 (commit 3f2a...c9)
//
// The version is project(VERSION) in the top CMakeLists.txt; the commit is
// the git commit the sources were built from (see rules/release/CMakeLists.txt).
// Thread-safety: constants; safe from any thread.

#ifndef SCORECARD_RELEASE_VERSION_H_
#define SCORECARD_RELEASE_VERSION_H_

#include <string>

#include "absl/strings/string_view.h"

namespace scorecard::release {

// Returns the project's version, e.g. "0.1.0".
absl::string_view Version();

// Returns the git commit of the build: 40 hex digits, followed by ", with
// uncommitted changes" when tracked files differed from it, or "unknown" for
// a build from sources without git (a tarball).
absl::string_view Commit();

// Returns the one line --version prints, newline included:
// "PROGRAM VERSION (commit COMMIT)\n".
std::string VersionLine(absl::string_view program);

namespace internal {
// Defined in the generated build_commit.cc.
extern const char kCommit[];
}  // namespace internal

}  // namespace scorecard::release

#endif  // SCORECARD_RELEASE_VERSION_H_
