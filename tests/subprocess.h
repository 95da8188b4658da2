// Runs a program to completion for a test, with given standard input and
// environment, and returns its exit status and what it wrote.

#ifndef SCORECARD_TESTS_SUBPROCESS_H_
#define SCORECARD_TESTS_SUBPROCESS_H_

#include <map>
#include <string>
#include <vector>

namespace scorecard::testing {

struct ProcessResult {
  int exit_status = -1;  // The exit code; 128 + N when killed by signal N.
  std::string out;       // Standard output.
  std::string err;       // Standard error.
};

// Runs `argv` (argv[0] is the program's path), feeding it `input` on standard
// input, with the current environment changed by `environment` (a variable set
// to "" is removed). Waits for it to end.
ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::string& input = "",
                         const std::map<std::string, std::string>& environment =
                             {});

}  // namespace scorecard::testing

#endif  // SCORECARD_TESTS_SUBPROCESS_H_
