// The sarif format: SARIF 2.1.0, as GitHub code scanning uploads it. One run;
// tool.driver lists one rule per violation code (and NOT_JUDGED, for a file
// that could not be judged), each with a short description and a helpUri
// into docs/violation-codes.md; one result per violation with its ruleId,
// level, message and a physicalLocation (the file's URI relative to the
// working directory, the line as region.startLine when known).

#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "client/build_info.h"
#include "client/result_writer.h"
#include "client/violation_codes.h"
#include "rules/json_string.h"
#include "rules/release/version.h"

namespace scorecard::client {
namespace {

namespace v1 = ::scorecard::v1;

constexpr char kNotJudged[] = "NOT_JUDGED";

// "TOTAL_MISMATCH" -> "TotalMismatch", SARIF's readable rule name.
std::string PascalCase(absl::string_view code) {
  std::string out;
  for (absl::string_view word : absl::StrSplit(code, '_')) {
    if (word.empty()) continue;
    out += absl::ascii_toupper(word[0]);
    out += absl::AsciiStrToLower(word.substr(1));
  }
  return out;
}

// Percent-encodes everything but RFC 3986's unreserved characters and '/'.
std::string EncodePath(absl::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '.' || c == '_' ||
        c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      absl::StrAppendFormat(&out, "%%%02X", c);
    }
  }
  return out;
}

// The artifact URI of `source`: relative to the working directory when it
// is there, else an absolute file: URI.
std::string ArtifactUri(const std::string& source) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path path(source);
  if (path.is_absolute()) {
    const fs::path cwd = fs::current_path(ec);
    if (!ec) {
      const fs::path relative = path.lexically_relative(cwd);
      if (!relative.empty() && !absl::StartsWith(relative.string(), "..")) {
        return EncodePath(relative.lexically_normal().string());
      }
    }
    return "file://" + EncodePath(path.lexically_normal().string());
  }
  return EncodePath(path.lexically_normal().string());
}

const char* Level(v1::Severity severity) {
  return severity == v1::SEVERITY_WARNING ? "warning" : "error";
}

class SarifWriter final : public ResultWriter {
 public:
  explicit SarifWriter(std::ostream& out) : out_(out) {
    for (const ViolationCodeInfo& info : ViolationCodes()) {
      rule_index_[info.code] = rules_.size();
      rules_.push_back(Rule(ShortCodeName(info.code), info.short_description,
                            Level(info.default_severity)));
    }
    rules_.push_back(Rule(kNotJudged,
                          "The file could not be judged: unreadable, without "
                          "a scorecard, or without a rule set.",
                          "error"));
    not_judged_index_ = rules_.size() - 1;
  }

  void Write(const ReportItem& item) override {
    for (const v1::Violation& v : item.result->violations()) {
      results_.push_back(Result(
          ShortCodeName(v.code()), RuleIndexFor(v.code()), Level(v.severity()),
          absl::StrCat(UnitLabel(item), ": ", v.message()), item.source,
          ViolationLine(item, v)));
    }
  }

  void WriteUnreadable(const std::string& source,
                       const std::string& message) override {
    // The whole file is at fault: its first line is where it starts.
    results_.push_back(
        Result(kNotJudged, not_judged_index_, "error", message, source, 1));
    execution_successful_ = false;
  }

  void Finish(const RunSummary& summary) override;

 private:
  // The index of `code`'s rule; a code this build does not know (from a
  // newer server) gets a rule of its own.
  size_t RuleIndexFor(v1::ViolationCode code) {
    const auto it = rule_index_.find(code);
    if (it != rule_index_.end()) return it->second;
    rule_index_[code] = rules_.size();
    rules_.push_back(Rule(ShortCodeName(code),
                          "A violation this scorecardctl does not describe.",
                          "error"));
    return rules_.size() - 1;
  }

  static std::string Rule(absl::string_view id, absl::string_view description,
                          absl::string_view level) {
    return absl::StrCat(
        "{\"id\":", rules::JsonQuote(id),
        ",\"name\":", rules::JsonQuote(PascalCase(id)),
        ",\"shortDescription\":{\"text\":", rules::JsonQuote(description),
        "},\"helpUri\":",
        rules::JsonQuote(absl::StrCat(kDocsUrl, "/violation-codes.md#codes")),
        ",\"defaultConfiguration\":{\"level\":", rules::JsonQuote(level), "}}");
  }

  static std::string Result(absl::string_view rule_id, size_t rule_index,
                            absl::string_view level, absl::string_view message,
                            const std::string& source, int line) {
    std::string out = absl::StrCat(
        "{\"ruleId\":", rules::JsonQuote(rule_id),
        ",\"ruleIndex\":", rule_index, ",\"level\":", rules::JsonQuote(level),
        ",\"message\":{\"text\":", rules::JsonQuote(message), "}");
    // Standard input has no artifact to point at.
    if (source != "-") {
      absl::StrAppend(&out,
                      ",\"locations\":[{\"physicalLocation\":{"
                      "\"artifactLocation\":{\"uri\":",
                      rules::JsonQuote(ArtifactUri(source)), "}");
      if (line > 0) {
        absl::StrAppend(&out, ",\"region\":{\"startLine\":", line, "}");
      }
      absl::StrAppend(&out, "}}]");
    }
    return out + "}";
  }

  std::ostream& out_;
  std::vector<std::string> rules_;
  absl::flat_hash_map<int, size_t> rule_index_;
  std::vector<std::string> results_;
  size_t not_judged_index_ = 0;
  bool execution_successful_ = true;
};

void SarifWriter::Finish(const RunSummary& summary) {
  out_ << "{\n  \"$schema\": "
          "\"https://json.schemastore.org/sarif-2.1.0.json\",\n"
       << "  \"version\": \"2.1.0\",\n  \"runs\": [{\n"
       << "    \"tool\": {\"driver\": {\"name\": \"scorecardctl\", "
       << "\"version\": " << rules::JsonQuote(release::Version())
       << ", \"semanticVersion\": " << rules::JsonQuote(release::Version())
       << ", \"informationUri\": "
       << rules::JsonQuote(absl::StrCat(kDocsUrl, "/ci.md"))
       << ",\n      \"rules\": [\n";
  for (size_t i = 0; i < rules_.size(); ++i) {
    out_ << "        " << rules_[i] << (i + 1 < rules_.size() ? ",\n" : "\n");
  }
  out_ << "      ]}},\n    \"invocations\": [{\"executionSuccessful\": "
       << (execution_successful_ ? "true" : "false") << "}],\n"
       << "    \"results\": [\n";
  for (size_t i = 0; i < results_.size(); ++i) {
    out_ << "      " << results_[i] << (i + 1 < results_.size() ? ",\n" : "\n");
  }
  out_ << "    ]\n  }]\n}\n";
}

}  // namespace

std::unique_ptr<ResultWriter> NewSarifWriter(const WriterOptions& options,
                                             std::ostream& out) {
  return std::make_unique<SarifWriter>(out);
}

}  // namespace scorecard::client
