// scorecard-loadgen: applies load to a ScorecardService, or runs the side-by-
// side RPC suite against servers it starts itself.
//
//   scorecard-loadgen --suite                       # docs/performance.md
//   scorecard-loadgen --target=127.0.0.1:50051 --channels=4 --in_flight=8
//   scorecard-loadgen --target=127.0.0.1:50051 --rpc=stream --streams=4
//   scorecard-loadgen --target=127.0.0.1:50051 --rate=5000   # open loop
//   scorecard-loadgen --target=127.0.0.1:50051 --rpc=batch --batch_size=100
//   scorecard-loadgen --target=127.0.0.1:50051 --rpc=document
//
// Every call carries one scorecard of a published document (by default the
// first of tests/data/led-fy2563-scores.txt, judged by led-fy2563); a batch
// carries --batch_size copies of it, and --rpc=document sends the whole
// document. Prints calls (and scorecards) per second and the latency
// percentiles; exits 1 when any call failed.

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "rules/document_reader.h"
#include "tests/benchmarks/bench_data.h"
#include "tests/benchmarks/load_generator.h"
#include "tests/benchmarks/rpc_suite.h"

ABSL_FLAG(bool, suite, false,
          "Start the servers on loopback ports and run the side-by-side RPC "
          "suite; --target is not used.");
ABSL_FLAG(std::string, target, "", "The server to load, host:port.");
ABSL_FLAG(std::string, rpc, "unary",
          "unary (ValidateScorecard), stream (ValidateScorecards), batch "
          "(BatchValidateScorecards) or document (ValidateDocument).");
ABSL_FLAG(int, batch_size, 100,
          "--rpc=batch: scorecards per call (copies of the one chosen).");
ABSL_FLAG(int, channels, 4, "Connections.");
ABSL_FLAG(int, in_flight, 8, "Unary: calls in flight per connection.");
ABSL_FLAG(int, streams, 1, "Stream: streams, spread over the connections.");
ABSL_FLAG(int, window, 32, "Stream: requests in flight per stream.");
ABSL_FLAG(double, rate, 0,
          "Open loop: calls (or scorecards) per second offered in all; 0 for "
          "closed loop.");
ABSL_FLAG(int, threads, 1, "Client threads.");
ABSL_FLAG(absl::Duration, warmup, absl::Milliseconds(500),
          "Load applied before measuring (per case with --suite).");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(3),
          "Load measured (per case with --suite).");
ABSL_FLAG(std::string, document, "",
          "The document whose scorecard the calls carry. Default: "
          "tests/data/led-fy2563-scores.txt in the source tree.");
ABSL_FLAG(int, scorecard_index, 0, "Which scorecard of the document, from 0.");
ABSL_FLAG(std::string, rule_set, "led-fy2563",
          "The rule set the scorecard names.");
ABSL_FLAG(std::string, locale, "", "The locale requests ask for.");
ABSL_FLAG(std::string, source_dir, "",
          "The source tree. Default: $SCORECARD_SOURCE_DIR, else the tree the "
          "program was built from.");
ABSL_FLAG(int, repetitions, 3,
          "--suite: runs of each case, the cases in turn; the median is "
          "reported.");
ABSL_FLAG(double, open_loop_load, 0.5,
          "--suite: the open-loop rate, as a fraction of scorecardd's "
          "closed-loop calls/s.");
ABSL_FLAG(bool, reload, true, "--suite: measure a reload under load.");
ABSL_FLAG(int, reload_units, 5000,
          "--suite: units in the rule set reloaded under load.");
ABSL_FLAG(bool, reload_json, false,
          "--suite: write the reloaded rule set in JSON rather than YAML.");
ABSL_FLAG(int, reload_nice, -1,
          "Suite: the server's --reload_nice in the reload case; -1 keeps "
          "scorecardd's default.");
ABSL_FLAG(absl::Duration, reload_phase, absl::Seconds(5),
          "--suite: how long the reload case measures before and during the "
          "reloads.");

namespace {

using ::scorecard::bench::LoadOptions;
using ::scorecard::bench::LoadResult;
using ::scorecard::bench::LoadRpc;

int RunSuite(const std::string& source_dir) {
  scorecard::bench::SuiteOptions options;
  options.source_dir = source_dir;
  options.warmup = absl::GetFlag(FLAGS_warmup);
  options.duration = absl::GetFlag(FLAGS_duration);
  options.client_threads = absl::GetFlag(FLAGS_threads);
  options.channels = absl::GetFlag(FLAGS_channels);
  options.in_flight = absl::GetFlag(FLAGS_in_flight);
  options.window = absl::GetFlag(FLAGS_window);
  options.repetitions = absl::GetFlag(FLAGS_repetitions);
  options.open_loop_load = absl::GetFlag(FLAGS_open_loop_load);
  options.reload = absl::GetFlag(FLAGS_reload);
  options.reload_units = absl::GetFlag(FLAGS_reload_units);
  options.reload_json = absl::GetFlag(FLAGS_reload_json);
  options.reload_phase = absl::GetFlag(FLAGS_reload_phase);
  options.reload_nice = absl::GetFlag(FLAGS_reload_nice);
  const absl::Status status = scorecard::bench::RunSuite(options, std::cout);
  if (!status.ok()) {
    std::cerr << "scorecard-loadgen: " << status << "\n";
    return 1;
  }
  return 0;
}

int RunTarget(const std::string& source_dir) {
  LoadOptions options;
  options.target = absl::GetFlag(FLAGS_target);
  if (options.target.empty()) {
    std::cerr << "scorecard-loadgen: give --target=host:port, or --suite\n";
    return 2;
  }
  const std::string rpc = absl::GetFlag(FLAGS_rpc);
  if (rpc == "unary") {
    options.rpc = LoadRpc::kUnary;
  } else if (rpc == "stream") {
    options.rpc = LoadRpc::kStream;
  } else if (rpc == "batch") {
    options.rpc = LoadRpc::kBatch;
  } else if (rpc == "document") {
    options.rpc = LoadRpc::kDocument;
  } else {
    std::cerr << "scorecard-loadgen: --rpc is unary, stream, batch or "
                 "document, not "
              << rpc << "\n";
    return 2;
  }
  options.channels = absl::GetFlag(FLAGS_channels);
  options.in_flight = absl::GetFlag(FLAGS_in_flight);
  options.streams = absl::GetFlag(FLAGS_streams);
  options.window = absl::GetFlag(FLAGS_window);
  options.rate = absl::GetFlag(FLAGS_rate);
  options.threads = absl::GetFlag(FLAGS_threads);
  options.warmup = absl::GetFlag(FLAGS_warmup);
  options.duration = absl::GetFlag(FLAGS_duration);
  options.locale = absl::GetFlag(FLAGS_locale);
  options.batch_size = absl::GetFlag(FLAGS_batch_size);

  std::string document_path = absl::GetFlag(FLAGS_document);
  if (document_path.empty()) {
    document_path = source_dir + "/tests/data/led-fy2563-scores.txt";
  }
  absl::StatusOr<scorecard::rules::ScorecardDocument> document =
      scorecard::rules::ReadScorecardFile(document_path);
  if (!document.ok()) {
    std::cerr << "scorecard-loadgen: " << document.status() << "\n";
    return 2;
  }
  const int index = absl::GetFlag(FLAGS_scorecard_index);
  if (index < 0 || index >= static_cast<int>(document->scorecards.size())) {
    std::cerr << "scorecard-loadgen: --scorecard_index " << index
              << " is not in 0.." << document->scorecards.size() - 1 << "\n";
    return 2;
  }
  scorecard::v1::Scorecard scorecard = document->scorecards[index].scorecard;
  scorecard.set_rule_set(absl::GetFlag(FLAGS_rule_set));
  if (options.rpc == LoadRpc::kDocument) {
    absl::StatusOr<std::string> bytes =
        scorecard::rules::ReadDocumentBytes(document_path);
    if (!bytes.ok()) {
      std::cerr << "scorecard-loadgen: " << bytes.status() << "\n";
      return 2;
    }
    options.document = *std::move(bytes);
    options.document_scorecards =
        static_cast<int>(document->scorecards.size());
  }

  absl::StatusOr<LoadResult> result =
      scorecard::bench::RunLoad(options, scorecard);
  if (!result.ok()) {
    std::cerr << "scorecard-loadgen: " << result.status() << "\n";
    return 1;
  }
  const auto us = [](absl::Duration d) {
    return absl::ToDoubleMicroseconds(d);
  };
  std::cout << absl::StrFormat(
      "%s, %s loop%s: %.0f %s/s (%.0f scorecards/s) over %s\n"
      "latency µs: p50 %.0f  p90 %.0f  p99 %.0f  p99.9 %.0f  max %.0f  "
      "(mean %.0f, %d samples)\n"
      "client CPU: %.1f µs per call; errors: %d\n",
      rpc, options.rate > 0 ? "open" : "closed",
      options.rate > 0 ? absl::StrFormat(" at %.0f/s", options.rate) : "",
      result->calls_per_second(),
      options.rpc == LoadRpc::kStream ? "scorecards" : "calls",
      result->scorecards_per_second(), absl::FormatDuration(result->window), us(result->latency.Percentile(50)),
      us(result->latency.Percentile(90)), us(result->latency.Percentile(99)),
      us(result->latency.Percentile(99.9)), us(result->latency.max()),
      us(result->latency.mean()), result->latency.count(),
      result->cpu_us_per_call(), result->errors);
  if (options.rate > 0 && result->max_backlog > 0) {
    std::cout << "open loop: up to " << result->max_backlog
              << " calls waited in the client for a free slot\n";
  }
  if (!result->first_error.empty()) {
    std::cout << "first error: " << result->first_error << "\n";
  }
  return result->errors > 0 ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Applies load to a ScorecardService (--target) or runs the RPC suite "
      "(--suite).");
  const std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  if (positional.size() > 1) {
    std::cerr << "scorecard-loadgen: unexpected argument " << positional[1]
              << "\n";
    return 2;
  }
  std::string source_dir = absl::GetFlag(FLAGS_source_dir);
  if (source_dir.empty()) source_dir = scorecard::bench::BenchSourceDir();
  return absl::GetFlag(FLAGS_suite) ? RunSuite(source_dir)
                                    : RunTarget(source_dir);
}
