#include "client/scorecardctl.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "client/commands.h"
#include "rules/release/version.h"
#include "rules/utf8.h"

namespace scorecard::client {
namespace {

void WriteUsage(std::ostream& out) {
  out << "Usage: scorecardctl COMMAND [flags] [arguments]\n\nCommands:\n";
  size_t width = 0;
  for (const Command& command : Commands()) {
    width = std::max(width, command.path.size());
  }
  for (const Command& command : Commands()) {
    out << "  " << command.path
        << std::string(width - command.path.size() + 2, ' ') << command.summary
        << "\n";
  }
  out << "\nRun 'scorecardctl COMMAND --help' for a command's flags.\n"
      << "  --version  print scorecardctl's version\n\n"
      << "Exit status: 0 all scorecards valid, 1 some invalid (or rules with\n"
      << "problems), 2 usage error, unreadable input or unreachable server.\n";
}

// The words a mistyped command could have meant, for "did you mean".
std::string SuggestCommand(const std::vector<std::string>& args) {
  std::vector<std::string> firsts;
  std::vector<std::string> seconds;
  for (const Command& command : Commands()) {
    const std::vector<std::string> words = absl::StrSplit(command.path, ' ');
    firsts.push_back(words[0]);
    if (words.size() > 1 && args.size() > 1 && args[0] == words[0]) {
      seconds.push_back(words[1]);
    }
  }
  if (!seconds.empty()) {
    const std::string meant = ClosestMatch(args[1], seconds);
    return meant.empty() ? "" : absl::StrCat(args[0], " ", meant);
  }
  return ClosestMatch(args[0], firsts);
}

// Describes why `args` name no command.
std::string UnknownCommand(const std::vector<std::string>& args) {
  const std::string meant = SuggestCommand(args);
  std::string said = rules::QuoteText(args[0]);
  for (const Command& command : Commands()) {
    if (absl::StartsWith(command.path, args[0] + " ")) {
      said = absl::StrCat(args[0], args.size() > 1 ? " " : "",
                          args.size() > 1 ? rules::QuoteText(args[1]) : "");
      if (args.size() == 1) {
        return absl::StrCat(args[0],
                            " needs a subcommand (see 'scorecardctl "
                            "--help')");
      }
      break;
    }
  }
  return absl::StrCat(
      "unknown command \"", said, "\"",
      meant.empty() ? "" : absl::StrCat(" (did you mean \"", meant, "\"?)"));
}

}  // namespace

absl::Status CheckCommandLine(const std::vector<std::string>& args) {
  if (args.empty()) return absl::InvalidArgumentError("missing command");
  if (args.size() == 1 && (args[0] == "--version" || args[0] == "--help" ||
                           args[0] == "-h" || args[0] == "help")) {
    return absl::OkStatus();
  }
  size_t words = 0;
  const Command* command = FindCommand(args, &words);
  if (command == nullptr) {
    return absl::InvalidArgumentError(UnknownCommand(args));
  }
  const std::vector<std::string> rest(args.begin() + words, args.end());
  return CommandLine::Parse(rest, command->spec).status();
}

int RunScorecardctl(const std::vector<std::string>& args,
                    const ScorecardctlOptions& options, std::ostream& out,
                    std::ostream& err) {
  const CommandContext context{options, out, err};
  if (args.empty()) return context.UsageError("", "missing command");
  if (args[0] == "--version") {
    out << release::VersionLine("scorecardctl");
    return kExitValid;
  }
  if (args[0] == "-h" || args[0] == "--help" ||
      (args[0] == "help" && args.size() == 1)) {
    WriteUsage(out);
    return kExitValid;
  }
  std::vector<std::string> words(args);
  bool help = false;
  if (args[0] == "help") {  // "help rules test" is "rules test --help".
    words.erase(words.begin());
    help = true;
  }
  size_t taken = 0;
  const Command* command = FindCommand(words, &taken);
  if (command == nullptr) return context.UsageError("", UnknownCommand(words));
  const std::vector<std::string> rest(words.begin() + taken, words.end());
  absl::StatusOr<CommandLine> line = CommandLine::Parse(rest, command->spec);
  if (!line.ok()) {
    return context.UsageError(command->path, line.status().message());
  }
  if (help || line->Has("help")) {
    WriteCommandHelp(*command, out);
    return kExitValid;
  }
  const int status = command->run(*line, context);
  out.flush();
  return status;
}

}  // namespace scorecard::client
