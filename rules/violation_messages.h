// The sentences that explain violations, in English and Thai.
//
//   std::string text = FormatViolationMessage(
//       ViolationMessage::kWeightMismatch, Locale::kThai, {"2.1", "10", "5"});
//
// Safe for concurrent use: the catalogue is constant.

#ifndef SCORECARD_RULES_VIOLATION_MESSAGES_H_
#define SCORECARD_RULES_VIOLATION_MESSAGES_H_

#include <initializer_list>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace scorecard::rules {

// The language of violation messages.
enum class Locale {
  kEnglish,
  kThai,
};

// Parses a locale as callers give it: "" and "en" (or "en-…", "en_…") are
// English, "th" (or "th-…", "th_…") is Thai, case-insensitively. Anything else
// is INVALID_ARGUMENT naming the locales there are.
absl::StatusOr<Locale> ParseLocale(absl::string_view text);

// Each sentence the engine can say. The comment gives the arguments, $0 on.
enum class ViolationMessage {
  kUnknownUnit,              // unit as submitted, rule set id
  kUnknownIndicator,         // indicator, unit id
  kMissingIndicator,         // indicator, title
  kDuplicateIndicator,       // indicator, line of the first entry ("" if 0)
  kInvalidScore,             // indicator, why
  kInvalidWeight,            // indicator, why
  kInvalidDeclaredTotal,     // why
  kInvalidDeclaredWeightTotal,  // why
  kTotalTooLarge,            // (none)
  kScoreOutOfRange,          // indicator, score, min, max
  kScorePrecision,           // indicator, score, decimals
  kWeightMismatch,           // indicator, submitted weight, rule weight
  kWeightSum,                // sum of submitted weights, weight total
  kDeclaredWeightTotal,      // declared weight total, weight total
  kTotalMismatch,            // declared total, computed total
  kTitleMismatch,            // indicator, submitted title, rule title
  kInvalidResult,            // indicator, why
  kUnscorableResult,         // indicator, why
  kScoreCriteriaMismatch,    // indicator, submitted score, criteria score,
                             // how the criteria score was reached
  kInvalidWeightedScore,     // indicator, why
  kWeightedScoreMismatch,    // indicator, stated, weight × score / Σ weight
  kFiscalYearMismatch,       // document's year, rule set id, rule set's year
  kTotalMismatchUnrounded,   // declared total, computed total, decimals
};

// Returns the sentence `message` in `locale` with `args` substituted.
std::string FormatViolationMessage(ViolationMessage message, Locale locale,
                                   std::initializer_list<absl::string_view> args);

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_VIOLATION_MESSAGES_H_
