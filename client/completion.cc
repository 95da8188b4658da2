// `completion bash`: a bash completion script made from the command table,
// so that it completes exactly the commands, flags and flag values that
// scorecardctl parses.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "client/commands.h"

namespace scorecard::client {
namespace {

// Whether a flag's value is a path, to complete with file names.
bool TakesPath(const FlagSpec& flag) {
  return flag.choices.empty() && absl::StrContains(flag.value_name, "PATH");
}

void WriteCommandCase(const Command& command, std::ostream& out) {
  out << "    \"" << command.path << "\")\n"
      << "      case \"$prev\" in\n";
  std::vector<std::string> flags;
  std::vector<std::string> no_completion;
  std::vector<std::string> paths;
  for (const FlagSpec& flag : command.spec.flags) {
    flags.push_back("--" + flag.name);
    if (flag.value_name.empty()) continue;
    if (!flag.choices.empty()) {
      out << "        --" << flag.name << ") COMPREPLY=($(compgen -W \""
          << absl::StrJoin(flag.choices, " ") << "\" -- \"$cur\")); return;;\n";
    } else if (TakesPath(flag)) {
      paths.push_back("--" + flag.name);
    } else {
      no_completion.push_back("--" + flag.name);
    }
  }
  if (!paths.empty()) {
    out << "        " << absl::StrJoin(paths, "|")
        << ") COMPREPLY=($(compgen -f -- \"$cur\")); return;;\n";
  }
  if (!no_completion.empty()) {
    out << "        " << absl::StrJoin(no_completion, "|") << ") return;;\n";
  }
  out << "      esac\n"
      << "      if [[ \"$cur\" == -* ]]; then\n"
      << "        COMPREPLY=($(compgen -W \"" << absl::StrJoin(flags, " ")
      << "\" -- \"$cur\"))\n";
  if (command.path == "completion") {
    out << "      else\n        COMPREPLY=($(compgen -W \"bash\" -- "
           "\"$cur\"))\n";
  } else {
    out << "      else\n        COMPREPLY=($(compgen -f -- \"$cur\"))\n";
  }
  out << "      fi;;\n";
}

}  // namespace

void WriteBashCompletion(std::ostream& out) {
  std::vector<std::string> firsts;
  std::map<std::string, std::vector<std::string>> seconds;
  for (const Command& command : Commands()) {
    const std::vector<std::string> words = absl::StrSplit(command.path, ' ');
    if (std::find(firsts.begin(), firsts.end(), words[0]) == firsts.end()) {
      firsts.push_back(words[0]);
    }
    if (words.size() > 1) seconds[words[0]].push_back(words[1]);
  }
  out << "# bash completion for scorecardctl, made by `scorecardctl "
         "completion bash`.\n"
      << "# Load it with: source <(scorecardctl completion bash)\n"
      << "_scorecardctl() {\n"
      << "  local cur=\"${COMP_WORDS[COMP_CWORD]}\"\n"
      << "  local prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
      << "  COMPREPLY=()\n"
      << "  if [[ $COMP_CWORD -eq 1 ]]; then\n"
      << "    COMPREPLY=($(compgen -W \"" << absl::StrJoin(firsts, " ")
      << " help --help --version\" -- \"$cur\"))\n"
      << "    return\n"
      << "  fi\n"
      << "  local command=\"${COMP_WORDS[1]}\"\n"
      << "  case \"$command\" in\n";
  for (const auto& [first, subcommands] : seconds) {
    out << "    " << first << ")\n"
        << "      if [[ $COMP_CWORD -eq 2 ]]; then\n"
        << "        COMPREPLY=($(compgen -W \""
        << absl::StrJoin(subcommands, " ") << "\" -- \"$cur\"))\n"
        << "        return\n"
        << "      fi\n"
        << "      command=\"" << first << " ${COMP_WORDS[2]}\";;\n";
  }
  out << "  esac\n"
      << "  case \"$command\" in\n";
  for (const Command& command : Commands()) WriteCommandCase(command, out);
  out << "  esac\n"
      << "}\n"
      << "complete -o filenames -o bashdefault -F _scorecardctl scorecardctl\n";
}

int RunCompletion(const CommandLine& line, const CommandContext& context) {
  if (line.positional().size() != 1 || line.positional()[0] != "bash") {
    return context.UsageError("completion",
                              "completion needs the shell: bash (the only "
                              "one supported)");
  }
  WriteBashCompletion(context.out);
  return kExitValid;
}

}  // namespace scorecard::client
