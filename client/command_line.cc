#include "client/command_line.h"

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace scorecard::client {

absl::StatusOr<CommandLine> CommandLine::Parse(
    const std::vector<std::string>& args, const CommandSpec& spec) {
  CommandLine line;
  bool flags_ended = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (flags_ended || arg == "-" || !absl::StartsWith(arg, "-")) {
      line.positional_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      flags_ended = true;
      continue;
    }
    absl::string_view body = arg;
    body.remove_prefix(absl::StartsWith(body, "--") ? 2 : 1);
    std::string name(body.substr(0, body.find('=')));
    const bool has_inline_value = body.find('=') != absl::string_view::npos;
    if (name == "h") name = "help";
    if (spec.bool_flags.count(name) > 0) {
      if (has_inline_value) {
        return absl::InvalidArgumentError(
            absl::StrCat("--", name, " takes no value"));
      }
      line.values_[name] = "";
      continue;
    }
    if (spec.value_flags.count(name) == 0) {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag ", arg));
    }
    if (has_inline_value) {
      line.values_[name] = std::string(body.substr(body.find('=') + 1));
    } else if (i + 1 < args.size()) {
      line.values_[name] = args[++i];
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat("--", name, " needs a value"));
    }
  }
  return line;
}

std::optional<std::string> CommandLine::Value(absl::string_view name) const {
  const auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

bool CommandLine::Has(absl::string_view name) const {
  return values_.find(name) != values_.end();
}

}  // namespace scorecard::client
