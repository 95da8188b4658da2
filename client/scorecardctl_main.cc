// scorecardctl: see client/scorecardctl.h.

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "client/scorecardctl.h"
#include "rules/release/install_layout.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  const char* rules = std::getenv("SCORECARD_RULES");
  scorecard::client::ScorecardctlOptions options;
  options.installed_rules_path = scorecard::release::BundledRulesPath();
  options.rules_from_environment = rules != nullptr ? rules : "";
  return scorecard::client::RunScorecardctl(args, options, std::cout,
                                            std::cerr);
}
