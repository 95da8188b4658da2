// What each ScorecardService RPC does, independent of how gRPC delivers it.
//
// The handler turns one request into one response (or an error status) by
// looking things up in the rule store and calling the rules engine; it has no
// domain logic of its own and knows nothing of gRPC's threading models. The
// callback-API service (scorecard_service_impl.h) adapts it to gRPC; an
// async-completion-queue variant would adapt the same handler, so the two can
// be compared on equal terms.
//
//   ScorecardHandler handler(store.get(), ScorecardHandlerOptions());
//   absl::Status status = handler.ValidateScorecard(request, &response);
//
// Every unary call takes one snapshot of the rules (RuleStore::Snapshot())
// and uses it to the end, so a reload during the call never mixes rule
// versions. A ValidateScorecards stream takes one snapshot when it starts
// (RulesForStream()) and judges every request of the stream by it: a file
// sent over one stream is judged by one revision of the rules, however long
// the stream lasts. (So a stream holds the rules it started with in memory
// until it ends, even after a reload has replaced them.)
// BatchValidateScorecards and ValidateDocument take one snapshot per call,
// too: every scorecard of a batch or a document is judged by the same rules.
// They are all or nothing: when one scorecard cannot be judged, the call
// fails with its error, whose field path names it ("scorecards[3].rule_set";
// "document[3].entries" for a document's fourth scorecard), and nothing is
// returned. A document is read by rules::ReadScorecardDocument, the reader
// scorecardctl uses, under the request's document_name (quoted; "document"
// when empty); when the request names no rule set, each scorecard's is
// chosen as scorecardctl chooses (rules::ChooseRuleSet).
//
// A scorecard's content never fails a call: whatever is wrong with it is a
// violation in an OK response. A call fails only when the request cannot be
// judged at all:
//
//   INVALID_ARGUMENT  no scorecard; no scorecard.rule_set; an unknown locale;
//                     more entries than the limit; GetRuleSet without an id;
//                     no scorecards, or more than max_batch_scorecards, in a
//                     batch or a document; an unreadable document (a
//                     BadRequest on "document" and an ErrorInfo
//                     UNREADABLE_DOCUMENT whose metadata "line" is the line
//                     at fault, when the reader names one)
//   NOT_FOUND         no rule set with the requested id
//   FAILED_PRECONDITION  ValidateDocument without a rule set when none can
//                     be chosen for a scorecard's fiscal year
//                     (RULE_SET_NOT_CHOSEN)
//
// What it tells callers of where rules come from is file names, never paths
// (public_paths.h): a rule set's source is its file's name, and a refused
// reload's reasons have the rules path taken out.
//
// Each error carries structured details (error_details.h): a BadRequest
// naming the request field at fault, or a ResourceInfo for the rule set not
// found, and an ErrorInfo with a stable reason. Each error message names the
// request field at fault, and quotes the caller's text only through
// rules::QuoteText (valid UTF-8, at most 80 characters), so that an error is
// never larger than a few hundred bytes whatever the request holds.
//
// Thread-safety: all methods are const and safe for concurrent use without
// external locking. The store must outlive the handler.

#ifndef SCORECARD_SERVICE_SCORECARD_HANDLER_H_
#define SCORECARD_SERVICE_SCORECARD_HANDLER_H_

#include <memory>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "rules/document_reader.h"
#include "rules/rule_set_index.h"
#include "scorecard/v1/scorecard_service.pb.h"
#include "service/rule_store.h"

namespace scorecard::service {

struct ScorecardHandlerOptions {
  // The most entries a scorecard may have; more is INVALID_ARGUMENT. Must be
  // positive. Default 1000.
  int max_entries = 1000;
  // The most scorecards one BatchValidateScorecards call or one
  // ValidateDocument document may hold; more is INVALID_ARGUMENT. Must be
  // positive. Default 100.
  int max_batch_scorecards = 100;
};

class ScorecardHandler final {
 public:
  // `store` is not owned and must outlive the handler.
  ScorecardHandler(const RuleStore* store, ScorecardHandlerOptions options);

  ScorecardHandler(const ScorecardHandler&) = delete;
  ScorecardHandler& operator=(const ScorecardHandler&) = delete;

  // Validates the request's scorecard into response->result.
  absl::Status ValidateScorecard(
      const scorecard::v1::ValidateScorecardRequest& request,
      scorecard::v1::ValidateScorecardResponse* response) const;

  // Returns the rules a ValidateScorecards stream is judged by: the current
  // snapshot, which the stream keeps to its end.
  std::shared_ptr<const rules::RuleSetIndex> RulesForStream() const;

  // Validates one request of a ValidateScorecards stream by `rules` (the
  // stream's RulesForStream()) into response->result and copies its
  // correlation id.
  absl::Status ValidateStreamed(
      const rules::RuleSetIndex& rules,
      const scorecard::v1::ValidateScorecardsRequest& request,
      scorecard::v1::ValidateScorecardsResponse* response) const;

  // Validates every scorecard of the batch, by one snapshot of the rules,
  // into response->verdicts (results only: decision ids are the caller's).
  absl::Status BatchValidateScorecards(
      const scorecard::v1::BatchValidateScorecardsRequest& request,
      scorecard::v1::BatchValidateScorecardsResponse* response) const;

  // Reads the request's document into `*document`, sets each scorecard's
  // rule_set to the rule set that judges it, and validates them, by one
  // snapshot of the rules, into response->verdicts (results only) and
  // response->fiscal_year. `document->scorecards[i].scorecard` is what
  // verdict i judged.
  absl::Status ValidateDocument(
      const scorecard::v1::ValidateDocumentRequest& request,
      rules::ScorecardDocument* document,
      scorecard::v1::ValidateDocumentResponse* response) const;

  // Lists every rule set held and the last refused reload, if any.
  absl::Status ListRuleSets(const scorecard::v1::ListRuleSetsRequest& request,
                            scorecard::v1::ListRuleSetsResponse* response) const;

  // Returns one rule set in full.
  absl::Status GetRuleSet(const scorecard::v1::GetRuleSetRequest& request,
                          scorecard::v1::GetRuleSetResponse* response) const;

 private:
  // INVALID_ARGUMENT when `count` scorecards (in `field`) are none or over
  // the limit.
  absl::Status CheckScorecardCount(absl::string_view field, int count) const;

  // Sets the rule_set of each of `document`'s scorecards to the one that
  // judges it: `rule_set` when not empty, else the scorecard's own, else the
  // one chosen for its fiscal year among `rules`.
  absl::Status ChooseRuleSets(const rules::RuleSetIndex& rules,
                              absl::string_view rule_set,
                              rules::ScorecardDocument* document) const;

  // Checks the request and validates `scorecard` (null when the request has
  // none) by `rules` into `*result`, in `view`. `field` is the request field
  // that holds the scorecard ("scorecard", "scorecards[3]"), for errors.
  absl::Status Validate(const rules::RuleSetIndex& rules,
                        absl::string_view field,
                        const scorecard::v1::Scorecard* scorecard,
                        absl::string_view locale,
                        scorecard::v1::ResultView view,
                        scorecard::v1::ValidationResult* result) const;

  const RuleStore* const store_;
  const ScorecardHandlerOptions options_;
};

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_SCORECARD_HANDLER_H_
