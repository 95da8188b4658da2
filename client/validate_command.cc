// `validate` and `report`: the two commands that judge documents. Both read
// their flags into a ValidationRequest and a writer, and run the one result
// stream (validation_run.h).

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "client/commands.h"
#include "client/result_writer.h"
#include "client/validation_run.h"
#include "rules/decimal.h"

namespace scorecard::client {
namespace {

// The flags both commands share. INVALID_ARGUMENT for --server and --tls-*
// flags that do not go together.
absl::StatusOr<ValidationRequest> ReadRequest(const CommandLine& line,
                                              const CommandContext& context,
                                              rules::Locale locale) {
  ValidationRequest request;
  request.inputs = line.positional();
  request.rules_path = context.RulesPath(line);
  request.rule_set = line.Value("rule-set").value_or("");
  absl::StatusOr<std::optional<ServerConnection>> server =
      OptionalServerConnection(line);
  if (!server.ok()) return server.status();
  request.server = *std::move(server);
  request.locale = locale;
  return request;
}

rules::Locale LocaleOf(const std::string& lang) {
  return lang == "th" ? rules::Locale::kThai : rules::Locale::kEnglish;
}

// Runs `request` into `writer`; the exit status.
int Run(const ValidationRequest& request, ResultWriter& writer,
        const CommandContext& context) {
  absl::StatusOr<RunSummary> summary =
      RunValidation(request, writer, context.err);
  if (!summary.ok()) {
    context.err << "scorecardctl: " << summary.status().message() << "\n";
    return kExitUsage;
  }
  return summary->exit_status;
}

}  // namespace

int RunValidate(const CommandLine& line, const CommandContext& context) {
  if (line.positional().empty()) {
    return context.UsageError(
        "validate",
        "validate needs at least one FILE (\"-\" reads standard "
        "input)");
  }
  const std::string format = line.Value("format").value_or("text");
  for (const char* text_only : {"quiet"}) {
    if (line.Has(text_only) && format != "text") {
      return context.UsageError(
          "validate",
          absl::StrCat("--", text_only, " applies to --format text"));
    }
  }
  for (const char* csv_only : {"csv-bom", "csv-rows"}) {
    if (line.Has(csv_only) && format != "csv") {
      return context.UsageError(
          "validate", absl::StrCat("--", csv_only, " applies to --format csv"));
    }
  }
  WriterOptions options;
  options.locale = LocaleOf(line.Value("lang").value_or("en"));
  options.fail_on = line.Value("fail-on").value_or("error") == "warning"
                        ? FailOn::kWarning
                        : FailOn::kError;
  options.quiet = line.Has("quiet");
  options.csv_bom = line.Has("csv-bom");
  options.csv_rows = line.Value("csv-rows").value_or("") == "violations"
                         ? CsvRows::kViolations
                         : CsvRows::kScorecards;
  std::unique_ptr<ResultWriter> writer;
  std::ostream& out = context.out;
  if (format == "json") {
    writer = NewJsonLinesWriter(options, out);
  } else if (format == "github") {
    writer = NewGithubWriter(options, out);
  } else if (format == "junit") {
    writer = NewJunitWriter(options, out);
  } else if (format == "sarif") {
    writer = NewSarifWriter(options, out);
  } else if (format == "tap") {
    writer = NewTapWriter(options, out);
  } else if (format == "csv") {
    writer = NewCsvWriter(options, out);
  } else {
    writer = NewTextWriter(options, out);
  }
  absl::StatusOr<ValidationRequest> request =
      ReadRequest(line, context, options.locale);
  if (!request.ok()) {
    return context.UsageError("validate", request.status().message());
  }
  request->fail_on = options.fail_on;
  return Run(*request, *writer, context);
}

int RunReport(const CommandLine& line, const CommandContext& context) {
  if (line.positional().empty()) {
    return context.UsageError(
        "report",
        "report needs at least one FILE (\"-\" reads standard "
        "input)");
  }
  const std::string format = line.Value("format").value_or("markdown");
  if (line.Has("csv-bom") && format != "csv") {
    return context.UsageError("report", "--csv-bom applies to --format csv");
  }
  WriterOptions options;
  options.locale = LocaleOf(line.Value("lang").value_or("th"));
  options.csv_bom = line.Has("csv-bom");
  options.target = line.Value("target").value_or("3");
  if (!rules::Decimal::Parse(options.target).ok()) {
    return context.UsageError(
        "report", absl::StrCat("--target must be a decimal number, not \"",
                               options.target, "\""));
  }
  // The report is written to a buffer, then to --output or stdout, so that a
  // run that fails to start leaves no half-written file.
  std::ostringstream buffer;
  std::unique_ptr<ResultWriter> writer;
  if (format == "csv") {
    writer = NewCsvReportWriter(options, buffer);
  } else if (format == "html") {
    writer = NewHtmlReportWriter(options, buffer);
  } else {
    writer = NewMarkdownReportWriter(options, buffer);
  }
  absl::StatusOr<ValidationRequest> request =
      ReadRequest(line, context, options.locale);
  if (!request.ok()) {
    return context.UsageError("report", request.status().message());
  }
  const int status = Run(*request, *writer, context);
  if (status == kExitUsage && buffer.str().empty()) return status;
  if (std::optional<std::string> path = line.Value("output")) {
    std::ofstream file(*path, std::ios::binary | std::ios::trunc);
    file << buffer.str();
    file.close();
    if (!file) {
      context.err << "scorecardctl: cannot write the report to " << *path
                  << "\n";
      return kExitUsage;
    }
  } else {
    context.out << buffer.str();
  }
  return status;
}

}  // namespace scorecard::client
