// Lists of problems that travel in an absl::Status.
//
// A rule file can have many problems, and each must reach the user as
// itself: scorecardctl prints them one per line, the service lists them as
// the reasons of a refused reload. A status made by ProblemsError keeps the
// list as a payload beside its message (the problems joined by newlines, for
// people and for code that only reads messages), so the list is never
// rebuilt by splitting text: a problem whose text holds a newline stays one
// problem.
//
//   absl::Status status = ProblemsError(absl::StatusCode::kInvalidArgument,
//                                       {"a.yaml:3:1: ...", "b.json: ..."});
//   for (const std::string& problem : Problems(status)) ...
//
// Thread-safety: pure functions, safe for concurrent use.

#ifndef SCORECARD_RULES_PROBLEMS_H_
#define SCORECARD_RULES_PROBLEMS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace scorecard::rules {

// Returns a status with `code` (not OK) carrying `problems` (at least one).
absl::Status ProblemsError(absl::StatusCode code,
                           std::vector<std::string> problems);

// Returns the problems a status carries: the list ProblemsError put in it,
// else its message as the only problem; empty for OK.
std::vector<std::string> Problems(const absl::Status& status);

// Appends the problems of `status` (see Problems) to `*problems`.
void AppendProblems(const absl::Status& status,
                    std::vector<std::string>* problems);

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_PROBLEMS_H_
