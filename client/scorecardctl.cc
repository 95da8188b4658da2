#include "client/scorecardctl.h"

#include <memory>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "client/command_line.h"
#include "client/local_validator.h"
#include "client/remote_validator.h"
#include "client/report.h"
#include "rules/document_reader.h"
#include "rules/rule_set_index.h"
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

int Validate(const std::vector<std::string>& args,
             const ScorecardctlOptions& options, std::ostream& out,
             std::ostream& err) {
  absl::StatusOr<CommandLine> parsed = CommandLine::Parse(
      args, {.value_flags = {"rules", "rule-set", "format", "lang", "server"},
             .bool_flags = {"help"}});
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
  const std::string lang = line.Value("lang").value_or("en");
  absl::StatusOr<rules::Locale> locale = rules::ParseLocale(lang);
  if (!locale.ok()) return UsageError(err, locale.status().message());
  const std::string rule_set_flag = line.Value("rule-set").value_or("");

  std::unique_ptr<ScorecardValidator> validator;
  if (std::optional<std::string> server = line.Value("server")) {
    absl::StatusOr<std::unique_ptr<ScorecardValidator>> remote =
        ConnectRemoteValidator(*server);
    if (!remote.ok()) {
      err << "scorecardctl: " << remote.status().message() << "\n";
      return kExitUsage;
    }
    validator = *std::move(remote);
  } else {
    const std::string rules_path = RulesPath(line, options);
    absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> index =
        rules::RuleSetIndex::Load(rules_path);
    if (!index.ok()) {
      err << "scorecardctl: cannot load rules from " << rules_path << ":\n"
          << index.status().message() << "\n";
      return kExitUsage;
    }
    validator = std::make_unique<LocalValidator>(*std::move(index));
  }

  bool unreadable = false;
  int valid = 0;
  int invalid = 0;
  for (const std::string& file : line.positional()) {
    absl::StatusOr<rules::ScorecardDocument> document =
        rules::ReadScorecardFile(file);
    if (!document.ok()) {
      err << "scorecardctl: " << document.status().message() << "\n";
      unreadable = true;
      continue;
    }
    if (document->scorecards.empty()) {
      err << "scorecardctl: " << file << ": holds no scorecard\n";
      unreadable = true;
      continue;
    }
    // Choose each scorecard's rule set: --rule-set, else the one the
    // scorecard names (JSON input may), else by fiscal year.
    std::vector<v1::Scorecard> scorecards;
    scorecards.reserve(document->scorecards.size());
    absl::flat_hash_map<int, std::string> chosen_by_year;
    bool chosen = true;
    for (const rules::DocumentScorecard& item : document->scorecards) {
      v1::Scorecard scorecard = item.scorecard;
      if (!rule_set_flag.empty() || scorecard.rule_set().empty()) {
        const int year =
            item.fiscal_year != 0 ? item.fiscal_year : document->fiscal_year;
        auto it = chosen_by_year.find(year);
        if (it == chosen_by_year.end()) {
          absl::StatusOr<std::string> id =
              validator->ChooseRuleSet(rule_set_flag, year);
          if (!id.ok()) {
            err << "scorecardctl: " << file << ": " << id.status().message()
                << (absl::IsFailedPrecondition(id.status())
                        ? " (with --rule-set)"
                        : "")
                << "\n";
            chosen = false;
            break;
          }
          it = chosen_by_year.emplace(year, *id).first;
        }
        scorecard.set_rule_set(it->second);
      }
      scorecards.push_back(std::move(scorecard));
    }
    if (!chosen) {
      unreadable = true;
      continue;
    }
    absl::StatusOr<std::vector<v1::ValidationResult>> results =
        validator->ValidateAll(scorecards, lang);
    if (!results.ok()) {
      err << "scorecardctl: " << file << ": " << results.status().message()
          << "\n";
      unreadable = true;
      continue;
    }
    for (size_t i = 0; i < results->size(); ++i) {
      const ReportItem item{file, document->scorecards[i].index,
                            &scorecards[i], &(*results)[i]};
      if (format == "json") {
        WriteJsonLine(item, out);
      } else {
        WriteTextReport(item, *locale, out);
        out << "\n";
      }
      ((*results)[i].valid() ? valid : invalid) += 1;
    }
  }
  if (format == "text" && valid + invalid > 0) {
    WriteTextSummary(valid, invalid, *locale, out);
  }
  out.flush();
  if (unreadable) return kExitUsage;
  return invalid > 0 ? kExitInvalid : kExitValid;
}

int RulesCheck(const std::vector<std::string>& args, std::ostream& out,
               std::ostream& err) {
  absl::StatusOr<CommandLine> parsed =
      CommandLine::Parse(args, {.value_flags = {}, .bool_flags = {"help"}});
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
    absl::StatusOr<CommandLine> parsed = CommandLine::Parse(
        rest, {.value_flags = {"server", "format"}, .bool_flags = {"help"}});
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
      return ListRemoteRuleSets(*server, out, err);
    }
    if (parsed->positional().size() != 1) {
      return UsageError(err, "rules show needs exactly one rule set ID");
    }
    return ShowRemoteRuleSet(*server, parsed->positional().front(), out, err);
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
