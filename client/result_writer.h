// How scorecardctl writes validation results: one interface, ResultWriter,
// that every output format implements, fed by one result stream (see
// validation_run.h), so that no format validates anything itself.
//
//   std::unique_ptr<ResultWriter> writer = NewSarifWriter(options, std::cout);
//   writer->Write(item);                       // per scorecard, in order
//   writer->WriteUnreadable("a.txt", "...");   // per file that was not judged
//   writer->Finish(summary);                   // once, at the end
//
// The formats: text (people at a terminal), JSON Lines, GitHub Actions
// workflow commands, JUnit XML, SARIF 2.1.0, TAP 14 and CSV for `validate`
// (docs/ci.md), and the department report's Markdown, CSV and HTML for
// `report`. A writer may stream (text, JSON Lines, GitHub, TAP, CSV) or hold
// what it was given until Finish (JUnit, SARIF and the reports need counts
// or rankings first); either way everything is on `out` once Finish returns.
//
// Thread-safety: a writer is used by one thread. The items it is given must
// stay alive until Finish returns.

#ifndef SCORECARD_CLIENT_RESULT_WRITER_H_
#define SCORECARD_CLIENT_RESULT_WRITER_H_

#include <memory>
#include <ostream>
#include <string>

#include "absl/strings/string_view.h"
#include "rules/violation_messages.h"
#include "scorecard/v1/scorecard.pb.h"

namespace scorecard::client {

// One validated scorecard and where it came from.
struct ReportItem {
  std::string source;  // The file as given, "-" for standard input.
  int index = 0;       // 0-based position of the scorecard in the file.
  const scorecard::v1::Scorecard* scorecard = nullptr;
  const scorecard::v1::ValidationResult* result = nullptr;
};

// Which violations fail a run (--fail-on).
enum class FailOn {
  kError,    // A scorecard fails when it is invalid (an ERROR violation).
  kWarning,  // ... or when it has any WARNING.
};

// What the whole run found; given to Finish.
struct RunSummary {
  int files = 0;       // Inputs after folders were expanded.
  int scorecards = 0;  // Scorecards judged.
  int valid = 0;
  int invalid = 0;
  int failing = 0;     // Scorecards that fail by --fail-on.
  int errors = 0;      // ERROR violations, over all scorecards.
  int warnings = 0;    // WARNING violations.
  int unreadable = 0;  // Files that could not be judged.
  FailOn fail_on = FailOn::kError;
  int exit_status = 0;  // What scorecardctl exits with.
};

// Which rows a CSV holds (--csv-rows).
enum class CsvRows {
  kScorecards,  // One row per scorecard.
  kViolations,  // One row per violation.
};

// How the writers write, beyond the stream they write to.
struct WriterOptions {
  rules::Locale locale = rules::Locale::kEnglish;  // --lang.
  FailOn fail_on = FailOn::kError;                 // --fail-on.
  bool quiet = false;    // Text: only failing scorecards and the summary.
  bool csv_bom = false;  // CSV: start with a UTF-8 byte-order mark.
  CsvRows csv_rows = CsvRows::kScorecards;
  // The department report's target score (--target): indicators scoring
  // below it are listed. A decimal string.
  std::string target = "3";
};

class ResultWriter {
 public:
  virtual ~ResultWriter() = default;

  // Writes (or takes note of) one validated scorecard.
  virtual void Write(const ReportItem& item) = 0;

  // Writes an error item for `source`, a file that could not be judged
  // (unreadable, no scorecard in it, no rule set for it, refused by the
  // server); `message` says why and starts with the file's name.
  virtual void WriteUnreadable(const std::string& source,
                               const std::string& message) = 0;

  // Writes what is left and the summary, if the format has one.
  virtual void Finish(const RunSummary& summary) = 0;
};

// The writers, one per format; each writes to `out`, which must outlive it.
std::unique_ptr<ResultWriter> NewTextWriter(const WriterOptions& options,
                                            std::ostream& out);
std::unique_ptr<ResultWriter> NewJsonLinesWriter(const WriterOptions& options,
                                                 std::ostream& out);
std::unique_ptr<ResultWriter> NewGithubWriter(const WriterOptions& options,
                                              std::ostream& out);
std::unique_ptr<ResultWriter> NewJunitWriter(const WriterOptions& options,
                                             std::ostream& out);
std::unique_ptr<ResultWriter> NewSarifWriter(const WriterOptions& options,
                                             std::ostream& out);
std::unique_ptr<ResultWriter> NewTapWriter(const WriterOptions& options,
                                           std::ostream& out);
std::unique_ptr<ResultWriter> NewCsvWriter(const WriterOptions& options,
                                           std::ostream& out);
std::unique_ptr<ResultWriter> NewMarkdownReportWriter(
    const WriterOptions& options, std::ostream& out);
std::unique_ptr<ResultWriter> NewCsvReportWriter(const WriterOptions& options,
                                                 std::ostream& out);
std::unique_ptr<ResultWriter> NewHtmlReportWriter(const WriterOptions& options,
                                                  std::ostream& out);

// Helpers the writers share.

// Returns the violation code's short name: "TOTAL_MISMATCH".
std::string ShortCodeName(scorecard::v1::ViolationCode code);

// Returns the severity's short name: "ERROR".
std::string SeverityName(scorecard::v1::Severity severity);

// Returns how many of `result`'s violations have `severity`.
int CountViolations(const scorecard::v1::ValidationResult& result,
                    scorecard::v1::Severity severity);

// Returns whether `result` fails the run by `fail_on`.
bool Fails(const scorecard::v1::ValidationResult& result, FailOn fail_on);

// Returns the scorecard's unit as people read it: "official name (id)" when
// the rule set knows the unit, else the unit as submitted.
std::string UnitLabel(const ReportItem& item);

// Returns the line a violation points at: its own, else its scorecard's; 0
// when neither is known (a scorecard given as JSON).
int ViolationLine(const ReportItem& item, const scorecard::v1::Violation& v);

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_RESULT_WRITER_H_
