// How indicator and category ids are compared: "๒. ๑" and "2.1" are the same
// indicator, of category "2".

#ifndef SCORECARD_RULES_INDICATOR_ID_H_
#define SCORECARD_RULES_INDICATOR_ID_H_

#include <string>

#include "absl/strings/string_view.h"
#include "scorecard/v1/rule_set_config.pb.h"

namespace scorecard::rules {

// Returns the key an indicator or category id is matched by: Thai digits read
// as ASCII, white space removed. "๒. ๑" becomes "2.1".
std::string IndicatorKey(absl::string_view id);

// Returns the key of the category `indicator` belongs to: its own category
// when it names one, else the part of its id before the first dot ("2" for
// "2.1").
std::string CategoryKey(const scorecard::v1::Indicator& indicator);

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_INDICATOR_ID_H_
