// JSON string literals: the one place that quotes text for JSON output
// (scorecardd's log lines, scorecardctl's JSON Lines).
//
//   JsonQuote("กอง \"A\"\n")   == "\"กอง \\\"A\\\"\\n\""
//
// UTF-8 text (Thai included) passes through; '"' and '\' are escaped; control
// characters become \b, \f, \n, \r, \t or \u00XX, and DEL \u007f; each byte
// that is not part of a well-formed UTF-8 sequence (DecodeUtf8, utf8.h)
// becomes \ufffd. So the result is always valid JSON and valid UTF-8.
//
// Thread-safety: a pure function, safe for concurrent use.

#ifndef SCORECARD_RULES_JSON_STRING_H_
#define SCORECARD_RULES_JSON_STRING_H_

#include <string>

#include "absl/strings/string_view.h"

namespace scorecard::rules {

// Returns `text` as a JSON string literal, quotes included.
std::string JsonQuote(absl::string_view text);

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_JSON_STRING_H_
