// scorecardctl's network side: validates over a scorecardd server's
// ValidateScorecards stream, and lists and shows the server's rule sets.

#ifndef SCORECARD_CLIENT_REMOTE_VALIDATOR_H_
#define SCORECARD_CLIENT_REMOTE_VALIDATOR_H_

#include <memory>
#include <ostream>
#include <string>

#include "absl/status/statusor.h"
#include "client/scorecard_validator.h"

namespace scorecard::client {

// Connects to the scorecardd at `address` ("HOST:PORT"), waiting a few
// seconds at most. Fails with UNAVAILABLE, naming the address, when the server
// cannot be reached.
absl::StatusOr<std::unique_ptr<ScorecardValidator>> ConnectRemoteValidator(
    const std::string& address);

// Prints the server's rule sets, one per line, and its last refused reload.
// Returns scorecardctl's exit status.
int ListRemoteRuleSets(const std::string& address, std::ostream& out,
                       std::ostream& err);

// Prints one rule set of the server as JSON. Returns the exit status.
int ShowRemoteRuleSet(const std::string& address, const std::string& id,
                      std::ostream& out, std::ostream& err);

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_REMOTE_VALIDATOR_H_
