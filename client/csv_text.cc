#include "client/csv_text.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_replace.h"
#include "rules/utf8.h"

namespace scorecard::client {

std::string CsvField(absl::string_view field) {
  std::string text = rules::ToValidUtf8(field);
  const bool quote = text.find_first_of(",\"\r\n") != std::string::npos ||
                     (!text.empty() && (absl::ascii_isspace(text.front()) ||
                                        absl::ascii_isspace(text.back())));
  if (!quote) return text;
  return "\"" + absl::StrReplaceAll(text, {{"\"", "\"\""}}) + "\"";
}

void WriteCsvRow(const std::vector<std::string>& fields, std::ostream& out) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out << ',';
    out << CsvField(fields[i]);
  }
  out << "\r\n";
}

}  // namespace scorecard::client
