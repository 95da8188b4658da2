// Where this build's documentation is published, for the links scorecardctl
// writes (SARIF rules' helpUri, the tool's informationUri): the CMake cache
// variable SCORECARD_DOCS_URL (see docs/ci.md). The version and commit are
// rules/release/version.h's.

#ifndef SCORECARD_CLIENT_BUILD_INFO_H_
#define SCORECARD_CLIENT_BUILD_INFO_H_

namespace scorecard::client {

// The absolute URL of the docs/ folder, without a trailing slash.
inline constexpr char kDocsUrl[] = SCORECARD_DOCS_URL;

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_BUILD_INFO_H_
