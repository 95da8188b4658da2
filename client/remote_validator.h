// scorecardctl's network side: a connection to a scorecardd server that
// validates a file with one ValidateDocument call (or scorecards over its
// ValidateScorecards stream) and fetches its rule sets.
// A transport only: it returns what the server answered, and the commands
// decide what to print.
//
//   absl::StatusOr<std::unique_ptr<RemoteValidator>> server =
//       RemoteValidator::Connect(ServerConnection{"localhost:50051"});
//   absl::StatusOr<v1::ListRuleSetsResponse> listed = (*server)->ListRuleSets();
//
// Errors name the server ("scorecardd at HOST:PORT: ...") and carry the
// status the server finished the call with. Every call has a deadline of 60 s.
//
// Thread-safety: as ScorecardValidator.

#ifndef SCORECARD_CLIENT_REMOTE_VALIDATOR_H_
#define SCORECARD_CLIENT_REMOTE_VALIDATOR_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "client/scorecard_validator.h"
#include "client/server_connection.h"
#include "scorecard/v1/scorecard_service.pb.h"

namespace grpc {
class ByteBuffer;
class Channel;
}  // namespace grpc

namespace scorecard::client {

class RemoteValidator final : public ScorecardValidator {
 public:
  // Connects to the scorecardd `connection` names (ConnectToServer: plaintext
  // or TLS), waiting a few seconds at most. Fails with UNAVAILABLE, naming
  // the address, when the server cannot be reached.
  static absl::StatusOr<std::unique_ptr<RemoteValidator>> Connect(
      const ServerConnection& connection);

  ~RemoteValidator() override;

  // The server's rule sets, from ListRuleSets.
  absl::StatusOr<std::vector<rules::RuleSetCandidate>> RuleSets() override;

  // Sends every scorecard over one ValidateScorecards stream (so one
  // revision of the server's rules judges them all). When the server ends
  // the stream before every scorecard is answered, the error is the status
  // it ended the stream with; when a response cannot be read, the call is
  // cancelled at once and the error says which response.
  absl::StatusOr<std::vector<scorecard::v1::ValidationResult>> ValidateAll(
      const std::vector<scorecard::v1::Scorecard>& scorecards,
      rules::Locale locale) override;

  // Validates the document `content`, the bytes of the file `source`, with
  // one ValidateDocument call: the server reads it (with the reader
  // scorecardctl uses offline) and judges each scorecard by `rule_set`, or,
  // when empty, by the rule set it chooses for the scorecard's fiscal year as
  // RuleSetAssignment does. Returns one result per scorecard, in document
  // order. The errors say what scorecardctl says offline:
  //   an unreadable document  INVALID_ARGUMENT, the reader's message for
  //                           `source` ("SOURCE:LINE: ...", as
  //                           rules::ReadScorecardDocument words it)
  //   no rule set chosen      RuleSetChoiceError(source, ChooseRuleSet's)
  //   over the server's limits for one call (more scorecards than its
  //                           --max_batch_scorecards, a request or response
  //                           larger than its message limits):
  //                           RESOURCE_EXHAUSTED; the scorecards can be
  //                           sent over ValidateAll's stream instead
  //   anything else           "SOURCE: scorecardd at HOST:PORT: ..."
  absl::StatusOr<std::vector<scorecard::v1::ValidationResult>>
  ValidateDocument(const std::string& content, const std::string& source,
                   const std::string& rule_set, rules::Locale locale);

  // Calls ListRuleSets.
  absl::StatusOr<scorecard::v1::ListRuleSetsResponse> ListRuleSets();

  // Calls GetRuleSet for `id`.
  absl::StatusOr<scorecard::v1::GetRuleSetResponse> GetRuleSet(
      const std::string& id);

 private:
  RemoteValidator(std::string address, std::shared_ptr<grpc::Channel> channel);

  // Parses one response of the stream and appends its result to `results`;
  // DATA_LOSS when it does not parse, INTERNAL when it answers out of order.
  absl::Status ReadAnswer(
      const grpc::ByteBuffer& bytes,
      std::vector<scorecard::v1::ValidationResult>& results) const;

  const std::string address_;
  const std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_REMOTE_VALIDATOR_H_
