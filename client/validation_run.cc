#include "client/validation_run.h"

#include <deque>
#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "client/input_files.h"
#include "client/local_validator.h"
#include "client/remote_validator.h"
#include "client/rule_set_assignment.h"
#include "rules/document_reader.h"
#include "rules/rule_set_index.h"
#include "rules/status_macros.h"
#include "rules/utf8.h"

namespace scorecard::client {
namespace {

namespace v1 = ::scorecard::v1;

// Returns the validator `request` asks for: a connection to --server (also
// set in `*server`), else the rules loaded from disk.
absl::StatusOr<std::unique_ptr<ScorecardValidator>> OpenValidator(
    const ValidationRequest& request, RemoteValidator** server) {
  if (request.server.has_value()) {
    SCORECARD_ASSIGN_OR_RETURN(std::unique_ptr<RemoteValidator> remote,
                               RemoteValidator::Connect(*request.server));
    *server = remote.get();
    return std::unique_ptr<ScorecardValidator>(std::move(remote));
  }
  absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> index =
      rules::RuleSetIndex::Load(request.rules_path);
  if (!index.ok()) {
    return absl::Status(
        index.status().code(),
        absl::StrCat("cannot load rules from ", request.rules_path, ":\n",
                     index.status().message()));
  }
  return std::unique_ptr<ScorecardValidator>(
      std::make_unique<LocalValidator>(*std::move(index)));
}

// One judged file, kept until the writer has finished.
struct JudgedFile {
  std::string source;
  rules::ScorecardDocument document;
  std::vector<v1::Scorecard> scorecards;
  std::vector<v1::ValidationResult> results;
};

// Reads, assigns and validates one file by the offline engine, or by a
// server's ValidateScorecards stream; a file that cannot be judged is the
// error, its message starting with the file's name. `content` is the file's
// bytes when already read.
absl::Status JudgeScorecards(const ValidationRequest& request,
                             ScorecardValidator& validator,
                             RuleSetAssignment& assignment,
                             const std::string* content, JudgedFile& file) {
  if (content != nullptr) {
    SCORECARD_ASSIGN_OR_RETURN(
        file.document, rules::ReadScorecardDocument(*content, file.source));
  } else {
    SCORECARD_ASSIGN_OR_RETURN(file.document,
                               rules::ReadScorecardFile(file.source));
  }
  if (file.document.scorecards.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(file.source, ": holds no scorecard"));
  }
  absl::StatusOr<std::vector<v1::Scorecard>> scorecards =
      assignment.Assign(file.document);
  if (!scorecards.ok()) {
    return RuleSetChoiceError(file.source, scorecards.status());
  }
  file.scorecards = *std::move(scorecards);
  absl::StatusOr<std::vector<v1::ValidationResult>> results =
      validator.ValidateAll(file.scorecards, request.locale);
  if (!results.ok()) {
    return absl::Status(
        results.status().code(),
        absl::StrCat(file.source, ": ", results.status().message()));
  }
  file.results = *std::move(results);
  return absl::OkStatus();
}

// Judges one file with one ValidateDocument call to the server: it reads the
// document and chooses the rule sets, and its errors come back worded as
// offline. The document is read here too, for the report (which shows each
// scorecard as submitted). A document over the server's limits for one call
// goes over the stream instead, scorecard by scorecard.
absl::Status JudgeDocument(const ValidationRequest& request,
                           RemoteValidator& server,
                           RuleSetAssignment& assignment, JudgedFile& file) {
  SCORECARD_ASSIGN_OR_RETURN(const std::string content,
                             rules::ReadDocumentBytes(file.source));
  absl::StatusOr<std::vector<v1::ValidationResult>> results =
      server.ValidateDocument(content, file.source, request.rule_set,
                              request.locale);
  if (absl::IsResourceExhausted(results.status())) {
    return JudgeScorecards(request, server, assignment, &content, file);
  }
  if (!results.ok()) return results.status();
  SCORECARD_ASSIGN_OR_RETURN(file.document,
                             rules::ReadScorecardDocument(content, file.source));
  if (results->size() != file.document.scorecards.size()) {
    return absl::InternalError(absl::StrCat(
        file.source, ": the server answered ", results->size(), " of ",
        file.document.scorecards.size(), " scorecards"));
  }
  file.results = *std::move(results);
  file.scorecards.reserve(file.results.size());
  for (size_t i = 0; i < file.results.size(); ++i) {
    v1::Scorecard& scorecard =
        file.scorecards.emplace_back(file.document.scorecards[i].scorecard);
    // The rule set the server chose, as RuleSetAssignment would have.
    scorecard.set_rule_set(file.results[i].rule_set());
  }
  return absl::OkStatus();
}

void Count(const v1::ValidationResult& result, FailOn fail_on,
           RunSummary& summary) {
  ++summary.scorecards;
  (result.valid() ? summary.valid : summary.invalid) += 1;
  if (Fails(result, fail_on)) ++summary.failing;
  summary.errors += CountViolations(result, v1::SEVERITY_ERROR);
  summary.warnings += CountViolations(result, v1::SEVERITY_WARNING);
}

}  // namespace

absl::StatusOr<RunSummary> RunValidation(const ValidationRequest& request,
                                         ResultWriter& writer,
                                         std::ostream& err) {
  // With --server, each file is one ValidateDocument call.
  RemoteValidator* server = nullptr;
  SCORECARD_ASSIGN_OR_RETURN(std::unique_ptr<ScorecardValidator> validator,
                             OpenValidator(request, &server));
  RuleSetAssignment assignment(validator.get(), request.rule_set);
  RunSummary summary;
  summary.fail_on = request.fail_on;
  const auto not_judged = [&](const std::string& source,
                              const std::string& message) {
    // A path need not be UTF-8; what is written is.
    const std::string shown = rules::ToValidUtf8(message);
    err << "scorecardctl: " << shown << "\n";
    writer.WriteUnreadable(rules::ToValidUtf8(source), shown);
    ++summary.unreadable;
  };
  std::deque<JudgedFile> files;  // Stable addresses for the writer.
  for (const InputFile& input : ExpandInputs(request.inputs)) {
    ++summary.files;
    if (!input.problem.empty()) {
      not_judged(input.path, input.problem);
      continue;
    }
    JudgedFile& file = files.emplace_back();
    file.source = input.path;
    const absl::Status judged =
        server != nullptr
            ? JudgeDocument(request, *server, assignment, file)
            : JudgeScorecards(request, *validator, assignment, nullptr, file);
    if (!judged.ok()) {
      not_judged(file.source, std::string(judged.message()));
      continue;
    }
    for (size_t i = 0; i < file.results.size(); ++i) {
      writer.Write({rules::ToValidUtf8(file.source),
                    file.document.scorecards[i].index, &file.scorecards[i],
                    &file.results[i]});
      Count(file.results[i], request.fail_on, summary);
    }
  }
  summary.exit_status = summary.unreadable > 0 ? 2
                        : summary.failing > 0  ? 1
                                               : 0;
  writer.Finish(summary);
  return summary;
}

}  // namespace scorecard::client
