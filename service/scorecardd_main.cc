// scorecardd: the scorecard rules service. Parses flags into ServerOptions,
// then Server::Create and Run. docs/service.md describes every flag.

#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "rules/release/install_layout.h"
#include "rules/release/version.h"
#include "service/json_log.h"
#include "service/server.h"
#include "service/signal_thread.h"

ABSL_FLAG(std::string, listen, "[::]:50051",
          "Address to listen on, host:port (\"[::]:50051\" is every "
          "interface, IPv6 and IPv4; \"unix:/path\" a Unix socket). Port 0 "
          "picks a free port; the \"listening\" log line names it.");
ABSL_FLAG(std::string, rules, "",
          "Rule file or folder of rule files. Default: $SCORECARD_RULES if "
          "set, else the bundled rules installed with scorecardd "
          "(<prefix>/share/scorecard/rules, found from the program's own "
          "path).");
ABSL_FLAG(std::string, rule_cache_dir, "",
          "Folder for a cache of parsed rule files, so that an unchanged rule "
          "file is not parsed again at start-up or on reload (created, mode "
          "0700, when missing). Must be protected like the rules: one that "
          "group or others may write is not used. Must not be inside the "
          "rules folder. Empty: no cache.");
ABSL_FLAG(int, max_receive_message_bytes, 4 * 1024 * 1024,
          "Largest request message accepted, in bytes; larger ones fail with "
          "RESOURCE_EXHAUSTED. 4194304 is 4 MiB.");
ABSL_FLAG(int, max_send_message_bytes, 8 * 1024 * 1024,
          "Largest response message sent, in bytes; a call whose response "
          "would be larger fails with RESOURCE_EXHAUSTED. 8388608 is 8 MiB.");
ABSL_FLAG(int, max_entries, 1000,
          "Most entries a scorecard may have (count); more is "
          "INVALID_ARGUMENT.");
ABSL_FLAG(int, max_batch_scorecards, 100,
          "Most scorecards one BatchValidateScorecards call or one "
          "ValidateDocument document may hold (count); more is "
          "INVALID_ARGUMENT.");
ABSL_FLAG(absl::Duration, reload_poll_interval, absl::Seconds(2),
          "How often the rules path is checked for changes (a duration: "
          "\"500ms\", \"2s\", \"1m\"). 0 disables polling; SIGHUP still "
          "reloads.");
ABSL_FLAG(absl::Duration, reload_timeout, absl::Seconds(30),
          "How long one load of the rules may take (a duration), at start-up "
          "too. A reload still loading then is abandoned and refused (the old "
          "rules keep serving; no other load starts until it ends); at "
          "start-up, scorecardd exits with status 1.");
ABSL_FLAG(int, reload_nice, 19,
          "The nice value (0-19) a reload loads the rules at, and frees the "
          "rules it replaced at, so that it yields to the requests being "
          "served. The first load, at start-up, runs at the process's own "
          "priority.");
ABSL_FLAG(absl::Duration, drain_time, absl::Seconds(10),
          "On SIGTERM/SIGINT, how long calls in flight get to finish (a "
          "duration) before they are cancelled.");
ABSL_FLAG(bool, reflection, true,
          "Offer the gRPC server reflection service (for grpcurl, buf curl).");
ABSL_FLAG(int, worker_threads, 0,
          "Thread cap passed to grpc::ResourceQuota::SetMaxThreads (count). "
          "In gRPC 1.51 it bounds only synchronous-API services (here: "
          "reflection, whose calls beyond the cap fail with "
          "RESOURCE_EXHAUSTED); the callback API serving ScorecardService and "
          "health uses gRPC's internal threads, which 1.51 does not let us "
          "size. 0 leaves gRPC's defaults.");

// Security: TLS, the admin service, connection limits (docs/security.md).
ABSL_FLAG(std::string, tls_cert_file, "",
          "Server certificate chain, PEM. With --tls_key_file the listener "
          "serves TLS only (1.2 minimum). Re-read when it changes.");
ABSL_FLAG(std::string, tls_key_file, "",
          "Private key of --tls_cert_file, PEM, unencrypted.");
ABSL_FLAG(std::string, tls_client_ca_file, "",
          "CA bundle, PEM: clients must present a certificate that chains to "
          "it (mutual TLS). Re-read when it changes.");
ABSL_FLAG(absl::Duration, tls_reload_interval, absl::Seconds(10),
          "How often the TLS files are checked for changes (a duration).");
ABSL_FLAG(std::string, admin_token_file, "",
          "File holding the admin bearer token; serves "
          "scorecard.admin.v1.AdminService. Re-read when it changes.");
ABSL_FLAG(std::vector<std::string>, admin_client_identities, {},
          "Comma-separated client certificate identities (DNS or URI SAN, "
          "else CN) allowed to call the admin service; needs "
          "--tls_client_ca_file.");
ABSL_FLAG(int, max_concurrent_streams, 100,
          "Most calls one connection may have open at once (count).");
ABSL_FLAG(absl::Duration, keepalive_min_ping_interval, absl::Minutes(5),
          "Clients pinging more often than this without calls are sent "
          "GOAWAY (a duration).");
ABSL_FLAG(bool, keepalive_permit_without_calls, false,
          "Allow client pings (at the rate above) on connections without "
          "calls.");
ABSL_FLAG(absl::Duration, max_connection_age, absl::Minutes(30),
          "Connections older than this (±10%) are sent GOAWAY so that "
          "clients reconnect (a duration; \"inf\" is off).");
ABSL_FLAG(absl::Duration, max_connection_age_grace, absl::Minutes(1),
          "How long calls on a connection past its age may still run (a "
          "duration).");
ABSL_FLAG(absl::Duration, max_connection_idle, absl::Minutes(15),
          "Connections without a call for this long are sent GOAWAY (a "
          "duration; \"inf\" is off).");
ABSL_FLAG(int, stream_window_bytes, 64 * 1024,
          "Request bytes a client may send on one call ahead of what the "
          "service has read (the HTTP/2 stream window), in bytes.");
ABSL_FLAG(int64_t, max_transport_memory_bytes, int64_t{32} << 20,
          "Memory gRPC's transport may use for all connections together, in "
          "bytes (grpc::ResourceQuota). 33554432 is 32 MiB.");

// Observability: metrics, the decision log, the access log
// (docs/operations.md).
ABSL_FLAG(std::string, metrics_listen, "",
          "Serve Prometheus metrics (GET /metrics) on HOST:PORT, for example "
          "\"[::]:9090\" (which, Debian's civetweb having no IPv6, is every "
          "IPv4 interface) or \"127.0.0.1:9090\"; port 0 picks a free port "
          "(the \"metrics_listening\" log line names it). Empty: no metrics.");
ABSL_FLAG(std::string, decision_log, "",
          "Write one JSON line per judged scorecard to this file (\"-\": "
          "standard output). Each call waits until its line is written and "
          "fails with UNAVAILABLE when it cannot be. Empty: no decision log.");
ABSL_FLAG(std::string, decision_log_mode, "wait",
          "When the decision log's queue is full: \"wait\" holds the calls "
          "back until there is room; \"drop\" drops records, counting each "
          "in scorecard_decision_log_dropped_total and logging the count "
          "once a second.");
ABSL_FLAG(int64_t, decision_log_max_bytes, 0,
          "Rotate the decision log before it passes this size, in bytes "
          "(FILE becomes FILE.1, FILE.1 FILE.2, ...). 0: never rotate.");
ABSL_FLAG(int, decision_log_max_files, 10,
          "How many rotated decision-log files to keep (count).");
ABSL_FLAG(int, decision_log_queue, 4096,
          "How many decision-log records may wait to be written (count).");
ABSL_FLAG(bool, access_log, false,
          "Write one JSON line per RPC (event \"access\") to stderr.");

namespace {

// Returns the observability options the flags give; INVALID_ARGUMENT for a
// bad --decision_log_mode.
absl::StatusOr<scorecard::service::ObservabilityOptions>
ObservabilityFromFlags() {
  scorecard::service::ObservabilityOptions options;
  options.version = std::string(scorecard::release::Version());
  options.metrics_listen = absl::GetFlag(FLAGS_metrics_listen);
  options.decision_log.path = absl::GetFlag(FLAGS_decision_log);
  const std::string mode = absl::GetFlag(FLAGS_decision_log_mode);
  if (mode != "wait" && mode != "drop") {
    return absl::InvalidArgumentError(absl::StrCat(
        "--decision_log_mode must be \"wait\" or \"drop\", not \"", mode,
        "\""));
  }
  options.decision_log.drop_when_full = mode == "drop";
  options.decision_log.max_bytes = absl::GetFlag(FLAGS_decision_log_max_bytes);
  options.decision_log.max_files = absl::GetFlag(FLAGS_decision_log_max_files);
  options.decision_log.queue_records = absl::GetFlag(FLAGS_decision_log_queue);
  options.access_log = absl::GetFlag(FLAGS_access_log);
  return options;
}

std::string DefaultRulesPath() {
  const char* from_environment = std::getenv("SCORECARD_RULES");
  if (from_environment != nullptr && from_environment[0] != '\0') {
    return from_environment;
  }
  return scorecard::release::BundledRulesPath();
}

int Exit(const absl::Status& status) {
  scorecard::service::LogEvent event(status.ok()
                                         ? scorecard::service::LogLevel::kInfo
                                         : scorecard::service::LogLevel::kError,
                                     "exit");
  event.Add("code", int64_t{status.ok() ? 0 : 1});
  if (!status.ok()) event.Add("error", status.ToString());
  event.Write();
  return status.ok() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  // Before anything can start a thread: every thread inherits this mask, and
  // the signal thread alone takes the signals with sigwait().
  if (absl::Status status = scorecard::service::BlockServerSignals();
      !status.ok()) {
    return Exit(status);
  }
  // Debian's Abseil is built with Mutex deadlock detection on, which keeps a
  // graph of every lock held with another and costs hundreds of
  // nanoseconds per nested lock, in gRPC's locks too. The tests keep it
  // (they run the same code without this main); the service runs without.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  absl::SetProgramUsageMessage(
      "The scorecard rules service: validates performance scorecards over "
      "gRPC.\nUsage: scorecardd [--listen=[::]:50051] [--rules=PATH] ...\n"
      "SIGHUP reloads the rules; SIGTERM or SIGINT drains and exits 0.");
  absl::FlagsUsageConfig usage_config;
  usage_config.version_string = [] {
    return scorecard::release::VersionLine("scorecardd");
  };
  absl::SetFlagsUsageConfig(std::move(usage_config));
  const std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  if (positional.size() > 1) {
    return Exit(absl::InvalidArgumentError(absl::StrCat(
        "unexpected argument \"", positional[1],
        "\"; every setting is a flag (see --help)")));
  }

  scorecard::service::ServerOptions options;
  options.listen_address = absl::GetFlag(FLAGS_listen);
  options.rules_path = absl::GetFlag(FLAGS_rules);
  if (options.rules_path.empty()) options.rules_path = DefaultRulesPath();
  options.rule_cache_dir = absl::GetFlag(FLAGS_rule_cache_dir);
  options.max_receive_message_bytes =
      absl::GetFlag(FLAGS_max_receive_message_bytes);
  options.max_send_message_bytes = absl::GetFlag(FLAGS_max_send_message_bytes);
  options.max_entries = absl::GetFlag(FLAGS_max_entries);
  options.max_batch_scorecards = absl::GetFlag(FLAGS_max_batch_scorecards);
  options.reload_poll_interval = absl::GetFlag(FLAGS_reload_poll_interval);
  options.reload_timeout = absl::GetFlag(FLAGS_reload_timeout);
  options.reload_nice = absl::GetFlag(FLAGS_reload_nice);
  options.drain_time = absl::GetFlag(FLAGS_drain_time);
  options.reflection = absl::GetFlag(FLAGS_reflection);
  options.worker_threads = absl::GetFlag(FLAGS_worker_threads);
  options.tls.cert_file = absl::GetFlag(FLAGS_tls_cert_file);
  options.tls.key_file = absl::GetFlag(FLAGS_tls_key_file);
  options.tls.client_ca_file = absl::GetFlag(FLAGS_tls_client_ca_file);
  options.tls.reload_interval = absl::GetFlag(FLAGS_tls_reload_interval);
  options.admin.token_file = absl::GetFlag(FLAGS_admin_token_file);
  options.admin.client_identities =
      absl::GetFlag(FLAGS_admin_client_identities);
  scorecard::service::ConnectionLimits& limits = options.connection_limits;
  limits.max_concurrent_streams = absl::GetFlag(FLAGS_max_concurrent_streams);
  limits.keepalive_min_ping_interval =
      absl::GetFlag(FLAGS_keepalive_min_ping_interval);
  limits.keepalive_permit_without_calls =
      absl::GetFlag(FLAGS_keepalive_permit_without_calls);
  limits.max_connection_age = absl::GetFlag(FLAGS_max_connection_age);
  limits.max_connection_age_grace =
      absl::GetFlag(FLAGS_max_connection_age_grace);
  limits.max_connection_idle = absl::GetFlag(FLAGS_max_connection_idle);
  limits.stream_window_bytes = absl::GetFlag(FLAGS_stream_window_bytes);
  limits.max_transport_memory_bytes =
      absl::GetFlag(FLAGS_max_transport_memory_bytes);
  options.handle_signals = true;
  absl::StatusOr<scorecard::service::ObservabilityOptions> observability =
      ObservabilityFromFlags();
  if (!observability.ok()) return Exit(observability.status());
  options.observability = *std::move(observability);

  absl::StatusOr<std::unique_ptr<scorecard::service::Server>> server =
      scorecard::service::Server::Create(std::move(options));
  if (!server.ok()) return Exit(server.status());
  return Exit((*server)->Run());
}
