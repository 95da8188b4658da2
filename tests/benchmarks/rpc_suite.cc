#include "tests/benchmarks/rpc_suite.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "grpcpp/grpcpp.h"
#include "rules/document_reader.h"
#include "rules/rule_set_loader.h"
#include "rules/status_macros.h"
#include "service/json_log.h"
#include "service/rule_store.h"
#include "service/rules_releaser.h"
#include "service/scorecard_handler.h"
#include "service/server.h"
#include "tests/benchmarks/async_scorecard_server.h"
#include "tests/benchmarks/bench_data.h"
#include "tests/testing/temp_dir.h"
#include "tests/benchmarks/load_generator.h"
#include "tests/benchmarks/null_service.h"
#include "tests/benchmarks/pooled_message_allocator.h"
#include "tests/benchmarks/typed_callback_service.h"

namespace scorecard::bench {
namespace {

namespace v1 = ::scorecard::v1;

// BatchValidateScorecards: scorecards per call, the server's default limit.
constexpr int kBatchSize = 100;

// A gRPC server built with ServerBuilder around one service.
struct PlainServer {
  std::unique_ptr<grpc::Server> server;
  std::string address;
};

absl::StatusOr<PlainServer> StartPlainServer(grpc::Service* service) {
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                           &port);
  builder.RegisterService(service);
  PlainServer plain;
  plain.server = builder.BuildAndStart();
  if (plain.server == nullptr || port == 0) {
    return absl::UnavailableError("cannot start a server on 127.0.0.1");
  }
  plain.address = absl::StrCat("127.0.0.1:", port);
  return plain;
}

// scorecardd's server on loopback, judging by the rules at `rules_path`;
// with `metrics`, serving Prometheus metrics as --metrics_listen does;
// reloading at nice `reload_nice`.
absl::StatusOr<std::unique_ptr<service::Server>> StartScorecardd(
    const std::string& rules_path, bool metrics = false,
    int reload_nice = service::ServerOptions().reload_nice) {
  service::ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  options.reload_nice = reload_nice;
  options.rules_path = rules_path;
  options.drain_time = absl::Seconds(1);
  if (metrics) options.observability.metrics_listen = "127.0.0.1:0";
  return service::Server::Create(std::move(options));
}

double Ratio(double a, double b) { return b > 0 ? a / b : 0; }

// The serialized size of a ValidateScorecardRequest carrying `scorecard`.
int RequestBytes(const v1::Scorecard& scorecard) {
  v1::ValidateScorecardRequest request;
  *request.mutable_scorecard() = scorecard;
  return static_cast<int>(request.ByteSizeLong());
}

// One row of the table.
struct Row {
  std::string name;
  LoadResult result;
  // (max - min) / median calls/s over the repetitions; negative if one run.
  double spread = -1;
};

// One case of the suite and its runs.
struct Case {
  std::string name;
  LoadOptions load;
  std::string target;
  std::vector<LoadResult> runs = {};
};

// Runs every case `repetitions` times, the cases in turn, so that a change
// in the machine's load spreads over all of them.
absl::Status RunCases(std::vector<Case>& cases, int repetitions,
                      const v1::Scorecard& scorecard) {
  for (int r = 0; r < repetitions; ++r) {
    for (Case& c : cases) {
      LoadOptions load = c.load;
      load.target = c.target;
      absl::StatusOr<LoadResult> result = RunLoad(load, scorecard);
      if (!result.ok()) {
        return absl::Status(
            result.status().code(),
            absl::StrCat(c.name, ": ", result.status().message()));
      }
      c.runs.push_back(*std::move(result));
    }
  }
  return absl::OkStatus();
}

// The case's median run, by calls/s or by p99 latency.
Row MedianRow(const Case& c, bool by_p99) {
  std::vector<const LoadResult*> runs;
  for (const LoadResult& r : c.runs) runs.push_back(&r);
  std::sort(runs.begin(), runs.end(),
            [by_p99](const LoadResult* a, const LoadResult* b) {
              return by_p99
                         ? a->latency.Percentile(99) < b->latency.Percentile(99)
                         : a->calls_per_second() < b->calls_per_second();
            });
  Row row{c.name, *runs[runs.size() / 2]};
  if (runs.size() > 1) {
    double low = runs[0]->calls_per_second(), high = low;
    for (const LoadResult* r : runs) {
      low = std::min(low, r->calls_per_second());
      high = std::max(high, r->calls_per_second());
    }
    row.spread = Ratio(high - low, row.result.calls_per_second());
  }
  return row;
}

std::string Micros(absl::Duration d) {
  return absl::StrFormat("%.0f", absl::ToDoubleMicroseconds(d));
}

void PrintHeader(std::ostream& out) {
  out << absl::StrFormat("%-44s %8s %6s %7s %7s %7s %8s %8s %6s %6s\n", "case",
                         "calls/s", "spread", "p50 µs", "p90 µs", "p99 µs",
                         "p99.9 µs", "max µs", "CPU µs", "errors");
}

void PrintRow(std::ostream& out, const Row& row) {
  const LoadResult& r = row.result;
  out << absl::StrFormat(
      "%-44s %8.0f %6s %7s %7s %7s %8s %8s %6.1f %6d\n", row.name,
      r.calls_per_second(),
      row.spread < 0 ? "" : absl::StrFormat("%.0f%%", row.spread * 100),
      Micros(r.latency.Percentile(50)), Micros(r.latency.Percentile(90)),
      Micros(r.latency.Percentile(99)), Micros(r.latency.Percentile(99.9)),
      Micros(r.latency.max()), r.cpu_us_per_call(), r.errors);
  if (!r.first_error.empty())
    out << "    first error: " << r.first_error << "\n";
  out.flush();
}

double P99(const LoadResult& r) {
  return absl::ToDoubleMicroseconds(r.latency.Percentile(99));
}

std::string Verdict(bool met) { return met ? "met" : "MISSED"; }

// Metrics on against off: ValidateScorecard on two scorecardd servers, one
// with --metrics_listen, measured in `rounds` back-to-back pairs (off, then
// on), so that each pair sees nearly the same machine; prints each pair's
// calls/s ratio and their median, which is the figure judged.
absl::StatusOr<double> CompareMetricsOnOff(const LoadOptions& unary,
                                           const std::string& off,
                                           const std::string& on, int rounds,
                                           const v1::Scorecard& scorecard,
                                           std::ostream& out) {
  std::vector<double> ratios;
  std::vector<double> cpu_ratios;
  for (int round = 0; round < rounds; ++round) {
    LoadOptions load = unary;
    load.target = off;
    SCORECARD_ASSIGN_OR_RETURN(LoadResult without, RunLoad(load, scorecard));
    load.target = on;
    SCORECARD_ASSIGN_OR_RETURN(LoadResult with, RunLoad(load, scorecard));
    if (without.errors + with.errors > 0) {
      return absl::InternalError("calls failed in the metrics comparison");
    }
    ratios.push_back(Ratio(with.calls_per_second(), without.calls_per_second()));
    cpu_ratios.push_back(Ratio(with.cpu_us_per_call(), without.cpu_us_per_call()));
  }
  std::string listed;
  for (double ratio : ratios) absl::StrAppend(&listed, absl::StrFormat(" %.3f", ratio));
  std::sort(ratios.begin(), ratios.end());
  std::sort(cpu_ratios.begin(), cpu_ratios.end());
  const double median = ratios[ratios.size() / 2];
  out << absl::StrFormat(
      "\nMetrics on / off, ValidateScorecard closed loop, %d back-to-back "
      "pairs (off, then on):\n  calls/s ratio of each pair:%s\n"
      "  median %.3f (goal >= 0.97: %s); median CPU-per-call ratio %.3f\n",
      rounds, listed, median, Verdict(median >= 0.97),
      cpu_ratios[cpu_ratios.size() / 2]);
  return median;
}

// Reload under load; see rpc_suite.h.
absl::Status RunReloadUnderLoad(const SuiteOptions& options,
                                const v1::Scorecard& scorecard, double rate,
                                LoadOptions load, std::ostream& out) {
  const auto temp = std::make_unique<::scorecard::testing::TempDir>("scorecard-reload-");
  // The bundled rule set (which the scorecard names) and a large one.
  const std::string bundled =
      absl::StrCat(options.source_dir, "/rules/bundled/led-fy2563.yaml");
  std::filesystem::copy_file(bundled, temp->path() + "/led-fy2563.yaml");
  {
    const absl::Status written = WriteRuleSetFile(
        SyntheticRuleSet("synthetic-reload", options.reload_units, 20),
        options.reload_json ? rules::RuleFileFormat::kJson
                            : rules::RuleFileFormat::kYaml,
        temp->path() +
            (options.reload_json ? "/synthetic.json" : "/synthetic.yaml"));
    if (!written.ok()) return written;
  }
  ReleaseFreeHeap();
  const int64_t resident_before = ResidentBytes();
  const int reload_nice = options.reload_nice >= 0
                              ? options.reload_nice
                              : service::ServerOptions().reload_nice;
  const absl::Time load_start = absl::Now();
  SCORECARD_ASSIGN_OR_RETURN(
      auto server,
      StartScorecardd(temp->path(), /*metrics=*/false, reload_nice));
  const absl::Duration first_load = absl::Now() - load_start;
  ReleaseFreeHeap();
  const int64_t resident_after = ResidentBytes();

  load.target = server->address();
  load.rate = rate;
  load.duration = options.reload_phase;
  SCORECARD_ASSIGN_OR_RETURN(auto before, RunLoad(load, scorecard));

  // Reloads back to back for one phase on `server`, whose store lowers its
  // loading thread to the server's --reload_nice.
  struct Phase {
    LoadResult load;
    int reloads = 0;
    int refused = 0;
    absl::Duration reload_time;
  };
  const auto reload_phase = [&]() -> absl::StatusOr<Phase> {
    Phase phase;
    std::atomic<bool> stop{false};
    std::thread reloader([&] {
      while (!stop.load()) {
        const absl::Time t = absl::Now();
        const absl::Status status = server->rule_store().Reload();
        phase.reload_time += absl::Now() - t;
        ++phase.reloads;
        if (!status.ok()) ++phase.refused;
      }
    });
    absl::StatusOr<LoadResult> load_result = RunLoad(load, scorecard);
    stop.store(true);
    reloader.join();
    if (!load_result.ok()) return load_result.status();
    phase.load = *std::move(load_result);
    return phase;
  };
  SCORECARD_ASSIGN_OR_RETURN(auto during, reload_phase());
  service::WaitForBackgroundReleases();
  // The contrast: the same case on a server whose reloads run at the
  // requests' priority (--reload_nice=0), started after the first one
  // stopped.
  server.reset();
  SCORECARD_ASSIGN_OR_RETURN(
      server, StartScorecardd(temp->path(), /*metrics=*/false,
                              /*reload_nice=*/0));
  load.target = server->address();
  SCORECARD_ASSIGN_OR_RETURN(auto during_nice0, reload_phase());
  service::WaitForBackgroundReleases();

  out << absl::StrFormat(
      "\nReload under load: scorecardd with a %d-unit rule set in %s (%.1f "
      "MiB resident after its first load, which took %.0f ms), open loop at "
      "%.0f calls/s, %s per phase, --reload_nice=%d\n",
      options.reload_units, options.reload_json ? "JSON" : "YAML",
      static_cast<double>(resident_after - resident_before) / (1 << 20),
      absl::ToDoubleMilliseconds(first_load), rate,
      absl::FormatDuration(options.reload_phase), reload_nice);
  PrintHeader(out);
  PrintRow(out, {"before: no reload", before});
  const auto describe = [](const char* what, const Phase& phase) {
    return absl::StrFormat(
        "%s x%d, %.0f ms each", what, phase.reloads,
        phase.reloads > 0
            ? absl::ToDoubleMilliseconds(phase.reload_time) / phase.reloads
            : 0.0);
  };
  PrintRow(out,
           {describe(absl::StrCat("reloading at nice ", reload_nice)
                         .c_str(),
                     during),
            during.load});
  PrintRow(out, {describe("reloading, server at --reload_nice=0",
                          during_nice0),
                 during_nice0.load});
  const double p99_ratio = Ratio(P99(during.load), P99(before));
  out << absl::StrFormat(
      "p99 during (--reload_nice=%d) / before = %.3f   (goal < 2: %s)\n"
      "p99 during (--reload_nice=0) / before = %.2f\n",
      reload_nice, p99_ratio, Verdict(p99_ratio < 2),
      Ratio(P99(during_nice0.load), P99(before)));
  const int refused = during.refused + during_nice0.refused;
  if (before.errors + during.load.errors + during_nice0.load.errors > 0 ||
      refused > 0) {
    return absl::InternalError(
        "calls or reloads failed during the reload case");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status RunSuite(const SuiteOptions& options, std::ostream& out) {
  if (options.repetitions <= 0) {
    return absl::InvalidArgumentError("repetitions must be positive");
  }
  // scorecardd logs JSON lines for every load; the table is the output here.
  service::SetLogSinkForTesting([](absl::string_view) {});

  SCORECARD_ASSIGN_OR_RETURN(auto seed, LoadSeedData(options.source_dir));
  const v1::Scorecard& scorecard = seed.scorecards[0];
  SCORECARD_ASSIGN_OR_RETURN(
      std::string seed_document,
      rules::ReadDocumentBytes(absl::StrCat(
          options.source_dir, "/tests/data/led-fy2563-scores.txt")));
  const std::string rules_path =
      absl::StrCat(options.source_dir, "/rules/bundled");

  // The servers, started one after another (see server.h).
  NullCallbackService null_service;
  SCORECARD_ASSIGN_OR_RETURN(auto null_callback,
                             StartPlainServer(&null_service));
  AsyncServerOptions null_async_options;
  SCORECARD_ASSIGN_OR_RETURN(auto null_async,
                             AsyncScorecardServer::Start(null_async_options));
  SCORECARD_ASSIGN_OR_RETURN(auto scorecardd, StartScorecardd(rules_path));
  SCORECARD_ASSIGN_OR_RETURN(auto scorecardd_metrics,
                             StartScorecardd(rules_path, /*metrics=*/true));

  service::RuleStoreOptions store_options;
  store_options.source =
      std::make_unique<service::FolderRuleSource>(rules_path);
  SCORECARD_ASSIGN_OR_RETURN(
      auto store, service::RuleStore::Create(std::move(store_options)));
  const service::ScorecardHandler handler(store.get(),
                                          service::ScorecardHandlerOptions());
  AsyncServerOptions async_options;
  async_options.handler = &handler;
  SCORECARD_ASSIGN_OR_RETURN(auto validate_async,
                             AsyncScorecardServer::Start(async_options));

  TypedCallbackService pooled_service(&handler);
  PooledMessageAllocator<v1::ValidateScorecardRequest,
                         v1::ValidateScorecardResponse>
      allocator{PooledMessageAllocatorOptions{}};
  pooled_service.SetMessageAllocatorFor_ValidateScorecard(&allocator);
  SCORECARD_ASSIGN_OR_RETURN(auto validate_pooled,
                             StartPlainServer(&pooled_service));

  LoadOptions unary;
  unary.rpc = LoadRpc::kUnary;
  unary.channels = options.channels;
  unary.in_flight = options.in_flight;
  unary.threads = options.client_threads;
  unary.warmup = options.warmup;
  unary.duration = options.duration;
  LoadOptions batch = unary;
  batch.rpc = LoadRpc::kBatch;
  batch.batch_size = kBatchSize;
  LoadOptions document = unary;
  document.rpc = LoadRpc::kDocument;
  document.document = seed_document;
  document.document_scorecards = static_cast<int>(seed.scorecards.size());
  const auto stream_load = [&](int streams) {
    LoadOptions load = unary;
    load.rpc = LoadRpc::kStream;
    load.channels = streams;
    load.streams = streams;
    load.window = options.window;
    return load;
  };

  out << absl::StrFormat(
      "Closed loop: unary %d connections x %d calls in flight; streams %d "
      "requests in flight each; %d client thread(s); %s warm-up + %s per "
      "case, every case %d time(s) in turn, the median run shown (by "
      "calls/s; 'spread' is max-min over median). CPU µs is the whole "
      "process's (client and server) per call. Request: %d-entry "
      "scorecard, %d bytes.\n",
      options.channels, options.in_flight, options.window,
      options.client_threads, absl::FormatDuration(options.warmup),
      absl::FormatDuration(options.duration), options.repetitions,
      scorecard.entries_size(), RequestBytes(scorecard));
  enum ClosedCase {
    kNullCallback,
    kNullAsync,
    kValidateCallback,
    kValidateMetrics,
    kValidateAsync,
    kValidatePooled,
    kNullStream1,
    kNullStream4,
    kStream1,
    kStream4,
    kBatch,
    kDocument,
  };
  std::vector<Case> closed = {
      {"null, callback API", unary, null_callback.address},
      {"null, async CQ API", unary, null_async->address()},
      {"ValidateScorecard, callback (scorecardd)", unary,
       scorecardd->address()},
      // Next to the case above, so that the two run back to back.
      {"ValidateScorecard, scorecardd + metrics", unary,
       scorecardd_metrics->address()},
      {"ValidateScorecard, async CQ (harness)", unary,
       validate_async->address()},
      {"ValidateScorecard, callback + pooled msgs", unary,
       validate_pooled.address},
      {"null stream, 1 stream", stream_load(1), null_callback.address},
      {"null stream, 4 streams", stream_load(4), null_callback.address},
      {"ValidateScorecards, 1 stream", stream_load(1), scorecardd->address()},
      {"ValidateScorecards, 4 streams", stream_load(4), scorecardd->address()},
      {absl::StrCat("BatchValidateScorecards, ", kBatchSize, " per call"),
       batch, scorecardd->address()},
      {absl::StrCat("ValidateDocument, the seed (",
                    document.document_scorecards, " per call)"),
       document, scorecardd->address()},
  };
  if (absl::Status status = RunCases(closed, options.repetitions, scorecard);
      !status.ok()) {
    return status;
  }
  std::vector<Row> rows;
  PrintHeader(out);
  for (const Case& c : closed) {
    rows.push_back(MedianRow(c, /*by_p99=*/false));
    PrintRow(out, rows.back());
  }
  if (options.repetitions > 1) {
    out << "calls/s of every run, in the order run:\n";
    for (const Case& c : closed) {
      std::string runs;
      for (const LoadResult& r : c.runs) {
        absl::StrAppend(&runs, absl::StrFormat(" %6.0f", r.calls_per_second()));
      }
      out << absl::StrFormat("  %-42s%s\n", c.name, runs);
    }
  }

  // Scorecards per second: unary against the calls that carry many.
  out << absl::StrFormat(
      "\nScorecards per second on scorecardd (the rows above; bulk calls "
      "with the unary load's %d calls in flight):\n"
      "  %-44s %12s %9s %14s\n",
      options.channels * options.in_flight, "case", "scorecards/s",
      "x unary", "CPU µs/card");
  for (ClosedCase c : {kValidateCallback, kStream4, kBatch, kDocument}) {
    const LoadResult& r = rows[c].result;
    out << absl::StrFormat(
        "  %-44s %12.0f %9.2f %14.1f\n", rows[c].name,
        r.scorecards_per_second(),
        Ratio(r.scorecards_per_second(),
              rows[kValidateCallback].result.scorecards_per_second()),
        r.cpu_us_per_scorecard());
  }

  // Open loop: the same offered rate on the null and the real servers.
  const double rate = options.open_loop_load *
                      rows[kValidateCallback].result.calls_per_second();
  LoadOptions open = unary;
  open.rate = rate;
  std::vector<Case> opened = {
      {"null, callback API", open, null_callback.address},
      {"ValidateScorecard, callback (scorecardd)", open, scorecardd->address()},
      {"ValidateScorecard, async CQ (harness)", open,
       validate_async->address()},
  };
  if (absl::Status status = RunCases(opened, options.repetitions, scorecard);
      !status.ok()) {
    return status;
  }
  out << absl::StrFormat(
      "\nUnary open loop at %.0f calls/s (%.0f%% of scorecardd's closed-loop "
      "calls/s); latency from the intended send time; the run with the "
      "median p99 shown:\n",
      rate, options.open_loop_load * 100);
  PrintHeader(out);
  std::vector<Row> open_rows;
  for (const Case& c : opened) {
    open_rows.push_back(MedianRow(c, /*by_p99=*/true));
    PrintRow(out, open_rows.back());
  }

  const auto calls = [&](ClosedCase c) {
    return rows[c].result.calls_per_second();
  };
  const auto cpu = [&](ClosedCase c) {
    return rows[c].result.cpu_us_per_call();
  };
  const double unary_ratio =
      Ratio(calls(kValidateCallback), calls(kNullCallback));
  const double p99_closed = Ratio(P99(rows[kValidateCallback].result),
                                  P99(rows[kNullCallback].result));
  const double p99_open =
      Ratio(P99(open_rows[1].result), P99(open_rows[0].result));
  const double stream_ratio4 = Ratio(calls(kStream4), calls(kValidateCallback));
  const auto scorecards = [&](ClosedCase c) {
    return rows[c].result.scorecards_per_second();
  };
  const double batch_ratio =
      Ratio(scorecards(kBatch), scorecards(kValidateCallback));
  const double document_ratio =
      Ratio(scorecards(kDocument), scorecards(kValidateCallback));
  const double metrics_ratio =
      Ratio(calls(kValidateMetrics), calls(kValidateCallback));
  out << "\nRatios (same run, same load):\n"
      << absl::StrFormat(
             "  validate / null calls/s, callback           %5.3f (goal >= "
             "0.90: %s)\n",
             unary_ratio, Verdict(unary_ratio >= 0.9))
      << absl::StrFormat(
             "  metrics on / off calls/s, ValidateScorecard %5.3f (median "
             "runs; the paired figure below is the one judged), %5.3f CPU "
             "per call\n",
             metrics_ratio, Ratio(cpu(kValidateMetrics), cpu(kValidateCallback)))
      << absl::StrFormat(
             "  validate / null calls/s, async CQ           %5.2f\n",
             Ratio(calls(kValidateAsync), calls(kNullAsync)))
      << absl::StrFormat(
             "  p99 validate / null, open loop              %5.3f (goal <= "
             "1.2: %s)\n",
             p99_open, Verdict(p99_open <= 1.2))
      << absl::StrFormat(
             "  p99 validate / null, closed loop            %5.2f\n",
             p99_closed)
      << absl::StrFormat(
             "  streaming, 4 streams / unary scorecards/s   %5.3f (goal >= 5: "
             "%s)\n",
             stream_ratio4, Verdict(stream_ratio4 >= 5))
      << absl::StrFormat(
             "  batch (%d per call) / unary scorecards/s   %6.2f (goal >= 5: "
             "%s)\n",
             kBatchSize, batch_ratio, Verdict(batch_ratio >= 5))
      << absl::StrFormat(
             "  document (%d per call) / unary scorecards/s %5.2f (goal >= 5: "
             "%s)\n",
             document.document_scorecards, document_ratio,
             Verdict(document_ratio >= 5))
      << absl::StrFormat(
             "  streaming, 1 stream / unary scorecards/s    %5.2f\n",
             Ratio(calls(kStream1), calls(kValidateCallback)))
      << absl::StrFormat(
             "  validate / null scorecards/s, 4 streams     %5.2f\n",
             Ratio(calls(kStream4), calls(kNullStream4)))
      << absl::StrFormat(
             "  async CQ / callback, ValidateScorecard      %5.2f calls/s, "
             "%5.2f CPU per call\n",
             Ratio(calls(kValidateAsync), calls(kValidateCallback)),
             Ratio(cpu(kValidateAsync), cpu(kValidateCallback)))
      << absl::StrFormat(
             "  callback + pooled msgs / callback           %5.2f calls/s, "
             "%5.2f CPU per call\n",
             Ratio(calls(kValidatePooled), calls(kValidateCallback)),
             Ratio(cpu(kValidatePooled), cpu(kValidateCallback)))
      << absl::StrFormat(
             "  null / validate CPU per call, callback      %5.3f (the calls/s "
             "ratio if CPU-bound; steadier)\n",
             Ratio(cpu(kNullCallback), cpu(kValidateCallback)))
      << absl::StrFormat(
             "  CPU per call: validate - null, callback     %5.1f µs "
             "(%.1f vs %.1f)\n",
             cpu(kValidateCallback) - cpu(kNullCallback),
             cpu(kValidateCallback), cpu(kNullCallback));

  if (absl::Status status =
          CompareMetricsOnOff(unary, scorecardd->address(),
                              scorecardd_metrics->address(),
                              std::max(10, 2 * options.repetitions), scorecard,
                              out)
              .status();
      !status.ok()) {
    return status;
  }

  int64_t errors = 0;
  for (const std::vector<Case>* cases : {&closed, &opened}) {
    for (const Case& c : *cases) {
      for (const LoadResult& r : c.runs) errors += r.errors;
    }
  }

  // The servers of the side-by-side cases stop before the reload case, so
  // it has the machine to itself.
  validate_pooled.server->Shutdown(std::chrono::system_clock::now());
  validate_async->Shutdown();
  scorecardd.reset();
  scorecardd_metrics.reset();
  null_async->Shutdown();
  null_callback.server->Shutdown(std::chrono::system_clock::now());

  if (options.reload) {
    const absl::Status status =
        RunReloadUnderLoad(options, scorecard, rate, unary, out);
    if (!status.ok()) return status;
  }
  if (errors > 0) {
    return absl::InternalError(
        absl::StrCat(errors, " calls failed; see the errors column"));
  }
  return absl::OkStatus();
}

}  // namespace scorecard::bench
