#include "client/commands.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "client/server_connection.h"

namespace scorecard::client {
namespace {

FlagSpec RulesFlag() {
  return {"rules",
          "PATH",
          "rule file or folder (default: $SCORECARD_RULES, else the "
          "installed rules)",
          {}};
}
FlagSpec RuleSetFlag() {
  return {"rule-set",
          "ID",
          "the rule set to judge by (default: the one of the document's "
          "fiscal year, else the only one)",
          {}};
}
FlagSpec ServerFlag(const char* help) {
  return {"server", "HOST:PORT", help, {}};
}
FlagSpec LangFlag() {
  return {"lang",
          "LANG",
          "the language of messages: en (default) or th",
          {"en", "th"}};
}

std::vector<Command> MakeCommands() {
  std::vector<Command> commands;
  commands.push_back(
      {"validate", "[flags] FILE|FOLDER|-...",
       "Validates every scorecard in the documents given.",
       "A FILE is a published score document (tab-separated, Thai or ASCII\n"
       "digits) or Scorecard JSON; a FOLDER stands for every .txt, .tsv and\n"
       ".json file under it; \"-\" reads standard input. A file that cannot\n"
       "be judged is reported in the output too, and the others are still\n"
       "validated. docs/ci.md shows each format.",
       CommandSpec{
           {RulesFlag(),
            RuleSetFlag(),
            ServerFlag("validate with a scorecardd server instead of locally"),
            {"format",
             "FORMAT",
             "text (default), json (JSON Lines), github, junit, sarif, tap or "
             "csv",
             {"text", "json", "github", "junit", "sarif", "tap", "csv"}},
            LangFlag(),
            {"fail-on",
             "LEVEL",
             "error (default): exit 1 on an invalid scorecard; warning: on a "
             "warning too",
             {"error", "warning"}},
            {"quiet",
             "",
             "text: only the failing scorecards and the summary",
             {}},
            {"csv-bom",
             "",
             "csv: start with a UTF-8 byte-order mark (Excel)",
             {}},
            {"csv-rows",
             "ROWS",
             "csv: one row per scorecard (default) or per violation",
             {"scorecards", "violations"}}}},
       RunValidate});
  commands.push_back(
      {"report", "[flags] FILE|FOLDER|-...",
       "Writes a department report of every scorecard given.",
       "The report ranks the units by total, with grades, verdicts and\n"
       "counts; tables the units' mean scores by dimension (or category);\n"
       "lists each unit's indicators below the target score; gives the\n"
       "department's number of units, mean, lowest and highest total; and\n"
       "lists every violation by unit. Every number is one the engine\n"
       "returned, except the department's mean, which is exact.",
       CommandSpec{
           {RulesFlag(),
            RuleSetFlag(),
            ServerFlag("validate with a scorecardd server instead of locally"),
            {"format",
             "FORMAT",
             "markdown (default), csv (the units table) or html (one "
             "self-contained page)",
             {"markdown", "csv", "html"}},
            {"lang",
             "LANG",
             "the report's language: th (default) or en",
             {"th", "en"}},
            {"output",
             "PATH",
             "write the report to PATH instead of stdout",
             {}},
            {"target",
             "SCORE",
             "list the indicators scoring below SCORE (default 3)",
             {}},
            {"csv-bom",
             "",
             "csv: start with a UTF-8 byte-order mark (Excel)",
             {}}}},
       RunReport});
  commands.push_back({"rules check",
                      "PATH",
                      "Checks rule files; exits 1 when any has a problem.",
                      "",
                      {},
                      RunRulesCheck});
  commands.push_back({"rules list", "--server HOST:PORT",
                      "Lists the rule sets of a scorecardd server.", "",
                      CommandSpec{{ServerFlag("the server (required)")}},
                      RunRulesList});
  commands.push_back(
      {"rules show", "ID --server HOST:PORT [--format yaml|json]",
       "Writes a rule set of a scorecardd server as a rule file.",
       "The output is a rule file that `rules check` and --rules accept:\n"
       "save YAML as NAME.yaml, JSON as NAME.json.",
       CommandSpec{{ServerFlag("the server (required)"),
                    {"format",
                     "FORMAT",
                     "yaml (default) or json (proto3 JSON mapping)",
                     {"yaml", "json"}}}},
       RunRulesShow});
  commands.push_back(
      {"rules test", "[--rules PATH] [--format text|json|junit] PATH...",
       "Runs rule-set test suites (*_test.yaml); exits 1 on any failure.",
       "A PATH is a test file or a folder searched recursively for\n"
       "*_test.yaml. The rules are --rules, else the suite's own `rules`,\n"
       "else $SCORECARD_RULES or the installed rules. docs/rule-tests.md\n"
       "describes the test files.",
       CommandSpec{{RulesFlag(),
                    {"format",
                     "FORMAT",
                     "text (default), json (JSON Lines) or junit",
                     {"text", "json", "junit"}}}},
       RunRulesTest});
  commands.push_back(
      {"rules infer", "DOCUMENT --id ID [--title TITLE] [--output PATH]",
       "Drafts a YAML rule set from a published document.",
       "The draft holds the document's fiscal year, every unit (ids unit-1,\n"
       "unit-2, ... in document order, names as published), every indicator\n"
       "with its title and weight, and the categories of the indicator\n"
       "numbers. Problems (weights that do not sum to the weight total,\n"
       "duplicate indicators) are reported, commented in the draft, and\n"
       "make the exit status 1.",
       CommandSpec{
           {{"id", "ID", "the rule set's id (required), e.g. led-fy2564", {}},
            {"title", "TITLE", "the rule set's title", {}},
            {"output",
             "PATH",
             "write the draft to PATH instead of stdout",
             {}}}},
       RunRulesInfer});
  const std::vector<FlagSpec> admin_flags = {
      ServerFlag("the server (required)"),
      {"token-file",
       "FILE",
       "the admin bearer token (or authenticate with a client certificate: "
       "--tls-cert-file, --tls-key-file)",
       {}},
      {"format", "FORMAT", "text (default) or json", {"text", "json"}}};
  const std::string admin_details =
      "Calls scorecard.admin.v1.AdminService, which needs admin credentials:\n"
      "the bearer token in --token-file, or a client certificate the server\n"
      "allows. Exit status: 0 done, 1 the reload was refused or the file has\n"
      "problems, 2 a usage error, an unreadable file, an unreachable server\n"
      "or a call the server refused. docs/security.md describes the service.";
  commands.push_back(
      {"admin reload", "--server HOST:PORT [--token-file FILE]",
       "Reloads a server's rules now and lists what it serves afterwards.",
       admin_details, CommandSpec{admin_flags}, RunAdminReload});
  commands.push_back(
      {"admin check", "FILE --server HOST:PORT [--token-file FILE]",
       "Checks a candidate rule file on a server, changing nothing.",
       admin_details, CommandSpec{admin_flags}, RunAdminCheck});
  commands.push_back(
      {"admin status", "--server HOST:PORT [--token-file FILE]",
       "Shows a server's version, rules, last load and last refused reload.",
       admin_details, CommandSpec{admin_flags}, RunAdminStatus});
  commands.push_back({"completion",
                      "bash",
                      "Writes the bash completion script.",
                      "Load it with: source <(scorecardctl completion bash)",
                      {},
                      RunCompletion});
  for (Command& command : commands) {
    // Every command that talks to a server can do so over TLS.
    if (command.spec.Find("server") != nullptr) {
      for (FlagSpec& flag : TlsFlags()) {
        command.spec.flags.push_back(std::move(flag));
      }
    }
    command.spec.flags.push_back({"help", "", "show this help", {}});
  }
  return commands;
}

}  // namespace

std::string CommandContext::RulesPath(const CommandLine& line) const {
  if (std::optional<std::string> path = line.Value("rules")) return *path;
  if (!options.rules_from_environment.empty()) {
    return options.rules_from_environment;
  }
  return options.installed_rules_path;
}

std::optional<std::string> CommandContext::RulesFlag(
    const CommandLine& line) const {
  return line.Value("rules");
}

int CommandContext::UsageError(const std::string& command,
                               absl::string_view message) const {
  err << "scorecardctl: " << message << "\n"
      << "Run 'scorecardctl " << (command.empty() ? "" : command + " ")
      << "--help' for usage.\n";
  return kExitUsage;
}

const std::vector<Command>& Commands() {
  static const auto* const commands = new std::vector<Command>(MakeCommands());
  return *commands;
}

const Command* FindCommand(const std::vector<std::string>& args,
                           size_t* words) {
  const Command* found = nullptr;
  *words = 0;
  for (const Command& command : Commands()) {
    const std::vector<std::string> path = absl::StrSplit(command.path, ' ');
    if (path.size() > args.size() || path.size() <= *words) continue;
    if (std::equal(path.begin(), path.end(), args.begin())) {
      found = &command;
      *words = path.size();
    }
  }
  return found;
}

void WriteCommandHelp(const Command& command, std::ostream& out) {
  out << "Usage: scorecardctl " << command.path << " " << command.synopsis
      << "\n\n"
      << command.summary << "\n";
  if (!command.details.empty()) out << "\n" << command.details << "\n";
  out << "\nFlags:\n";
  size_t width = 0;
  std::vector<std::string> lefts;
  for (const FlagSpec& flag : command.spec.flags) {
    lefts.push_back(absl::StrCat(
        "--", flag.name, flag.value_name.empty() ? "" : " ", flag.value_name));
    width = std::max(width, lefts.back().size());
  }
  for (size_t i = 0; i < lefts.size(); ++i) {
    out << "  " << lefts[i] << std::string(width - lefts[i].size() + 2, ' ')
        << command.spec.flags[i].help << "\n";
  }
}

}  // namespace scorecard::client
