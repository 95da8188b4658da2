// UTF-8 as the project reads and writes it: one decoder, and the helpers that
// make sure every string leaving the engine, the reader or the service is
// valid UTF-8 and of a bounded length.
//
//   ToValidUtf8("\xE0\xB8")            == "\uFFFD"   (half a Thai character)
//   QuoteText("กองคลัง", /*max*/ 3)    == "กอง…"
//
// Text from callers reaches messages only through QuoteText (or ToValidUtf8
// where it must be kept whole): never half a character, never an unbounded
// echo.
//
// Thread-safety: pure functions, safe for concurrent use.

#ifndef SCORECARD_RULES_UTF8_H_
#define SCORECARD_RULES_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace scorecard::rules {

// Decodes the UTF-8 sequence at text[*pos] (which must be < text.size()) and
// advances *pos past it. Returns the code point, or -1 for a byte that does
// not start a well-formed sequence (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF); then *pos advances by one.
int32_t DecodeUtf8(absl::string_view text, size_t* pos);

// Returns true when `text` is valid UTF-8.
bool IsValidUtf8(absl::string_view text);

// Returns `text` with each byte that is not part of a well-formed sequence
// replaced by U+FFFD. Valid text is returned unchanged.
std::string ToValidUtf8(absl::string_view text);

// How many characters of caller text a message quotes by default.
inline constexpr size_t kMaxQuotedCharacters = 80;

// How many characters of caller text a field that echoes it (a violation's
// "actual", say) keeps: enough for any real title or number, and a bound on
// what a hostile submission can make a response repeat.
inline constexpr size_t kMaxEchoedCharacters = 1000;

// Returns `text` made valid (ToValidUtf8) and cut to at most
// `max_characters` characters (code points), with "…" (U+2026) appended when
// something was cut. Never splits a character.
std::string QuoteText(absl::string_view text,
                      size_t max_characters = kMaxQuotedCharacters);

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_UTF8_H_
