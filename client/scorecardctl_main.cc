// scorecardctl: see client/scorecardctl.h.

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "client/scorecardctl.h"
#include "rules/release/install_layout.h"
#include "rules/release/version.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 1 && args[0] == "--version") {
    std::cout << scorecard::release::VersionLine("scorecardctl");
    return scorecard::client::kExitValid;
  }
  const char* rules = std::getenv("SCORECARD_RULES");
  scorecard::client::ScorecardctlOptions options;
  options.installed_rules_path = scorecard::release::BundledRulesPath();
  options.rules_from_environment = rules != nullptr ? rules : "";
  return scorecard::client::RunScorecardctl(args, options, std::cout,
                                            std::cerr);
}
