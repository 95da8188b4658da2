// The properties every fuzz target of tests/fuzz/ asserts, beyond "no crash":
// what leaves the engine is valid UTF-8, numbers are formatted as numbers, and
// validation is deterministic and agrees with itself across views and
// languages.
//
//   FUZZ_CHECK(IsFormattedNumber(total), "computed_total ", Printable(total));
//   CheckValidation(rules, scorecard);  // validates it 8 ways, checks each
//
// A failed check prints what was expected and the offending value (escaped,
// so that a broken byte shows as \xE0) to stderr and aborts: libFuzzer then
// keeps the input as a crash-* artifact, and a replay of it fails the same
// way.
//
// UTF-8 here is judged by IsWellFormedUtf8, written from RFC 3629 apart from
// rules/utf8.h, so that a bug in the engine's own decoder cannot hide a bug in
// what it wrote.
//
// Thread-safety: functions without shared state; libFuzzer calls them from one
// thread.

#ifndef SCORECARD_TESTS_FUZZ_FUZZ_PROPERTIES_H_
#define SCORECARD_TESTS_FUZZ_FUZZ_PROPERTIES_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "rules/rule_set.h"
#include "scorecard/v1/scorecard.pb.h"

namespace scorecard::fuzz {

// Prints "fuzz property violated: <what>" with the file and line, and aborts.
[[noreturn]] void FailProperty(const char* file, int line,
                               const std::string& what);

// Aborts with a message built from the arguments (absl::StrCat) unless
// `condition` holds.
#define FUZZ_CHECK(condition, ...)                                  \
  do {                                                              \
    if (!(condition)) {                                             \
      ::scorecard::fuzz::FailProperty(                              \
          __FILE__, __LINE__,                                       \
          ::absl::StrCat(#condition, ": ", __VA_ARGS__));           \
    }                                                               \
  } while (false)

// Returns `text` with every byte outside printable ASCII written as \xHH, for
// messages about a broken value.
std::string Printable(absl::string_view text);

// Returns true when `text` is well-formed UTF-8 (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF).
bool IsWellFormedUtf8(absl::string_view text);

// Checks that every string field of `message`, at any depth, is valid UTF-8;
// `what` names the message in the failure.
void CheckStringsAreUtf8(const google::protobuf::Message& message,
                         absl::string_view what);

// Checks that a status message (or any other text leaving the engine) is
// valid UTF-8.
void CheckTextIsUtf8(absl::string_view text, absl::string_view what);

// Returns true when `text` is a number as the engine formats one: an optional
// '-', one or more ASCII digits, optionally '.' and one or more digits. In
// particular only digits, '.' and '-'.
bool IsFormattedNumber(absl::string_view text);

// Validates `scorecard` with `rules` in both languages and both views, each
// twice, and checks every result:
//  - all its strings are valid UTF-8;
//  - validating again gives an equal result (determinism);
//  - `valid` is true exactly when no violation has SEVERITY_ERROR;
//  - the basic view (no breakdown) and the full view agree on the verdict, the
//    total and the violations, and the basic view has no breakdown;
//  - English and Thai agree on everything but the wording (messages, the
//    grade, explanations);
//  - computed_total and every number of the breakdown are formatted numbers,
//    and the total has the rule set's decimals;
//  - a declared total that reads as a number and is not reported as
//    TOTAL_MISMATCH equals the computed total;
//  - UNKNOWN_UNIT is reported exactly when FindUnit finds no unit, and
//    UNKNOWN_INDICATOR exactly for the entries whose IndicatorKey names no
//    indicator of the unit (indicator_id.h is the one rule for matching ids).
void CheckValidation(const rules::RuleSet& rules,
                     const scorecard::v1::Scorecard& scorecard);

// Loads every rule file at `path` (a file or folder) and compiles it; aborts
// with the problems when that fails. For a fuzz target's one-time setup.
std::vector<std::shared_ptr<const rules::RuleSet>> LoadRuleSetsOrDie(
    const std::string& path);

// The bundled rule sets (rules/bundled, or $SCORECARD_FUZZ_BUNDLED_RULES).
std::string BundledRulesPath();

}  // namespace scorecard::fuzz

#endif  // SCORECARD_TESTS_FUZZ_FUZZ_PROPERTIES_H_
