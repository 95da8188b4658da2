// Facts about a listening address ("host:port", "[v6]:port", "unix:/path").
//
//   IsLocalAddress("127.0.0.1:50051")   // true: only this machine can connect
//   IsLocalAddress("[::]:50051")        // false: every interface
//
// Thread-safety: pure functions, safe for concurrent use.

#ifndef SCORECARD_SERVICE_LISTEN_ADDRESS_H_
#define SCORECARD_SERVICE_LISTEN_ADDRESS_H_

#include "absl/strings/string_view.h"

namespace scorecard::service {

// Returns whether only processes on this machine can reach `listen_address`:
// a Unix socket ("unix:", "unix-abstract:"), a loopback IPv4 address
// (127.0.0.0/8), the IPv6 loopback [::1], or "localhost". Every other
// address, wildcards ("[::]", "0.0.0.0") included, is reachable from the
// network.
bool IsLocalAddress(absl::string_view listen_address);

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_LISTEN_ADDRESS_H_
