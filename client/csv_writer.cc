// The csv format (RFC 4180, client/csv_text.h): a header row, then one row
// per scorecard, or with --csv-rows=violations one row per violation. A file
// that could not be judged is a row of its own with its message in the last
// column ("error" for scorecards, "message" for violations, whose code is
// then NOT_JUDGED).

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "client/csv_text.h"
#include "client/result_writer.h"

namespace scorecard::client {
namespace {

namespace v1 = ::scorecard::v1;

class CsvWriter final : public ResultWriter {
 public:
  CsvWriter(const WriterOptions& options, std::ostream& out)
      : rows_(options.csv_rows), out_(out) {
    if (options.csv_bom) out_ << kUtf8ByteOrderMark;
    if (rows_ == CsvRows::kScorecards) {
      WriteCsvRow({"file", "index", "unit_id", "unit_name", "rule_set",
                   "revision", "valid", "computed_total", "declared_total",
                   "errors", "warnings", "error"},
                  out_);
    } else {
      WriteCsvRow({"file", "index", "unit_id", "unit_name", "rule_set",
                   "revision", "line", "indicator", "severity", "code",
                   "expected", "actual", "message"},
                  out_);
    }
  }

  void Write(const ReportItem& item) override {
    const v1::ValidationResult& r = *item.result;
    const std::string unit_name =
        r.unit().empty() ? UnitLabel(item) : r.unit_name();
    if (rows_ == CsvRows::kScorecards) {
      WriteCsvRow(
          {item.source, absl::StrCat(item.index), r.unit(), unit_name,
           r.rule_set(), r.rule_set_revision(), r.valid() ? "true" : "false",
           r.computed_total(), r.declared_total(),
           absl::StrCat(CountViolations(r, v1::SEVERITY_ERROR)),
           absl::StrCat(CountViolations(r, v1::SEVERITY_WARNING)), ""},
          out_);
      return;
    }
    for (const v1::Violation& v : r.violations()) {
      const int line = ViolationLine(item, v);
      WriteCsvRow({item.source, absl::StrCat(item.index), r.unit(), unit_name,
                   r.rule_set(), r.rule_set_revision(),
                   line > 0 ? absl::StrCat(line) : "", v.indicator(),
                   SeverityName(v.severity()), ShortCodeName(v.code()),
                   v.expected(), v.actual(), v.message()},
                  out_);
    }
  }

  void WriteUnreadable(const std::string& source,
                       const std::string& message) override {
    if (rows_ == CsvRows::kScorecards) {
      WriteCsvRow({source, "", "", "", "", "", "", "", "", "", "", message},
                  out_);
    } else {
      WriteCsvRow({source, "", "", "", "", "", "", "", "ERROR", "NOT_JUDGED",
                   "", "", message},
                  out_);
    }
  }

  void Finish(const RunSummary& summary) override {}

 private:
  const CsvRows rows_;
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<ResultWriter> NewCsvWriter(const WriterOptions& options,
                                           std::ostream& out) {
  return std::make_unique<CsvWriter>(options, out);
}

}  // namespace scorecard::client
