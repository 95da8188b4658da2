// The department report as Markdown (GitHub-flavoured tables): for a pull
// request comment, a wiki page, or a file beside the submissions.

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/department_report.h"
#include "client/result_writer.h"
#include "rules/utf8.h"

namespace scorecard::client {
namespace {

// Returns `text` safe in a table cell: no line break, and the characters
// Markdown would read as markup or as a cell's end escaped.
std::string Cell(absl::string_view text) {
  std::string out;
  for (char c : rules::ToValidUtf8(text)) {
    switch (c) {
      case '\n':
      case '\r':
        out += ' ';
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '|':
      case '\\':
      case '*':
      case '_':
      case '`':
      case '[':
      case ']':
      case '#':
      case '~':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out.empty() ? "–" : out;
}

void Row(const std::vector<std::string>& cells, std::ostream& out) {
  out << "|";
  for (const std::string& cell : cells) out << " " << Cell(cell) << " |";
  out << "\n";
}

void Table(const std::vector<std::string>& header,
           const std::vector<std::vector<std::string>>& rows,
           std::ostream& out) {
  Row(header, out);
  out << "|";
  for (size_t i = 0; i < header.size(); ++i) out << "---|";
  out << "\n";
  for (const auto& row : rows) Row(row, out);
  out << "\n";
}

std::string Named(const std::string& value, const std::string& unit) {
  return value.empty() ? "" : absl::StrCat(value, " (", unit, ")");
}

class MarkdownReportWriter final : public ResultWriter {
 public:
  MarkdownReportWriter(const WriterOptions& options, std::ostream& out)
      : labels_(ReportLabelsFor(options.locale)),
        builder_(options.target),
        out_(out) {}

  void Write(const ReportItem& item) override { builder_.Add(item); }
  void WriteUnreadable(const std::string& source,
                       const std::string& message) override {
    builder_.AddNotJudged(source, message);
  }
  void Finish(const RunSummary& summary) override;

 private:
  const ReportLabels& labels_;
  DepartmentReportBuilder builder_;
  std::ostream& out_;
};

void MarkdownReportWriter::Finish(const RunSummary& summary) {
  const DepartmentReport report = builder_.Build();
  const ReportLabels& l = labels_;
  out_ << "# " << Cell(l.title) << "\n\n";
  std::vector<std::string> years;
  for (int year : report.fiscal_years) years.push_back(absl::StrCat(year));
  out_ << l.rule_sets << ": " << Cell(absl::StrJoin(report.rule_sets, ", "))
       << "  \n"
       << l.fiscal_year << ": " << Cell(absl::StrJoin(years, ", ")) << "\n\n";

  out_ << "## " << l.department << "\n\n";
  Table({l.units, l.mean, l.lowest, l.highest},
        {{absl::StrCat(report.units.size()), report.mean,
          Named(report.lowest, report.lowest_unit),
          Named(report.highest, report.highest_unit)}},
        out_);

  out_ << "## " << l.ranking << "\n\n";
  std::vector<std::vector<std::string>> ranking;
  for (const UnitRow& u : report.units) {
    ranking.push_back({u.rank > 0 ? absl::StrCat(u.rank) : "", u.name,
                       u.total.empty() ? l.not_computed : u.total, u.grade,
                       u.valid ? l.valid : l.invalid, absl::StrCat(u.errors),
                       absl::StrCat(u.warnings)});
  }
  Table({l.rank, l.unit, l.total, l.grade, l.result, l.errors, l.warnings},
        ranking, out_);

  out_ << "## "
       << (report.by_dimension ? l.means_by_dimension : l.means_by_category)
       << "\n\n";
  std::vector<std::string> header = {l.unit};
  for (const ReportColumn& c : report.columns) {
    header.push_back(c.title.empty() ? c.id : c.title);
  }
  std::vector<std::vector<std::string>> means;
  for (const UnitRow& u : report.units) {
    std::vector<std::string> row = {u.name};
    row.insert(row.end(), u.means.begin(), u.means.end());
    means.push_back(std::move(row));
  }
  Table(header, means, out_);

  out_ << "## " << l.below_target << " " << Cell(report.target) << "\n\n";
  // Only the units that have any; "none" once when no unit has.
  if (std::all_of(report.units.begin(), report.units.end(),
                  [](const UnitRow& u) { return u.below_target.empty(); })) {
    out_ << l.none_below << "\n\n";
  }
  for (const UnitRow& u : report.units) {
    if (u.below_target.empty()) continue;
    out_ << "### " << Cell(u.name) << "\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const BelowTarget& b : u.below_target) {
      rows.push_back({b.indicator, b.title, b.score});
    }
    Table({l.indicator, l.indicator_title, l.score}, rows, out_);
  }

  out_ << "## " << l.violations << "\n\n";
  // Only the units that have any; "none" once when no unit has.
  if (std::all_of(report.units.begin(), report.units.end(),
                  [](const UnitRow& u) { return u.violations.empty(); })) {
    out_ << l.no_violations << "\n\n";
  }
  for (const UnitRow& u : report.units) {
    if (u.violations.empty()) continue;
    out_ << "### " << Cell(u.name) << "\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const scorecard::v1::Violation* v : u.violations) {
      rows.push_back(
          {v->line() > 0 ? absl::StrCat(u.source, ":", v->line()) : u.source,
           v->indicator(), SeverityName(v->severity()),
           ShortCodeName(v->code()), v->message()});
    }
    Table({l.line, l.indicator, l.severity, l.code, l.message}, rows, out_);
  }

  if (!report.not_judged.empty()) {
    out_ << "## " << l.not_judged << "\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& [source, message] : report.not_judged) {
      rows.push_back({source, message});
    }
    Table({l.file, l.message}, rows, out_);
  }
}

}  // namespace

std::unique_ptr<ResultWriter> NewMarkdownReportWriter(
    const WriterOptions& options, std::ostream& out) {
  return std::make_unique<MarkdownReportWriter>(options, out);
}

}  // namespace scorecard::client
