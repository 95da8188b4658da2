// JUnit XML as GitHub (test-reporter actions), GitLab (artifacts:reports:
// junit) and Jenkins read it: a model of suites and cases, and its writer.
// `validate --format junit` and `rules test --format junit` both build one.
//
//   JunitSuite suite{"subs/a.txt", {}};
//   suite.cases.push_back({"สำนักงานเลขานุการกรม (secretariat)", "subs/a.txt",
//                          "subs/a.txt", 5, {{"TOTAL_MISMATCH", "...", "..."}},
//                          ""});
//   WriteJunitXml("scorecardctl validate", {suite}, std::cout);
//
// Counts are in the attributes: tests (cases), failures (cases with a
// failure), errors (cases with an error: a file that could not be judged).
//
// Thread-safety: a pure function of its arguments.

#ifndef SCORECARD_CLIENT_JUNIT_XML_H_
#define SCORECARD_CLIENT_JUNIT_XML_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace scorecard::client {

// A <failure> (or, with `error`, an <error>) of a case.
struct JunitFailure {
  std::string type;     // The type attribute: "TOTAL_MISMATCH".
  std::string message;  // The message attribute: one sentence.
  std::string text;     // The element's text: details, may be empty.
  bool error = false;   // <error>: the case could not run at all.
};

struct JunitCase {
  std::string name;
  std::string classname;
  std::string file;  // Empty: no file attribute.
  int line = 0;      // 0: no line attribute.
  std::vector<JunitFailure> failures;
  std::string system_out;  // Empty: no <system-out>.
};

struct JunitSuite {
  std::string name;
  std::vector<JunitCase> cases;
};

// Writes `suites` as one <testsuites> document named `name`.
void WriteJunitXml(absl::string_view name,
                   const std::vector<JunitSuite>& suites, std::ostream& out);

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_JUNIT_XML_H_
