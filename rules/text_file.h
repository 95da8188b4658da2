// Reading the text files users give the engine (rule files, scorecard
// documents), with one policy for what is text: UTF-8, without NUL bytes; a
// leading UTF-8 byte-order mark is allowed and dropped.
//
//   absl::StatusOr<std::string> content =
//       ReadTextFile("rules/led.yaml", kMaxRuleFileBytes);
//   absl::Status text = CheckUtf8Text(*content, "rules/led.yaml", "rule files");
//
// Every error starts with the file's name ("source: ..." or
// "source:LINE: ...") and says what to do.
//
// Thread-safety: free functions with no shared state, safe for concurrent
// use.

#ifndef SCORECARD_RULES_TEXT_FILE_H_
#define SCORECARD_RULES_TEXT_FILE_H_

#include <cstddef>
#include <cstdio>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace scorecard::rules {

// Returns the whole content of the regular file at `path`. Fails with
// NOT_FOUND when there is no such file, PERMISSION_DENIED when it may not be
// read, and INVALID_ARGUMENT when it is not a regular file (a folder, a FIFO,
// a device: never opened in a way that could block), is larger than
// `max_bytes` (then it is not read past that), or cannot be read.
absl::StatusOr<std::string> ReadTextFile(const std::string& path,
                                         size_t max_bytes);

// Returns everything `stream` holds until its end, named `name` in errors;
// INVALID_ARGUMENT past `max_bytes` or on a read error.
absl::StatusOr<std::string> ReadTextStream(std::FILE* stream,
                                           absl::string_view name,
                                           size_t max_bytes);

// Returns OK when `content` is UTF-8 text, else INVALID_ARGUMENT naming the
// line: UTF-16 (by its byte-order mark), a NUL byte (a binary file), or a
// line that is not valid UTF-8 (another encoding such as TIS-620).
// `what_they_are` completes the advice, for example "rule files".
absl::Status CheckUtf8Text(absl::string_view content, absl::string_view source,
                           absl::string_view what_they_are);

// Returns `content` without a leading UTF-8 byte-order mark.
absl::string_view StripByteOrderMark(absl::string_view content);

// Returns the 1-based line holding byte `offset` of `content`, counting LF,
// CRLF and a lone CR each as one line end.
int LineAtOffset(absl::string_view content, size_t offset);

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_TEXT_FILE_H_
