// Reading a whole file in a test.

#ifndef SCORECARD_TESTS_TEST_FILES_H_
#define SCORECARD_TESTS_TEST_FILES_H_

#include <fstream>
#include <iterator>
#include <string>

namespace scorecard::testing {

// Returns the bytes of the file at `path`; empty when it cannot be read.
inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace scorecard::testing

#endif  // SCORECARD_TESTS_TEST_FILES_H_
