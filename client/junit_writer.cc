// The junit format: one <testsuite> per input file, one <testcase> per
// scorecard (named by its unit), a <failure> per ERROR violation (and, with
// --fail-on warning, per WARNING), the other warnings in <system-out>; a file
// that could not be judged is a case with an <error>.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "client/junit_xml.h"
#include "client/result_writer.h"

namespace scorecard::client {
namespace {

namespace v1 = ::scorecard::v1;

// "line 28, indicator 7.1: The declared total ..."
std::string Describe(const ReportItem& item, const v1::Violation& v) {
  std::string where;
  const int line = ViolationLine(item, v);
  if (line > 0) absl::StrAppend(&where, "line ", line);
  if (!v.indicator().empty()) {
    absl::StrAppend(&where, where.empty() ? "" : ", ", "indicator ",
                    v.indicator());
  }
  return where.empty() ? v.message() : absl::StrCat(where, ": ", v.message());
}

class JunitWriter final : public ResultWriter {
 public:
  JunitWriter(const WriterOptions& options, std::ostream& out)
      : fail_on_(options.fail_on), out_(out) {}

  void Write(const ReportItem& item) override {
    JunitCase c;
    c.name = absl::StrCat(UnitLabel(item), " [scorecard ", item.index + 1, "]");
    c.classname = item.source;
    c.file = item.source;
    c.line = item.scorecard->line();
    for (const v1::Violation& v : item.result->violations()) {
      const bool failure =
          v.severity() == v1::SEVERITY_ERROR || fail_on_ == FailOn::kWarning;
      if (failure) {
        c.failures.push_back(
            {ShortCodeName(v.code()), v.message(), Describe(item, v)});
      } else {
        absl::StrAppend(&c.system_out, SeverityName(v.severity()), " ",
                        ShortCodeName(v.code()), " ", Describe(item, v), "\n");
      }
    }
    SuiteFor(item.source).cases.push_back(std::move(c));
  }

  void WriteUnreadable(const std::string& source,
                       const std::string& message) override {
    JunitCase c;
    c.name = absl::StrCat(source, " [not judged]");
    c.classname = source;
    c.file = source;
    c.failures.push_back({"NOT_JUDGED", message, message, /*error=*/true});
    SuiteFor(source).cases.push_back(std::move(c));
  }

  void Finish(const RunSummary& summary) override {
    WriteJunitXml("scorecardctl validate", suites_, out_);
  }

 private:
  // The suite of `source`: the last one when the items are still of it.
  JunitSuite& SuiteFor(const std::string& source) {
    if (suites_.empty() || suites_.back().name != source) {
      suites_.push_back({source, {}});
    }
    return suites_.back();
  }

  const FailOn fail_on_;
  std::ostream& out_;
  std::vector<JunitSuite> suites_;
};

}  // namespace

std::unique_ptr<ResultWriter> NewJunitWriter(const WriterOptions& options,
                                             std::ostream& out) {
  return std::make_unique<JunitWriter>(options, out);
}

}  // namespace scorecard::client
