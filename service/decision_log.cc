#include "service/decision_log.h"

#include <utility>

#include "absl/random/random.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "rules/json_string.h"
#include "rules/sha256.h"
#include "rules/utf8.h"
#include "service/error_details.h"

namespace scorecard::service {
namespace {

namespace v1 = ::scorecard::v1;
using ::scorecard::rules::JsonQuote;

}  // namespace

std::string NewDecisionId() {
  // absl::BitGen is not thread-safe; one per thread, seeded from the OS.
  thread_local absl::BitGen bits;
  uint64_t high = absl::Uniform<uint64_t>(bits);
  uint64_t low = absl::Uniform<uint64_t>(bits);
  high = (high & ~uint64_t{0xF000}) | 0x4000;               // Version 4.
  low = (low & ~(uint64_t{0xC} << 60)) | (uint64_t{0x8} << 60);  // RFC 4122.
  return absl::StrFormat("%08x-%04x-%04x-%04x-%012x", high >> 32,
                         (high >> 16) & 0xFFFF, high & 0xFFFF, low >> 48,
                         low & 0xFFFFFFFFFFFF);
}

std::string ScorecardSha256(const v1::Scorecard& scorecard) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    scorecard.SerializeToCodedStream(&coded);
  }
  // Empty when OpenSSL failed, and so is its hex.
  return absl::BytesToHexString(rules::Sha256Of(bytes));
}

std::string DecisionLine(absl::string_view id, absl::Time time,
                         const Decision& decision) {
  const v1::ValidationResult& result = *decision.result;
  std::string codes = "[";
  for (int i = 0; i < result.violations_size(); ++i) {
    if (i > 0) codes += ",";
    codes += JsonQuote(v1::ViolationCode_Name(result.violations(i).code()));
  }
  codes += "]";
  const std::string submitted_unit =
      decision.scorecard != nullptr ? rules::QuoteText(decision.scorecard->unit())
                                    : "";
  return absl::StrCat(
      "{\"decision_id\":", JsonQuote(id),
      ",\"time\":",
      JsonQuote(absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", time,
                                 absl::UTCTimeZone())),
      ",\"method\":",
      JsonQuote(absl::StrCat("scorecard.v1.ScorecardService/", decision.method)),
      ",\"peer\":", JsonQuote(decision.caller.peer),
      ",\"identity\":", JsonQuote(decision.caller.identity),
      ",\"correlation_id\":",
      JsonQuote(rules::QuoteText(decision.correlation_id)),
      ",\"rule_set\":", JsonQuote(result.rule_set()),
      ",\"rule_set_revision\":", JsonQuote(result.rule_set_revision()),
      ",\"unit\":", JsonQuote(result.unit()),
      ",\"submitted_unit\":", JsonQuote(submitted_unit),
      ",\"valid\":", result.valid() ? "true" : "false",
      ",\"verdict\":", JsonQuote(result.valid() ? "valid" : "invalid"),
      ",\"computed_total\":", JsonQuote(result.computed_total()),
      ",\"declared_total\":", JsonQuote(result.declared_total()),
      ",\"violation_codes\":", codes,
      ",\"scorecard_sha256\":",
      JsonQuote(decision.scorecard != nullptr
                    ? ScorecardSha256(*decision.scorecard)
                    : ""),
      "}");
}

absl::StatusOr<std::unique_ptr<DecisionLog>> DecisionLog::Open(
    const DecisionLogOptions& options, Metrics* metrics) {
  LogWriterOptions writer;
  writer.name = "decision_log";
  writer.path = options.path;
  writer.max_bytes = options.max_bytes;
  writer.max_files = options.max_files;
  writer.queue_lines = options.queue_records;
  writer.drop_when_full = options.drop_when_full;
  if (metrics != nullptr) {
    writer.on_dropped = [metrics](int64_t n) {
      metrics->CountDecisionLogDropped(n);
    };
    writer.on_write_error = [metrics] { metrics->CountDecisionLogWriteError(); };
  }
  absl::StatusOr<std::unique_ptr<LogWriter>> opened =
      LogWriter::Open(std::move(writer));
  if (!opened.ok()) return opened.status();
  return std::unique_ptr<DecisionLog>(new DecisionLog(*std::move(opened)));
}

PendingDecision DecisionLog::Prepare(const Decision& decision) {
  PendingDecision pending;
  pending.id = NewDecisionId();
  pending.line = DecisionLine(pending.id, absl::Now(), decision);
  return pending;
}

void DecisionLog::Write(PendingDecision decision, LogWriter::Done done) {
  writer_->Append(
      std::move(decision.line),
      [done = std::move(done)](absl::Status written) {
        if (!done) return;
        if (written.ok()) {
          done(written);
          return;
        }
        // Not the file's path: callers must not learn it.
        done(WithErrorInfo(
            absl::UnavailableError(
                "the decision log could not record this verdict; try again"),
            kReasonDecisionLogUnavailable));
      });
}

}  // namespace scorecard::service
