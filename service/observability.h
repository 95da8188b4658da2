// What an operator and an auditor see of scorecardd: Prometheus metrics on
// their own port, the decision log and the access log. One object owns them
// all, so that the server and the service each touch one thing.
//
//   ObservabilityOptions options;
//   options.metrics_listen = "[::]:9090";
//   options.decision_log.path = "/var/log/scorecardd/decisions.jsonl";
//   auto observability = Observability::Create(options);
//   (*observability)->WatchRuleLoads(store_options);
//   ... the rule store ...
//   (*observability)->StartMetrics(store.get());
//   builder.experimental().SetInterceptorCreators((*observability)->Interceptors());
//   ... the service calls Judged()/Refused() for each validation ...
//   // After gRPC has drained:
//   (*observability)->Close();
//
// With everything off (the default) it counts nothing, installs no
// interceptor, and Judged() answers at once: the service pays nothing.
//
// Thread-safety: Judged(), Refused(), Reopen() and metrics_address() are
// safe for concurrent use; the set-up calls happen once, in the order shown.

#ifndef SCORECARD_SERVICE_OBSERVABILITY_H_
#define SCORECARD_SERVICE_OBSERVABILITY_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/server_interceptor.h"
#include "scorecard/v1/scorecard.pb.h"
#include "service/access_log.h"
#include "service/decision_log.h"
#include "service/log_writer.h"
#include "service/metrics.h"
#include "service/metrics_endpoint.h"
#include "service/rule_store.h"

namespace scorecard::service {

struct ObservabilityOptions {
  // Where to serve GET /metrics, "HOST:PORT" (port 0 picks one); empty: no
  // metrics at all. Default empty.
  std::string metrics_listen;
  // The decision log; an empty path: none. Default none.
  DecisionLogOptions decision_log;
  // Whether to write the access log. Default false.
  bool access_log = false;
  // Its file; empty: standard error. Default empty.
  std::string access_log_path;
  // scorecard_build_info's version label.
  std::string version;
};

// A judged scorecard's record, made while the call still holds its request.
struct Judgement {
  // The decision id for the response; empty without a decision log.
  std::string decision_id;
  // The decision-log line, ready to write; empty without a decision log.
  PendingDecision pending;
};

class Observability final {
 public:
  // Opens the logs (a log that cannot be opened fails Create, with
  // UNAVAILABLE, before anything serves) and makes the metrics.
  static absl::StatusOr<std::unique_ptr<Observability>> Create(
      const ObservabilityOptions& options);

  Observability(const Observability&) = delete;
  Observability& operator=(const Observability&) = delete;

  // Sets `options` so that the store's loads are counted (nothing when
  // metrics are off).
  void WatchRuleLoads(RuleStoreOptions& options);

  // Starts the metrics endpoint, which also shows `store`'s rule sets (not
  // owned; must outlive this object). Does nothing when metrics are off.
  absl::Status StartMetrics(const RuleStore* store);

  // Returns the interceptors to install on the server (none when metrics
  // and the access log are off).
  std::vector<
      std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
  Interceptors();

  // Counts a judged scorecard, notes it for the access log and, with a
  // decision log, prepares its record. `method` is the RPC's name
  // ("ValidateScorecard", "ValidateScorecards", "BatchValidateScorecards",
  // "ValidateDocument"); `correlation_id` is the stream request's, or the
  // scorecard's 0-based position in a batch or a document ("3").
  Judgement Judged(grpc::CallbackServerContext* context,
                   absl::string_view method, absl::string_view correlation_id,
                   const scorecard::v1::Scorecard& scorecard,
                   const scorecard::v1::ValidationResult& result);

  // Writes the judgement's decision record and tells `done` whether it was
  // written; without a decision log, tells `done` OK at once.
  void Commit(Judgement judgement, LogWriter::Done done);

  // Writes every judgement's record (a call that judged many scorecards)
  // and tells `done` once, when all are written: OK, or the first error. With
  // no judgements or no decision log, tells `done` OK at once. `done` may run
  // on the decision log's thread.
  void CommitAll(std::vector<Judgement> judgements, LogWriter::Done done);

  // Counts a validation refused with an error; `rule_set` is the id the
  // request named. A call of many scorecards that is refused counts once.
  void Refused(absl::string_view rule_set);

  // Reopens the decision log's file (SIGHUP).
  void Reopen();

  // Writes what the logs hold and closes them; stops the metrics endpoint.
  // Call after gRPC has finished every call.
  void Close();

  // Returns the metrics endpoint's address; empty when metrics are off.
  std::string metrics_address() const;

  // Returns the metrics; null when off.
  Metrics* metrics() { return metrics_.get(); }

 private:
  Observability() = default;

  std::string metrics_listen_;
  // Shared with the rule store's load callback, which may outlive this.
  std::shared_ptr<Metrics> metrics_;
  std::unique_ptr<DecisionLog> decision_log_;
  std::unique_ptr<AccessLog> access_log_;
  std::unique_ptr<MetricsEndpoint> endpoint_;
};

// The services whose methods the metrics label by name.
std::vector<std::string> ObservedServices();

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_OBSERVABILITY_H_
