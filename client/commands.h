// scorecardctl's commands, in one table: each command's words ("rules
// test"), synopsis, help and flags, and the function that runs it. The
// dispatcher (scorecardctl.cc), the per-command help, "did you mean", and
// the bash completion script are all made from this table, so a flag added
// here is parsed, documented and completed at once.
//
// Thread-safety: the table is constant; a command runs on one thread.

#ifndef SCORECARD_CLIENT_COMMANDS_H_
#define SCORECARD_CLIENT_COMMANDS_H_

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "client/command_line.h"
#include "client/scorecardctl.h"

namespace scorecard::client {

// What a running command may use.
struct CommandContext {
  const ScorecardctlOptions& options;
  std::ostream& out;
  std::ostream& err;

  // --rules, else $SCORECARD_RULES, else the installed rules.
  std::string RulesPath(const CommandLine& line) const;
  // `--rules` when given, else nullopt.
  std::optional<std::string> RulesFlag(const CommandLine& line) const;
  // Writes "scorecardctl: MESSAGE" and the hint to run --help; returns
  // kExitUsage.
  int UsageError(const std::string& command, absl::string_view message) const;
};

using CommandRun = int (*)(const CommandLine& line,
                           const CommandContext& context);

struct Command {
  std::string path;      // The command's words: "validate", "rules test".
  std::string synopsis;  // What follows the words: "[flags] FILE...".
  std::string summary;   // One line.
  std::string details;   // Paragraphs for `COMMAND --help`; may be empty.
  CommandSpec spec;      // Its flags; --help is added to every command.
  CommandRun run;
};

// Every command, in the order the help lists them.
const std::vector<Command>& Commands();

// Returns the command whose words start `args`, the longest such, or null;
// `*words` is set to how many of `args` it took.
const Command* FindCommand(const std::vector<std::string>& args, size_t* words);

// Writes the help of `command`.
void WriteCommandHelp(const Command& command, std::ostream& out);

// Writes the bash completion script (`scorecardctl completion bash`).
void WriteBashCompletion(std::ostream& out);

// The commands' functions.
int RunValidate(const CommandLine& line, const CommandContext& context);
int RunReport(const CommandLine& line, const CommandContext& context);
int RunRulesCheck(const CommandLine& line, const CommandContext& context);
int RunRulesList(const CommandLine& line, const CommandContext& context);
int RunRulesShow(const CommandLine& line, const CommandContext& context);
int RunRulesTest(const CommandLine& line, const CommandContext& context);
int RunRulesInfer(const CommandLine& line, const CommandContext& context);
int RunAdminReload(const CommandLine& line, const CommandContext& context);
int RunAdminCheck(const CommandLine& line, const CommandContext& context);
int RunAdminStatus(const CommandLine& line, const CommandContext& context);
int RunCompletion(const CommandLine& line, const CommandContext& context);

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_COMMANDS_H_
