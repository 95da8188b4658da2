// Text for XML and HTML documents: the one place scorecardctl escapes it.
//
//   XmlText("a < b & \"c\"")  == "a &lt; b &amp; &quot;c&quot;"
//   XmlAttribute("two\nlines") == "two&#10;lines"
//
// The result is always valid UTF-8 and holds only characters XML 1.0 allows:
// bytes that are not UTF-8 and control characters other than tab, LF and CR
// become U+FFFD.
//
// Thread-safety: pure functions, safe for concurrent use.

#ifndef SCORECARD_CLIENT_XML_TEXT_H_
#define SCORECARD_CLIENT_XML_TEXT_H_

#include <string>

#include "absl/strings/string_view.h"

namespace scorecard::client {

// Returns `text` escaped for element content: &, <, >, " and ' as entities.
std::string XmlText(absl::string_view text);

// Returns `text` escaped for a quoted attribute value: as XmlText, and tab,
// LF and CR as character references, so that they survive the attribute's
// normalisation.
std::string XmlAttribute(absl::string_view text);

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_XML_TEXT_H_
