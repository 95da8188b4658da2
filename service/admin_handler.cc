#include "service/admin_handler.h"

#include <memory>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "rules/problems.h"
#include "rules/release/version.h"
#include "rules/rule_set.h"
#include "rules/rule_set_loader.h"
#include "rules/utf8.h"

namespace scorecard::service {
namespace {

namespace admin = ::scorecard::admin::v1;

// The longest file name a CheckRuleSet request may give, in bytes (a file
// system's limit for one name).
constexpr size_t kMaxFileNameBytes = 255;

void SetTimestamp(absl::Time time, google::protobuf::Timestamp* timestamp) {
  const int64_t seconds = absl::ToUnixSeconds(time);
  timestamp->set_seconds(seconds);
  timestamp->set_nanos(static_cast<int32_t>(
      (time - absl::FromUnixSeconds(seconds)) / absl::Nanoseconds(1)));
}

template <typename RuleSets>
void AddServed(const rules::RuleSetIndex& index, RuleSets* served) {
  for (const auto& rule_set : index.rule_sets()) {
    admin::ServedRuleSet* entry = served->Add();
    entry->set_id(rule_set->id());
    entry->set_revision(rule_set->revision());
    // Paths come from the file system and need not be UTF-8.
    entry->set_source(rules::ToValidUtf8(rule_set->source()));
  }
}

// The format a CheckRuleSet request names, or nullopt.
std::optional<rules::RuleFileFormat> RequestedFormat(
    const admin::CheckRuleSetRequest& request, const std::string& file_name) {
  switch (request.format()) {
    case admin::RULE_FILE_FORMAT_YAML:
      return rules::RuleFileFormat::kYaml;
    case admin::RULE_FILE_FORMAT_JSON:
      return rules::RuleFileFormat::kJson;
    case admin::RULE_FILE_FORMAT_TEXT_PROTO:
      return rules::RuleFileFormat::kTextProto;
    default:
      return rules::RuleFileFormatForPath(file_name);
  }
}

}  // namespace

AdminHandler::AdminHandler(const RuleStore* store, AdminHandlerOptions options)
    : store_(store), options_(options) {}

void AdminHandler::DescribeReload(const absl::Status& reload,
                                  admin::ReloadRulesResponse* response) const {
  response->set_reloaded(reload.ok());
  AddServed(*store_->Snapshot(), response->mutable_rule_sets());
  for (const std::string& reason : rules::Problems(reload)) {
    response->add_refusal_reasons(rules::ToValidUtf8(reason));
  }
}

absl::Status AdminHandler::CheckRuleSet(
    const admin::CheckRuleSetRequest& request,
    admin::CheckRuleSetResponse* response) const {
  if (request.content().empty()) {
    return absl::InvalidArgumentError("content is required");
  }
  const std::string file_name =
      request.file_name().empty() ? "candidate" : request.file_name();
  if (file_name.size() > kMaxFileNameBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "file_name has more than ", kMaxFileNameBytes, " bytes"));
  }
  const std::optional<rules::RuleFileFormat> format =
      RequestedFormat(request, file_name);
  if (!format.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "format is required: file_name \"", rules::QuoteText(file_name),
        "\" names no rule file format (.yaml, .yml, .json, .textproto, "
        ".txtpb, .pbtxt)"));
  }
  // The two steps of a load, with the file's name as its source.
  absl::StatusOr<scorecard::v1::RuleSetConfig> parsed =
      rules::ParseRuleSetFile(request.content(), *format, file_name);
  absl::StatusOr<std::shared_ptr<const rules::RuleSet>> compiled =
      parsed.ok() ? rules::RuleSet::Compile(*std::move(parsed), file_name)
                  : parsed.status();
  if (!compiled.ok()) {
    response->set_sound(false);
    for (std::string& problem : rules::Problems(compiled.status())) {
      response->add_problems(std::move(problem));
    }
    return absl::OkStatus();
  }
  response->set_sound(true);
  response->set_id((*compiled)->id());
  response->set_revision((*compiled)->revision());
  response->set_unit_count(static_cast<int32_t>((*compiled)->units().size()));
  return absl::OkStatus();
}

absl::Status AdminHandler::GetServerStatus(
    const admin::GetServerStatusRequest& request,
    admin::GetServerStatusResponse* response) const {
  const RuleStore::State state = store_->state();
  response->set_version(std::string(release::Version()));
  SetTimestamp(options_.start_time, response->mutable_start_time());
  response->set_rules_path(rules::ToValidUtf8(store_->source_description()));
  AddServed(*state.rules, response->mutable_rule_sets());
  SetTimestamp(state.loaded_at, response->mutable_last_successful_load());
  if (state.last_refused_reload.has_value()) {
    admin::RefusedRulesReload* refused = response->mutable_last_refused_reload();
    SetTimestamp(state.last_refused_reload->attempted_at,
                 refused->mutable_attempted_at());
    for (const std::string& reason : state.last_refused_reload->reasons) {
      refused->add_reasons(rules::ToValidUtf8(reason));
    }
  }
  return absl::OkStatus();
}

}  // namespace scorecard::service
