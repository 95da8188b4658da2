// The department report as CSV, for a spreadsheet: one table (RFC 4180,
// client/csv_text.h), one row per scorecard in ranked order, with its
// dimension (or category) means as columns and its indicators below the
// target in one cell. The department's line is left to the spreadsheet
// and to the other formats; the violations are in
// `validate --format csv --csv-rows=violations`.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/csv_text.h"
#include "client/department_report.h"
#include "client/result_writer.h"

namespace scorecard::client {
namespace {

class CsvReportWriter final : public ResultWriter {
 public:
  CsvReportWriter(const WriterOptions& options, std::ostream& out)
      : bom_(options.csv_bom), builder_(options.target), out_(out) {}

  void Write(const ReportItem& item) override { builder_.Add(item); }
  void WriteUnreadable(const std::string& source,
                       const std::string& message) override {
    builder_.AddNotJudged(source, message);
  }

  void Finish(const RunSummary& summary) override {
    const DepartmentReport report = builder_.Build();
    if (bom_) out_ << kUtf8ByteOrderMark;
    std::vector<std::string> header = {
        "rank",  "file",  "index", "unit_id", "unit_name", "rule_set",
        "total", "grade", "valid", "errors",  "warnings"};
    const char* prefix = report.by_dimension ? "dimension:" : "category:";
    for (const ReportColumn& c : report.columns) {
      header.push_back(absl::StrCat(prefix, c.id));
    }
    header.push_back(absl::StrCat("below_target:", report.target));
    header.push_back("error");
    WriteCsvRow(header, out_);
    for (const UnitRow& u : report.units) {
      std::vector<std::string> row = {u.rank > 0 ? absl::StrCat(u.rank) : "",
                                      u.source,
                                      absl::StrCat(u.index),
                                      u.unit_id,
                                      u.name,
                                      u.rule_set,
                                      u.total,
                                      u.grade,
                                      u.valid ? "true" : "false",
                                      absl::StrCat(u.errors),
                                      absl::StrCat(u.warnings)};
      row.insert(row.end(), u.means.begin(), u.means.end());
      std::vector<std::string> below;
      for (const BelowTarget& b : u.below_target) {
        below.push_back(absl::StrCat(b.indicator, " ", b.score));
      }
      row.push_back(absl::StrJoin(below, "; "));
      row.push_back("");
      WriteCsvRow(row, out_);
    }
    // A file not judged is a row with its message in the last column.
    for (const auto& [source, message] : report.not_judged) {
      std::vector<std::string> row(header.size(), "");
      row[1] = source;
      row.back() = message;
      WriteCsvRow(row, out_);
    }
  }

 private:
  const bool bom_;
  DepartmentReportBuilder builder_;
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<ResultWriter> NewCsvReportWriter(const WriterOptions& options,
                                                 std::ostream& out) {
  return std::make_unique<CsvReportWriter>(options, out);
}

}  // namespace scorecard::client
