// The tap format: TAP version 14. One test point per scorecard ("ok" unless it
// fails by --fail-on), its violations as a YAML diagnostic block; a file that
// could not be judged is a "not ok" point of its own; the plan comes last.
//
//   TAP version 14
//   ok 1 - สำนักงานเลขานุการกรม (secretariat) [subs/a.txt:5]
//   not ok 2 - ... [subs/a.txt:34]
//     ---
//     file: "subs/a.txt"
//     ...
//     violations:
//       - {code: "TOTAL_MISMATCH", severity: "ERROR", line: 56, ...}
//     ...
//   1..2

#include <string>

#include "absl/strings/str_cat.h"
#include "client/result_writer.h"
#include "client/yaml_writer.h"

namespace scorecard::client {
namespace {

namespace v1 = ::scorecard::v1;

// A test point's description: '#' would start a directive and '\' escapes,
// so both are escaped (TAP 14); a line break would end the point.
std::string Description(absl::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '#' || c == '\\') out += '\\';
    out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out;
}

class TapWriter final : public ResultWriter {
 public:
  TapWriter(const WriterOptions& options, std::ostream& out)
      : fail_on_(options.fail_on), out_(out) {
    out_ << "TAP version 14\n";
  }

  void Write(const ReportItem& item) override {
    const v1::ValidationResult& r = *item.result;
    const std::string where =
        item.scorecard->line() > 0
            ? absl::StrCat(item.source, ":", item.scorecard->line())
            : absl::StrCat(item.source, ", scorecard ", item.index + 1);
    out_ << (Fails(r, fail_on_) ? "not ok " : "ok ") << ++points_ << " - "
         << Description(absl::StrCat(UnitLabel(item), " [", where, "]"))
         << "\n";
    if (r.violations().empty()) return;
    out_ << "  ---\n"
         << "  file: " << YamlQuote(item.source) << "\n"
         << "  index: " << item.index << "\n"
         << "  rule_set: " << YamlQuote(r.rule_set()) << "\n"
         << "  total: " << YamlQuote(r.computed_total()) << "\n"
         << "  declared_total: " << YamlQuote(r.declared_total()) << "\n"
         << "  violations:\n";
    for (const v1::Violation& v : r.violations()) {
      out_ << "    - code: " << YamlQuote(ShortCodeName(v.code())) << "\n"
           << "      severity: " << YamlQuote(SeverityName(v.severity()))
           << "\n"
           << "      indicator: " << YamlQuote(v.indicator()) << "\n"
           << "      line: " << ViolationLine(item, v) << "\n"
           << "      expected: " << YamlQuote(v.expected()) << "\n"
           << "      actual: " << YamlQuote(v.actual()) << "\n"
           << "      message: " << YamlQuote(v.message()) << "\n";
    }
    out_ << "  ...\n";
  }

  void WriteUnreadable(const std::string& source,
                       const std::string& message) override {
    out_ << "not ok " << ++points_ << " - "
         << Description(absl::StrCat(source, " [not judged]")) << "\n"
         << "  ---\n"
         << "  file: " << YamlQuote(source) << "\n"
         << "  message: " << YamlQuote(message) << "\n"
         << "  ...\n";
  }

  void Finish(const RunSummary& summary) override {
    out_ << "1.." << points_ << "\n";
  }

 private:
  const FailOn fail_on_;
  std::ostream& out_;
  int points_ = 0;
};

}  // namespace

std::unique_ptr<ResultWriter> NewTapWriter(const WriterOptions& options,
                                           std::ostream& out) {
  return std::make_unique<TapWriter>(options, out);
}

}  // namespace scorecard::client
