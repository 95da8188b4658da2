// Structured error details, carried as absl::Status payloads from where an
// error is made to the one place that converts errors (grpc_status.h), which
// sends them as google.rpc.Status details in the grpc-status-details-bin
// trailer, as Google's APIs do (AIP-193).
//
//   return BadRequestError(kReasonTooManyEntries, "scorecard.entries",
//                          "scorecard.entries has 1200 entries; the limit is 1000",
//                          {{"limit", "1000"}});
//
// Each payload is the serialised google.rpc message stored under its type URL
// ("type.googleapis.com/google.rpc.BadRequest"), which is exactly what a
// google.protobuf.Any holds, so ToGrpcStatus() copies payloads into
// google.rpc.Status.details as they are. Every error made here carries an
// ErrorInfo whose `reason` is one of the stable kReason* strings below and
// whose `domain` is kErrorDomain; clients branch on the reason, never on the
// message. Field paths name request fields in the proto's own spelling
// ("scorecard.rule_set", "scorecard.entries[3].title"). Text from a caller
// appears only as rules::QuoteText gives it (valid UTF-8, bounded), so a
// detail stays small whatever the request holds.
//
// Thread-safety: pure functions, safe for concurrent use.

#ifndef SCORECARD_SERVICE_ERROR_DETAILS_H_
#define SCORECARD_SERVICE_ERROR_DETAILS_H_

#include <map>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/rpc/error_details.pb.h"

namespace scorecard::service {

// The ErrorInfo.domain of every error the service makes.
inline constexpr char kErrorDomain[] = "scorecard.v1";

// ErrorInfo.reason values. Stable: clients may depend on them
// (docs/service.md lists each with its code).
// The request carried no scorecard.
inline constexpr char kReasonMissingScorecard[] = "MISSING_SCORECARD";
// The scorecard names no rule set.
inline constexpr char kReasonMissingRuleSet[] = "MISSING_RULE_SET";
// The locale is neither "en" nor "th".
inline constexpr char kReasonUnknownLocale[] = "UNKNOWN_LOCALE";
// The scorecard has more entries than the server's limit.
inline constexpr char kReasonTooManyEntries[] = "TOO_MANY_ENTRIES";
// A BatchValidateScorecards request or a ValidateDocument document without
// any scorecard.
inline constexpr char kReasonNoScorecards[] = "NO_SCORECARDS";
// More scorecards in one call than the server's limit
// (--max_batch_scorecards).
inline constexpr char kReasonTooManyScorecards[] = "TOO_MANY_SCORECARDS";
// ValidateDocument without document bytes.
inline constexpr char kReasonMissingDocument[] = "MISSING_DOCUMENT";
// ValidateDocument's document cannot be read; ErrorInfo metadata "line" is
// the 1-based line at fault when the reader names one.
inline constexpr char kReasonUnreadableDocument[] = "UNREADABLE_DOCUMENT";
// ValidateDocument names no rule set and none can be chosen for a
// scorecard's fiscal year (FAILED_PRECONDITION).
inline constexpr char kReasonRuleSetNotChosen[] = "RULE_SET_NOT_CHOSEN";
// GetRuleSet without an id.
inline constexpr char kReasonMissingRuleSetId[] = "MISSING_RULE_SET_ID";
// No rule set has the requested id (NOT_FOUND).
inline constexpr char kReasonUnknownRuleSet[] = "UNKNOWN_RULE_SET";
// The request bytes do not parse as the method's request message.
inline constexpr char kReasonMalformedRequest[] = "MALFORMED_REQUEST";
// The decision log could not record the verdict (UNAVAILABLE).
inline constexpr char kReasonDecisionLogUnavailable[] =
    "DECISION_LOG_UNAVAILABLE";

// The ResourceInfo.resource_type of a rule set.
inline constexpr char kRuleSetResourceType[] = "scorecard.v1.RuleSet";

// Returns the type URL under which a payload of the message type named
// `full_name` ("google.rpc.BadRequest") is stored:
// "type.googleapis.com/google.rpc.BadRequest".
std::string PayloadTypeUrl(absl::string_view full_name);

// Returns INVALID_ARGUMENT `message` with a BadRequest naming `field` (when
// not empty) with `message` as its description, and an ErrorInfo with
// `reason` and `metadata`.
absl::Status BadRequestError(absl::string_view reason, absl::string_view field,
                             absl::string_view message,
                             const std::map<std::string, std::string>&
                                 metadata = {});

// Returns NOT_FOUND `message` for the rule set `id`, named by the request
// field `field`: a ResourceInfo (type kRuleSetResourceType, name the id as
// rules::QuoteText gives it) and an ErrorInfo UNKNOWN_RULE_SET whose metadata
// holds the field and the quoted id.
absl::Status RuleSetNotFoundError(absl::string_view field, absl::string_view id,
                                  absl::string_view message);

// Returns `status` with an ErrorInfo payload of `reason` and `metadata`
// added (replacing an ErrorInfo it had). OK stays OK.
absl::Status WithErrorInfo(absl::Status status, absl::string_view reason,
                           const std::map<std::string, std::string>& metadata =
                               {});

// Returns the ErrorInfo.reason `status` carries; empty when none.
std::string ErrorReason(const absl::Status& status);

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_ERROR_DETAILS_H_
