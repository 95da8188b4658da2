// A small parser for scorecardctl's command lines: positional arguments and
// GNU-style flags ("--rules PATH" or "--rules=PATH"), with hyphenated names
// such as --rule-set that Abseil flags cannot spell.
//
//   CommandSpec spec;
//   spec.flags = {{"format", "FORMAT", "text or json", {"text", "json"}},
//                 {"quiet", "", "only the invalid scorecards"}};
//   absl::StatusOr<CommandLine> line = CommandLine::Parse(args, spec);
//   // --fromat json: INVALID_ARGUMENT "unknown flag --fromat (did you mean
//   // --format?)"; --format xml: "--format must be text or json, not \"xml\""
//
// Every flag a command does not take is an error, never ignored.
//
// Thread-safety: a CommandLine is a value; const calls are safe from any
// thread.

#ifndef SCORECARD_CLIENT_COMMAND_LINE_H_
#define SCORECARD_CLIENT_COMMAND_LINE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace scorecard::client {

// One flag a command takes.
struct FlagSpec {
  std::string name;        // Without dashes: "rule-set".
  std::string value_name;  // "ID" for a flag with a value; empty for a switch.
  std::string help;        // One line for the command's help.
  // The values it accepts; empty when any value is.
  std::vector<std::string> choices;
};

// What one command accepts.
struct CommandSpec {
  std::vector<FlagSpec> flags;
  // Returns the flag called `name`, or null.
  const FlagSpec* Find(absl::string_view name) const;
};

// Returns the candidate closest to `word` (a typing mistake away: at most two
// letters inserted, removed, changed or swapped, or a prefix of it), or empty
// when none is.
std::string ClosestMatch(absl::string_view word,
                         const std::vector<std::string>& candidates);

class CommandLine final {
 public:
  // Parses `args` (without the program and command names) by `spec`. "-" is
  // a positional argument (standard input); "--" ends the flags; "-h" is
  // "--help". Fails with INVALID_ARGUMENT naming an unknown flag (with the
  // flag it probably meant), a missing value, a value given to a switch, or
  // a value outside the flag's choices.
  static absl::StatusOr<CommandLine> Parse(const std::vector<std::string>& args,
                                           const CommandSpec& spec);

  // The value of flag `name`, if given (the last one wins).
  std::optional<std::string> Value(absl::string_view name) const;
  // Whether flag `name` was given.
  bool Has(absl::string_view name) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::string, std::less<>> values_;
  std::vector<std::string> positional_;
};

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_COMMAND_LINE_H_
