#include "rules/indicator_id.h"

#include "absl/base/attributes.h"
#include "rules/thai_text.h"
#include "rules/utf8.h"

namespace scorecard::rules {
namespace {

// The one definition of the key: calls `piece(bytes)` for each piece of the
// key of `id` in order (the key is their concatenation) until `piece`
// returns false. Returns whether every piece was taken.
template <typename Piece>
bool ForEachKeyPiece(absl::string_view id, Piece piece) {
  static constexpr char kDigits[] = "0123456789";
  for (size_t i = 0; i < id.size();) {
    const unsigned char byte = static_cast<unsigned char>(id[i]);
    if (byte < 0x80) {  // ASCII, the usual case: no decoding needed.
      ++i;
      if (!IsWhiteSpace(byte) && !piece(absl::string_view(id.data() + i - 1, 1))) {
        return false;
      }
      continue;
    }
    const size_t start = i;
    const int32_t c = DecodeUtf8(id, &i);
    if (IsWhiteSpace(c)) continue;
    const int digit = DigitValue(c);
    const absl::string_view bytes =
        digit >= 0 ? absl::string_view(kDigits + digit, 1)
                   : absl::string_view(id.data() + start, i - start);
    if (!piece(bytes)) return false;
  }
  return true;
}

// IndicatorKeyEquals for any id; out of line, since it is rarely needed.
ABSL_ATTRIBUTE_NOINLINE bool KeyEqualsByPieces(absl::string_view id,
                                               absl::string_view key) {
  size_t matched = 0;
  return ForEachKeyPiece(id,
                         [&](absl::string_view bytes) {
                           if (key.substr(matched, bytes.size()) != bytes) {
                             return false;
                           }
                           matched += bytes.size();
                           return true;
                         }) &&
         matched == key.size();
}

}  // namespace

void IndicatorKeyInto(absl::string_view id, std::string* key) {
  key->clear();
  ForEachKeyPiece(id, [key](absl::string_view bytes) {
    key->append(bytes.data(), bytes.size());
    return true;
  });
}

std::string IndicatorKey(absl::string_view id) {
  std::string key;
  IndicatorKeyInto(id, &key);
  return key;
}

bool IndicatorKeyEquals(absl::string_view id, absl::string_view key) {
  // The usual submission is the key itself with some or all of its digits
  // written in Thai. Since `key` is a key (no white space, no Thai digits),
  // such an id decodes to the key's characters with those digits in Thai, so
  // its key is `key`. Any other id is compared piece by piece.
  const unsigned char* p = reinterpret_cast<const unsigned char*>(id.data());
  const unsigned char* const end = p + id.size();
  for (const char c : key) {
    if (p < end && *p == static_cast<unsigned char>(c)) {
      ++p;
      continue;
    }
    const unsigned digit = static_cast<unsigned char>(c) - unsigned{'0'};
    if (digit <= 9 && end - p >= 3 && p[0] == 0xE0 && p[1] == 0xB9 &&
        p[2] == 0x90 + digit) {
      p += 3;
      continue;
    }
    return KeyEqualsByPieces(id, key);
  }
  return p == end || KeyEqualsByPieces(id, key);
}

std::string CategoryKey(const scorecard::v1::Indicator& indicator) {
  if (!indicator.category().empty()) return IndicatorKey(indicator.category());
  const std::string id = IndicatorKey(indicator.id());
  return id.substr(0, id.find('.'));
}

}  // namespace scorecard::rules
