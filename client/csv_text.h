// CSV as RFC 4180 writes it, for the validate and report CSV formats: fields
// quoted when they hold a comma, a quote, a line break or white space at an
// end (then quotes are doubled), rows ended by CRLF, and on request a UTF-8
// byte-order mark first, which Excel needs to read Thai text as UTF-8.
//
//   WriteCsvRow({"a,b", "กอง \"ก\""}, out);   // "\"a,b\",\"กอง
//   \"\"ก\"\"\"\r\n"
//
// Thread-safety: pure functions.

#ifndef SCORECARD_CLIENT_CSV_TEXT_H_
#define SCORECARD_CLIENT_CSV_TEXT_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace scorecard::client {

// The UTF-8 byte-order mark.
inline constexpr char kUtf8ByteOrderMark[] = "\xEF\xBB\xBF";

// Returns `field` as one CSV field, valid UTF-8, quoted when it must be.
std::string CsvField(absl::string_view field);

// Writes `fields` as one row, ended by CRLF.
void WriteCsvRow(const std::vector<std::string>& fields, std::ostream& out);

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_CSV_TEXT_H_
