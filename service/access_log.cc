#include "service/access_log.h"

#include <optional>
#include <utility>

#include "rules/utf8.h"
#include "service/json_log.h"
#include "service/metrics.h"

namespace scorecard::service {

absl::StatusOr<std::unique_ptr<AccessLog>> AccessLog::Open(
    const std::string& path) {
  LogWriterOptions options;
  options.name = "access_log";
  options.path = path;
  options.to_stderr = path.empty();
  absl::StatusOr<std::unique_ptr<LogWriter>> writer =
      LogWriter::Open(std::move(options));
  if (!writer.ok()) return writer.status();
  return std::unique_ptr<AccessLog>(new AccessLog(*std::move(writer)));
}

void AccessLog::Note(const void* call, ValidationNote note) {
  absl::MutexLock lock(&mu_);
  Notes& notes = notes_[call];
  ++notes.validations;
  if (!note.valid) ++notes.invalid;
  notes.last = std::move(note);
}

void AccessLog::Write(const void* call, const CallRecord& record) {
  std::optional<Notes> notes;
  {
    absl::MutexLock lock(&mu_);
    const auto it = notes_.find(call);
    if (it != notes_.end()) {
      notes = std::move(it->second);
      notes_.erase(it);
    }
  }
  LogEvent event(LogLevel::kInfo, "access");
  event.Add("method", rules::QuoteText(record.method))
      .Add("peer", record.peer)
      .Add("code", GrpcCodeLabel(record.code))
      .Add("duration_us", absl::ToInt64Microseconds(record.duration))
      .Add("bytes_in", record.bytes_in)
      .Add("bytes_out", record.bytes_out)
      .Add("messages_in", record.messages_in)
      .Add("messages_out", record.messages_out);
  if (notes.has_value()) {
    event.Add("validations", notes->validations)
        .Add("invalid", notes->invalid)
        .Add("rule_set", notes->last.rule_set)
        .Add("unit", notes->last.unit)
        .Add("verdict", notes->last.valid ? "valid" : "invalid");
  }
  writer_->Append(event.Line(), nullptr);
}

}  // namespace scorecard::service
