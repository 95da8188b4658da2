// The violation codes as a catalogue for output formats that describe each
// code once (SARIF's rules): a short description and the default severity,
// as docs/violation-codes.md gives them in full.
//
// Thread-safety: constant data.

#ifndef SCORECARD_CLIENT_VIOLATION_CODES_H_
#define SCORECARD_CLIENT_VIOLATION_CODES_H_

#include <vector>

#include "scorecard/v1/scorecard.pb.h"

namespace scorecard::client {

struct ViolationCodeInfo {
  scorecard::v1::ViolationCode code;
  const char* short_description;  // One English sentence.
  scorecard::v1::Severity default_severity;
};

// Every code but VIOLATION_CODE_UNSPECIFIED, in the enum's order.
const std::vector<ViolationCodeInfo>& ViolationCodes();

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_VIOLATION_CODES_H_
