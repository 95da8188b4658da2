#include "client/junit_xml.h"

#include "client/xml_text.h"

namespace scorecard::client {
namespace {

struct Counts {
  int tests = 0;
  int failures = 0;
  int errors = 0;
};

Counts CountCases(const std::vector<JunitCase>& cases) {
  Counts counts;
  for (const JunitCase& c : cases) {
    ++counts.tests;
    bool failed = false;
    bool errored = false;
    for (const JunitFailure& f : c.failures) {
      (f.error ? errored : failed) = true;
    }
    if (errored) {
      ++counts.errors;
    } else if (failed) {
      ++counts.failures;
    }
  }
  return counts;
}

void WriteCounts(const Counts& counts, std::ostream& out) {
  out << " tests=\"" << counts.tests << "\" failures=\"" << counts.failures
      << "\" errors=\"" << counts.errors << "\"";
}

void WriteCase(const JunitCase& c, std::ostream& out) {
  out << "    <testcase name=\"" << XmlAttribute(c.name) << "\" classname=\""
      << XmlAttribute(c.classname) << "\"";
  if (!c.file.empty()) out << " file=\"" << XmlAttribute(c.file) << "\"";
  if (c.line > 0) out << " line=\"" << c.line << "\"";
  if (c.failures.empty() && c.system_out.empty()) {
    out << "/>\n";
    return;
  }
  out << ">\n";
  for (const JunitFailure& f : c.failures) {
    const char* element = f.error ? "error" : "failure";
    out << "      <" << element << " type=\"" << XmlAttribute(f.type)
        << "\" message=\"" << XmlAttribute(f.message) << "\">"
        << XmlText(f.text) << "</" << element << ">\n";
  }
  if (!c.system_out.empty()) {
    out << "      <system-out>" << XmlText(c.system_out) << "</system-out>\n";
  }
  out << "    </testcase>\n";
}

}  // namespace

void WriteJunitXml(absl::string_view name,
                   const std::vector<JunitSuite>& suites, std::ostream& out) {
  Counts total;
  for (const JunitSuite& suite : suites) {
    const Counts counts = CountCases(suite.cases);
    total.tests += counts.tests;
    total.failures += counts.failures;
    total.errors += counts.errors;
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites name=\"" << XmlAttribute(name) << "\"";
  WriteCounts(total, out);
  out << ">\n";
  for (const JunitSuite& suite : suites) {
    out << "  <testsuite name=\"" << XmlAttribute(suite.name) << "\"";
    WriteCounts(CountCases(suite.cases), out);
    out << " skipped=\"0\">\n";
    for (const JunitCase& c : suite.cases) WriteCase(c, out);
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace scorecard::client
