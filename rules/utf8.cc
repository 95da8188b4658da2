#include "rules/utf8.h"

#include <algorithm>

namespace scorecard::rules {
namespace {

constexpr absl::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr absl::string_view kEllipsis = "\xE2\x80\xA6";     // U+2026

}  // namespace

int32_t DecodeUtf8Sequence(absl::string_view text, size_t* pos) {
  const auto byte = [&](size_t i) {
    return static_cast<unsigned char>(text[i]);
  };
  const size_t i = *pos;
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    *pos = i + 1;
    return lead;
  }
  int length = 0;
  int32_t code_point = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    code_point = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    code_point = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    code_point = lead & 0x07;
  } else {
    *pos = i + 1;
    return -1;
  }
  if (i + length > text.size()) {
    *pos = i + 1;
    return -1;
  }
  for (int k = 1; k < length; ++k) {
    const unsigned char next = byte(i + k);
    if ((next & 0xC0) != 0x80) {
      *pos = i + 1;
      return -1;
    }
    code_point = (code_point << 6) | (next & 0x3F);
  }
  // Reject overlong forms, surrogates and values past U+10FFFF.
  static constexpr int32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code_point < kMinimum[length] || code_point > 0x10FFFF ||
      (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    *pos = i + 1;
    return -1;
  }
  *pos = i + length;
  return code_point;
}

bool IsValidUtf8(absl::string_view text) {
  for (size_t i = 0; i < text.size();) {
    // ASCII runs are the common case.
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    if (DecodeUtf8(text, &i) < 0) return false;
  }
  return true;
}

std::string ToValidUtf8(absl::string_view text) {
  if (IsValidUtf8(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    if (DecodeUtf8(text, &i) < 0) {
      out.append(kReplacement.data(), kReplacement.size());
    } else {
      out.append(text.data() + start, i - start);
    }
  }
  return out;
}

std::string QuoteText(absl::string_view text, size_t max_characters) {
  std::string out;
  out.reserve(std::min(text.size(), max_characters * 4 + kEllipsis.size()));
  size_t characters = 0;
  for (size_t i = 0; i < text.size();) {
    if (characters == max_characters) {
      out.append(kEllipsis.data(), kEllipsis.size());
      return out;
    }
    const size_t start = i;
    if (DecodeUtf8(text, &i) < 0) {
      out.append(kReplacement.data(), kReplacement.size());
    } else {
      out.append(text.data() + start, i - start);
    }
    ++characters;
  }
  return out;
}

}  // namespace scorecard::rules
