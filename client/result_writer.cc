#include "client/result_writer.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "rules/utf8.h"

namespace scorecard::client {

namespace v1 = ::scorecard::v1;

std::string ShortCodeName(v1::ViolationCode code) {
  const std::string& name = v1::ViolationCode_Name(code);
  // A code from a newer server has no name here.
  if (name.empty()) return absl::StrCat("CODE_", static_cast<int>(code));
  return std::string(absl::StripPrefix(name, "VIOLATION_CODE_"));
}

std::string SeverityName(v1::Severity severity) {
  const std::string& name = v1::Severity_Name(severity);
  if (name.empty())
    return absl::StrCat("SEVERITY_", static_cast<int>(severity));
  return std::string(absl::StripPrefix(name, "SEVERITY_"));
}

int CountViolations(const v1::ValidationResult& result, v1::Severity severity) {
  int count = 0;
  for (const v1::Violation& v : result.violations()) {
    if (v.severity() == severity) ++count;
  }
  return count;
}

bool Fails(const v1::ValidationResult& result, FailOn fail_on) {
  if (!result.valid()) return true;
  return fail_on == FailOn::kWarning &&
         CountViolations(result, v1::SEVERITY_WARNING) > 0;
}

std::string UnitLabel(const ReportItem& item) {
  const v1::ValidationResult& r = *item.result;
  if (r.unit().empty()) return rules::QuoteText(item.scorecard->unit());
  return absl::StrCat(r.unit_name(), " (", r.unit(), ")");
}

int ViolationLine(const ReportItem& item, const v1::Violation& v) {
  return v.line() > 0 ? v.line() : item.scorecard->line();
}

}  // namespace scorecard::client
