#include "service/metrics.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"

namespace scorecard::service {
namespace {

namespace pb = ::google::protobuf;
namespace v1 = ::scorecard::v1;

// Latency buckets, in seconds: go-grpc-prometheus's default (Prometheus's
// DefBuckets, 5 ms to 10 s) would put every call here, which takes tens to
// hundreds of microseconds, in the first bucket; these start at 100 µs.
const prometheus::Histogram::BucketBoundaries& LatencyBuckets() {
  static const auto* buckets = new prometheus::Histogram::BucketBoundaries{
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
      0.025,  0.05,    0.1,    0.25,  0.5,    1,     2.5, 5, 10};
  return *buckets;
}

prometheus::Family<prometheus::Counter>& CounterFamily(
    prometheus::Registry& registry, const std::string& name,
    const std::string& help) {
  return prometheus::BuildCounter().Name(name).Help(help).Register(registry);
}

// The family of scorecard_rules_reloads_total (the registry hands back the
// same family for the same name and help).
prometheus::Family<prometheus::Counter>& ReloadsFamily(
    prometheus::Registry& registry) {
  return CounterFamily(registry, "scorecard_rules_reloads_total",
                       "Loads of the rules (the first included), by result.");
}

// go-grpc-prometheus's grpc_type of a method.
std::string GrpcType(const pb::MethodDescriptor& method) {
  if (method.client_streaming() && method.server_streaming()) {
    return "bidi_stream";
  }
  if (method.client_streaming()) return "client_stream";
  if (method.server_streaming()) return "server_stream";
  return "unary";
}

absl::string_view SeverityLabel(v1::Severity severity) {
  switch (severity) {
    case v1::SEVERITY_WARNING:
      return "warning";
    case v1::SEVERITY_ERROR:
      return "error";
    default:
      return "unspecified";
  }
}

}  // namespace

absl::string_view GrpcCodeLabel(grpc::StatusCode code) {
  static constexpr absl::string_view kLabels[kGrpcCodeCount] = {
      "OK",
      "Canceled",
      "Unknown",
      "InvalidArgument",
      "DeadlineExceeded",
      "NotFound",
      "AlreadyExists",
      "PermissionDenied",
      "ResourceExhausted",
      "FailedPrecondition",
      "Aborted",
      "OutOfRange",
      "Unimplemented",
      "Internal",
      "Unavailable",
      "DataLoss",
      "Unauthenticated"};
  const int index = static_cast<int>(code);
  if (index < 0 || index >= kGrpcCodeCount) return "Unknown";
  return kLabels[index];
}

Metrics::Metrics(const std::vector<std::string>& services,
                 absl::string_view version)
    : registry_(std::make_shared<prometheus::Registry>()),
      started_(CounterFamily(*registry_, "grpc_server_started_total",
                             "Total number of RPCs started on the server.")),
      handled_(CounterFamily(
          *registry_, "grpc_server_handled_total",
          "Total number of RPCs completed on the server, regardless of "
          "success or failure.")),
      received_(CounterFamily(
          *registry_, "grpc_server_msg_received_total",
          "Total number of RPC stream messages received on the server.")),
      sent_(CounterFamily(
          *registry_, "grpc_server_msg_sent_total",
          "Total number of gRPC stream messages sent by the server.")),
      handling_seconds_(
          prometheus::BuildHistogram()
              .Name("grpc_server_handling_seconds")
              .Help("Histogram of response latency (seconds) of gRPC that "
                    "had been application-level handled by the server.")
              .Register(*registry_)),
      validations_(CounterFamily(
          *registry_, "scorecard_validations_total",
          "Scorecards validated, by rule set and result (valid, invalid, "
          "or refused: the request could not be judged).")),
      violations_(CounterFamily(*registry_, "scorecard_violations_total",
                                "Violations found, by rule set, code and "
                                "severity.")),
      reloads_loaded_(ReloadsFamily(*registry_).Add({{"result", "loaded"}})),
      reloads_refused_(
          ReloadsFamily(*registry_).Add({{"result", "refused"}})),
      last_reload_success_(
          prometheus::BuildGauge()
              .Name("scorecard_rules_last_reload_success_timestamp_seconds")
              .Help("When the rules last loaded, in seconds since the Unix "
                    "epoch.")
              .Register(*registry_)
              .Add({})),
      decision_log_dropped_(
          CounterFamily(*registry_, "scorecard_decision_log_dropped_total",
                        "Decision-log records dropped because the queue was "
                        "full (only with --decision_log_mode=drop).")
              .Add({})),
      decision_log_write_errors_(
          CounterFamily(*registry_, "scorecard_decision_log_write_errors_total",
                        "Writes to the decision log that failed; their calls "
                        "failed with UNAVAILABLE.")
              .Add({})) {
  prometheus::BuildGauge()
      .Name("scorecard_build_info")
      .Help("The scorecardd build; the value is always 1.")
      .Register(*registry_)
      .Add({{"version", std::string(version)}})
      .Set(1);
  for (const std::string& service : services) {
    const pb::ServiceDescriptor* descriptor =
        pb::DescriptorPool::generated_pool()->FindServiceByName(service);
    if (descriptor == nullptr) continue;
    for (int i = 0; i < descriptor->method_count(); ++i) {
      const pb::MethodDescriptor& method = *descriptor->method(i);
      AddMethod(service, method.name(), GrpcType(method),
                absl::StrCat("/", service, "/", method.name()));
    }
  }
  AddMethod("unknown", "unknown", "unknown", "");
  unknown_method_ = std::move(methods_[""]);
  methods_.erase("");
  absl::MutexLock lock(&mu_);
  unknown_rule_set_ = MakeRuleSetLocked("_unknown");
}

void Metrics::AddMethod(const std::string& service, const std::string& method,
                        const std::string& type, const std::string& key) {
  const prometheus::Labels labels = {
      {"grpc_service", service}, {"grpc_method", method}, {"grpc_type", type}};
  auto metrics = std::make_unique<MethodMetrics>();
  metrics->started = &started_.Add(labels);
  metrics->received = &received_.Add(labels);
  metrics->sent = &sent_.Add(labels);
  metrics->handling_seconds = &handling_seconds_.Add(labels, LatencyBuckets());
  for (int code = 0; code < kGrpcCodeCount; ++code) {
    prometheus::Labels with_code = labels;
    with_code["grpc_code"] =
        std::string(GrpcCodeLabel(static_cast<grpc::StatusCode>(code)));
    metrics->handled[code] = &handled_.Add(with_code);
  }
  methods_[key] = std::move(metrics);
}

MethodMetrics& Metrics::ForMethod(absl::string_view method) {
  const auto it = methods_.find(method);
  return it != methods_.end() ? *it->second : *unknown_method_;
}

Metrics::RuleSetMetrics* Metrics::MakeRuleSetLocked(const std::string& label) {
  auto metrics = std::make_unique<RuleSetMetrics>();
  metrics->label = label;
  metrics->valid =
      &validations_.Add({{"rule_set", label}, {"result", "valid"}});
  metrics->invalid =
      &validations_.Add({{"rule_set", label}, {"result", "invalid"}});
  metrics->refused =
      &validations_.Add({{"rule_set", label}, {"result", "refused"}});
  RuleSetMetrics* raw = metrics.get();
  rule_sets_[label] = std::move(metrics);
  return raw;
}

Metrics::RuleSetMetrics* Metrics::FindRuleSet(absl::string_view rule_set,
                                              bool make) {
  {
    absl::ReaderMutexLock lock(&mu_);
    const auto it = rule_sets_.find(rule_set);
    if (it != rule_sets_.end() && it->second.get() != unknown_rule_set_) {
      return it->second.get();
    }
    if (!make) return nullptr;
  }
  absl::MutexLock lock(&mu_);
  const auto it = rule_sets_.find(rule_set);
  if (it != rule_sets_.end() && it->second.get() != unknown_rule_set_) {
    return it->second.get();
  }
  // Two fixed labels (_unknown, _other) besides the ids.
  if (rule_set.empty() || rule_set == "_unknown" || rule_set == "_other" ||
      rule_sets_.size() >= kMaxRuleSetLabels + 1) {
    if (other_rule_sets_ == nullptr) {
      other_rule_sets_ = MakeRuleSetLocked("_other");
    }
    return other_rule_sets_;
  }
  return MakeRuleSetLocked(std::string(rule_set));
}

prometheus::Counter* Metrics::ViolationCounter(RuleSetMetrics& rule_set,
                                               v1::ViolationCode code,
                                               v1::Severity severity) {
  const size_t code_index = static_cast<size_t>(code);
  const size_t severity_index = static_cast<size_t>(severity);
  if (code_index >= rule_set.violations.size() ||
      severity_index >= rule_set.violations[0].size()) {
    return nullptr;
  }
  std::atomic<prometheus::Counter*>& slot =
      rule_set.violations[code_index][severity_index];
  prometheus::Counter* counter = slot.load(std::memory_order_acquire);
  if (counter != nullptr) return counter;
  // Family::Add returns the existing counter for the same labels, so two
  // threads racing here store the same pointer.
  counter = &violations_.Add(
      {{"rule_set", rule_set.label},
       {"code", v1::ViolationCode_Name(code)},
       {"severity", std::string(SeverityLabel(severity))}});
  slot.store(counter, std::memory_order_release);
  return counter;
}

void Metrics::CountValidation(const v1::ValidationResult& result) {
  RuleSetMetrics* rule_set = FindRuleSet(result.rule_set(), /*make=*/true);
  (result.valid() ? rule_set->valid : rule_set->invalid)->Increment();
  for (const v1::Violation& violation : result.violations()) {
    if (prometheus::Counter* counter =
            ViolationCounter(*rule_set, violation.code(), violation.severity())) {
      counter->Increment();
    }
  }
}

void Metrics::CountRefusedValidation(absl::string_view rule_set) {
  RuleSetMetrics* metrics = FindRuleSet(rule_set, /*make=*/false);
  if (metrics == nullptr) {
    absl::ReaderMutexLock lock(&mu_);
    metrics = unknown_rule_set_;
  }
  metrics->refused->Increment();
}

void Metrics::CountRulesLoad(bool loaded, absl::Time at) {
  if (!loaded) {
    reloads_refused_.Increment();
    return;
  }
  reloads_loaded_.Increment();
  last_reload_success_.Set(absl::ToDoubleSeconds(at - absl::UnixEpoch()));
}

void Metrics::CountDecisionLogDropped(int64_t records) {
  decision_log_dropped_.Increment(static_cast<double>(records));
}

void Metrics::CountDecisionLogWriteError() {
  decision_log_write_errors_.Increment();
}

}  // namespace scorecard::service
