// The one result stream of `validate` and `report`: expands the inputs,
// opens the validator (offline rules or --server), reads each document,
// assigns each scorecard its rule set, validates, and hands every result,
// and every file that could not be judged, to a ResultWriter. Nothing else
// validates, so every format reports the same verdicts.
//
//   ValidationRequest request;
//   request.inputs = {"submissions/"};
//   request.rules_path = "rules/bundled";
//   std::unique_ptr<ResultWriter> writer = NewTextWriter(options, std::cout);
//   absl::StatusOr<RunSummary> summary = RunValidation(request, *writer,
//   std::cerr);
//
// Thread-safety: one call per thread; nothing is shared between calls.

#ifndef SCORECARD_CLIENT_VALIDATION_RUN_H_
#define SCORECARD_CLIENT_VALIDATION_RUN_H_

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "client/result_writer.h"
#include "client/server_connection.h"
#include "rules/violation_messages.h"

namespace scorecard::client {

// What to validate, and by what.
struct ValidationRequest {
  std::vector<std::string> inputs;    // Files, folders, "-".
  std::string rules_path;             // The rules, without --server.
  std::string rule_set;               // --rule-set; empty: chosen per year.
  std::optional<ServerConnection> server;  // --server and its TLS flags.
  rules::Locale locale = rules::Locale::kEnglish;
  FailOn fail_on = FailOn::kError;
};

// Validates every scorecard of `request.inputs` in order, writes each result
// and each file not judged to `writer` (and each file not judged, one line,
// to `err` as well, so that a CI log shows it whatever the format), and
// calls writer.Finish. Returns the summary, exit status included: 2 when a
// file was not judged, else 1 when a scorecard fails by fail_on, else 0.
// Fails only when no validator can be opened (the rules do not load, the
// server cannot be reached); then the writer is not finished.
absl::StatusOr<RunSummary> RunValidation(const ValidationRequest& request,
                                         ResultWriter& writer,
                                         std::ostream& err);

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_VALIDATION_RUN_H_
