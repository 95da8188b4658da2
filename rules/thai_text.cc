#include "rules/thai_text.h"

#include <cstdint>

#include "rules/utf8.h"

namespace scorecard::rules {
namespace {

// Thai characters that combine with the one before and take no column.
bool IsThaiCombining(int32_t c) {
  return c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E3A) ||
         (c >= 0x0E47 && c <= 0x0E4E);
}

bool IsWide(int32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) ||
         (c >= 0x20000 && c <= 0x3FFFD);
}

}  // namespace

std::string ThaiDigitsToAscii(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    const int digit = DigitValue(DecodeUtf8(text, &i));
    if (digit >= 0) {
      out.push_back(static_cast<char>('0' + digit));
    } else {
      out.append(text.data() + start, i - start);
    }
  }
  return out;
}

std::string RemoveWhiteSpace(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    const int32_t c = DecodeUtf8(text, &i);
    if (!IsWhiteSpace(c)) out.append(text.data() + start, i - start);
  }
  return out;
}

namespace {

// Whether a character that starts (ends) with this byte can be white space:
// ASCII white space, or the first (last) byte of the UTF-8 of a white-space
// character IsWhiteSpace knows (C2 A0; E2 80 80..8B, E2 80 AF, E2 81 9F;
// E3 80 80; EF BB BF). A quick "no" for the usual cell, "๕.๐๐๐๐".
bool MayStartWhiteSpace(unsigned char c) {
  return c <= ' ' || c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xEF;
}
bool MayEndWhiteSpace(unsigned char c) {
  return c <= ' ' || (c >= 0x80 && c <= 0x8B) || c == 0x9F || c == 0xA0 ||
         c == 0xAF || c == 0xBF;
}

}  // namespace

absl::string_view StripWhiteSpace(absl::string_view text) {
  if (text.empty() ||
      (!MayStartWhiteSpace(static_cast<unsigned char>(text.front())) &&
       !MayEndWhiteSpace(static_cast<unsigned char>(text.back())))) {
    return text;
  }
  size_t begin = 0;
  while (begin < text.size()) {
    size_t next = begin;
    if (!IsWhiteSpace(DecodeUtf8(text, &next))) break;
    begin = next;
  }
  text.remove_prefix(begin);
  // From the end, one character at a time: back over continuation bytes
  // (10xxxxxx, at most three) to the character's first byte, decode it, and
  // stop at the first that is not white space. A stray continuation byte is
  // a character of its own (DecodeUtf8 reads it as -1), never white space.
  size_t end = text.size();
  while (end > 0) {
    size_t start = end - 1;
    while (start > 0 && end - start < 4 &&
           (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
      --start;
    }
    size_t next = start;
    const int32_t c = DecodeUtf8(text, &next);
    if (next != end || !IsWhiteSpace(c)) break;
    end = start;
  }
  return text.substr(0, end);
}

std::string TextKey(absl::string_view text) {
  // One pass: drop white space, read Thai digits as ASCII, and fold
  // NIKHAHIT + SARA AA (E0 B9 8D, E0 B8 B2) into SARA AM (E0 B8 B3).
  std::string key;
  key.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    const int32_t c = DecodeUtf8(text, &i);
    if (IsWhiteSpace(c)) continue;
    if (const int digit = DigitValue(c); digit >= 0) {
      key.push_back(static_cast<char>('0' + digit));
    } else if (c == 0x0E32 && key.size() >= 3 &&
               key.compare(key.size() - 3, 3, "\xE0\xB9\x8D") == 0) {
      key.replace(key.size() - 3, 3, "\xE0\xB8\xB3");
    } else {
      key.append(text.data() + start, i - start);
    }
  }
  return key;
}

std::string NameKey(absl::string_view text) {
  std::string key = TextKey(text);
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return key;
}

size_t DisplayWidth(absl::string_view text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size();) {
    const int32_t c = DecodeUtf8(text, &i);
    if (c < 0) {
      ++width;
    } else if (IsThaiCombining(c) || c == 0x200B || c == 0xFEFF ||
               (c >= 0x0300 && c <= 0x036F)) {
      // Takes no column of its own.
    } else if (IsWide(c)) {
      width += 2;
    } else if (c >= 0x20) {
      ++width;
    }
  }
  return width;
}

}  // namespace scorecard::rules
