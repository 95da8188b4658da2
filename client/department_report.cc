#include "client/department_report.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "rules/decimal.h"
#include "rules/indicator_id.h"

namespace scorecard::client {
namespace {

namespace v1 = ::scorecard::v1;
using rules::Decimal;

std::optional<Decimal> ParseNumber(const std::string& text) {
  if (text.empty()) return std::nullopt;
  absl::StatusOr<Decimal> value = Decimal::Parse(text);
  if (!value.ok()) return std::nullopt;
  return *value;
}

// The columns of the means table: every dimension the results name, in the
// order first met; categories when no result has dimensions.
std::vector<ReportColumn> Columns(const std::vector<ReportItem>& items,
                                  bool* by_dimension) {
  std::vector<ReportColumn> columns;
  const auto add = [&](const std::string& id, const std::string& title) {
    for (const ReportColumn& c : columns) {
      if (c.id == id) return;
    }
    columns.push_back({id, title});
  };
  *by_dimension = false;
  for (const ReportItem& item : items) {
    for (const v1::DimensionSubtotal& d : item.result->dimension_subtotals()) {
      add(d.dimension(), d.title());
      *by_dimension = true;
    }
  }
  if (*by_dimension) return columns;
  for (const ReportItem& item : items) {
    for (const v1::CategorySubtotal& c : item.result->category_subtotals()) {
      add(c.category(), c.title());
    }
  }
  return columns;
}

UnitRow MakeRow(const ReportItem& item,
                const std::vector<ReportColumn>& columns, bool by_dimension,
                const std::optional<Decimal>& target) {
  const v1::ValidationResult& r = *item.result;
  UnitRow row;
  row.source = item.source;
  row.index = item.index;
  row.line = item.scorecard->line();
  row.unit_id = r.unit();
  row.name = r.unit().empty() ? UnitLabel(item) : r.unit_name();
  row.rule_set = r.rule_set();
  row.total = r.computed_total();
  row.grade = r.grade();
  row.valid = r.valid();
  row.errors = CountViolations(r, v1::SEVERITY_ERROR);
  row.warnings = CountViolations(r, v1::SEVERITY_WARNING);
  for (const ReportColumn& column : columns) {
    std::string mean;
    if (by_dimension) {
      for (const v1::DimensionSubtotal& d : r.dimension_subtotals()) {
        if (d.dimension() == column.id) mean = d.score();
      }
    } else {
      for (const v1::CategorySubtotal& c : r.category_subtotals()) {
        if (c.category() == column.id) mean = c.score();
      }
    }
    row.means.push_back(mean);
  }
  for (const v1::Contribution& c : r.contributions()) {
    const std::optional<Decimal> score = ParseNumber(c.score());
    if (!score.has_value() || !target.has_value() || *score >= *target) {
      continue;
    }
    BelowTarget below{c.indicator(), "", c.score()};
    for (const v1::Entry& entry : item.scorecard->entries()) {
      if (rules::IndicatorKey(entry.indicator()) == c.indicator()) {
        below.title = entry.title();
        break;
      }
    }
    row.below_target.push_back(std::move(below));
  }
  for (const v1::Violation& v : r.violations()) row.violations.push_back(&v);
  return row;
}

// Ranks the rows by total, highest first, ties sharing a rank (1, 2, 2, 4);
// rows without a total keep their order at the end, unranked.
void Rank(std::vector<UnitRow>& rows) {
  std::stable_sort(rows.begin(), rows.end(),
                   [](const UnitRow& a, const UnitRow& b) {
                     const std::optional<Decimal> x = ParseNumber(a.total);
                     const std::optional<Decimal> y = ParseNumber(b.total);
                     if (x.has_value() != y.has_value()) return x.has_value();
                     return x.has_value() && *x > *y;
                   });
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::optional<Decimal> total = ParseNumber(rows[i].total);
    if (!total.has_value()) break;
    rows[i].rank = (i > 0 && *ParseNumber(rows[i - 1].total) == *total)
                       ? rows[i - 1].rank
                       : static_cast<int>(i) + 1;
  }
}

// Fills in the department's line from the ranked rows.
void DepartmentLine(DepartmentReport& report) {
  std::vector<Decimal> totals;
  int scale = 0;
  for (const UnitRow& row : report.units) {
    const std::optional<Decimal> total = ParseNumber(row.total);
    if (!total.has_value()) continue;
    totals.push_back(*total);
    scale = std::max(scale, total->scale());
  }
  report.units_with_total = static_cast<int>(totals.size());
  if (totals.empty()) return;
  // The rows are ranked: the first has the highest total, the last with a
  // total the lowest.
  report.highest = report.units.front().total;
  report.highest_unit = report.units.front().name;
  report.lowest = report.units[totals.size() - 1].total;
  report.lowest_unit = report.units[totals.size() - 1].name;
  rules::Int128 sum = 0;
  for (const Decimal& total : totals) {
    rules::Int128 term = 0;
    if (!rules::MultiplyExact(
            total.units(), rules::PowerOfTen(scale - total.scale()), &term) ||
        !rules::AddExact(sum, term, &sum)) {
      return;  // Too large to add up exactly: no mean rather than a wrong one.
    }
  }
  report.mean = rules::FormatScaled(
      rules::DivideAndRound(sum, static_cast<rules::Int128>(totals.size()),
                            rules::RoundingMode::kHalfUp),
      scale);
}

}  // namespace

DepartmentReport DepartmentReportBuilder::Build() const {
  DepartmentReport report;
  report.target = target_;
  report.not_judged = not_judged_;
  report.columns = Columns(items_, &report.by_dimension);
  const std::optional<Decimal> target = ParseNumber(target_);
  for (const ReportItem& item : items_) {
    report.units.push_back(
        MakeRow(item, report.columns, report.by_dimension, target));
    const std::string rule_set =
        absl::StrCat(item.result->rule_set(), " (revision ",
                     item.result->rule_set_revision(), ")");
    if (std::find(report.rule_sets.begin(), report.rule_sets.end(), rule_set) ==
        report.rule_sets.end()) {
      report.rule_sets.push_back(rule_set);
    }
    const int year = item.scorecard->fiscal_year();
    if (year != 0 &&
        std::find(report.fiscal_years.begin(), report.fiscal_years.end(),
                  year) == report.fiscal_years.end()) {
      report.fiscal_years.push_back(year);
    }
  }
  Rank(report.units);
  DepartmentLine(report);
  return report;
}

const ReportLabels& ReportLabelsFor(rules::Locale locale) {
  static constexpr ReportLabels kEnglish = {
      "Performance agreement report",
      "Department",
      "units",
      "mean total",
      "lowest",
      "highest",
      "Units ranked by total",
      "Rank",
      "Unit",
      "Total",
      "Grade",
      "Result",
      "VALID",
      "INVALID",
      "Errors",
      "Warnings",
      "Mean scores by dimension",
      "Mean scores by category",
      "Indicators below the target score",
      "none",
      "Indicator",
      "Title",
      "Score",
      "Violations by unit",
      "no violations",
      "Line",
      "Severity",
      "Code",
      "Message",
      "Files not judged",
      "File",
      "Rule sets",
      "Fiscal year",
      "not computed",
      "Unit totals",
  };
  static constexpr ReportLabels kThai = {
      "รายงานผลการประเมินตามคำรับรองการปฏิบัติราชการ",
      "ภาพรวมของกรม",
      "หน่วยงาน",
      "คะแนนรวมเฉลี่ย",
      "ต่ำสุด",
      "สูงสุด",
      "อันดับหน่วยงานตามคะแนนรวม",
      "อันดับ",
      "หน่วยงาน",
      "คะแนนรวม",
      "ระดับผลการประเมิน",
      "ผลการตรวจ",
      "ถูกต้อง",
      "ไม่ถูกต้อง",
      "ข้อผิดพลาด",
      "คำเตือน",
      "คะแนนเฉลี่ยรายมิติ",
      "คะแนนเฉลี่ยรายหมวด",
      "ตัวชี้วัดที่ได้คะแนนต่ำกว่าเป้าหมาย",
      "ไม่มี",
      "ตัวชี้วัด",
      "ชื่อตัวชี้วัด",
      "คะแนน",
      "ข้อผิดพลาดรายหน่วยงาน",
      "ไม่มีข้อผิดพลาด",
      "บรรทัด",
      "ระดับ",
      "รหัส",
      "ข้อความ",
      "แฟ้มที่ตรวจไม่ได้",
      "แฟ้ม",
      "ชุดกฎ",
      "ปีงบประมาณ",
      "คำนวณไม่ได้",
      "คะแนนรวมของหน่วยงาน",
  };
  return locale == rules::Locale::kThai ? kThai : kEnglish;
}

}  // namespace scorecard::client
