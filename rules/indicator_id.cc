#include "rules/indicator_id.h"

#include "rules/thai_text.h"

namespace scorecard::rules {

std::string IndicatorKey(absl::string_view id) {
  return ThaiDigitsToAscii(RemoveWhiteSpace(id));
}

std::string CategoryKey(const scorecard::v1::Indicator& indicator) {
  if (!indicator.category().empty()) return IndicatorKey(indicator.category());
  const std::string id = IndicatorKey(indicator.id());
  return id.substr(0, id.find('.'));
}

}  // namespace scorecard::rules
