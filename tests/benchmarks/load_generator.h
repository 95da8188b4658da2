// A gRPC load generator for ScorecardService: many calls in flight over
// several connections for a fixed time, measuring throughput and the latency
// distribution.
//
//   LoadOptions options;
//   options.target = "127.0.0.1:50051";
//   options.channels = 4;
//   options.in_flight = 8;                 // per channel: 32 calls in flight
//   absl::StatusOr<LoadResult> result = RunLoad(options, scorecard);
//   // result->calls_per_second(), result->latency.Percentile(99)
//
// Two ways to apply load:
//
//   closed loop (rate = 0)  each of the in-flight slots sends its next call as
//                           soon as the previous one is answered: finds the
//                           most calls per second the server gives.
//   open loop (rate > 0)    calls are sent on a fixed schedule, rate per
//                           second in all, whatever the server does. Latency
//                           is measured from each call's *intended* send
//                           time, so a stalled server is charged for the
//                           calls it kept waiting (no coordinated omission).
//                           If every slot is busy, calls queue in the client
//                           and their queueing counts as latency.
//
// Four RPCs: unary ValidateScorecard; the ValidateScorecards stream (one
// item is one scorecard: latency is from sending a request to reading its
// response; `window` requests may be in flight per stream); and the bulk
// unary calls, BatchValidateScorecards (`batch_size` copies of the scorecard
// per call) and ValidateDocument (`document` per call). A bulk call counts
// once in `calls` and scorecards_per_call times in scorecards_per_second().
// Every call is built from scratch and its response parsed, as a client
// does.
//
// The client is asynchronous: `threads` threads, each with its own completion
// queue, drive their share of the channels. Every channel is its own TCP
// connection. Calls answered during the warm-up are not counted; the
// measurement window is the `duration` after it. Calls still in flight at the
// end are awaited (up to drain_timeout) so the slowest are counted too.
//
// Thread-safety: RunLoad may run concurrently with itself.

#ifndef SCORECARD_TESTS_BENCHMARKS_LOAD_GENERATOR_H_
#define SCORECARD_TESTS_BENCHMARKS_LOAD_GENERATOR_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "scorecard/v1/scorecard.pb.h"
#include "tests/benchmarks/latency_histogram.h"

namespace scorecard::bench {

// Which RPC the load calls.
enum class LoadRpc {
  kUnary,   // ValidateScorecard.
  kStream,  // ValidateScorecards.
  kBatch,     // BatchValidateScorecards.
  kDocument,  // ValidateDocument.
};

struct LoadOptions {
  // The server, "host:port". Required.
  std::string target;
  LoadRpc rpc = LoadRpc::kUnary;
  // Connections. Default 1.
  int channels = 1;
  // Unary: calls in flight per channel (closed loop), or the most that may be
  // (open loop). Default 1.
  int in_flight = 1;
  // Stream: streams in all, spread over the channels round robin. Default 1.
  int streams = 1;
  // Stream: requests in flight per stream (sent, not yet answered). Default
  // 32.
  int window = 32;
  // Calls (or streamed scorecards) per second offered in all; 0 for closed
  // loop. Default 0.
  double rate = 0;
  // Client threads, each with a completion queue. Default 1.
  int threads = 1;
  // Not measured, at the start. Default 0.5 s.
  absl::Duration warmup = absl::Milliseconds(500);
  // Measured. Default 3 s.
  absl::Duration duration = absl::Seconds(3);
  // How long calls in flight at the end are awaited before being cancelled.
  // Default 5 s.
  absl::Duration drain_timeout = absl::Seconds(5);
  // How long to wait for the connections. Default 5 s.
  absl::Duration connect_timeout = absl::Seconds(5);
  // The locale requests ask for. Default "" (English).
  std::string locale;
  // kBatch: scorecards per call (copies of the scorecard). Default 100.
  int batch_size = 100;
  // kDocument: the document's bytes and the number of scorecards in it.
  std::string document;
  int document_scorecards = 0;
};

struct LoadResult {
  // Calls (scorecards, for streams) answered OK in the measurement window.
  int64_t calls = 0;
  // Calls that failed, whenever they did; first_error describes the first.
  int64_t errors = 0;
  std::string first_error;
  // The measurement window's length.
  absl::Duration window;
  // Latency of the calls intended (open loop) or sent (closed loop) in the
  // window.
  LatencyHistogram latency;
  // Process CPU time (user + system, every thread: the client's and any
  // in-process server's) during the window.
  absl::Duration cpu;
  // Open loop: the most calls waiting in the client for a free slot at once.
  int64_t max_backlog = 0;
  // Scorecards each call judges: 1, batch_size or document_scorecards.
  int scorecards_per_call = 1;

  double calls_per_second() const {
    return calls / absl::ToDoubleSeconds(window);
  }
  double scorecards_per_second() const {
    return calls_per_second() * scorecards_per_call;
  }
  // Process CPU per scorecard, in microseconds.
  double cpu_us_per_scorecard() const {
    return cpu_us_per_call() / scorecards_per_call;
  }
  // Process CPU per call, in microseconds.
  double cpu_us_per_call() const {
    return calls == 0 ? 0 : absl::ToDoubleMicroseconds(cpu) / calls;
  }
};

// Applies the load `options` describes, every call carrying `scorecard`.
// Fails with INVALID_ARGUMENT for bad options and UNAVAILABLE when a channel
// does not connect in time; failed calls are counted, not fatal.
absl::StatusOr<LoadResult> RunLoad(const LoadOptions& options,
                                   const scorecard::v1::Scorecard& scorecard);

// Returns the process's CPU time so far (user + system, all threads).
absl::Duration ProcessCpuTime();

}  // namespace scorecard::bench

#endif  // SCORECARD_TESTS_BENCHMARKS_LOAD_GENERATOR_H_
