#include "service/scorecard_handler.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "rules/document_reader.h"
#include "rules/rule_set.h"
#include "rules/rule_set_choice.h"
#include "rules/rule_set_index.h"
#include "rules/status_macros.h"
#include "rules/utf8.h"
#include "rules/violation_messages.h"
#include "service/error_details.h"
#include "service/public_paths.h"

namespace scorecard::service {
namespace {

namespace v1 = ::scorecard::v1;

// How many rule set ids a NOT_FOUND message lists at most.
constexpr size_t kMaxListedIds = 20;

// Names the rule sets held, for a NOT_FOUND message: the first
// kMaxListedIds, then how many more there are.
std::string LoadedIds(const rules::RuleSetIndex& index) {
  const auto& rule_sets = index.rule_sets();
  if (rule_sets.empty()) return "none";
  std::vector<std::string> ids;
  for (size_t i = 0; i < rule_sets.size() && i < kMaxListedIds; ++i) {
    ids.push_back(rules::QuoteText(rule_sets[i]->id()));
  }
  std::string listed = absl::StrJoin(ids, ", ");
  if (rule_sets.size() > kMaxListedIds) {
    absl::StrAppend(&listed, " and ", rule_sets.size() - kMaxListedIds,
                    " more");
  }
  return listed;
}

// The NOT_FOUND error for a rule set id that `index` does not hold; `field`
// is the request field that named it.
absl::Status RuleSetNotFound(absl::string_view field, absl::string_view id,
                             const rules::RuleSetIndex& index) {
  return RuleSetNotFoundError(
      field, id,
      absl::StrCat(field, ": no rule set \"", rules::QuoteText(id),
                   "\"; loaded: ", LoadedIds(index)));
}

}  // namespace

ScorecardHandler::ScorecardHandler(const RuleStore* store,
                                   ScorecardHandlerOptions options)
    : store_(store), options_(options) {}

absl::Status ScorecardHandler::ValidateScorecard(
    const v1::ValidateScorecardRequest& request,
    v1::ValidateScorecardResponse* response) const {
  return Validate(*store_->Snapshot(), "scorecard",
                  request.has_scorecard() ? &request.scorecard() : nullptr,
                  request.locale(), request.view(), response->mutable_result());
}

std::shared_ptr<const rules::RuleSetIndex> ScorecardHandler::RulesForStream()
    const {
  return store_->Snapshot();
}

absl::Status ScorecardHandler::ValidateStreamed(
    const rules::RuleSetIndex& rules,
    const v1::ValidateScorecardsRequest& request,
    v1::ValidateScorecardsResponse* response) const {
  response->set_correlation_id(request.correlation_id());
  return Validate(rules, "scorecard",
                  request.has_scorecard() ? &request.scorecard() : nullptr,
                  request.locale(), request.view(), response->mutable_result());
}

absl::Status ScorecardHandler::BatchValidateScorecards(
    const v1::BatchValidateScorecardsRequest& request,
    v1::BatchValidateScorecardsResponse* response) const {
  SCORECARD_RETURN_IF_ERROR(
      CheckScorecardCount("scorecards", request.scorecards_size()));
  const std::shared_ptr<const rules::RuleSetIndex> rules = store_->Snapshot();
  response->mutable_verdicts()->Reserve(request.scorecards_size());
  for (int i = 0; i < request.scorecards_size(); ++i) {
    SCORECARD_RETURN_IF_ERROR(Validate(
        *rules, absl::StrCat("scorecards[", i, "]"), &request.scorecards(i),
        request.locale(), request.view(),
        response->add_verdicts()->mutable_result()));
  }
  return absl::OkStatus();
}

absl::Status ScorecardHandler::ValidateDocument(
    const v1::ValidateDocumentRequest& request,
    rules::ScorecardDocument* document,
    v1::ValidateDocumentResponse* response) const {
  if (request.document().empty()) {
    return BadRequestError(kReasonMissingDocument, "document",
                           "document is required");
  }
  const std::string name = request.document_name().empty()
                               ? std::string("document")
                               : rules::QuoteText(request.document_name());
  absl::StatusOr<rules::ScorecardDocument> read =
      rules::ReadScorecardDocument(request.document(), name);
  if (!read.ok()) {
    std::map<std::string, std::string> where;
    if (const int line = rules::ErrorLine(read.status().message(), name);
        line > 0) {
      where["line"] = absl::StrCat(line);
    }
    return BadRequestError(kReasonUnreadableDocument, "document",
                           read.status().message(), where);
  }
  *document = *std::move(read);
  SCORECARD_RETURN_IF_ERROR(CheckScorecardCount(
      "document", static_cast<int>(document->scorecards.size())));
  const std::shared_ptr<const rules::RuleSetIndex> rules = store_->Snapshot();
  SCORECARD_RETURN_IF_ERROR(ChooseRuleSets(*rules, request.rule_set(), document));
  response->set_fiscal_year(document->fiscal_year);
  response->mutable_verdicts()->Reserve(
      static_cast<int>(document->scorecards.size()));
  for (size_t i = 0; i < document->scorecards.size(); ++i) {
    SCORECARD_RETURN_IF_ERROR(Validate(
        *rules, absl::StrCat("document[", i, "]"),
        &document->scorecards[i].scorecard, request.locale(), request.view(),
        response->add_verdicts()->mutable_result()));
  }
  return absl::OkStatus();
}

absl::Status ScorecardHandler::CheckScorecardCount(absl::string_view field,
                                                   int count) const {
  if (count == 0) {
    return BadRequestError(kReasonNoScorecards, field,
                           absl::StrCat(field, " holds no scorecard"));
  }
  if (count > options_.max_batch_scorecards) {
    return BadRequestError(
        kReasonTooManyScorecards, field,
        absl::StrCat(field, " has ", count, " scorecards; the limit is ",
                     options_.max_batch_scorecards, " per call"),
        {{"scorecards", absl::StrCat(count)},
         {"limit", absl::StrCat(options_.max_batch_scorecards)}});
  }
  return absl::OkStatus();
}

absl::Status ScorecardHandler::ChooseRuleSets(
    const rules::RuleSetIndex& rules, absl::string_view rule_set,
    rules::ScorecardDocument* document) const {
  std::vector<rules::RuleSetCandidate> candidates;
  const auto choose = [&](int fiscal_year) -> absl::StatusOr<std::string> {
    if (candidates.empty()) {
      for (const auto& held : rules.rule_sets()) {
        candidates.push_back({held->id(), held->fiscal_year()});
      }
    }
    return rules::ChooseRuleSet(candidates, rule_set, fiscal_year);
  };
  if (!rule_set.empty()) {
    if (rules.Find(rule_set) == nullptr) {
      // ChooseRuleSet's words, which scorecardctl prints offline too.
      absl::StatusOr<std::string> refused = choose(0);
      if (!refused.ok()) {
        return RuleSetNotFoundError("rule_set", rule_set,
                                    refused.status().message());
      }
    }
    for (rules::DocumentScorecard& item : document->scorecards) {
      item.scorecard.set_rule_set(std::string(rule_set));
    }
    return absl::OkStatus();
  }
  absl::flat_hash_map<int, std::string> chosen_by_year;
  for (size_t i = 0; i < document->scorecards.size(); ++i) {
    rules::DocumentScorecard& item = document->scorecards[i];
    if (!item.scorecard.rule_set().empty()) continue;  // Its own (JSON).
    const int year =
        item.fiscal_year != 0 ? item.fiscal_year : document->fiscal_year;
    auto it = chosen_by_year.find(year);
    if (it == chosen_by_year.end()) {
      absl::StatusOr<std::string> id = choose(year);
      if (!id.ok()) {
        return WithErrorInfo(
            id.status(), kReasonRuleSetNotChosen,
            {{"field", absl::StrCat("document[", i, "]")},
             {"fiscal_year", absl::StrCat(year)}});
      }
      it = chosen_by_year.emplace(year, *std::move(id)).first;
    }
    item.scorecard.set_rule_set(it->second);
  }
  return absl::OkStatus();
}

// Cheap checks on the request come first; the rules are looked at last.
absl::Status ScorecardHandler::Validate(const rules::RuleSetIndex& rules,
                                        absl::string_view field,
                                        const v1::Scorecard* scorecard,
                                        absl::string_view locale,
                                        v1::ResultView view,
                                        v1::ValidationResult* result) const {
  if (scorecard == nullptr) {
    return BadRequestError(kReasonMissingScorecard, field,
                           absl::StrCat(field, " is required"));
  }
  if (scorecard->rule_set().empty()) {
    const std::string rule_set_field = absl::StrCat(field, ".rule_set");
    return BadRequestError(kReasonMissingRuleSet, rule_set_field,
                           absl::StrCat(rule_set_field, " is required"));
  }
  absl::StatusOr<rules::Locale> parsed_locale = rules::ParseLocale(locale);
  if (!parsed_locale.ok()) {
    // Not the engine's message: that one quotes the locale whole.
    return BadRequestError(
        kReasonUnknownLocale, "locale",
        absl::StrCat("locale: unknown locale \"", rules::QuoteText(locale),
                     "\": use \"en\" (English) or \"th\" (Thai)"));
  }
  if (scorecard->entries_size() > options_.max_entries) {
    const std::string entries_field = absl::StrCat(field, ".entries");
    return BadRequestError(
        kReasonTooManyEntries, entries_field,
        absl::StrCat(entries_field, " has ", scorecard->entries_size(),
                     " entries; the limit is ", options_.max_entries),
        {{"entries", absl::StrCat(scorecard->entries_size())},
         {"limit", absl::StrCat(options_.max_entries)}});
  }
  const rules::RuleSet* rule_set = rules.Find(scorecard->rule_set());
  if (rule_set == nullptr) {
    return RuleSetNotFound(absl::StrCat(field, ".rule_set"),
                           scorecard->rule_set(), rules);
  }
  rules::ValidateOptions options;
  options.locale = *parsed_locale;
  options.breakdown = view != v1::RESULT_VIEW_BASIC;
  rule_set->Validate(*scorecard, options, result);
  return absl::OkStatus();
}

absl::Status ScorecardHandler::ListRuleSets(
    const v1::ListRuleSetsRequest& request,
    v1::ListRuleSetsResponse* response) const {
  const RuleStore::State state = store_->state();
  for (const auto& rule_set : state.rules->rule_sets()) {
    v1::RuleSetSummary* summary = response->add_rule_sets();
    summary->set_id(rule_set->id());
    summary->set_title(rule_set->config().title());
    summary->set_fiscal_year(rule_set->fiscal_year());
    summary->set_revision(rule_set->revision());
    summary->set_unit_count(static_cast<int32_t>(rule_set->units().size()));
    // File names, not paths: public_paths.h.
    summary->set_source(FileName(rule_set->source()));
  }
  if (state.last_refused_reload.has_value()) {
    v1::RefusedReload* refused = response->mutable_last_refused_reload();
    refused->set_attempted_at_unix_seconds(
        absl::ToUnixSeconds(state.last_refused_reload->attempted_at));
    const std::string rules_path = store_->source_description();
    for (const std::string& reason : state.last_refused_reload->reasons) {
      refused->add_reasons(HideRulesPath(reason, rules_path));
    }
  }
  return absl::OkStatus();
}

absl::Status ScorecardHandler::GetRuleSet(
    const v1::GetRuleSetRequest& request,
    v1::GetRuleSetResponse* response) const {
  if (request.id().empty()) {
    return BadRequestError(kReasonMissingRuleSetId, "id", "id is required");
  }
  const std::shared_ptr<const rules::RuleSetIndex> snapshot =
      store_->Snapshot();
  const rules::RuleSet* rule_set = snapshot->Find(request.id());
  if (rule_set == nullptr) {
    return RuleSetNotFound("id", request.id(), *snapshot);
  }
  *response->mutable_rule_set() = rule_set->config();
  response->set_revision(rule_set->revision());
  response->set_source(FileName(rule_set->source()));
  return absl::OkStatus();
}

}  // namespace scorecard::service
