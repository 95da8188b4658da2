// Protobuf's JSON parse errors, said for people: where, and what.
//
// protobuf 3.21 words a syntax error as "what\n<excerpt>\n<spaces>^", the
// excerpt being up to 20 bytes either side of the error: copied as it is it
// can cut a Thai character in half. DescribeJsonError keeps only "what"
// (valid UTF-8, bounded) and turns the excerpt into a line and column.
//
//   DescribeJsonError(content, "rules/led.json", "invalid JSON", message)
//     == "rules/led.json:3:14: invalid JSON: Expected : between key:value pair."
//
// Thread-safety: a pure function, safe for concurrent use.

#ifndef SCORECARD_RULES_JSON_ERROR_H_
#define SCORECARD_RULES_JSON_ERROR_H_

#include <string>

#include "absl/strings/string_view.h"

namespace scorecard::rules {

// Returns "source:LINE:COLUMN: kind: what" for protobuf's JSON parse error
// `message` about `content`, or "source: kind: what" when the error's place
// cannot be found (its excerpt is not in the content exactly once, or the
// error has none). LINE and COLUMN are 1-based; COLUMN counts bytes, as the text
// format's errors do.
std::string DescribeJsonError(absl::string_view content,
                              absl::string_view source, absl::string_view kind,
                              absl::string_view message);

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_JSON_ERROR_H_
