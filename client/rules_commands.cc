// `rules check`, `rules list` and `rules show`: rule files on disk and the
// rule sets a server holds.

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "client/commands.h"
#include "client/remote_validator.h"
#include "client/server_connection.h"
#include "client/yaml_writer.h"
#include "google/protobuf/util/json_util.h"
#include "rules/rule_set_index.h"
#include "rules/status_macros.h"

namespace scorecard::client {
namespace {

namespace v1 = ::scorecard::v1;

// Returns the rule sets of the scorecardd at `server`.
absl::StatusOr<v1::ListRuleSetsResponse> FetchRuleSets(
    const ServerConnection& server) {
  SCORECARD_ASSIGN_OR_RETURN(std::unique_ptr<RemoteValidator> remote,
                             RemoteValidator::Connect(server));
  return remote->ListRuleSets();
}

// Returns rule set `id` of the scorecardd at `server`.
absl::StatusOr<v1::GetRuleSetResponse> FetchRuleSet(
    const ServerConnection& server, const std::string& id) {
  SCORECARD_ASSIGN_OR_RETURN(std::unique_ptr<RemoteValidator> remote,
                             RemoteValidator::Connect(server));
  return remote->GetRuleSet(id);
}

}  // namespace

int RunRulesCheck(const CommandLine& line, const CommandContext& context) {
  if (line.positional().size() != 1) {
    return context.UsageError("rules check",
                              "rules check needs exactly one PATH");
  }
  const std::string& path = line.positional().front();
  absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> index =
      rules::RuleSetIndex::Load(path);
  if (!index.ok()) {
    context.err << index.status().message() << "\n";
    if (absl::IsNotFound(index.status())) return kExitUsage;
    context.err << "scorecardctl: " << path << ": the rules have problems\n";
    return kExitInvalid;
  }
  for (const auto& rule_set : (*index)->rule_sets()) {
    context.out << rule_set->source() << ": " << rule_set->id()
                << " ok (fiscal year " << rule_set->fiscal_year() << ", "
                << rule_set->units().size() << " units, revision "
                << rule_set->revision() << ")\n";
  }
  return kExitValid;
}

int RunRulesList(const CommandLine& line, const CommandContext& context) {
  if (!line.Has("server")) {
    return context.UsageError("rules list",
                              "rules list needs --server HOST:PORT");
  }
  absl::StatusOr<ServerConnection> server = ServerConnectionFromFlags(line);
  if (!server.ok()) {
    return context.UsageError("rules list", server.status().message());
  }
  if (!line.positional().empty()) {
    return context.UsageError("rules list", "rules list takes no arguments");
  }
  absl::StatusOr<v1::ListRuleSetsResponse> response = FetchRuleSets(*server);
  if (!response.ok()) {
    context.err << "scorecardctl: " << response.status().message() << "\n";
    return kExitUsage;
  }
  std::ostream& out = context.out;
  for (const v1::RuleSetSummary& r : response->rule_sets()) {
    out << r.id() << "\tfiscal year " << r.fiscal_year() << "\trevision "
        << r.revision() << "\t" << r.unit_count() << " units\t" << r.title()
        << "\n";
  }
  if (response->has_last_refused_reload()) {
    out << "last refused reload (unix time "
        << response->last_refused_reload().attempted_at_unix_seconds()
        << "):\n";
    for (const std::string& reason :
         response->last_refused_reload().reasons()) {
      out << "  " << reason << "\n";
    }
  }
  return kExitValid;
}

// Writes the rule set as a rule file: YAML (MessageToYaml) or the proto3 JSON
// mapping, either of which `rules check` and --rules read back.
int RunRulesShow(const CommandLine& line, const CommandContext& context) {
  if (!line.Has("server")) {
    return context.UsageError("rules show",
                              "rules show needs --server HOST:PORT");
  }
  absl::StatusOr<ServerConnection> server = ServerConnectionFromFlags(line);
  if (!server.ok()) {
    return context.UsageError("rules show", server.status().message());
  }
  if (line.positional().size() != 1) {
    return context.UsageError("rules show",
                              "rules show needs exactly one rule set ID");
  }
  const std::string& id = line.positional().front();
  absl::StatusOr<v1::GetRuleSetResponse> response = FetchRuleSet(*server, id);
  if (!response.ok()) {
    context.err << "scorecardctl: " << response.status().message() << "\n";
    return kExitUsage;
  }
  const v1::RuleSetConfig& rule_set = response->rule_set();
  if (line.Value("format").value_or("yaml") == "yaml") {
    context.out << MessageToYaml(
        rule_set,
        {{"",
          {absl::StrCat("Rule set ", rule_set.id(), " at revision ",
                        rule_set.revision(), ", as scorecardd at ",
                        server->address,
                        " serves it."),
           "Save it as a .yaml file; `scorecardctl rules check` reads "
           "it."}}});
    return kExitValid;
  }
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  std::string json;
  const auto printed =
      google::protobuf::util::MessageToJsonString(rule_set, &json, options);
  if (!printed.ok()) {
    context.err << "scorecardctl: cannot print rule set " << id << ": "
                << printed.ToString() << "\n";
    return kExitUsage;
  }
  context.out << json;
  return kExitValid;
}

}  // namespace scorecard::client
