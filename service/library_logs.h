// The log messages of the libraries scorecardd uses, gRPC's and protobuf's,
// written as JSON log lines (json_log.h), so that stderr holds nothing but
// JSON lines.
//
//   RouteLibraryLogsToJsonLog();   // Once, before gRPC starts.
//
// Each message becomes a line of event "grpc" or "protobuf" with the
// library's `severity`, `file`, `line` and `message`. A request can make a
// library log (protobuf writes an error for every request with a string
// that is not UTF-8), so each library's lines are rate-limited to
// kLibraryLogLinesPerSecond per second (log_rate_limiter.h); the next line
// written after some were dropped says how many in `suppressed`.
//
// Thread-safety: RouteLibraryLogsToJsonLog() sets process-wide handlers and
// must not run concurrently with itself or with library logging (protobuf's
// SetLogHandler is not thread-safe); call it before serving. The handlers it
// sets are safe for concurrent use.

#ifndef SCORECARD_SERVICE_LIBRARY_LOGS_H_
#define SCORECARD_SERVICE_LIBRARY_LOGS_H_

namespace scorecard::service {

// How many lines each library may write per second.
inline constexpr int kLibraryLogLinesPerSecond = 10;

// Sends gRPC's (gpr_set_log_function) and protobuf's
// (google::protobuf::SetLogHandler) log messages to the JSON log, as above.
void RouteLibraryLogsToJsonLog();

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_LIBRARY_LOGS_H_
