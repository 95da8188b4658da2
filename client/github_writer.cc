// The github format: GitHub Actions workflow commands, which the runner turns
// into annotations on the pull request's files.
//
//   ::error file=subs/a.txt,line=28,title=TOTAL_MISMATCH::สำนักงาน...
//   (secretariat): The declared total ...
//   ::warning file=subs/a.txt,line=9,title=TITLE_MISMATCH::...
//   ::notice title=scorecardctl::6 scorecards: 5 valid, 1 invalid
//
// Escaping follows the runner's rules (actions/toolkit, command.ts): in the
// message '%', CR and LF become %25, %0D and %0A; in properties ',' and ':'
// become %2C and %3A as well. A scorecard from JSON has no line: `line` is
// left out, and so is `file` for standard input.

#include <string>

#include "absl/strings/str_cat.h"
#include "client/result_writer.h"

namespace scorecard::client {
namespace {

namespace v1 = ::scorecard::v1;

std::string EscapeData(absl::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string EscapeProperty(absl::string_view text) {
  std::string out;
  for (char c : EscapeData(text)) {
    switch (c) {
      case ':':
        out += "%3A";
        break;
      case ',':
        out += "%2C";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// "file=F,line=N,title=T", leaving out what is not known.
std::string Properties(absl::string_view file, int line,
                       absl::string_view title) {
  std::string out;
  const auto add = [&](absl::string_view key, absl::string_view value) {
    if (!out.empty()) out += ",";
    absl::StrAppend(&out, key, "=", EscapeProperty(value));
  };
  if (!file.empty() && file != "-") add("file", file);
  if (line > 0) add("line", absl::StrCat(line));
  if (!title.empty()) add("title", title);
  return out;
}

class GithubWriter final : public ResultWriter {
 public:
  explicit GithubWriter(std::ostream& out) : out_(out) {}

  void Write(const ReportItem& item) override {
    for (const v1::Violation& v : item.result->violations()) {
      const char* command =
          v.severity() == v1::SEVERITY_WARNING ? "warning" : "error";
      out_ << "::" << command << " "
           << Properties(item.source, ViolationLine(item, v),
                         ShortCodeName(v.code()))
           << "::"
           << EscapeData(absl::StrCat(UnitLabel(item), ": ", v.message()))
           << "\n";
    }
  }

  void WriteUnreadable(const std::string& source,
                       const std::string& message) override {
    out_ << "::error " << Properties(source, 0, "NOT_JUDGED")
         << "::" << EscapeData(message) << "\n";
  }

  void Finish(const RunSummary& s) override {
    std::string text = absl::StrCat(s.scorecards, " scorecards: ", s.valid,
                                    " valid, ", s.invalid, " invalid");
    if (s.warnings > 0) absl::StrAppend(&text, "; ", s.warnings, " warnings");
    if (s.unreadable > 0) {
      absl::StrAppend(&text, "; ", s.unreadable, " files not judged");
    }
    out_ << "::notice " << Properties("", 0, "scorecardctl")
         << "::" << EscapeData(text) << "\n";
  }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<ResultWriter> NewGithubWriter(const WriterOptions& options,
                                              std::ostream& out) {
  return std::make_unique<GithubWriter>(out);
}

}  // namespace scorecard::client
