#include "service/json_log.h"

#include <cstdio>
#include <utility>

#include "absl/base/attributes.h"
#include "absl/base/const_init.h"
#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
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

// Returns the length of the well-formed UTF-8 sequence at the start of
// `text`, or 0 when it does not start with one (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF).
size_t Utf8SequenceLength(absl::string_view text) {
  const auto byte = [&](size_t i) {
    return static_cast<unsigned char>(text[i]);
  };
  const auto continuation = [&](size_t i) {
    return i < text.size() && (byte(i) & 0xC0) == 0x80;
  };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (!continuation(1) || !continuation(2)) return 0;
    if (lead == 0xE0 && byte(1) < 0xA0) return 0;  // Overlong.
    if (lead == 0xED && byte(1) >= 0xA0) return 0;  // Surrogate.
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (!continuation(1) || !continuation(2) || !continuation(3)) return 0;
    if (lead == 0xF0 && byte(1) < 0x90) return 0;  // Overlong.
    if (lead == 0xF4 && byte(1) >= 0x90) return 0;  // Above U+10FFFF.
    return 4;
  }
  return 0;
}

}  // namespace

std::string JsonQuote(absl::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out.push_back('"');
  while (!text.empty()) {
    const unsigned char c = static_cast<unsigned char>(text.front());
    size_t length = 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          absl::StrAppendFormat(&out, "\\u%04x", c);
        } else if (c < 0x80) {
          out.push_back(static_cast<char>(c));
        } else {
          length = Utf8SequenceLength(text);
          if (length == 0) {
            out += "\\ufffd";
            length = 1;
          } else {
            out.append(text.data(), length);
          }
        }
    }
    text.remove_prefix(length);
  }
  out.push_back('"');
  return out;
}

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
