#include "rules/utf8.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

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

// Eight ASCII bytes at a time, then one sequence at a time by the table of
// well-formed sequences (Unicode 15, table 3-7): what DecodeUtf8 accepts,
// without computing the code point. Rule files are read whole through here.
bool IsValidUtf8(absl::string_view text) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* const end = p + text.size();
  while (p < end) {
    if (end - p >= 8) {
      uint64_t word;
      std::memcpy(&word, p, sizeof(word));
      if ((word & 0x8080808080808080u) == 0) {
        p += 8;
        continue;
      }
    }
    const unsigned char lead = *p;
    if (lead < 0x80) {
      ++p;
      continue;
    }
    const auto continuation = [](unsigned char c) { return (c & 0xC0) == 0x80; };
    if (lead >= 0xC2 && lead <= 0xDF) {
      if (end - p < 2 || !continuation(p[1])) return false;
      p += 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      // Three-byte sequences come in runs (Thai text is nothing else): the
      // run is checked in a loop of its own.
      do {
        if (end - p < 3) return false;
        // E0 must not be overlong; ED must not make a surrogate.
        const unsigned char low = *p == 0xE0 ? 0xA0 : 0x80;
        const unsigned char high = *p == 0xED ? 0x9F : 0xBF;
        if (p[1] < low || p[1] > high || !continuation(p[2])) return false;
        p += 3;
      } while (p < end && (*p & 0xF0) == 0xE0);
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      if (end - p < 4) return false;
      // F0 must not be overlong; F4 must stay within U+10FFFF.
      const unsigned char low = lead == 0xF0 ? 0x90 : 0x80;
      const unsigned char high = lead == 0xF4 ? 0x8F : 0xBF;
      if (p[1] < low || p[1] > high || !continuation(p[2]) ||
          !continuation(p[3])) {
        return false;
      }
      p += 4;
    } else {
      return false;  // A continuation byte, C0, C1 or F5 to FF.
    }
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
