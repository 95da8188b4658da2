#include "rules/indicator_id.h"

#include "rules/thai_text.h"
#include "rules/utf8.h"

namespace scorecard::rules {

void IndicatorKeyInto(absl::string_view id, std::string* key) {
  key->clear();
  for (size_t i = 0; i < id.size();) {
    const unsigned char byte = static_cast<unsigned char>(id[i]);
    if (byte < 0x80) {  // ASCII, the usual case: no decoding needed.
      if (!IsWhiteSpace(byte)) key->push_back(static_cast<char>(byte));
      ++i;
      continue;
    }
    const size_t start = i;
    const int32_t c = DecodeUtf8(id, &i);
    if (IsWhiteSpace(c)) continue;
    if (const int digit = DigitValue(c); digit >= 0) {
      key->push_back(static_cast<char>('0' + digit));
    } else {
      key->append(id.data() + start, i - start);
    }
  }
}

std::string IndicatorKey(absl::string_view id) {
  std::string key;
  IndicatorKeyInto(id, &key);
  return key;
}

std::string CategoryKey(const scorecard::v1::Indicator& indicator) {
  if (!indicator.category().empty()) return IndicatorKey(indicator.category());
  const std::string id = IndicatorKey(indicator.id());
  return id.substr(0, id.find('.'));
}

}  // namespace scorecard::rules
