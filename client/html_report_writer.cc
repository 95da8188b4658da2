// The department report as one self-contained HTML page: inline CSS, no
// script, no external resource; Thai text in a Thai font stack; an inline
// SVG bar chart of the unit totals and a heat-map table of the dimension
// means; readable when printed (colours kept, sections not split).
//
// The chart's bar lengths and the heat map's colours are the only things
// computed here, and only for drawing: bars are whole pixels proportional to
// the engine's totals (integer arithmetic on the decimals), colours are bands
// of the engine's means (≥ 4.5, ≥ 4, ≥ 3, ≥ 2, below: the bands of a 1 to 5
// scale). The numbers shown are the engine's.

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/department_report.h"
#include "client/result_writer.h"
#include "client/xml_text.h"
#include "rules/decimal.h"

namespace scorecard::client {
namespace {

using rules::Decimal;

constexpr char kStyle[] = R"css(
body { font-family: "Sarabun", "TH Sarabun New", "Noto Sans Thai",
  "Noto Sans Thai UI", "Leelawadee UI", "Leelawadee", "Tahoma", "Loma",
  "Garuda", "Waree", "Norasi", sans-serif; margin: 2rem auto; max-width: 64rem;
  padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }
h1 { font-size: 1.6rem; margin-bottom: 0.25rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 2px solid #2b6cb0; }
h3 { font-size: 1.05rem; margin-bottom: 0.25rem; }
.meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #c8c8c8; padding: 0.25rem 0.6rem; text-align: left;
  vertical-align: top; }
th { background: #eef2f7; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.valid { color: #1b5e20; }
.invalid { color: #b00020; font-weight: bold; }
.facts { display: flex; gap: 1rem; flex-wrap: wrap; }
.fact { border: 1px solid #c8c8c8; border-radius: 6px; padding: 0.5rem 1rem; }
.fact b { display: block; font-size: 1.4rem; }
.band5 { background: #1a7a3a; color: #fff; }
.band4 { background: #74c476; }
.band3 { background: #e5f5e0; }
.band2 { background: #fdae6b; }
.band1 { background: #d94801; color: #fff; }
.legend span { display: inline-block; padding: 0 0.6rem; margin-right: 0.3rem;
  border: 1px solid #c8c8c8; }
svg text { font-family: inherit; }
@media print {
  body { margin: 0; max-width: none; }
  section { break-inside: avoid; }
  .band5, .band4, .band3, .band2, .band1, svg, th {
    print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
)css";

std::optional<Decimal> Number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  absl::StatusOr<Decimal> value = Decimal::Parse(text);
  if (!value.ok()) return std::nullopt;
  return *value;
}

// The heat-map band of a mean score, 1 (lowest) to 5.
int Band(const std::string& mean) {
  const std::optional<Decimal> value = Number(mean);
  if (!value.has_value()) return 0;
  if (*value >= Decimal::FromUnits(45, 1)) return 5;
  if (*value >= Decimal::FromUnits(4, 0)) return 4;
  if (*value >= Decimal::FromUnits(3, 0)) return 3;
  if (*value >= Decimal::FromUnits(2, 0)) return 2;
  return 1;
}

// `value` / `axis` × `width`, in whole pixels, for 0 <= value; exact
// integer arithmetic on the decimal's units.
int64_t Pixels(const Decimal& value, int64_t axis, int64_t width) {
  if (value.units() <= 0 || axis <= 0) return 0;
  const rules::Int128 numerator =
      static_cast<rules::Int128>(value.units()) * width;
  const rules::Int128 denominator =
      static_cast<rules::Int128>(axis) * rules::PowerOfTen(value.scale());
  const rules::Int128 pixels = numerator / denominator;
  return pixels > width ? width : static_cast<int64_t>(pixels);
}

// The smallest whole number at or above every total, at least 1: the
// chart's axis runs from 0 to it.
int64_t AxisMax(const DepartmentReport& report) {
  int64_t axis = 1;
  for (const UnitRow& u : report.units) {
    const std::optional<Decimal> total = Number(u.total);
    if (!total.has_value() || total->units() <= 0) continue;
    const int64_t one = static_cast<int64_t>(rules::PowerOfTen(total->scale()));
    const int64_t whole = (total->units() + one - 1) / one;
    if (whole > axis && whole < 1000) axis = whole;
  }
  return axis;
}

class HtmlReportWriter final : public ResultWriter {
 public:
  HtmlReportWriter(const WriterOptions& options, std::ostream& out)
      : locale_(options.locale),
        labels_(ReportLabelsFor(options.locale)),
        builder_(options.target),
        out_(out) {}

  void Write(const ReportItem& item) override { builder_.Add(item); }
  void WriteUnreadable(const std::string& source,
                       const std::string& message) override {
    builder_.AddNotJudged(source, message);
  }
  void Finish(const RunSummary& summary) override;

 private:
  void Facts(const DepartmentReport& report);
  void Chart(const DepartmentReport& report);
  void Ranking(const DepartmentReport& report);
  void HeatMap(const DepartmentReport& report);
  void BelowTargets(const DepartmentReport& report);
  void Violations(const DepartmentReport& report);
  void NotJudged(const DepartmentReport& report);

  const rules::Locale locale_;
  const ReportLabels& labels_;
  DepartmentReportBuilder builder_;
  std::ostream& out_;
};

void HtmlReportWriter::Finish(const RunSummary& summary) {
  const DepartmentReport report = builder_.Build();
  const ReportLabels& l = labels_;
  std::vector<std::string> years;
  for (int year : report.fiscal_years) years.push_back(absl::StrCat(year));
  out_ << "<!DOCTYPE html>\n<html lang=\""
       << (locale_ == rules::Locale::kThai ? "th" : "en") << "\">\n<head>\n"
       << "<meta charset=\"utf-8\">\n"
       << "<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\">\n"
       << "<title>" << XmlText(l.title) << "</title>\n<style>" << kStyle
       << "</style>\n</head>\n<body>\n"
       << "<h1>" << XmlText(l.title) << "</h1>\n"
       << "<p class=\"meta\">" << XmlText(l.rule_sets) << ": "
       << XmlText(absl::StrJoin(report.rule_sets, ", ")) << " · "
       << XmlText(l.fiscal_year) << ": " << XmlText(absl::StrJoin(years, ", "))
       << "</p>\n";
  Facts(report);
  Chart(report);
  Ranking(report);
  HeatMap(report);
  BelowTargets(report);
  Violations(report);
  NotJudged(report);
  out_ << "</body>\n</html>\n";
}

void HtmlReportWriter::Facts(const DepartmentReport& report) {
  const ReportLabels& l = labels_;
  const auto fact = [&](const char* label, const std::string& value,
                        const std::string& note) {
    out_ << "<div class=\"fact\">" << XmlText(label) << "<b>"
         << XmlText(value.empty() ? "–" : value) << "</b>" << XmlText(note)
         << "</div>\n";
  };
  out_ << "<section>\n<h2>" << XmlText(l.department)
       << "</h2>\n<div class=\"facts\">\n";
  fact(l.units, absl::StrCat(report.units.size()), "");
  fact(l.mean, report.mean, "");
  fact(l.lowest, report.lowest, report.lowest_unit);
  fact(l.highest, report.highest, report.highest_unit);
  out_ << "</div>\n</section>\n";
}

void HtmlReportWriter::Chart(const DepartmentReport& report) {
  constexpr int64_t kWidth = 720;
  constexpr int64_t kBarWidth = 600;
  constexpr int64_t kRow = 44;
  constexpr int64_t kTop = 24;
  const int64_t axis = AxisMax(report);
  const int64_t height =
      kTop + kRow * static_cast<int64_t>(report.units.size()) + 8;
  out_ << "<section>\n<h2>" << XmlText(labels_.chart) << "</h2>\n"
       << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kWidth
       << "\" height=\"" << height << "\" viewBox=\"0 0 " << kWidth << " "
       << height << "\" role=\"img\" aria-label=\""
       << XmlAttribute(labels_.chart) << "\">\n";
  for (int64_t tick = 0; tick <= axis; ++tick) {
    const int64_t x = tick * kBarWidth / axis;
    out_ << "<line x1=\"" << x + 1 << "\" y1=\"" << kTop - 6 << "\" x2=\""
         << x + 1 << "\" y2=\"" << height - 8
         << "\" stroke=\"#d0d0d0\" stroke-width=\"1\"/>\n"
         << "<text x=\"" << x + 1 << "\" y=\"" << kTop - 10
         << "\" font-size=\"11\" fill=\"#555\" text-anchor=\""
         << (tick == 0 ? "start" : "middle") << "\">" << tick << "</text>\n";
  }
  int64_t y = kTop;
  for (const UnitRow& u : report.units) {
    const std::optional<Decimal> total = Number(u.total);
    const int64_t bar = total.has_value() ? Pixels(*total, axis, kBarWidth) : 0;
    out_ << "<g>\n<title>" << XmlText(u.name) << ": "
         << XmlText(u.total.empty() ? labels_.not_computed : u.total)
         << "</title>\n"
         << "<text x=\"1\" y=\"" << y + 13
         << "\" font-size=\"13\" fill=\"#1a1a1a\">" << XmlText(u.name)
         << "</text>\n"
         << "<rect x=\"1\" y=\"" << y + 18 << "\" width=\"" << bar
         << "\" height=\"16\" fill=\"" << (u.valid ? "#2b6cb0" : "#c53030")
         << "\"/>\n"
         << "<text x=\"" << bar + 6 << "\" y=\"" << y + 31
         << "\" font-size=\"12\" fill=\"#1a1a1a\">"
         << XmlText(u.total.empty() ? labels_.not_computed : u.total)
         << (u.valid ? "" : absl::StrCat(" (", labels_.invalid, ")"))
         << "</text>\n</g>\n";
    y += kRow;
  }
  out_ << "</svg>\n</section>\n";
}

void HtmlReportWriter::Ranking(const DepartmentReport& report) {
  const ReportLabels& l = labels_;
  out_ << "<section>\n<h2>" << XmlText(l.ranking) << "</h2>\n<table>\n<tr>";
  for (const char* h :
       {l.rank, l.unit, l.total, l.grade, l.result, l.errors, l.warnings}) {
    out_ << "<th>" << XmlText(h) << "</th>";
  }
  out_ << "</tr>\n";
  for (const UnitRow& u : report.units) {
    out_ << "<tr><td class=\"num\">"
         << (u.rank > 0 ? absl::StrCat(u.rank) : "–") << "</td><td>"
         << XmlText(u.name) << "</td><td class=\"num\">"
         << XmlText(u.total.empty() ? l.not_computed : u.total) << "</td><td>"
         << XmlText(u.grade) << "</td><td class=\""
         << (u.valid ? "valid" : "invalid") << "\">"
         << XmlText(u.valid ? l.valid : l.invalid) << "</td><td class=\"num\">"
         << u.errors << "</td><td class=\"num\">" << u.warnings
         << "</td></tr>\n";
  }
  out_ << "</table>\n</section>\n";
}

void HtmlReportWriter::HeatMap(const DepartmentReport& report) {
  const ReportLabels& l = labels_;
  out_ << "<section>\n<h2>"
       << XmlText(report.by_dimension ? l.means_by_dimension
                                      : l.means_by_category)
       << "</h2>\n<table class=\"heat\">\n<tr><th>" << XmlText(l.unit)
       << "</th>";
  for (const ReportColumn& c : report.columns) {
    out_ << "<th>" << XmlText(c.title.empty() ? c.id : c.title) << "</th>";
  }
  out_ << "</tr>\n";
  for (const UnitRow& u : report.units) {
    out_ << "<tr><td>" << XmlText(u.name) << "</td>";
    for (const std::string& mean : u.means) {
      const int band = Band(mean);
      out_ << "<td class=\"num" << (band > 0 ? absl::StrCat(" band", band) : "")
           << "\">" << XmlText(mean.empty() ? "–" : mean) << "</td>";
    }
    out_ << "</tr>\n";
  }
  out_ << "</table>\n<p class=\"legend\"><span class=\"band5\">≥ 4.5</span>"
          "<span class=\"band4\">4 – 4.5</span><span class=\"band3\">3 – 4"
          "</span><span class=\"band2\">2 – 3</span><span class=\"band1\">"
          "&lt; 2</span></p>\n</section>\n";
}

void HtmlReportWriter::BelowTargets(const DepartmentReport& report) {
  const ReportLabels& l = labels_;
  out_ << "<section>\n<h2>" << XmlText(l.below_target) << " "
       << XmlText(report.target) << "</h2>\n";
  // Only the units that have any; "none" once when no unit has.
  if (std::all_of(report.units.begin(), report.units.end(),
                  [](const UnitRow& u) { return u.below_target.empty(); })) {
    out_ << "<p>" << XmlText(l.none_below) << "</p>\n";
  }
  for (const UnitRow& u : report.units) {
    if (u.below_target.empty()) continue;
    out_ << "<h3>" << XmlText(u.name) << "</h3>\n";
    out_ << "<table>\n<tr><th>" << XmlText(l.indicator) << "</th><th>"
         << XmlText(l.indicator_title) << "</th><th>" << XmlText(l.score)
         << "</th></tr>\n";
    for (const BelowTarget& b : u.below_target) {
      out_ << "<tr><td>" << XmlText(b.indicator) << "</td><td>"
           << XmlText(b.title) << "</td><td class=\"num\">" << XmlText(b.score)
           << "</td></tr>\n";
    }
    out_ << "</table>\n";
  }
  out_ << "</section>\n";
}

void HtmlReportWriter::Violations(const DepartmentReport& report) {
  const ReportLabels& l = labels_;
  out_ << "<section>\n<h2>" << XmlText(l.violations) << "</h2>\n";
  // Only the units that have any; "none" once when no unit has.
  if (std::all_of(report.units.begin(), report.units.end(),
                  [](const UnitRow& u) { return u.violations.empty(); })) {
    out_ << "<p>" << XmlText(l.no_violations) << "</p>\n";
  }
  for (const UnitRow& u : report.units) {
    if (u.violations.empty()) continue;
    out_ << "<h3>" << XmlText(u.name) << "</h3>\n";
    out_ << "<table>\n<tr>";
    for (const char* h : {l.line, l.indicator, l.severity, l.code, l.message}) {
      out_ << "<th>" << XmlText(h) << "</th>";
    }
    out_ << "</tr>\n";
    for (const scorecard::v1::Violation* v : u.violations) {
      out_ << "<tr><td>"
           << XmlText(v->line() > 0 ? absl::StrCat(u.source, ":", v->line())
                                    : u.source)
           << "</td><td>" << XmlText(v->indicator()) << "</td><td class=\""
           << (v->severity() == scorecard::v1::SEVERITY_ERROR ? "invalid" : "")
           << "\">" << XmlText(SeverityName(v->severity())) << "</td><td>"
           << XmlText(ShortCodeName(v->code())) << "</td><td>"
           << XmlText(v->message()) << "</td></tr>\n";
    }
    out_ << "</table>\n";
  }
  out_ << "</section>\n";
}

void HtmlReportWriter::NotJudged(const DepartmentReport& report) {
  if (report.not_judged.empty()) return;
  const ReportLabels& l = labels_;
  out_ << "<section>\n<h2>" << XmlText(l.not_judged) << "</h2>\n<table>\n"
       << "<tr><th>" << XmlText(l.file) << "</th><th>" << XmlText(l.message)
       << "</th></tr>\n";
  for (const auto& [source, message] : report.not_judged) {
    out_ << "<tr><td>" << XmlText(source) << "</td><td class=\"invalid\">"
         << XmlText(message) << "</td></tr>\n";
  }
  out_ << "</table>\n</section>\n";
}

}  // namespace

std::unique_ptr<ResultWriter> NewHtmlReportWriter(const WriterOptions& options,
                                                  std::ostream& out) {
  return std::make_unique<HtmlReportWriter>(options, out);
}

}  // namespace scorecard::client
