#include "client/command_line.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rules/utf8.h"

namespace scorecard::client {
namespace {

// The optimal string alignment distance between `a` and `b` (insertions,
// deletions, substitutions and swaps of neighbours), by bytes: the names are
// ASCII.
size_t EditDistance(absl::string_view a, absl::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1,
                                     std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] =
          std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

const FlagSpec* CommandSpec::Find(absl::string_view name) const {
  for (const FlagSpec& flag : flags) {
    if (flag.name == name) return &flag;
  }
  return nullptr;
}

std::string ClosestMatch(absl::string_view word,
                         const std::vector<std::string>& candidates) {
  if (word.empty()) return "";
  std::string best;
  size_t best_distance = 3;  // More than two edits is not a typing mistake.
  for (const std::string& candidate : candidates) {
    size_t distance = EditDistance(word, candidate);
    // A short word is a prefix of what was meant ("--rule" for "--rules").
    if (word.size() >= 3 && absl::StartsWith(candidate, word)) distance = 1;
    if (distance < best_distance && distance < candidate.size()) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

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
    const size_t equals = body.find('=');
    std::string name(body.substr(0, equals));
    if (name == "h") name = "help";
    const FlagSpec* flag = spec.Find(name);
    if (flag == nullptr) {
      std::vector<std::string> names;
      for (const FlagSpec& f : spec.flags) names.push_back(f.name);
      const std::string meant = ClosestMatch(name, names);
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown flag ", rules::QuoteText(arg),
          meant.empty() ? "" : absl::StrCat(" (did you mean --", meant, "?)")));
    }
    if (flag->value_name.empty()) {
      if (equals != absl::string_view::npos) {
        return absl::InvalidArgumentError(
            absl::StrCat("--", name, " takes no value"));
      }
      line.values_[name] = "";
      continue;
    }
    std::string value;
    if (equals != absl::string_view::npos) {
      value = std::string(body.substr(equals + 1));
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat("--", name, " needs a value (", flag->value_name, ")"));
    }
    if (!flag->choices.empty() &&
        std::find(flag->choices.begin(), flag->choices.end(), value) ==
            flag->choices.end()) {
      const std::string meant = ClosestMatch(value, flag->choices);
      return absl::InvalidArgumentError(absl::StrCat(
          "--", name, " must be ", absl::StrJoin(flag->choices, ", "),
          "; not \"", rules::QuoteText(value), "\"",
          meant.empty() ? "" : absl::StrCat(" (did you mean ", meant, "?)")));
    }
    line.values_[name] = std::move(value);
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
