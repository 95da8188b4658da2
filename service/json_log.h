// Structured logs: one JSON object per line on stderr, one line per event.
//
//   LogEvent(LogLevel::kInfo, "listening").Add("address", "[::]:50051").Write();
//
// writes
//
//   {"time":"2024-05-01T03:04:05.678Z","level":"info","event":"listening","address":"[::]:50051"}
//
// "time" is RFC 3339 in UTC with milliseconds; "level" is "info", "warning"
// or "error"; "event" names what happened (start, listening, rules_loaded,
// reload_refused, draining, exit, ...); the other fields follow in the order
// added. Strings are quoted by rules::JsonQuote (rules/json_string.h): UTF-8
// text (Thai included) passes through, control characters become \n, \t or
// \u00XX, and bytes that are not UTF-8 become U+FFFD, so a line is always
// valid JSON.
//
// Thread-safety: a LogEvent is built by one thread; Write() may be called from
// any number of threads at once, and lines never interleave.

#ifndef SCORECARD_SERVICE_JSON_LOG_H_
#define SCORECARD_SERVICE_JSON_LOG_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "rules/json_string.h"

namespace scorecard::service {

// How much a log event matters.
enum class LogLevel {
  kInfo,
  kWarning,
  kError,
};

// JSON string quoting has one home, rules/json_string.h; it is named here
// too for the code that builds AddJson() values.
using ::scorecard::rules::JsonQuote;

// One log line being built. Fields are written in the order added; adding a
// key twice writes it twice (avoid it).
class LogEvent final {
 public:
  LogEvent(LogLevel level, absl::string_view event);

  LogEvent(const LogEvent&) = delete;
  LogEvent& operator=(const LogEvent&) = delete;

  // Adds a string field.
  LogEvent& Add(absl::string_view key, absl::string_view value);
  // Adds a string field (without this overload a literal would pick bool).
  LogEvent& Add(absl::string_view key, const char* value);
  // Adds a number field.
  LogEvent& Add(absl::string_view key, int64_t value);
  // Adds a true/false field. (Not an Add overload: an int argument would
  // find int64_t and bool equally good.)
  LogEvent& AddBool(absl::string_view key, bool value);
  // Adds an array of strings.
  LogEvent& Add(absl::string_view key, const std::vector<std::string>& values);
  // Adds a field whose value is already JSON text (an object or an array
  // built with JsonQuote). The caller vouches that it is valid JSON.
  LogEvent& AddJson(absl::string_view key, absl::string_view json);

  // Returns the line as Write() writes it, without the newline.
  std::string Line() const;

  // Writes the line and a newline to the log sink (stderr unless a test set
  // another with SetLogSinkForTesting).
  void Write() const;

 private:
  std::string fields_;  // ,"key":value pairs after the fixed ones.
  LogLevel level_;
  std::string event_;
};

// Sends every line written from now on to `sink` (one call per line, no
// newline) instead of stderr; an empty function restores stderr. For tests.
void SetLogSinkForTesting(std::function<void(absl::string_view line)> sink);

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_JSON_LOG_H_
