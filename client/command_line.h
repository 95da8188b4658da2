// A small parser for scorecardctl's command lines: subcommands, positional
// arguments and GNU-style flags ("--rules PATH" or "--rules=PATH"), with
// hyphenated names such as --rule-set that Abseil flags cannot spell.

#ifndef SCORECARD_CLIENT_COMMAND_LINE_H_
#define SCORECARD_CLIENT_COMMAND_LINE_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace scorecard::client {

// What one subcommand accepts.
struct CommandSpec {
  std::set<std::string> value_flags;  // Flags that take a value, e.g. "rules".
  std::set<std::string> bool_flags;   // Flags without a value, e.g. "help".
};

class CommandLine final {
 public:
  // Parses `args` (without the program and subcommand names) by `spec`.
  // "-" is a positional argument (standard input); "--" ends the flags.
  // Fails with INVALID_ARGUMENT naming an unknown flag or a missing value.
  static absl::StatusOr<CommandLine> Parse(const std::vector<std::string>& args,
                                           const CommandSpec& spec);

  // The value of flag `name`, if given (the last one wins).
  std::optional<std::string> Value(absl::string_view name) const;
  // Whether boolean flag `name` was given.
  bool Has(absl::string_view name) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::string, std::less<>> values_;
  std::vector<std::string> positional_;
};

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_COMMAND_LINE_H_
