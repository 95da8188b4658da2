// scorecardd's server: the ScorecardService over gRPC, with rules that reload
// safely, health checking, reflection, and a graceful shutdown.
//
//   ServerOptions options;
//   options.listen_address = "[::]:50051";
//   options.rules_path = "/usr/share/scorecard/rules";
//   absl::StatusOr<std::unique_ptr<Server>> server =
//       Server::Create(std::move(options));
//   if (server.ok()) (*server)->Run();   // Until Shutdown() or SIGTERM.
//
// Create() loads the rules (and fails if they do not load: the server never
// starts without rules), starts gRPC listening, marks the health service
// SERVING for "" and "scorecard.v1.ScorecardService", and starts polling the
// rules for changes. Shutdown() (or SIGTERM/SIGINT when handle_signals is
// set) starts draining: health turns NOT_SERVING at once, new calls are
// refused with UNAVAILABLE, and calls in flight get up to drain_time to
// finish before gRPC cancels them. Run() returns when draining is over.
//
// Security (docs/security.md): with options.tls the listener serves TLS only,
// and mutual TLS with a client CA; certificates rotate without a restart
// (tls_credentials.h). Without TLS a listener reachable from the network is
// logged as a warning ("plaintext_listener"). scorecard.admin.v1.AdminService
// is registered only when options.admin configures a way to authenticate
// (admin_auth.h). options.connection_limits bound what one connection holds.
//
// Observability (observability.h): --metrics_listen serves GET /metrics on a
// port of its own; the decision log and the access log are written off the
// request threads. SIGHUP also reopens the decision log's file, and draining
// writes out both logs after the last call.
//
// Reloads: SIGHUP (when handle_signals is set) reloads unconditionally; every
// reload_poll_interval the rules path's fingerprint (names, sizes, mtimes,
// inodes, symbolic-link targets) is compared with the last load's and a
// change reloads. Both happen on one reloading thread, so the signal thread
// only asks and is free for SIGTERM at once; a load that takes longer than
// reload_timeout is abandoned and refused, and draining stops waiting for a
// load at once. See rule_store.h for what a refused reload does.
//
// Logs are JSON lines on stderr (json_log.h); Create() also routes gRPC's and
// protobuf's own log messages there, rate-limited (events "grpc" and
// "protobuf"; library_logs.h, process-wide handlers). Events: start, listening (with the
// address actually bound, so port 0 can be used), rules_loaded,
// reload_refused, signal, draining, drained (with the number of
// ScorecardService calls that reached a handler).
//
// Thread-safety: Shutdown(), address(), port(), rule_store() and
// InProcessChannel() are safe to call from any thread at any time. Run() is
// called at most once. Create() must not run concurrently with the creation
// of another gRPC server in the process (it enables gRPC's default health
// service, a process-wide setting that gRPC does not guard). The Server must
// not be destroyed while Run() is running; destroying it without Run()
// shuts it down and drains as Run() would.

#ifndef SCORECARD_SERVICE_SERVER_H_
#define SCORECARD_SERVICE_SERVER_H_

#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/server.h"
#include "grpcpp/support/channel_arguments.h"
#include "service/admin_auth.h"
#include "service/admin_service_impl.h"
#include "service/connection_limits.h"
#include "service/observability.h"
#include "service/rule_store.h"
#include "service/scorecard_handler.h"
#include "service/scorecard_service_impl.h"
#include "service/signal_thread.h"
#include "service/tls_credentials.h"

namespace scorecard::service {

struct ServerOptions {
  // Where to listen, "host:port": "[::]:50051" (every interface, IPv6 and
  // IPv4), "127.0.0.1:50051", or "unix:/path". Port 0 picks a free port; see
  // Server::address(). Empty: no listening port, only InProcessChannel().
  // Default "[::]:50051".
  std::string listen_address = "[::]:50051";

  // The rule file, or folder of rule files, to load. Required unless
  // rule_source is set.
  std::string rules_path;

  // Where rules come from, instead of rules_path. For tests.
  std::unique_ptr<RuleSource> rule_source;

  // The folder of the cache of parsed rule files (rules/rule_set_cache.h),
  // used by every load of rules_path (the first and each reload), created
  // when missing. Empty: no cache, the default. It must be protected like
  // the rules (a folder group or others may write is not used) and must not
  // be inside the rules folder (CheckOptions refuses that: writing it would
  // look like a change of the rules). A cache that cannot be used never
  // fails a load: the rules load without it and the "rule_cache" log line
  // says why.
  std::string rule_cache_dir;

  // The largest request message gRPC accepts, in bytes; a larger one fails
  // with RESOURCE_EXHAUSTED before the service sees it. Default 4 MiB.
  int max_receive_message_bytes = 4 * 1024 * 1024;

  // The largest response message gRPC sends, in bytes. A call whose
  // response would be larger fails with RESOURCE_EXHAUSTED instead (gRPC's
  // "Sent message larger than max"); a stream ends there, the responses
  // before it standing. Default 8 MiB: far above the results the default
  // entry and receive limits allow (1,000 entries, each wrong several ways,
  // gave a response under 100 KB), so it bounds what a bug or a huge rule
  // set (GetRuleSet) could send.
  int max_send_message_bytes = 8 * 1024 * 1024;

  // The most entries a scorecard may have; more is INVALID_ARGUMENT.
  // Default 1000.
  int max_entries = 1000;

  // The most scorecards one BatchValidateScorecards call or one
  // ValidateDocument document may hold; more is INVALID_ARGUMENT. Must be
  // positive. Default 100.
  int max_batch_scorecards = 100;

  // How often the rules path is checked for changes. Zero disables polling
  // (SIGHUP still reloads). Default 2 s.
  absl::Duration reload_poll_interval = absl::Seconds(2);

  // How long one load of the rules may take, the first at Create() too; a
  // load still running then is abandoned: a reload is refused, Create()
  // fails with DEADLINE_EXCEEDED. Must be positive. Default 30 s.
  absl::Duration reload_timeout = absl::Seconds(30);

  // The nice value (0-19) reloads load at and replaced rules are freed at
  // (RuleStoreOptions::reload_nice). Default 19, the lowest priority: a
  // reload yields to the requests being served (docs/performance.md
  // measures p99 latency during reloads at 10 and 19).
  int reload_nice = 19;

  // How long calls in flight get to finish once draining starts; calls still
  // running then are cancelled. Default 10 s.
  absl::Duration drain_time = absl::Seconds(10);

  // Whether the gRPC server reflection service is offered (for grpcurl,
  // buf curl). Default true.
  bool reflection = true;

  // Zero: gRPC's defaults. Positive: the cap passed to
  // grpc::ResourceQuota::SetMaxThreads. In gRPC 1.51 that caps only the
  // thread pool of synchronous-API services (here, reflection: calls beyond
  // the cap fail with RESOURCE_EXHAUSTED); the callback API that serves
  // ScorecardService and health runs on gRPC's internal threads (on Linux,
  // cores/2 clamped to 2..16 "nexting" threads), which 1.51 does not let an
  // application size. Default 0.
  int worker_threads = 0;

  // TLS on the listener. Default: none (plaintext).
  TlsOptions tls;

  // What one connection may hold: streams, pings, age, idle time, memory.
  ConnectionLimits connection_limits;

  // Who may call the admin service. Default: nobody, and it is not served.
  // Client identities need tls.client_ca_file.
  AdminAuthOptions admin;
  // Metrics, the decision log and the access log (observability.h); all off
  // by default.
  ObservabilityOptions observability;

  // Whether to handle SIGHUP (reload), SIGTERM and SIGINT (shut down) on a
  // dedicated thread. The signals must be blocked (BlockServerSignals())
  // before any thread starts; Create() fails with FAILED_PRECONDITION when
  // they are not. Default false (a library should not take signals
  // unasked).
  bool handle_signals = false;
};

class Server final {
 public:
  // The name under which health reports the ScorecardService.
  static constexpr char kHealthServiceName[] = "scorecard.v1.ScorecardService";
  // The name under which health reports the admin service, when it is
  // served.
  static constexpr char kAdminHealthServiceName[] =
      "scorecard.admin.v1.AdminService";

  // Loads the rules and starts serving; see above. INVALID_ARGUMENT for bad
  // options; the rules' load error when they do not load; UNAVAILABLE when
  // the address cannot be bound (a port in use included: SO_REUSEPORT is
  // off).
  static absl::StatusOr<std::unique_ptr<Server>> Create(ServerOptions options);

  // Shuts down and drains if Run() has not.
  ~Server();

  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Blocks until shutdown is requested (Shutdown(), or SIGTERM/SIGINT when
  // handling signals), then drains (see ServerOptions::drain_time), stops
  // polling and signal handling, and returns OK.
  absl::Status Run() ABSL_LOCKS_EXCLUDED(mu_);

  // Requests a graceful shutdown: health turns NOT_SERVING now; Run() does
  // the rest. Returns at once. Calling it again does nothing.
  void Shutdown() ABSL_LOCKS_EXCLUDED(mu_);

  // Returns the address bound, with the actual port ("127.0.0.1:41234");
  // empty when not listening.
  const std::string& address() const { return address_; }

  // Returns the port bound; 0 when not listening on a TCP port.
  int port() const { return port_; }

  // Returns a channel to this server that bypasses the network.
  std::shared_ptr<grpc::Channel> InProcessChannel(
      const grpc::ChannelArguments& args);

  // Returns the rules the server judges by.
  RuleStore& rule_store() { return *store_; }

  // Returns the address GET /metrics is served on ("127.0.0.1:9090");
  // empty when metrics are off.
  std::string metrics_address() const {
    return observability_->metrics_address();
  }

 private:
  Server() = default;

  // Checks `options` before anything starts.
  static absl::Status CheckOptions(const ServerOptions& options);

  // Asks the reloading thread for a reload (SIGHUP). Returns at once;
  // requests made while a reload runs are served by one more reload.
  void RequestReload() ABSL_LOCKS_EXCLUDED(reload_mu_);

  // The reloading thread: reloads when asked, and polls the rules for
  // changes every reload_poll_interval_, until draining ends.
  void ReloadRules() ABSL_LOCKS_EXCLUDED(reload_mu_);

  bool ReloadWanted() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(reload_mu_) {
    return reload_requested_ || stop_reloading_;
  }

  // Shuts gRPC down (waiting up to drain_time_) and stops the threads. Runs
  // once.
  void Drain() ABSL_LOCKS_EXCLUDED(mu_);

  absl::Duration drain_time_;
  absl::Duration reload_poll_interval_;
  std::string address_;
  int port_ = 0;

  // Destroyed in reverse order of declaration, so gRPC goes before the
  // service it calls, the service before the observability it reports to,
  // and that (whose metrics read the store) before the store.
  std::unique_ptr<RuleStore> store_;
  std::unique_ptr<ScorecardHandler> handler_;
  std::unique_ptr<Observability> observability_;
  std::unique_ptr<ScorecardServiceImpl> service_;
  std::unique_ptr<AdminServiceImpl> admin_service_;  // Null when off.
  std::unique_ptr<TlsCredentials> tls_;              // Null when plaintext.
  std::unique_ptr<grpc::Server> grpc_server_;

  absl::Notification shutdown_requested_;
  std::thread reload_thread_;
  std::unique_ptr<SignalThread> signals_;

  absl::Mutex reload_mu_;
  bool reload_requested_ ABSL_GUARDED_BY(reload_mu_) = false;
  bool stop_reloading_ ABSL_GUARDED_BY(reload_mu_) = false;

  absl::Mutex mu_;
  bool shutting_down_ ABSL_GUARDED_BY(mu_) = false;
  bool drained_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_SERVER_H_
