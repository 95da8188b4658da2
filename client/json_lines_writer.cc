// The json format: JSON Lines. Per scorecard, the ValidationResult in the
// proto3 JSON mapping (every field present, defaults included) with "source"
// and "index" first; per file not judged, {"source", "error"}; and last a
// {"summary": {...}} record.

#include <string>

#include "absl/strings/str_cat.h"
#include "client/result_writer.h"
#include "google/protobuf/util/json_util.h"
#include "rules/json_string.h"

namespace scorecard::client {
namespace {

class JsonLinesWriter final : public ResultWriter {
 public:
  explicit JsonLinesWriter(std::ostream& out) : out_(out) {}

  void Write(const ReportItem& item) override {
    google::protobuf::util::JsonPrintOptions options;
    options.always_print_primitive_fields = true;
    std::string result;
    const auto printed = google::protobuf::util::MessageToJsonString(
        *item.result, &result, options);
    // result is "{...}": put source and index first, then the result's
    // fields.
    out_ << "{\"source\":" << rules::JsonQuote(item.source)
         << ",\"index\":" << item.index;
    if (!printed.ok()) {
      out_ << ",\"error\":" << rules::JsonQuote(printed.ToString()) << "}";
    } else if (result.size() > 2) {
      out_ << "," << result.substr(1);
    } else {
      out_ << "}";
    }
    out_ << "\n";
  }

  void WriteUnreadable(const std::string& source,
                       const std::string& message) override {
    out_ << "{\"source\":" << rules::JsonQuote(source)
         << ",\"error\":" << rules::JsonQuote(message) << "}\n";
  }

  void Finish(const RunSummary& s) override {
    out_ << "{\"summary\":{\"files\":" << s.files
         << ",\"scorecards\":" << s.scorecards << ",\"valid\":" << s.valid
         << ",\"invalid\":" << s.invalid << ",\"failing\":" << s.failing
         << ",\"errors\":" << s.errors << ",\"warnings\":" << s.warnings
         << ",\"unreadable\":" << s.unreadable << ",\"failOn\":"
         << (s.fail_on == FailOn::kWarning ? "\"warning\"" : "\"error\"")
         << ",\"exitStatus\":" << s.exit_status << "}}\n";
  }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<ResultWriter> NewJsonLinesWriter(const WriterOptions& options,
                                                 std::ostream& out) {
  return std::make_unique<JsonLinesWriter>(out);
}

}  // namespace scorecard::client
