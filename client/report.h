// How scorecardctl shows validation results: a readable report per scorecard
// (aligned for Thai text) or JSON Lines for machines.

#ifndef SCORECARD_CLIENT_REPORT_H_
#define SCORECARD_CLIENT_REPORT_H_

#include <ostream>
#include <string>

#include "rules/violation_messages.h"
#include "scorecard/v1/scorecard.pb.h"

namespace scorecard::client {

// One validated scorecard and where it came from.
struct ReportItem {
  std::string source;  // The file, "-" for standard input.
  int index = 0;       // 0-based position of the scorecard in the file.
  const scorecard::v1::Scorecard* scorecard = nullptr;
  const scorecard::v1::ValidationResult* result = nullptr;
};

// Writes a readable report of `item` in `locale`'s words.
void WriteTextReport(const ReportItem& item, rules::Locale locale,
                     std::ostream& out);

// Writes the closing line of a text report: how many scorecards were valid.
void WriteTextSummary(int valid, int invalid, rules::Locale locale,
                      std::ostream& out);

// Writes `item` as one line of JSON: the ValidationResult in the proto3 JSON
// mapping (every field present, defaults included) plus "source" and "index".
void WriteJsonLine(const ReportItem& item, std::ostream& out);

// Returns the violation code's short name: "TOTAL_MISMATCH".
std::string ShortCodeName(scorecard::v1::ViolationCode code);

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_REPORT_H_
