#include "service/json_log.h"

#include <cstdio>
#include <utility>

#include "absl/base/attributes.h"
#include "absl/base/const_init.h"
#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace scorecard::service {
namespace {

ABSL_CONST_INIT absl::Mutex sink_mu(absl::kConstInit);
// Owned; null means stderr. Leaked on purpose: logging may happen during
// static destruction.
std::function<void(absl::string_view)>* sink ABSL_GUARDED_BY(sink_mu) =
    nullptr;

absl::string_view LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

}  // namespace

LogEvent::LogEvent(LogLevel level, absl::string_view event)
    : level_(level), event_(event) {}

LogEvent& LogEvent::Add(absl::string_view key, absl::string_view value) {
  return AddJson(key, JsonQuote(value));
}

LogEvent& LogEvent::Add(absl::string_view key, const char* value) {
  return Add(key, absl::string_view(value == nullptr ? "" : value));
}

LogEvent& LogEvent::Add(absl::string_view key, int64_t value) {
  return AddJson(key, absl::StrCat(value));
}

LogEvent& LogEvent::AddBool(absl::string_view key, bool value) {
  return AddJson(key, value ? "true" : "false");
}

LogEvent& LogEvent::Add(absl::string_view key,
                        const std::vector<std::string>& values) {
  std::string json = "[";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) json += ",";
    json += JsonQuote(values[i]);
  }
  json += "]";
  return AddJson(key, json);
}

LogEvent& LogEvent::AddJson(absl::string_view key, absl::string_view json) {
  absl::StrAppend(&fields_, ",", JsonQuote(key), ":", json);
  return *this;
}

std::string LogEvent::Line() const {
  const std::string time = absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ",
                                            absl::Now(), absl::UTCTimeZone());
  return absl::StrCat("{\"time\":", JsonQuote(time),
                      ",\"level\":", JsonQuote(LevelName(level_)),
                      ",\"event\":", JsonQuote(event_), fields_, "}");
}

void LogEvent::Write() const {
  const std::string line = Line();
  absl::MutexLock lock(&sink_mu);
  if (sink != nullptr) {
    (*sink)(line);
    return;
  }
  // One write per line, under the lock, so that lines never interleave.
  const std::string with_newline = absl::StrCat(line, "\n");
  std::fwrite(with_newline.data(), 1, with_newline.size(), stderr);
  std::fflush(stderr);
}

void SetLogSinkForTesting(std::function<void(absl::string_view line)> new_sink) {
  absl::MutexLock lock(&sink_mu);
  delete sink;
  sink = new_sink ? new std::function<void(absl::string_view)>(
                        std::move(new_sink))
                  : nullptr;
}

}  // namespace scorecard::service
