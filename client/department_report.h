// The department report (`scorecardctl report`) as data, before any format:
// the units ranked by total, their mean scores by dimension (or by category
// when the rule set has no dimensions), each unit's indicators below a
// target score, the department's line, and every violation by unit.
//
//   DepartmentReportBuilder builder("3");
//   builder.Add(item);                      // per validated scorecard
//   builder.AddNotJudged("b.txt", "...");   // per file not judged
//   DepartmentReport report = builder.Build();
//
// Every number is a string the engine returned (totals, grades, dimension
// and category means, indicator scores), except the department's mean
// total, which is computed here exactly: the sum of the units' computed
// totals (rules::Decimal, no floating point) divided by their number,
// rounded half-up to the totals' decimals. The Markdown, CSV and HTML
// writers (result_writer.h) render a DepartmentReport.
//
// Thread-safety: a builder is used by one thread; a report is a value. The
// items added must outlive Build.

#ifndef SCORECARD_CLIENT_DEPARTMENT_REPORT_H_
#define SCORECARD_CLIENT_DEPARTMENT_REPORT_H_

#include <string>
#include <vector>

#include "client/result_writer.h"
#include "rules/violation_messages.h"
#include "scorecard/v1/scorecard.pb.h"

namespace scorecard::client {

// A column of the means table: a dimension or a category.
struct ReportColumn {
  std::string id;
  std::string title;  // May be empty.
};

// An indicator that scored below the target.
struct BelowTarget {
  std::string indicator;  // Canonical id, "2.1".
  std::string title;      // As submitted; empty when none was.
  std::string score;      // As the engine used it, "2.5000".
};

// One scorecard's row.
struct UnitRow {
  std::string source;   // The file it came from.
  int index = 0;        // Its position in the file.
  int line = 0;         // Its first line; 0 when unknown.
  std::string unit_id;  // Empty when the unit is unknown.
  std::string name;     // The official name, else the unit as submitted.
  std::string rule_set;
  std::string total;  // The computed total; empty when not computed.
  std::string grade;  // Empty when none.
  bool valid = false;
  int errors = 0;
  int warnings = 0;
  int rank = 0;  // 1 for the highest total, ties shared; 0 without a total.
  std::vector<std::string> means;  // One per column; empty when missing.
  std::vector<BelowTarget> below_target;
  std::vector<const scorecard::v1::Violation*> violations;
};

struct DepartmentReport {
  std::string target;         // The target score, as given.
  bool by_dimension = false;  // Columns are dimensions; else categories.
  std::vector<ReportColumn> columns;
  std::vector<UnitRow> units;  // Ranked: by total, highest first; then those
                               // without a total, in input order.
  std::vector<std::string> rule_sets;  // "led-fy2563 (revision ...)".
  std::vector<int> fiscal_years;       // As the documents state them.
  // The department's line, over the units with a computed total.
  int units_with_total = 0;
  std::string mean;    // Empty when no unit has a total.
  std::string lowest;  // Lowest total, and the unit's name.
  std::string lowest_unit;
  std::string highest;
  std::string highest_unit;
  // Files not judged: source and message.
  std::vector<std::pair<std::string, std::string>> not_judged;
};

class DepartmentReportBuilder final {
 public:
  // `target` is a decimal string (checked by the caller).
  explicit DepartmentReportBuilder(std::string target)
      : target_(std::move(target)) {}

  void Add(const ReportItem& item) { items_.push_back(item); }
  void AddNotJudged(const std::string& source, const std::string& message) {
    not_judged_.emplace_back(source, message);
  }

  DepartmentReport Build() const;

 private:
  std::string target_;
  std::vector<ReportItem> items_;
  std::vector<std::pair<std::string, std::string>> not_judged_;
};

// The words of the report, in English or Thai.
struct ReportLabels {
  const char* title;
  const char* department;
  const char* units;
  const char* mean;
  const char* lowest;
  const char* highest;
  const char* ranking;
  const char* rank;
  const char* unit;
  const char* total;
  const char* grade;
  const char* result;
  const char* valid;
  const char* invalid;
  const char* errors;
  const char* warnings;
  const char* means_by_dimension;
  const char* means_by_category;
  const char* below_target;  // Followed by the target.
  const char* none_below;
  const char* indicator;
  const char* indicator_title;
  const char* score;
  const char* violations;
  const char* no_violations;
  const char* line;
  const char* severity;
  const char* code;
  const char* message;
  const char* not_judged;
  const char* file;
  const char* rule_sets;
  const char* fiscal_year;
  const char* not_computed;
  const char* chart;
};

const ReportLabels& ReportLabelsFor(rules::Locale locale);

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_DEPARTMENT_REPORT_H_
