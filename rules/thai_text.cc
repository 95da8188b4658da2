#include "rules/thai_text.h"

#include <cstdint>

#include "rules/utf8.h"

namespace scorecard::rules {
namespace {

constexpr int32_t kThaiDigitZero = 0x0E50;
constexpr int32_t kThaiDigitNine = 0x0E59;

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

bool IsWhiteSpace(int32_t c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x00A0 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0xFEFF;
}

int DigitValue(int32_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= kThaiDigitZero && c <= kThaiDigitNine) return c - kThaiDigitZero;
  return -1;
}

int DigitAt(absl::string_view text, size_t* pos) {
  size_t next = *pos;
  const int digit = DigitValue(DecodeUtf8(text, &next));
  if (digit >= 0) *pos = next;
  return digit;
}

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

absl::string_view StripWhiteSpace(absl::string_view text) {
  size_t begin = 0;
  while (begin < text.size()) {
    size_t next = begin;
    if (!IsWhiteSpace(DecodeUtf8(text, &next))) break;
    begin = next;
  }
  text.remove_prefix(begin);
  // Walk forward remembering the end of the last non-space character.
  size_t end = 0;
  for (size_t i = 0; i < text.size();) {
    if (!IsWhiteSpace(DecodeUtf8(text, &i))) end = i;
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
