// Text helpers for Thai documents copied from PDFs: Thai digits, stray white
// space, and the width text takes in a terminal.
//
//   ThaiDigitsToAscii("๑.๒") == "1.2"
//   RemoveWhiteSpace("แนวทาง แก้ไข") == "แนวทางแก้ไข"
//
// This is the one place that says what a digit and what white space are;
// every reader of numbers, ids and names (decimal.h, indicator_id.h, the
// document reader) asks it. Text is decoded with rules/utf8.h's decoder.
//
// All functions take and return UTF-8 and are safe for concurrent use.

#ifndef SCORECARD_RULES_THAI_TEXT_H_
#define SCORECARD_RULES_THAI_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace scorecard::rules {

// Returns true for the white space that copies out of PDFs hold: ASCII white
// space (space, \t, \n, \v, \f, \r), no-break space (U+00A0), the Unicode
// spaces U+2000 to U+200B, U+202F, U+205F, U+3000 and the byte-order mark
// U+FEFF.
inline bool IsWhiteSpace(int32_t c) {
  return c == ' ' || (c >= '\t' && c <= '\r') ||
         (c >= 0x00A0 &&
          (c == 0x00A0 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F ||
           c == 0x205F || c == 0x3000 || c == 0xFEFF));
}

// Returns the value of an ASCII digit (U+0030 to U+0039) or a Thai digit
// (U+0E50 to U+0E59), or -1 for any other code point.
inline int DigitValue(int32_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 0x0E50 && c <= 0x0E59) return c - 0x0E50;
  return -1;
}

// Returns the value of the digit (ASCII or Thai) that starts at text[*pos]
// and advances *pos past it, or returns -1 and leaves *pos alone.
//
// It reads bytes rather than decoding: an ASCII digit is its byte, and a
// Thai digit's only well-formed UTF-8 is E0 B9 90..99, so it answers exactly
// what DigitValue(DecodeUtf8(...)) would (a test checks it), on the hot path
// of every number read.
inline int DigitAt(absl::string_view text, size_t* pos) {
  // Bytes are read through data(): the bounds are checked here once.
  const size_t i = *pos;
  const unsigned char* const bytes =
      reinterpret_cast<const unsigned char*>(text.data());
  const unsigned ascii = bytes[i] - unsigned{'0'};
  if (ascii <= 9) {
    *pos = i + 1;
    return static_cast<int>(ascii);
  }
  if (bytes[i] == 0xE0 && i + 3 <= text.size() && bytes[i + 1] == 0xB9) {
    const unsigned thai = bytes[i + 2] - 0x90u;
    if (thai <= 9) {
      *pos = i + 3;
      return static_cast<int>(thai);
    }
  }
  return -1;
}

// Returns `text` with every Thai digit replaced by the ASCII digit of the
// same value; everything else is copied unchanged.
std::string ThaiDigitsToAscii(absl::string_view text);

// Returns `text` with every white-space character (IsWhiteSpace) removed.
std::string RemoveWhiteSpace(absl::string_view text);

// Returns `text` with leading and trailing white space removed.
absl::string_view StripWhiteSpace(absl::string_view text);

// Returns the key under which texts are compared when white space does not
// count: white space removed, Thai digits read as ASCII, and SARA AM written
// as two characters (NIKHAHIT U+0E4D, SARA AA U+0E32; PDF copies do this)
// read as the one character U+0E33.
std::string TextKey(absl::string_view text);

// Returns the key under which names are compared: TextKey with ASCII letters
// lower-cased.
std::string NameKey(absl::string_view text);

// Returns how many terminal columns `text` takes: one per character, none for
// Thai combining vowels and tone marks, two for wide East Asian characters.
// Invalid UTF-8 bytes count one column each.
size_t DisplayWidth(absl::string_view text);

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_THAI_TEXT_H_
