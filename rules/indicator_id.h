// How indicator and category ids are compared: "๒. ๑" and "2.1" are the same
// indicator, of category "2".
//
// One function makes the key, for rule ids when a rule set compiles and for
// submitted ids on the validation hot path; IndicatorKeyInto reuses the
// caller's string so that the hot path does not allocate per entry, and
// IndicatorKeyEquals compares a submitted id with a key without building it.

#ifndef SCORECARD_RULES_INDICATOR_ID_H_
#define SCORECARD_RULES_INDICATOR_ID_H_

#include <string>

#include "absl/strings/string_view.h"
#include "scorecard/v1/rule_set_config.pb.h"

namespace scorecard::rules {

// Writes into `*key` (replacing what it held) the key an indicator or
// category id is matched by: Thai digits read as ASCII, white space
// (thai_text.h's IsWhiteSpace) removed, everything else kept. "๒. ๑" becomes
// "2.1".
void IndicatorKeyInto(absl::string_view id, std::string* key);

// Returns the key IndicatorKeyInto writes.
std::string IndicatorKey(absl::string_view id);

// Returns whether IndicatorKey(id) == key, without building the key: what
// the validation hot path asks of a submitted id and a compiled one. `key`
// must itself be a key (IndicatorKey(key) == key), as compiled ids are.
bool IndicatorKeyEquals(absl::string_view id, absl::string_view key);

// Returns the key of the category `indicator` belongs to: its own category
// when it names one, else the part of its id before the first dot ("2" for
// "2.1").
std::string CategoryKey(const scorecard::v1::Indicator& indicator);

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_INDICATOR_ID_H_
