#include "service/observability.h"

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"

#include "service/call_observer.h"
#include "service/caller_identity.h"
#include "service/json_log.h"
#include "service/process_metrics.h"
#include "service/rule_metrics.h"

namespace scorecard::service {

std::vector<std::string> ObservedServices() {
  return {"scorecard.v1.ScorecardService", "grpc.health.v1.Health",
          "grpc.reflection.v1alpha.ServerReflection",
          "grpc.reflection.v1.ServerReflection",
          // The admin service, once it is registered (issue 8).
          "scorecard.admin.v1.AdminService"};
}

absl::StatusOr<std::unique_ptr<Observability>> Observability::Create(
    const ObservabilityOptions& options) {
  std::unique_ptr<Observability> observability(new Observability());
  observability->metrics_listen_ = options.metrics_listen;
  if (!options.metrics_listen.empty()) {
    observability->metrics_ =
        std::make_shared<Metrics>(ObservedServices(), options.version);
  }
  if (!options.decision_log.path.empty()) {
    absl::StatusOr<std::unique_ptr<DecisionLog>> log = DecisionLog::Open(
        options.decision_log, observability->metrics_.get());
    if (!log.ok()) return log.status();
    observability->decision_log_ = *std::move(log);
  }
  if (options.access_log) {
    absl::StatusOr<std::unique_ptr<AccessLog>> log =
        AccessLog::Open(options.access_log_path);
    if (!log.ok()) return log.status();
    observability->access_log_ = *std::move(log);
  }
  return observability;
}

void Observability::WatchRuleLoads(RuleStoreOptions& options) {
  if (metrics_ == nullptr) return;
  options.on_load_outcome = [metrics = metrics_](bool loaded) {
    metrics->CountRulesLoad(loaded, absl::Now());
  };
}

absl::Status Observability::StartMetrics(const RuleStore* store) {
  if (metrics_ == nullptr) return absl::OkStatus();
  absl::StatusOr<std::unique_ptr<MetricsEndpoint>> endpoint =
      MetricsEndpoint::Start(
          metrics_listen_,
          {metrics_->registry(), std::make_shared<ProcessMetrics>(),
           std::make_shared<RuleSetInfoMetrics>(store)});
  if (!endpoint.ok()) return endpoint.status();
  endpoint_ = *std::move(endpoint);
  LogEvent(LogLevel::kInfo, "metrics_listening")
      .Add("address", endpoint_->address())
      .Write();
  return absl::OkStatus();
}

std::vector<
    std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
Observability::Interceptors() {
  std::vector<
      std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
      factories;
  if (metrics_ != nullptr || access_log_ != nullptr) {
    factories.push_back(std::make_unique<CallObserverFactory>(
        metrics_.get(), access_log_.get()));
  }
  return factories;
}

Judgement Observability::Judged(grpc::CallbackServerContext* context,
                                absl::string_view method,
                                absl::string_view correlation_id,
                                const scorecard::v1::Scorecard& scorecard,
                                const scorecard::v1::ValidationResult& result) {
  if (metrics_ != nullptr) metrics_->CountValidation(result);
  if (access_log_ != nullptr) {
    access_log_->Note(static_cast<const grpc::ServerContextBase*>(context),
                      ValidationNote{result.rule_set(), result.unit(),
                                     result.valid()});
  }
  Judgement judgement;
  if (decision_log_ != nullptr) {
    Decision decision;
    decision.method = method;
    decision.caller = CallerOf(*context);
    decision.correlation_id = correlation_id;
    decision.scorecard = &scorecard;
    decision.result = &result;
    judgement.pending = DecisionLog::Prepare(decision);
    judgement.decision_id = judgement.pending.id;
  }
  return judgement;
}

void Observability::Commit(Judgement judgement, LogWriter::Done done) {
  if (decision_log_ == nullptr) {
    done(absl::OkStatus());
    return;
  }
  decision_log_->Write(std::move(judgement.pending), std::move(done));
}

void Observability::CommitAll(std::vector<Judgement> judgements,
                              LogWriter::Done done) {
  if (decision_log_ == nullptr || judgements.empty()) {
    done(absl::OkStatus());
    return;
  }
  // The last record written tells `done`, with the first error if any.
  struct Join {
    absl::Mutex mu;
    size_t waiting ABSL_GUARDED_BY(mu) = 0;
    absl::Status first_error ABSL_GUARDED_BY(mu);
    LogWriter::Done done;
  };
  auto join = std::make_shared<Join>();
  join->done = std::move(done);
  {
    absl::MutexLock lock(&join->mu);
    join->waiting = judgements.size();
  }
  for (Judgement& judgement : judgements) {
    decision_log_->Write(
        std::move(judgement.pending), [join](absl::Status written) {
          absl::Status outcome;
          {
            absl::MutexLock lock(&join->mu);
            if (!written.ok() && join->first_error.ok()) {
              join->first_error = std::move(written);
            }
            if (--join->waiting > 0) return;
            outcome = join->first_error;
          }
          join->done(std::move(outcome));
        });
  }
}

void Observability::Refused(absl::string_view rule_set) {
  if (metrics_ != nullptr) metrics_->CountRefusedValidation(rule_set);
}

void Observability::Reopen() {
  if (decision_log_ != nullptr) decision_log_->Reopen();
}

void Observability::Close() {
  if (decision_log_ != nullptr) decision_log_->Close();
  if (access_log_ != nullptr) access_log_->Close();
  endpoint_.reset();
}

std::string Observability::metrics_address() const {
  return endpoint_ != nullptr ? endpoint_->address() : "";
}

}  // namespace scorecard::service
