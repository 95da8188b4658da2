// scorecardd's Prometheus metrics: the families, and the counters the hot
// path touches, made once so that counting a call is an array index and an
// atomic add.
//
//   Metrics metrics({"scorecard.v1.ScorecardService", "grpc.health.v1.Health"});
//   MethodMetrics& m = metrics.ForMethod("/scorecard.v1.ScorecardService/ListRuleSets");
//   m.started->Increment();
//   ...
//   metrics.CountValidation(response.result());
//   exposer.RegisterCollectable(metrics.registry());
//
// Names and labels follow go-grpc-prometheus, the de facto standard, so that
// existing dashboards work: grpc_server_started_total,
// grpc_server_handled_total (grpc_service, grpc_method, grpc_type,
// grpc_code), grpc_server_msg_received_total, grpc_server_msg_sent_total,
// grpc_server_handling_seconds (a histogram, without grpc_code). grpc_code
// is spelt as Go spells codes ("OK", "InvalidArgument", "Unavailable").
// The domain's: scorecard_validations_total (rule_set, result = valid,
// invalid or refused), scorecard_violations_total (rule_set, code,
// severity), scorecard_rules_reloads_total (result = loaded or refused),
// scorecard_rules_last_reload_success_timestamp_seconds,
// scorecard_decision_log_dropped_total, scorecard_decision_log_write_errors_total,
// scorecard_build_info (version). docs/operations.md lists them all.
//
// No label value comes unbounded from a caller: grpc_service and grpc_method
// are those of the services named at construction (any other method, such
// as one a client made up, counts under "unknown"); rule_set is the id of a
// rule set the server has judged a scorecard by (at most kMaxRuleSetLabels
// of them; beyond, "_other"), and a refused call names a rule set only when
// it is one of those, else "_unknown"; code and severity are enum names.
//
// Thread-safety: safe for concurrent use without external locking.

#ifndef SCORECARD_SERVICE_METRICS_H_
#define SCORECARD_SERVICE_METRICS_H_

#include <array>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/support/status.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"
#include "scorecard/v1/scorecard.pb.h"

namespace scorecard::service {

// How many distinct rule set ids get labels of their own.
inline constexpr int kMaxRuleSetLabels = 100;

// The number of gRPC status codes (OK to UNAUTHENTICATED).
inline constexpr int kGrpcCodeCount = 17;

// The counters of one gRPC method. Pointers into the registry; never null.
struct MethodMetrics {
  prometheus::Counter* started = nullptr;
  prometheus::Counter* received = nullptr;
  prometheus::Counter* sent = nullptr;
  // Indexed by grpc::StatusCode.
  std::array<prometheus::Counter*, kGrpcCodeCount> handled = {};
  prometheus::Histogram* handling_seconds = nullptr;
};

// Returns gRPC's `code` as go-grpc-prometheus labels it ("InvalidArgument").
absl::string_view GrpcCodeLabel(grpc::StatusCode code);

class Metrics final {
 public:
  // `services` are full service names ("scorecard.v1.ScorecardService")
  // whose methods, found in protobuf's generated pool, get labels of their
  // own. `version` is scorecard_build_info's label.
  Metrics(const std::vector<std::string>& services, absl::string_view version);

  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Returns the registry holding every metric here, to expose.
  std::shared_ptr<prometheus::Registry> registry() const { return registry_; }

  // Returns the counters of `method` ("/package.Service/Method"), or those
  // labelled "unknown" when it is not a method of the services named at
  // construction. Never allocates.
  MethodMetrics& ForMethod(absl::string_view method);

  // Counts a judged scorecard: its verdict and each of its violations.
  void CountValidation(const scorecard::v1::ValidationResult& result)
      ABSL_LOCKS_EXCLUDED(mu_);

  // Counts a validation refused with an error, for the rule set `rule_set`
  // the request named (labelled as said above).
  void CountRefusedValidation(absl::string_view rule_set)
      ABSL_LOCKS_EXCLUDED(mu_);

  // Counts a load of the rules (the first included), and on success sets the
  // last-success time to `at`.
  void CountRulesLoad(bool loaded, absl::Time at);

  // Counts decision-log records dropped (--decision_log_mode=drop) and
  // failed writes.
  void CountDecisionLogDropped(int64_t records);
  void CountDecisionLogWriteError();

 private:
  // The counters of one rule_set label value.
  struct RuleSetMetrics {
    prometheus::Counter* valid = nullptr;
    prometheus::Counter* invalid = nullptr;
    prometheus::Counter* refused = nullptr;
    // Made on first use, indexed by ViolationCode and Severity.
    std::array<std::array<std::atomic<prometheus::Counter*>, 3>, 32>
        violations = {};
    std::string label;
  };

  // Returns the counters for `rule_set`, making them when `make` and the
  // limit allows; null when not made.
  RuleSetMetrics* FindRuleSet(absl::string_view rule_set, bool make)
      ABSL_LOCKS_EXCLUDED(mu_);
  RuleSetMetrics* MakeRuleSetLocked(const std::string& label)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  prometheus::Counter* ViolationCounter(RuleSetMetrics& rule_set,
                                        scorecard::v1::ViolationCode code,
                                        scorecard::v1::Severity severity)
      ABSL_LOCKS_EXCLUDED(mu_);
  void AddMethod(const std::string& service, const std::string& method,
                 const std::string& type, const std::string& key);

  const std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>& started_;
  prometheus::Family<prometheus::Counter>& handled_;
  prometheus::Family<prometheus::Counter>& received_;
  prometheus::Family<prometheus::Counter>& sent_;
  prometheus::Family<prometheus::Histogram>& handling_seconds_;
  prometheus::Family<prometheus::Counter>& validations_;
  prometheus::Family<prometheus::Counter>& violations_;
  prometheus::Counter& reloads_loaded_;
  prometheus::Counter& reloads_refused_;
  prometheus::Gauge& last_reload_success_;
  prometheus::Counter& decision_log_dropped_;
  prometheus::Counter& decision_log_write_errors_;

  // Built by the constructor, read-only after.
  absl::flat_hash_map<std::string, std::unique_ptr<MethodMetrics>> methods_;
  std::unique_ptr<MethodMetrics> unknown_method_;

  absl::Mutex mu_;
  absl::flat_hash_map<std::string, std::unique_ptr<RuleSetMetrics>> rule_sets_
      ABSL_GUARDED_BY(mu_);
  RuleSetMetrics* other_rule_sets_ ABSL_GUARDED_BY(mu_) = nullptr;
  RuleSetMetrics* unknown_rule_set_ ABSL_GUARDED_BY(mu_) = nullptr;
};

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_METRICS_H_
