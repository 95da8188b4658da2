// The seed document in the tests: six units of the Legal Execution
// Department, fiscal year 2563, as published (tests/data/).

#ifndef SCORECARD_TESTS_TESTING_SEED_H_
#define SCORECARD_TESTS_TESTING_SEED_H_

#include <string>

#include "absl/strings/string_view.h"

namespace scorecard::testing {

// The path of the seed document.
inline constexpr char kSeedDocument[] =
    SCORECARD_SOURCE_DIR "/tests/data/led-fy2563-scores.txt";

// The bundled rules that judge it.
inline constexpr char kBundledRules[] = SCORECARD_SOURCE_DIR "/rules/bundled";

// Returns the seed document with `from` replaced by `to` on its 1-based line
// `line`. The replacement must happen: a test whose edit no longer matches
// the seed fails loudly (the process aborts naming the line) instead of
// testing the unchanged seed.
std::string SeedWithLineEdited(int line, absl::string_view from,
                               absl::string_view to);

}  // namespace scorecard::testing

#endif  // SCORECARD_TESTS_TESTING_SEED_H_
