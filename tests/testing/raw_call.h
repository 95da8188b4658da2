// Calls a gRPC method with request bytes the test writes itself, through
// grpc::GenericStub: for requests no generated stub would send (bytes that
// do not parse, strings that are not UTF-8) and for services whose stubs
// the test does not have (server reflection).
//
//   RawCallResult r = CallWithRawMessages(
//       channel, "/scorecard.v1.ScorecardService/ValidateScorecards",
//       {good, std::string("\x0a\x01\xff", 3), good});
//   // r.status: how the call ended; r.responses: the bytes of each answer.
//
// The requests are written one at a time, each followed by a read of its
// response (the ValidateScorecards stream answers one request before it
// reads the next); a failed write or read stops the writing. Then the client
// half-closes and the call's status is taken. Every wait is bounded by a
// deadline of kPatience on the call.
//
// Thread-safety: each call uses its own completion queue; calls may run on
// several threads at once.

#ifndef SCORECARD_TESTS_TESTING_RAW_CALL_H_
#define SCORECARD_TESTS_TESTING_RAW_CALL_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "grpcpp/channel.h"
#include "grpcpp/support/status.h"

namespace scorecard::testing {

struct RawCallResult {
  grpc::Status status;                 // How the call ended.
  std::vector<std::string> responses;  // The bytes of each response read.
  int requests_written = 0;            // How many writes succeeded.
};

// Calls `method` ("/package.Service/Method") on `channel` with `requests`,
// as described above, sending `metadata` (key, value pairs) with the call.
RawCallResult CallWithRawMessages(
    std::shared_ptr<grpc::Channel> channel, const std::string& method,
    const std::vector<std::string>& requests,
    const std::vector<std::pair<std::string, std::string>>& metadata = {});

}  // namespace scorecard::testing

#endif  // SCORECARD_TESTS_TESTING_RAW_CALL_H_
