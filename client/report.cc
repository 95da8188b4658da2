#include "client/report.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "google/protobuf/util/json_util.h"
#include "rules/json_string.h"
#include "rules/thai_text.h"

namespace scorecard::client {
namespace {

namespace v1 = ::scorecard::v1;
using rules::Locale;

struct Labels {
  const char* unit;
  const char* rule_set;
  const char* revision;
  const char* total;
  const char* declared;
  const char* not_computed;
  const char* none_declared;
  const char* result;
  const char* valid;
  const char* invalid;
  const char* violations;
  const char* none;
  const char* line;
  const char* indicator;
  const char* severity;
  const char* code;
  const char* message;
  const char* scorecard;
  const char* summary;  // $0 scorecards, $1 valid, $2 invalid
};

constexpr Labels kEnglish = {
    "unit", "rule set", "revision", "total", "declared", "not computed",
    "none declared", "result", "VALID", "INVALID", "violations", "none",
    "LINE", "INDICATOR", "SEVERITY", "CODE", "MESSAGE", "scorecard",
    "scorecards"};
constexpr Labels kThai = {
    "หน่วยงาน", "ชุดกฎ", "รุ่น", "คะแนนรวม", "ที่แจ้ง", "คำนวณไม่ได้",
    "ไม่ได้แจ้ง", "ผล", "ถูกต้อง", "ไม่ถูกต้อง", "ข้อผิดพลาด", "ไม่มี",
    "บรรทัด", "ตัวชี้วัด", "ระดับ", "รหัส", "ข้อความ", "รายการที่",
    "รายการ"};

const Labels& LabelsFor(Locale locale) {
  return locale == Locale::kThai ? kThai : kEnglish;
}

// Pads `text` with spaces to `width` terminal columns.
std::string Pad(absl::string_view text, size_t width) {
  std::string out(text);
  const size_t shown = rules::DisplayWidth(text);
  if (shown < width) out.append(width - shown, ' ');
  return out;
}

std::string SeverityName(v1::Severity severity) {
  return std::string(absl::StripPrefix(v1::Severity_Name(severity),
                                       "SEVERITY_"));
}

}  // namespace

std::string ShortCodeName(v1::ViolationCode code) {
  return std::string(absl::StripPrefix(v1::ViolationCode_Name(code),
                                       "VIOLATION_CODE_"));
}

void WriteTextReport(const ReportItem& item, Locale locale,
                     std::ostream& out) {
  const Labels& l = LabelsFor(locale);
  const v1::ValidationResult& r = *item.result;
  const v1::Scorecard& s = *item.scorecard;
  const std::string where =
      s.line() > 0 ? absl::StrCat(item.source, ":", s.line())
                   : std::string(item.source);
  const std::string unit =
      r.unit().empty() ? s.unit()
                       : absl::StrCat(r.unit_name(), " (", r.unit(), ")");
  out << "== " << unit << "  [" << where << ", " << l.scorecard << " "
      << item.index + 1 << "]\n";

  const std::vector<const char*> labels = {l.rule_set, l.total, l.result,
                                           l.violations};
  size_t label_width = 0;
  for (const char* label : labels) {
    label_width = std::max(label_width, rules::DisplayWidth(label));
  }
  label_width += 2;
  const auto field = [&](const char* label) {
    return absl::StrCat("   ", Pad(label, label_width));
  };
  out << field(l.rule_set) << r.rule_set() << " (" << l.revision << " "
      << r.rule_set_revision() << ")\n";
  out << field(l.total)
      << (r.computed_total().empty() ? l.not_computed : r.computed_total())
      << " (" << l.declared << " "
      << (r.declared_total().empty() ? l.none_declared : r.declared_total())
      << ")\n";
  out << field(l.result) << (r.valid() ? l.valid : l.invalid) << "\n";
  if (r.violations().empty()) {
    out << field(l.violations) << l.none << "\n";
    return;
  }
  out << field(l.violations) << r.violations_size() << "\n";

  // A table aligned by terminal columns, so Thai text lines up.
  std::vector<std::vector<std::string>> rows;
  rows.push_back({l.line, l.indicator, l.severity, l.code, l.message});
  for (const v1::Violation& v : r.violations()) {
    rows.push_back({v.line() > 0 ? absl::StrCat(v.line()) : "-",
                    v.indicator().empty() ? "-" : v.indicator(),
                    SeverityName(v.severity()), ShortCodeName(v.code()),
                    v.message()});
  }
  std::vector<size_t> widths(rows.front().size(), 0);
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      widths[c] = std::max(widths[c], rules::DisplayWidth(row[c]));
    }
  }
  for (const auto& row : rows) {
    out << "     ";
    for (size_t c = 0; c + 1 < row.size(); ++c) {
      out << Pad(row[c], widths[c] + 2);
    }
    out << row.back() << "\n";
  }
}

void WriteTextSummary(int valid, int invalid, Locale locale,
                      std::ostream& out) {
  const Labels& l = LabelsFor(locale);
  out << valid + invalid << " " << l.summary << ": " << valid << " "
      << l.valid << ", " << invalid << " " << l.invalid << "\n";
}

void WriteJsonLine(const ReportItem& item, std::ostream& out) {
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  std::string result;
  const auto printed = google::protobuf::util::MessageToJsonString(
      *item.result, &result, options);
  // result is "{...}": put source and index first, then the result's fields.
  out << "{\"source\":" << rules::JsonQuote(item.source)
      << ",\"index\":" << item.index;
  if (!printed.ok()) {
    out << ",\"error\":" << rules::JsonQuote(printed.ToString()) << "}";
  } else if (result.size() > 2) {
    out << "," << result.substr(1);
  } else {
    out << "}";
  }
  out << "\n";
}

}  // namespace scorecard::client
