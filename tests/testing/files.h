// Reading and writing whole files in tests.

#ifndef SCORECARD_TESTS_TESTING_FILES_H_
#define SCORECARD_TESTS_TESTING_FILES_H_

#include <string>

#include "absl/strings/string_view.h"

namespace scorecard::testing {

// Returns the bytes of the file at `path`; empty when it cannot be read.
std::string ReadFile(const std::string& path);

// Replaces the file at `path` with `content`; returns whether it was written.
bool WriteFile(const std::string& path, absl::string_view content);

}  // namespace scorecard::testing

#endif  // SCORECARD_TESTS_TESTING_FILES_H_
