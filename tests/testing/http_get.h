// A plain HTTP/1.0 GET for tests (scraping /metrics), with every wait
// bounded.
//
//   absl::StatusOr<std::string> body = HttpGet("127.0.0.1:9090", "/metrics");
//
// Thread-safety: may be called from several threads at once.

#ifndef SCORECARD_TESTS_TESTING_HTTP_GET_H_
#define SCORECARD_TESTS_TESTING_HTTP_GET_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tests/testing/wait.h"

namespace scorecard::testing {

// GETs `path` from `address` ("127.0.0.1:PORT", IPv4 only) and returns the
// body of a 200 response; an error for anything else, or when the server
// does not answer within `timeout`.
absl::StatusOr<std::string> HttpGet(const std::string& address,
                                    const std::string& path,
                                    absl::Duration timeout = kPatience);

}  // namespace scorecard::testing

#endif  // SCORECARD_TESTS_TESTING_HTTP_GET_H_
