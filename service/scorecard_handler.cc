#include "service/scorecard_handler.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "rules/rule_set.h"
#include "rules/rule_set_index.h"
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
  return Validate(*store_->Snapshot(),
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
  return Validate(rules,
                  request.has_scorecard() ? &request.scorecard() : nullptr,
                  request.locale(), request.view(), response->mutable_result());
}

// Cheap checks on the request come first; the rules are looked at last.
absl::Status ScorecardHandler::Validate(const rules::RuleSetIndex& rules,
                                        const v1::Scorecard* scorecard,
                                        absl::string_view locale,
                                        v1::ResultView view,
                                        v1::ValidationResult* result) const {
  if (scorecard == nullptr) {
    return BadRequestError(kReasonMissingScorecard, "scorecard",
                           "scorecard is required");
  }
  if (scorecard->rule_set().empty()) {
    return BadRequestError(kReasonMissingRuleSet, "scorecard.rule_set",
                           "scorecard.rule_set is required");
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
    return BadRequestError(
        kReasonTooManyEntries, "scorecard.entries",
        absl::StrCat("scorecard.entries has ", scorecard->entries_size(),
                     " entries; the limit is ", options_.max_entries),
        {{"entries", absl::StrCat(scorecard->entries_size())},
         {"limit", absl::StrCat(options_.max_entries)}});
  }
  const rules::RuleSet* rule_set = rules.Find(scorecard->rule_set());
  if (rule_set == nullptr) {
    return RuleSetNotFound("scorecard.rule_set", scorecard->rule_set(), rules);
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
