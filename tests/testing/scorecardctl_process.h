// Running the built scorecardctl as its users do, for the client's suites.
//
//   ProcessResult r = Scorecardctl({"validate", "--rules", kBundledRules,
//   seed}); EXPECT_EQ(r.exit_status, 0) << r.err;
//
// Tests never depend on the environment they run in: $SCORECARD_RULES is
// cleared unless `environment` sets it.
//
// Thread-safety: as RunProcess.

#ifndef SCORECARD_TESTS_TESTING_SCORECARDCTL_PROCESS_H_
#define SCORECARD_TESTS_TESTING_SCORECARDCTL_PROCESS_H_

#include <map>
#include <string>
#include <vector>

#include "tests/testing/process.h"

namespace scorecard::testing {

// The built scorecardctl.
inline constexpr char kScorecardctl[] =
    SCORECARD_BINARY_DIR "/client/scorecardctl";

// Runs scorecardctl with `args`, feeding it `input`, with the environment
// changed by `environment` (as RunProcess does).
ProcessResult Scorecardctl(std::vector<std::string> args,
                           const std::string& input = "",
                           std::map<std::string, std::string> environment = {});

// The test tools npm installs (tests/tools/package.json).
inline constexpr char kSarifMultitool[] =
    SCORECARD_SOURCE_DIR "/tests/tools/node_modules/.bin/sarif-multitool";
inline constexpr char kTapParser[] =
    SCORECARD_SOURCE_DIR "/tests/tools/node_modules/.bin/tap-parser";

}  // namespace scorecard::testing

#endif  // SCORECARD_TESTS_TESTING_SCORECARDCTL_PROCESS_H_
