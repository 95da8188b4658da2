// scorecardctl: validates scorecard documents and checks rule files, offline
// with the rules engine in this process or over the network with --server.
//
//   scorecardctl validate [--rules PATH] [--rule-set ID] [--format text|json]
//                         [--lang en|th] [--server HOST:PORT] FILE...
//   scorecardctl rules check PATH
//   scorecardctl rules list --server HOST:PORT
//   scorecardctl rules show ID --server HOST:PORT
//
// Exit status: 0 when every scorecard is valid (warnings allowed), 1 when at
// least one is invalid (or, for "rules check", a rule file has problems), 2
// for a usage error, an input that cannot be read or holds no scorecard, or an
// unreachable server.

#ifndef SCORECARD_CLIENT_SCORECARDCTL_H_
#define SCORECARD_CLIENT_SCORECARDCTL_H_

#include <istream>
#include <ostream>
#include <string>
#include <vector>

namespace scorecard::client {

// Exit statuses.
inline constexpr int kExitValid = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitUsage = 2;

// Where scorecardctl reads and writes, and what it falls back on.
struct ScorecardctlOptions {
  // The rules path when neither --rules nor $SCORECARD_RULES gives one.
  std::string installed_rules_path;
  // $SCORECARD_RULES, or empty.
  std::string rules_from_environment;
};

// Runs scorecardctl with `args` (without the program name) and returns the
// exit status. Reports go to `out`, errors to `err`.
int RunScorecardctl(const std::vector<std::string>& args,
                    const ScorecardctlOptions& options, std::ostream& out,
                    std::ostream& err);

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_SCORECARDCTL_H_
