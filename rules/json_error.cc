#include "rules/json_error.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "rules/text_file.h"
#include "rules/utf8.h"

namespace scorecard::rules {
namespace {

// How much of protobuf's own sentence a message keeps.
constexpr size_t kMaxWhatCharacters = 200;

// Returns the byte offset in `content` that protobuf's excerpt and caret
// point at, when the excerpt occurs exactly once.
std::optional<size_t> ErrorOffset(absl::string_view content,
                                  absl::string_view excerpt,
                                  absl::string_view caret) {
  if (excerpt.empty() || caret.empty() || caret.back() != '^' ||
      caret.find_first_not_of(' ') != caret.size() - 1) {
    return std::nullopt;
  }
  const size_t at = content.find(excerpt);
  if (at == absl::string_view::npos ||
      content.find(excerpt, at + 1) != absl::string_view::npos) {
    return std::nullopt;
  }
  return std::min(at + caret.size() - 1, content.size());
}

// Returns the 1-based column, in bytes (as protobuf's text format and
// tokenizer count them), of byte `offset`.
size_t ColumnAt(absl::string_view content, size_t offset) {
  size_t line_start = offset;
  while (line_start > 0 && content[line_start - 1] != '\n' &&
         content[line_start - 1] != '\r') {
    --line_start;
  }
  return offset - line_start + 1;
}

}  // namespace

std::string DescribeJsonError(absl::string_view content,
                              absl::string_view source, absl::string_view kind,
                              absl::string_view message) {
  const size_t first_newline = message.find('\n');
  const size_t last_newline = message.rfind('\n');
  const std::string what =
      QuoteText(message.substr(0, first_newline), kMaxWhatCharacters);
  if (first_newline != absl::string_view::npos &&
      last_newline > first_newline) {
    const std::optional<size_t> offset = ErrorOffset(
        content,
        message.substr(first_newline + 1, last_newline - first_newline - 1),
        message.substr(last_newline + 1));
    if (offset.has_value()) {
      return absl::StrCat(source, ":", LineAtOffset(content, *offset), ":",
                          ColumnAt(content, *offset), ": ", kind, ": ", what);
    }
  }
  return absl::StrCat(source, ": ", kind, ": ", what);
}

}  // namespace scorecard::rules
