#include "service/public_paths.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "rules/utf8.h"

namespace scorecard::service {
namespace {

absl::string_view WithoutTrailingSlashes(absl::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  return path;
}

// Whether a path may start right after `c`.
bool StartsPathAfter(char c) {
  return absl::ascii_isspace(static_cast<unsigned char>(c)) || c == '"' ||
         c == '\'' || c == '(' || c == '[';
}

// Whether a path may end right before `c`.
bool EndsPathBefore(char c) {
  return c == ':' || c == '"' || c == '\'' || c == ')' || c == ']' ||
         c == ',' || absl::ascii_isspace(static_cast<unsigned char>(c));
}

}  // namespace

std::string FileName(absl::string_view path) {
  path = WithoutTrailingSlashes(path);
  const size_t slash = path.rfind('/');
  if (slash == absl::string_view::npos || path.size() == 1) {
    return rules::ToValidUtf8(path);
  }
  return rules::ToValidUtf8(path.substr(slash + 1));
}

std::string HideRulesPath(absl::string_view text,
                          absl::string_view rules_path) {
  rules_path = WithoutTrailingSlashes(rules_path);
  if (rules_path.empty()) return rules::ToValidUtf8(text);
  const std::string name = FileName(rules_path);
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    const size_t at = text.find(rules_path, start);
    if (at == absl::string_view::npos) break;
    const size_t end = at + rules_path.size();
    const bool starts = at == 0 || StartsPathAfter(text[at - 1]);
    const bool in_folder = end < text.size() && text[end] == '/';
    const bool alone = end == text.size() || EndsPathBefore(text[end]);
    if (!starts || (!in_folder && !alone)) {
      // Inside a longer word: keep it and look further on.
      absl::StrAppend(&out, text.substr(start, end - start));
      start = end;
      continue;
    }
    absl::StrAppend(&out, text.substr(start, at - start));
    if (in_folder) {
      start = end + 1;  // "<rules_path>/x.yaml" → "x.yaml"
    } else {
      absl::StrAppend(&out, name);
      start = end;
    }
  }
  absl::StrAppend(&out, text.substr(start));
  return rules::ToValidUtf8(out);
}

}  // namespace scorecard::service
