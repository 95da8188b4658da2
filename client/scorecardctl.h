// scorecardctl: validates scorecard documents, writes department reports,
// checks, tests and drafts rule files, offline with the rules engine in this
// process or over the network with --server. The commands and their flags
// are in client/commands.cc; `scorecardctl --help` lists them and
// `scorecardctl COMMAND --help` explains one.
//
// Exit status: 0 when every scorecard is valid (warnings allowed, unless
// --fail-on warning), 1 when at least one is invalid (or, for the rules
// commands, a rule file, test or draft has problems), 2 for a usage error,
// an input that cannot be read or holds no scorecard, or an unreachable
// server.

#ifndef SCORECARD_CLIENT_SCORECARDCTL_H_
#define SCORECARD_CLIENT_SCORECARDCTL_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"

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

// Returns OK when `args` (without the program name) name a command and
// every flag given is one it takes, with a value it accepts; else
// INVALID_ARGUMENT saying what is wrong. Runs nothing: for checking command
// lines written elsewhere, such as the example CI pipelines.
absl::Status CheckCommandLine(const std::vector<std::string>& args);

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_SCORECARDCTL_H_
