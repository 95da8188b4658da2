#include "client/xml_text.h"

#include <cstdint>

#include "rules/utf8.h"

namespace scorecard::client {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

std::string Escape(absl::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = pos;
    const int32_t c = rules::DecodeUtf8(text, &pos);
    switch (c) {
      case '&':
        out += "&amp;";
        continue;
      case '<':
        out += "&lt;";
        continue;
      case '>':
        out += "&gt;";
        continue;
      case '"':
        out += "&quot;";
        continue;
      case '\'':
        out += "&#39;";
        continue;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        continue;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        continue;
      case '\r':
        out += "&#13;";
        continue;
      default:
        break;
    }
    // Not allowed in XML 1.0: bad UTF-8, C0 controls, U+FFFE and U+FFFF.
    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
      out += kReplacement;
    } else {
      out.append(text.data() + start, pos - start);
    }
  }
  return out;
}

}  // namespace

std::string XmlText(absl::string_view text) { return Escape(text, false); }

std::string XmlAttribute(absl::string_view text) { return Escape(text, true); }

}  // namespace scorecard::client
