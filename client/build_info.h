// What this build of scorecardctl says about itself: its version, and where
// its documentation is published (for links from SARIF rules and help).
// Both come from CMake: the project's version, and the cache variable
// SCORECARD_DOCS_URL (see docs/ci.md).

#ifndef SCORECARD_CLIENT_BUILD_INFO_H_
#define SCORECARD_CLIENT_BUILD_INFO_H_

namespace scorecard::client {

// "0.1.0".
inline constexpr char kScorecardctlVersion[] = SCORECARD_VERSION;

// The absolute URL of the docs/ folder, without a trailing slash.
inline constexpr char kDocsUrl[] = SCORECARD_DOCS_URL;

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_BUILD_INFO_H_
