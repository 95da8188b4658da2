#include "client/scorecardctl.h"

#include <memory>
#include <optional>
#include <set>
#include <utility>
#include <variant>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "client/command_line.h"
#include "client/local_validator.h"
#include "client/remote_validator.h"
#include "client/report.h"
#include "client/rule_set_assignment.h"
#include "google/protobuf/util/json_util.h"
#include "rules/document_reader.h"
#include "rules/rule_set_index.h"
#include "rules/status_macros.h"
#include "rules/violation_messages.h"

namespace scorecard::client {
namespace {

namespace v1 = ::scorecard::v1;

constexpr char kUsage[] =
    R"(Usage:
  scorecardctl validate [--rules PATH] [--rule-set ID] [--format text|json]
                        [--lang en|th] [--server HOST:PORT] FILE...
      Validates every scorecard in FILE ("-" reads standard input): the
      published tab-separated format or Scorecard JSON.
      --rules PATH       rule file or folder (default: $SCORECARD_RULES, else
                         the installed rules)
      --rule-set ID      the rule set to judge by (default: the one whose
                         fiscal year matches the document's, else the only one)
      --format FORMAT    text (default) or json (JSON Lines, one object per
                         scorecard)
      --lang LANG        en (default) or th: the language of messages
      --server HOST:PORT validate with a scorecardd server instead of locally
  scorecardctl rules check PATH
      Checks rule files; exits 1 when any has a problem.
  scorecardctl rules list --server HOST:PORT
  scorecardctl rules show ID --server HOST:PORT

Exit status: 0 all scorecards valid, 1 some invalid, 2 usage error,
unreadable input or unreachable server.
)";

int UsageError(std::ostream& err, absl::string_view message) {
  err << "scorecardctl: " << message << "\n"
      << "Run 'scorecardctl --help' for usage.\n";
  return kExitUsage;
}

std::string RulesPath(const CommandLine& line,
                      const ScorecardctlOptions& options) {
  if (std::optional<std::string> path = line.Value("rules")) return *path;
  if (!options.rules_from_environment.empty()) {
    return options.rules_from_environment;
  }
  return options.installed_rules_path;
}

// Returns a CommandSpec; a function rather than an aggregate initialiser so
// that each set is named.
CommandSpec Spec(std::set<std::string> value_flags,
                 std::set<std::string> bool_flags) {
  CommandSpec spec;
  spec.value_flags = std::move(value_flags);
  spec.bool_flags = std::move(bool_flags);
  return spec;
}

// What `validate` was asked to do, its flags checked.
struct ValidateRequest {
  std::vector<std::string> files;
  bool json = false;  // --format json; else text.
  rules::Locale locale = rules::Locale::kEnglish;
  std::string rule_set;                // --rule-set, or empty.
  std::optional<std::string> server;   // --server.
  std::string rules_path;              // Used without --server.
};

// Parses and checks `validate`'s flags. On a usage error writes it to `err`
// and returns the exit status instead.
std::variant<ValidateRequest, int> ParseValidateRequest(
    const std::vector<std::string>& args, const ScorecardctlOptions& options,
    std::ostream& out, std::ostream& err) {
  absl::StatusOr<CommandLine> parsed = CommandLine::Parse(
      args, Spec({"rules", "rule-set", "format", "lang", "server"}, {"help"}));
  if (!parsed.ok()) return UsageError(err, parsed.status().message());
  const CommandLine& line = *parsed;
  if (line.Has("help")) {
    out << kUsage;
    return kExitValid;
  }
  if (line.positional().empty()) {
    return UsageError(err, "validate needs at least one FILE (\"-\" reads "
                           "standard input)");
  }
  const std::string format = line.Value("format").value_or("text");
  if (format != "text" && format != "json") {
    return UsageError(err, absl::StrCat("--format must be text or json, not \"",
                                        format, "\""));
  }
  absl::StatusOr<rules::Locale> locale =
      rules::ParseLocale(line.Value("lang").value_or("en"));
  if (!locale.ok()) return UsageError(err, locale.status().message());
  ValidateRequest request;
  request.files = line.positional();
  request.json = format == "json";
  request.locale = *locale;
  request.rule_set = line.Value("rule-set").value_or("");
  request.server = line.Value("server");
  request.rules_path = RulesPath(line, options);
  return request;
}

// Returns the validator `request` asks for: a connection to --server, else
// the rules loaded from disk.
absl::StatusOr<std::unique_ptr<ScorecardValidator>> OpenValidator(
    const ValidateRequest& request) {
  if (request.server.has_value()) {
    absl::StatusOr<std::unique_ptr<RemoteValidator>> remote =
        RemoteValidator::Connect(*request.server);
    if (!remote.ok()) return remote.status();
    return std::unique_ptr<ScorecardValidator>(*std::move(remote));
  }
  absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> index =
      rules::RuleSetIndex::Load(request.rules_path);
  if (!index.ok()) {
    return absl::Status(index.status().code(),
                        absl::StrCat("cannot load rules from ",
                                     request.rules_path, ":\n",
                                     index.status().message()));
  }
  return std::unique_ptr<ScorecardValidator>(
      std::make_unique<LocalValidator>(*std::move(index)));
}

// How many scorecards were valid and invalid, and whether a file could not
// be judged.
struct ValidateTally {
  int valid = 0;
  int invalid = 0;
  bool unreadable = false;
};

// Writes one report per scorecard of `file` and counts them.
void WriteReports(const ValidateRequest& request, const std::string& file,
                  const rules::ScorecardDocument& document,
                  const std::vector<v1::Scorecard>& scorecards,
                  const std::vector<v1::ValidationResult>& results,
                  ValidateTally& tally, std::ostream& out) {
  for (size_t i = 0; i < results.size(); ++i) {
    const ReportItem item{file, document.scorecards[i].index, &scorecards[i],
                          &results[i]};
    if (request.json) {
      WriteJsonLine(item, out);
    } else {
      WriteTextReport(item, request.locale, out);
      out << "\n";
    }
    (results[i].valid() ? tally.valid : tally.invalid) += 1;
  }
}

// Reads `file`, assigns each scorecard its rule set, validates them and
// writes their reports. A file that cannot be judged is reported on `err`
// and marks the tally unreadable.
void ValidateFile(const ValidateRequest& request, const std::string& file,
                  ScorecardValidator& validator, RuleSetAssignment& assignment,
                  ValidateTally& tally, std::ostream& out, std::ostream& err) {
  absl::StatusOr<rules::ScorecardDocument> document =
      rules::ReadScorecardFile(file);
  if (!document.ok()) {
    err << "scorecardctl: " << document.status().message() << "\n";
    tally.unreadable = true;
    return;
  }
  if (document->scorecards.empty()) {
    err << "scorecardctl: " << file << ": holds no scorecard\n";
    tally.unreadable = true;
    return;
  }
  absl::StatusOr<std::vector<v1::Scorecard>> scorecards =
      assignment.Assign(*document);
  if (!scorecards.ok()) {
    err << "scorecardctl: " << file << ": " << scorecards.status().message()
        << (absl::IsFailedPrecondition(scorecards.status())
                ? " (with --rule-set)"
                : "")
        << "\n";
    tally.unreadable = true;
    return;
  }
  absl::StatusOr<std::vector<v1::ValidationResult>> results =
      validator.ValidateAll(*scorecards, request.locale);
  if (!results.ok()) {
    err << "scorecardctl: " << file << ": " << results.status().message()
        << "\n";
    tally.unreadable = true;
    return;
  }
  WriteReports(request, file, *document, *scorecards, *results, tally, out);
}

int Validate(const std::vector<std::string>& args,
             const ScorecardctlOptions& options, std::ostream& out,
             std::ostream& err) {
  std::variant<ValidateRequest, int> parsed =
      ParseValidateRequest(args, options, out, err);
  if (const int* exit_status = std::get_if<int>(&parsed)) return *exit_status;
  const ValidateRequest& request = std::get<ValidateRequest>(parsed);

  absl::StatusOr<std::unique_ptr<ScorecardValidator>> validator =
      OpenValidator(request);
  if (!validator.ok()) {
    err << "scorecardctl: " << validator.status().message() << "\n";
    return kExitUsage;
  }
  RuleSetAssignment assignment(validator->get(), request.rule_set);
  ValidateTally tally;
  for (const std::string& file : request.files) {
    ValidateFile(request, file, **validator, assignment, tally, out, err);
  }
  if (!request.json && tally.valid + tally.invalid > 0) {
    WriteTextSummary(tally.valid, tally.invalid, request.locale, out);
  }
  out.flush();
  if (tally.unreadable) return kExitUsage;
  return tally.invalid > 0 ? kExitInvalid : kExitValid;
}

// Returns the rule sets of the scorecardd at `server`.
absl::StatusOr<v1::ListRuleSetsResponse> FetchRuleSets(
    const std::string& server) {
  SCORECARD_ASSIGN_OR_RETURN(std::unique_ptr<RemoteValidator> remote,
                             RemoteValidator::Connect(server));
  return remote->ListRuleSets();
}

// Returns rule set `id` of the scorecardd at `server`.
absl::StatusOr<v1::GetRuleSetResponse> FetchRuleSet(const std::string& server,
                                                    const std::string& id) {
  SCORECARD_ASSIGN_OR_RETURN(std::unique_ptr<RemoteValidator> remote,
                             RemoteValidator::Connect(server));
  return remote->GetRuleSet(id);
}

// `rules list`: prints the server's rule sets, one per line, and its last
// refused reload.
int RulesList(const std::string& server, std::ostream& out,
              std::ostream& err) {
  absl::StatusOr<v1::ListRuleSetsResponse> response = FetchRuleSets(server);
  if (!response.ok()) {
    err << "scorecardctl: " << response.status().message() << "\n";
    return kExitUsage;
  }
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

// `rules show ID`: prints one rule set of the server as JSON.
int RulesShow(const std::string& server, const std::string& id,
              std::ostream& out, std::ostream& err) {
  absl::StatusOr<v1::GetRuleSetResponse> response = FetchRuleSet(server, id);
  if (!response.ok()) {
    err << "scorecardctl: " << response.status().message() << "\n";
    return kExitUsage;
  }
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  std::string json;
  const auto printed =
      google::protobuf::util::MessageToJsonString(*response, &json, options);
  if (!printed.ok()) {
    err << "scorecardctl: cannot print rule set " << id << ": "
        << printed.ToString() << "\n";
    return kExitUsage;
  }
  out << json;
  return kExitValid;
}

int RulesCheck(const std::vector<std::string>& args, std::ostream& out,
               std::ostream& err) {
  absl::StatusOr<CommandLine> parsed =
      CommandLine::Parse(args, Spec({}, {"help"}));
  if (!parsed.ok()) return UsageError(err, parsed.status().message());
  if (parsed->Has("help")) {
    out << kUsage;
    return kExitValid;
  }
  if (parsed->positional().size() != 1) {
    return UsageError(err, "rules check needs exactly one PATH");
  }
  const std::string& path = parsed->positional().front();
  absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> index =
      rules::RuleSetIndex::Load(path);
  if (!index.ok()) {
    err << index.status().message() << "\n";
    if (absl::IsNotFound(index.status())) return kExitUsage;
    err << "scorecardctl: " << path << ": the rules have problems\n";
    return kExitInvalid;
  }
  for (const auto& rule_set : (*index)->rule_sets()) {
    out << rule_set->source() << ": " << rule_set->id() << " ok (fiscal year "
        << rule_set->fiscal_year() << ", " << rule_set->units().size()
        << " units, revision " << rule_set->revision() << ")\n";
  }
  return kExitValid;
}

int Rules(const std::vector<std::string>& args,
          const ScorecardctlOptions& options, std::ostream& out,
          std::ostream& err) {
  if (args.empty()) {
    return UsageError(err, "rules needs a subcommand: check, list or show");
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "check") return RulesCheck(rest, out, err);
  if (args[0] == "list" || args[0] == "show") {
    absl::StatusOr<CommandLine> parsed =
        CommandLine::Parse(rest, Spec({"server", "format"}, {"help"}));
    if (!parsed.ok()) return UsageError(err, parsed.status().message());
    const std::optional<std::string> server = parsed->Value("server");
    if (!server) {
      return UsageError(err, absl::StrCat("rules ", args[0],
                                          " needs --server HOST:PORT"));
    }
    if (args[0] == "list") {
      if (!parsed->positional().empty()) {
        return UsageError(err, "rules list takes no arguments");
      }
      return RulesList(*server, out, err);
    }
    if (parsed->positional().size() != 1) {
      return UsageError(err, "rules show needs exactly one rule set ID");
    }
    return RulesShow(*server, parsed->positional().front(), out, err);
  }
  return UsageError(err, absl::StrCat("unknown rules subcommand \"", args[0],
                                      "\""));
}

}  // namespace

int RunScorecardctl(const std::vector<std::string>& args,
                    const ScorecardctlOptions& options, std::ostream& out,
                    std::ostream& err) {
  if (args.empty()) return UsageError(err, "missing command");
  const std::string& command = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (command == "-h" || command == "--help" || command == "help") {
    out << kUsage;
    return kExitValid;
  }
  if (command == "validate") return Validate(rest, options, out, err);
  if (command == "rules") return Rules(rest, options, out, err);
  return UsageError(err, absl::StrCat("unknown command \"", command, "\""));
}

}  // namespace scorecard::client
