#include "tests/testing/scorecardctl_process.h"

namespace scorecard::testing {

ProcessResult Scorecardctl(std::vector<std::string> args,
                           const std::string& input,
                           std::map<std::string, std::string> environment) {
  args.insert(args.begin(), kScorecardctl);
  environment.emplace("SCORECARD_RULES", "");
  return RunProcess(args, input, environment);
}

}  // namespace scorecard::testing
