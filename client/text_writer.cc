// The text format: a readable report per scorecard, aligned by terminal
// columns so that Thai text lines up, and a closing summary line.

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "client/result_writer.h"
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
  const char* summary;  // "scorecards"
  const char* unreadable;
  const char* unreadable_files;
};

constexpr Labels kEnglish = {"unit",          "rule set",   "revision",
                             "total",         "declared",   "not computed",
                             "none declared", "result",     "VALID",
                             "INVALID",       "violations", "none",
                             "LINE",          "INDICATOR",  "SEVERITY",
                             "CODE",          "MESSAGE",    "scorecard",
                             "scorecards",    "NOT JUDGED", "files not judged"};
constexpr Labels kThai = {
    "หน่วยงาน", "ชุดกฎ",     "รุ่น",          "คะแนนรวม", "ที่แจ้ง",     "คำนวณไม่ได้",
    "ไม่ได้แจ้ง", "ผล",       "ถูกต้อง",       "ไม่ถูกต้อง",  "ข้อผิดพลาด", "ไม่มี",
    "บรรทัด",   "ตัวชี้วัด",    "ระดับ",        "รหัส",      "ข้อความ",   "รายการที่",
    "รายการ",  "ตรวจไม่ได้", "แฟ้มที่ตรวจไม่ได้"};

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

class TextWriter final : public ResultWriter {
 public:
  TextWriter(const WriterOptions& options, std::ostream& out)
      : options_(options), labels_(LabelsFor(options.locale)), out_(out) {}

  void Write(const ReportItem& item) override {
    if (options_.quiet && !Fails(*item.result, options_.fail_on)) return;
    WriteScorecard(item);
    out_ << "\n";
  }

  void WriteUnreadable(const std::string& source,
                       const std::string& message) override {
    out_ << "== " << source << "  [" << labels_.unreadable << "]\n   "
         << message << "\n\n";
  }

  void Finish(const RunSummary& summary) override {
    if (summary.scorecards == 0 && summary.unreadable == 0) return;
    out_ << summary.scorecards << " " << labels_.summary << ": "
         << summary.valid << " " << labels_.valid << ", " << summary.invalid
         << " " << labels_.invalid;
    if (summary.unreadable > 0) {
      out_ << "; " << summary.unreadable << " " << labels_.unreadable_files;
    }
    out_ << "\n";
  }

 private:
  void WriteScorecard(const ReportItem& item);

  const WriterOptions options_;
  const Labels& labels_;
  std::ostream& out_;
};

void TextWriter::WriteScorecard(const ReportItem& item) {
  const Labels& l = labels_;
  const v1::ValidationResult& r = *item.result;
  const v1::Scorecard& s = *item.scorecard;
  const std::string where = s.line() > 0
                                ? absl::StrCat(item.source, ":", s.line())
                                : std::string(item.source);
  out_ << "== " << UnitLabel(item) << "  [" << where << ", " << l.scorecard
       << " " << item.index + 1 << "]\n";

  size_t label_width = 0;
  for (const char* label : {l.rule_set, l.total, l.result, l.violations}) {
    label_width = std::max(label_width, rules::DisplayWidth(label));
  }
  label_width += 2;
  const auto field = [&](const char* label) {
    return absl::StrCat("   ", Pad(label, label_width));
  };
  out_ << field(l.rule_set) << r.rule_set() << " (" << l.revision << " "
       << r.rule_set_revision() << ")\n";
  out_ << field(l.total)
       << (r.computed_total().empty() ? l.not_computed : r.computed_total())
       << " (" << l.declared << " "
       << (r.declared_total().empty() ? l.none_declared : r.declared_total())
       << ")\n";
  out_ << field(l.result) << (r.valid() ? l.valid : l.invalid) << "\n";
  if (r.violations().empty()) {
    out_ << field(l.violations) << l.none << "\n";
    return;
  }
  out_ << field(l.violations) << r.violations_size() << "\n";

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
    out_ << "     ";
    for (size_t c = 0; c + 1 < row.size(); ++c) {
      out_ << Pad(row[c], widths[c] + 2);
    }
    out_ << row.back() << "\n";
  }
}

}  // namespace

std::unique_ptr<ResultWriter> NewTextWriter(const WriterOptions& options,
                                            std::ostream& out) {
  return std::make_unique<TextWriter>(options, out);
}

}  // namespace scorecard::client
