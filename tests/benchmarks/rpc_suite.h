// The RPC benchmark suite: in one process and one run, starts the servers on
// loopback ports and measures them side by side under the same load, so that
// their ratios hold even on a busy machine.
//
//   SuiteOptions options;
//   options.source_dir = BenchSourceDir();
//   absl::Status status = RunSuite(options, std::cout);
//
// Servers (all on 127.0.0.1, port 0):
//   null, callback        NullCallbackService: the framework's limit.
//   null, async CQ        AsyncScorecardServer without a handler.
//   scorecardd            service::Server, as scorecardd runs it (callback
//                         API, health, reflection, rule polling).
//   scorecardd + metrics  the same with --metrics_listen: the call observer
//                         (an interceptor) and the domain counters on.
//   async CQ              AsyncScorecardServer on a ScorecardHandler.
//   callback + pool       TypedCallbackService (gRPC parses the messages) on
//                         a ScorecardHandler, with a PooledMessageAllocator
//                         (a proposal, measured).
//
// Cases: unary closed loop on each server; ValidateScorecards over 1 and 4
// streams (and the null stream, its limit); BatchValidateScorecards (100
// copies of the scorecard per call) and ValidateDocument (the whole seed
// document, six scorecards, per call) on scorecardd, compared with unary
// ValidateScorecard in scorecards per second; unary open loop at one offered
// rate on the null and real servers (latency without coordinated omission);
// and, unless disabled, a reload under load: a scorecardd serving a rule set
// of `reload_units` units plus the bundled one, measured at a fixed offered
// rate before and while its rules are reloaded back to back.
//
// Prints a table, the ratios and the goals (docs/performance.md). Every call
// carries the first scorecard of the published LED FY2563 document.
//
// Thread-safety: run one suite at a time (gRPC's health-check setting is
// process-wide).

#ifndef SCORECARD_TESTS_BENCHMARKS_RPC_SUITE_H_
#define SCORECARD_TESTS_BENCHMARKS_RPC_SUITE_H_

#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace scorecard::bench {

struct SuiteOptions {
  // The source tree (rules/bundled, tests/data). Required.
  std::string source_dir;
  // Per case: not measured, then measured. Defaults 0.5 s and 3 s.
  absl::Duration warmup = absl::Milliseconds(500);
  absl::Duration duration = absl::Seconds(3);
  // How many times each case runs (the cases in turn); the median run is
  // reported. Default 3.
  int repetitions = 3;
  // Client threads. Default 1.
  int client_threads = 1;
  // Unary closed loop: connections and calls in flight on each. Defaults 4
  // and 8 (32 in flight).
  int channels = 4;
  int in_flight = 8;
  // Streams: requests in flight per stream. Default 32.
  int window = 32;
  // Open loop: the offered rate as a fraction of the closed-loop calls/s of
  // ValidateScorecard on scorecardd. Default 0.5.
  double open_loop_load = 0.5;
  // Whether to measure a reload under load, with a rule set of how many
  // units, for how long before and during. Defaults true, 5,000, 5 s.
  bool reload = true;
  int reload_units = 5000;
  // Whether that rule set is written in JSON rather than YAML. Default
  // false.
  bool reload_json = false;
  absl::Duration reload_phase = absl::Seconds(5);
  // The server's --reload_nice for that case; -1 (the default) keeps
  // scorecardd's default.
  int reload_nice = -1;
};

// Runs the suite and prints its report to `out`. Fails when a server does
// not start or a case cannot run; calls that fail are reported in the
// table's errors column, and make the suite fail too.
absl::Status RunSuite(const SuiteOptions& options, std::ostream& out);

}  // namespace scorecard::bench

#endif  // SCORECARD_TESTS_BENCHMARKS_RPC_SUITE_H_
