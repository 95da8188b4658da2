#include "service/library_logs.h"

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "google/protobuf/stubs/logging.h"
#include "grpc/support/log.h"
#include "service/json_log.h"
#include "service/log_rate_limiter.h"

namespace scorecard::service {
namespace {

// Writes one library message as a JSON line of event `event`, unless
// `limiter` holds it back.
void WriteLibraryLine(LogRateLimiter& limiter, LogLevel level,
                      absl::string_view event, absl::string_view severity,
                      const char* file, int line, absl::string_view message) {
  int64_t suppressed = 0;
  if (!limiter.Admit(absl::Now(), &suppressed)) return;
  LogEvent log(level, event);
  log.Add("severity", severity)
      .Add("file", file)
      .Add("line", int64_t{line})
      .Add("message", message);
  if (suppressed > 0) log.Add("suppressed", suppressed);
  log.Write();
}

// Never destroyed: libraries may log during static destruction.
LogRateLimiter& GrpcLimiter() {
  static LogRateLimiter* const limiter =
      new LogRateLimiter(kLibraryLogLinesPerSecond);
  return *limiter;
}

LogRateLimiter& ProtobufLimiter() {
  static LogRateLimiter* const limiter =
      new LogRateLimiter(kLibraryLogLinesPerSecond);
  return *limiter;
}

void LogGrpcMessage(gpr_log_func_args* args) {
  WriteLibraryLine(GrpcLimiter(),
                   args->severity == GPR_LOG_SEVERITY_ERROR ? LogLevel::kError
                                                            : LogLevel::kInfo,
                   "grpc", gpr_log_severity_string(args->severity), args->file,
                   args->line, args->message == nullptr ? "" : args->message);
}

absl::string_view ProtobufSeverity(google::protobuf::LogLevel level) {
  switch (level) {
    case google::protobuf::LOGLEVEL_INFO:
      return "INFO";
    case google::protobuf::LOGLEVEL_WARNING:
      return "WARNING";
    case google::protobuf::LOGLEVEL_ERROR:
      return "ERROR";
    case google::protobuf::LOGLEVEL_FATAL:
      return "FATAL";
  }
  return "ERROR";
}

void LogProtobufMessage(google::protobuf::LogLevel level, const char* file,
                        int line, const std::string& message) {
  const LogLevel json_level = level >= google::protobuf::LOGLEVEL_ERROR
                                  ? LogLevel::kError
                              : level == google::protobuf::LOGLEVEL_WARNING
                                  ? LogLevel::kWarning
                                  : LogLevel::kInfo;
  WriteLibraryLine(ProtobufLimiter(), json_level, "protobuf",
                   ProtobufSeverity(level), file, line, message);
}

}  // namespace

void RouteLibraryLogsToJsonLog() {
  gpr_set_log_function(LogGrpcMessage);
  google::protobuf::SetLogHandler(LogProtobufMessage);
}

}  // namespace scorecard::service
