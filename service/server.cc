#include "service/server.h"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpc/grpc.h"
#include "grpc/health/v1/health.pb.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/impl/server_builder_option.h"
#include "grpcpp/resource_quota.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "service/json_log.h"
#include "service/library_logs.h"
#include "service/listen_address.h"

namespace scorecard::service {
namespace {

// Adds or removes the reflection plugin on one ServerBuilder.
//
// grpc::reflection::InitProtoReflectionServerBuilderPlugin() registers the
// plugin for every ServerBuilder the process ever creates, with no way back;
// a process that builds one server with reflection and one without (the
// tests do) would get reflection on both. Setting the plugin per builder
// keeps --reflection=false true.
class ReflectionOption final : public grpc::ServerBuilderOption {
 public:
  explicit ReflectionOption(bool enabled) : enabled_(enabled) {}

  void UpdateArguments(grpc::ChannelArguments* args) override {}

  void UpdatePlugins(
      std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>>* plugins)
      override {
    auto reflection = std::make_unique<
        grpc::reflection::ProtoServerReflectionPlugin>();
    const std::string name = reflection->name();
    plugins->erase(std::remove_if(plugins->begin(), plugins->end(),
                                  [&](const auto& plugin) {
                                    return plugin->name() == name;
                                  }),
                   plugins->end());
    if (enabled_) plugins->push_back(std::move(reflection));
  }

 private:
  const bool enabled_;
};

// Returns `listen_address` with its port replaced by the one bound.
std::string BoundAddress(const std::string& listen_address, int port) {
  if (absl::StartsWith(listen_address, "unix:")) return listen_address;
  const size_t colon = listen_address.rfind(':');
  if (colon == std::string::npos) return listen_address;
  return absl::StrCat(listen_address.substr(0, colon + 1), port);
}

// Logs the "start" line: every option.
void LogStart(const ServerOptions& options) {
  LogEvent(LogLevel::kInfo, "start")
      .Add("listen", options.listen_address)
      .Add("rules", options.rule_source != nullptr
                        ? options.rule_source->Describe()
                        : options.rules_path)
      .Add("rule_cache_dir", options.rule_cache_dir)
      .Add("max_receive_message_bytes",
           int64_t{options.max_receive_message_bytes})
      .Add("max_send_message_bytes", int64_t{options.max_send_message_bytes})
      .Add("max_entries", int64_t{options.max_entries})
      .Add("max_batch_scorecards", int64_t{options.max_batch_scorecards})
      .Add("reload_poll_interval",
           absl::FormatDuration(options.reload_poll_interval))
      .Add("reload_timeout", absl::FormatDuration(options.reload_timeout))
      .Add("reload_nice", int64_t{options.reload_nice})
      .Add("drain_time", absl::FormatDuration(options.drain_time))
      .AddBool("reflection", options.reflection)
      .Add("worker_threads", int64_t{options.worker_threads})
      .Add("tls_cert_file", options.tls.cert_file)
      .Add("tls_key_file", options.tls.key_file)
      .Add("tls_client_ca_file", options.tls.client_ca_file)
      .Add("tls_reload_interval",
           absl::FormatDuration(options.tls.reload_interval))
      .Add("admin_token_file", options.admin.token_file)
      .Add("admin_client_identities", options.admin.client_identities)
      .Add("max_concurrent_streams",
           int64_t{options.connection_limits.max_concurrent_streams})
      .Add("keepalive_min_ping_interval",
           absl::FormatDuration(
               options.connection_limits.keepalive_min_ping_interval))
      .AddBool("keepalive_permit_without_calls",
               options.connection_limits.keepalive_permit_without_calls)
      .Add("max_connection_age",
           absl::FormatDuration(options.connection_limits.max_connection_age))
      .Add("max_connection_age_grace",
           absl::FormatDuration(
               options.connection_limits.max_connection_age_grace))
      .Add("max_connection_idle",
           absl::FormatDuration(options.connection_limits.max_connection_idle))
      .Add("stream_window_bytes",
           int64_t{options.connection_limits.stream_window_bytes})
      .Add("max_transport_memory_bytes",
           options.connection_limits.max_transport_memory_bytes)
      .Add("metrics_listen", options.observability.metrics_listen)
      .Add("decision_log", options.observability.decision_log.path)
      .AddBool("access_log", options.observability.access_log)
      .Write();
}

// Refuses a rule cache folder inside the rules folder: the rules folder is
// watched for changes (FingerprintPath), and writing the cache there would
// look like one. Both paths are compared with their links resolved.
absl::Status CheckRuleCacheDir(const ServerOptions& options) {
  if (options.rule_cache_dir.empty() || options.rule_source != nullptr) {
    return absl::OkStatus();
  }
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_directory(options.rules_path, error)) return absl::OkStatus();
  const fs::path rules = fs::weakly_canonical(options.rules_path, error);
  if (error) return absl::OkStatus();
  const fs::path cache = fs::weakly_canonical(options.rule_cache_dir, error);
  if (error) return absl::OkStatus();
  auto [rules_end, cache_at] =
      std::mismatch(rules.begin(), rules.end(), cache.begin(), cache.end());
  if (rules_end != rules.end()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      "rule_cache_dir ", options.rule_cache_dir,
      " is inside the rules folder ", options.rules_path,
      ": writing the cache there would look like a change of the rules; "
      "put it elsewhere (for example /var/cache/scorecardd)"));
}

// Loads the rules from options.rule_source (taken), else options.rules_path,
// with `observability` watching the loads.
absl::StatusOr<std::unique_ptr<RuleStore>> LoadRules(
    ServerOptions& options, Observability& observability) {
  RuleStoreOptions store_options;
  store_options.source =
      options.rule_source != nullptr
          ? std::move(options.rule_source)
          : std::make_unique<FolderRuleSource>(
                options.rules_path,
                rules::RuleSetLoadOptions{options.rule_cache_dir});
  observability.WatchRuleLoads(store_options);
  store_options.reload_timeout = options.reload_timeout;
  store_options.reload_nice = options.reload_nice;
  return RuleStore::Create(std::move(store_options));
}

// Returns the admin service when `options` configure a way to authenticate
// admins (options.admin is taken), else null.
absl::StatusOr<std::unique_ptr<AdminServiceImpl>> MakeAdminService(
    ServerOptions& options, RuleStore* store, absl::Time start_time) {
  if (!options.admin.enabled()) return nullptr;
  return AdminServiceImpl::Create(std::move(options.admin), store, start_time);
}

// Returns the listener's TLS credentials when `tls` is configured, else null
// (plaintext).
absl::StatusOr<std::unique_ptr<TlsCredentials>> MakeTls(
    const TlsOptions& tls) {
  if (!tls.enabled()) return nullptr;
  return TlsCredentials::Create(tls);
}

// Builds and starts the gRPC server for `services` (nulls skipped) with
// health checking, reflection as `options` says, the message-size and
// connection limits, the thread cap and `observability`'s interceptors,
// listening with `credentials`; `*port` is set to the port bound (0 when
// none).
absl::StatusOr<std::unique_ptr<grpc::Server>> StartGrpc(
    const ServerOptions& options, const std::vector<grpc::Service*>& services,
    std::shared_ptr<grpc::ServerCredentials> credentials,
    Observability& observability, int* port) {
  grpc::EnableDefaultHealthCheckService(true);
  // gRPC's health service is built on upb, so protobuf's pool, which
  // reflection describes services from, holds no grpc.health.v1 descriptors
  // unless these, compiled from Debian's grpc-proto, are linked in; naming
  // one here links them.
  grpc::health::v1::HealthCheckRequest::descriptor();
  grpc::ServerBuilder builder;
  builder.SetOption(std::make_unique<ReflectionOption>(options.reflection));
  if (!options.listen_address.empty()) {
    builder.AddListeningPort(options.listen_address, std::move(credentials),
                             port);
  }
  // gRPC sets SO_REUSEPORT by default, which lets a second server bind the
  // same port and silently take half the connections; a port in use should
  // be an error instead.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.SetMaxReceiveMessageSize(options.max_receive_message_bytes);
  builder.SetMaxSendMessageSize(options.max_send_message_bytes);
  grpc::ResourceQuota quota("scorecardd");
  ApplyConnectionLimits(options.connection_limits, quota, builder);
  if (options.worker_threads > 0) quota.SetMaxThreads(options.worker_threads);
  builder.SetResourceQuota(quota);
  for (grpc::Service* service : services) {
    if (service != nullptr) builder.RegisterService(service);
  }
  auto interceptors = observability.Interceptors();
  if (!interceptors.empty()) {
    builder.experimental().SetInterceptorCreators(std::move(interceptors));
  }
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr) {
    return absl::UnavailableError(absl::StrCat(
        "cannot start the gRPC server on \"", options.listen_address, "\""));
  }
  return server;
}

// Returns the address bound for `listen_address`, given the `port` gRPC
// reports; UNAVAILABLE when it bound none.
absl::StatusOr<std::string> ListeningAddress(const std::string& listen_address,
                                             int port) {
  if (port == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on \"", listen_address, "\""));
  }
  return BoundAddress(listen_address, port);
}

// Logs a warning when `address` is reachable from the network in plaintext.
void WarnIfPlaintext(const std::string& address, bool tls) {
  if (tls || IsLocalAddress(address)) return;
  LogEvent(LogLevel::kWarning, "plaintext_listener")
      .Add("address", address)
      .Add("advice",
           "calls, scorecards and admin tokens cross the network "
           "unencrypted; give --tls_cert_file and --tls_key_file (see "
           "docs/security.md)")
      .Write();
}

// Marks the server, the ScorecardService and, when `admin` is served, the
// admin service SERVING in the health service.
void MarkServing(grpc::Server& server, bool admin) {
  if (grpc::HealthCheckServiceInterface* health =
          server.GetHealthCheckService()) {
    health->SetServingStatus("", true);
    health->SetServingStatus(Server::kHealthServiceName, true);
    if (admin) health->SetServingStatus(Server::kAdminHealthServiceName, true);
  }
}

}  // namespace

absl::Status Server::CheckOptions(const ServerOptions& options) {
  if (options.rule_source == nullptr && options.rules_path.empty()) {
    return absl::InvalidArgumentError(
        "no rules: give a rules path (--rules or $SCORECARD_RULES)");
  }
  if (absl::Status cache = CheckRuleCacheDir(options); !cache.ok()) {
    return cache;
  }
  if (options.max_receive_message_bytes <= 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "max_receive_message_bytes must be positive, not ",
        options.max_receive_message_bytes));
  }
  if (options.max_send_message_bytes <= 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "max_send_message_bytes must be positive, not ",
        options.max_send_message_bytes));
  }
  if (options.max_entries <= 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "max_entries must be positive, not ", options.max_entries));
  }
  if (options.max_batch_scorecards <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_batch_scorecards must be positive, not ",
                     options.max_batch_scorecards));
  }
  if (options.reload_poll_interval < absl::ZeroDuration()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "reload_poll_interval must not be negative, not ",
        absl::FormatDuration(options.reload_poll_interval)));
  }
  if (options.reload_timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        absl::StrCat("reload_timeout must be positive, not ",
                     absl::FormatDuration(options.reload_timeout)));
  }
  if (options.reload_nice < 0 || options.reload_nice > 19) {
    return absl::InvalidArgumentError(absl::StrCat(
        "reload_nice must be 0 to 19, not ", options.reload_nice));
  }
  if (options.drain_time < absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        absl::StrCat("drain_time must not be negative, not ",
                     absl::FormatDuration(options.drain_time)));
  }
  if (options.worker_threads < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "worker_threads must not be negative, not ", options.worker_threads));
  }
  if (absl::Status tls = CheckTlsOptions(options.tls); !tls.ok()) return tls;
  if (absl::Status limits = CheckConnectionLimits(options.connection_limits);
      !limits.ok()) {
    return limits;
  }
  if (!options.admin.client_identities.empty() &&
      options.tls.client_ca_file.empty()) {
    return absl::InvalidArgumentError(
        "admin client identities need mutual TLS: give --tls_client_ca_file "
        "(and --tls_cert_file, --tls_key_file)");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Server>> Server::Create(ServerOptions options) {
  const absl::Time start_time = absl::Now();
  if (absl::Status status = CheckOptions(options); !status.ok()) return status;
  RouteLibraryLogsToJsonLog();
  LogStart(options);
  // Checked before anything starts a thread (gRPC does, at BuildAndStart).
  if (options.handle_signals && !ServerSignalsBlocked()) {
    return absl::FailedPreconditionError(
        "handle_signals needs SIGHUP, SIGTERM and SIGINT blocked "
        "(BlockServerSignals()) before any thread starts");
  }

  std::unique_ptr<Server> server(new Server());
  server->drain_time_ = options.drain_time;
  server->reload_poll_interval_ = options.reload_poll_interval;

  absl::StatusOr<std::unique_ptr<Observability>> observability =
      Observability::Create(options.observability);
  if (!observability.ok()) return observability.status();
  absl::StatusOr<std::unique_ptr<RuleStore>> store =
      LoadRules(options, **observability);
  if (!store.ok()) return store.status();
  server->store_ = *std::move(store);
  server->observability_ = *std::move(observability);
  if (absl::Status started =
          server->observability_->StartMetrics(server->store_.get());
      !started.ok()) {
    return started;
  }

  ScorecardHandlerOptions handler_options;
  handler_options.max_entries = options.max_entries;
  handler_options.max_batch_scorecards = options.max_batch_scorecards;
  server->handler_ =
      std::make_unique<ScorecardHandler>(server->store_.get(), handler_options);
  server->service_ = std::make_unique<ScorecardServiceImpl>(
      server->handler_.get(), server->observability_.get());
  absl::StatusOr<std::unique_ptr<AdminServiceImpl>> admin =
      MakeAdminService(options, server->store_.get(), start_time);
  if (!admin.ok()) return admin.status();
  server->admin_service_ = *std::move(admin);
  absl::StatusOr<std::unique_ptr<TlsCredentials>> tls = MakeTls(options.tls);
  if (!tls.ok()) return tls.status();
  server->tls_ = *std::move(tls);

  int port = 0;
  absl::StatusOr<std::unique_ptr<grpc::Server>> grpc_server = StartGrpc(
      options, {server->service_.get(), server->admin_service_.get()},
      server->tls_ != nullptr ? server->tls_->server_credentials()
                              : grpc::InsecureServerCredentials(),
      *server->observability_, &port);
  if (!grpc_server.ok()) return grpc_server.status();
  server->grpc_server_ = *std::move(grpc_server);
  if (!options.listen_address.empty()) {
    absl::StatusOr<std::string> address =
        ListeningAddress(options.listen_address, port);
    if (!address.ok()) return address.status();
    server->address_ = *std::move(address);
    server->port_ = absl::StartsWith(options.listen_address, "unix:") ? 0 : port;
    LogEvent(LogLevel::kInfo, "listening")
        .Add("address", server->address_)
        .Add("port", int64_t{server->port_})
        .AddBool("tls", server->tls_ != nullptr)
        .AddBool("mutual_tls", server->tls_ != nullptr && server->tls_->mutual())
        .AddBool("admin_service", server->admin_service_ != nullptr)
        .Write();
    WarnIfPlaintext(server->address_, server->tls_ != nullptr);
  }
  // The rules are loaded (Create fails before this point otherwise), so the
  // service is ready.
  MarkServing(*server->grpc_server_, server->admin_service_ != nullptr);

  server->reload_thread_ =
      std::thread([raw = server.get()] { raw->ReloadRules(); });
  if (options.handle_signals) {
    SignalThread::Handlers handlers;
    Server* raw = server.get();
    handlers.on_reload = [raw] {
      raw->RequestReload();
      raw->observability_->Reopen();
    };
    handlers.on_terminate = [raw] { raw->Shutdown(); };
    absl::StatusOr<std::unique_ptr<SignalThread>> signals =
        SignalThread::Start(std::move(handlers));
    if (!signals.ok()) return signals.status();
    server->signals_ = *std::move(signals);
  }
  return server;
}

Server::~Server() {
  // A Server that failed in Create() before gRPC started has nothing to stop.
  if (grpc_server_ == nullptr) return;
  Shutdown();
  Drain();
}

absl::Status Server::Run() {
  shutdown_requested_.WaitForNotification();
  Drain();
  return absl::OkStatus();
}

void Server::Shutdown() {
  {
    absl::MutexLock lock(&mu_);
    if (shutting_down_) return;
    shutting_down_ = true;
  }
  // NOT_SERVING for every service name, and frozen there (Watch streams are
  // sent the change), so that load balancers and probes see the server going
  // before it stops taking calls.
  if (grpc::HealthCheckServiceInterface* health =
          grpc_server_->GetHealthCheckService()) {
    health->Shutdown();
  }
  LogEvent(LogLevel::kInfo, "draining")
      .Add("drain_time", absl::FormatDuration(drain_time_))
      .Write();
  shutdown_requested_.Notify();
}

// grpc::Server::Shutdown(deadline) stops accepting calls at once (new calls
// get UNAVAILABLE), waits for the calls in flight until the deadline, then
// cancels what is left; it returns when every call has ended. Only then are
// the reloading and the signal threads stopped, so SIGHUP keeps working
// while draining. StopReloading() makes a reload that waits for a load
// return at once, so joining the reloading thread never waits for a load.
void Server::Drain() {
  {
    absl::MutexLock lock(&mu_);
    if (drained_) return;
    drained_ = true;
  }
  grpc_server_->Shutdown(absl::ToChronoTime(absl::Now() + drain_time_));
  grpc_server_->Wait();
  // Every call has ended, so every decision it waited for is written; this
  // writes the rest (the access log's last lines) and stops /metrics.
  observability_->Close();
  store_->StopReloading();
  {
    absl::MutexLock lock(&reload_mu_);
    stop_reloading_ = true;
  }
  if (reload_thread_.joinable()) reload_thread_.join();
  signals_.reset();
  LogEvent(LogLevel::kInfo, "drained")
      .Add("calls_started", service_->calls_started())
      .Write();
}

std::shared_ptr<grpc::Channel> Server::InProcessChannel(
    const grpc::ChannelArguments& args) {
  return grpc_server_->InProcessChannel(args);
}

void Server::RequestReload() {
  absl::MutexLock lock(&reload_mu_);
  reload_requested_ = true;
}

void Server::ReloadRules() {
  while (true) {
    bool requested;
    {
      absl::MutexLock lock(&reload_mu_);
      const absl::Condition wanted(this, &Server::ReloadWanted);
      if (reload_poll_interval_ > absl::ZeroDuration()) {
        reload_mu_.AwaitWithTimeout(wanted, reload_poll_interval_);
      } else {
        reload_mu_.Await(wanted);
      }
      if (stop_reloading_) return;
      requested = std::exchange(reload_requested_, false);
    }
    // Outcomes are logged by the store.
    if (requested) {
      store_->Reload().IgnoreError();
    } else {
      store_->ReloadIfChanged().IgnoreError();
    }
  }
}

}  // namespace scorecard::service
