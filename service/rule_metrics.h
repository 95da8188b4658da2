// The metrics of the rules: which rule sets are in force
// (scorecard_rule_set_info, read from the store at scrape time) and how
// their loads went (scorecard_rules_reloads_total and the last success
// time, counted by wrapping the rule source, so that the store itself needs
// no hook).
//
//   source = std::make_unique<CountedRuleSource>(std::move(source), &metrics);
//   ... RuleStore::Create with that source ...
//   exposer.RegisterCollectable(std::make_shared<RuleSetInfoMetrics>(store));
//
// Thread-safety: both are safe for concurrent use; CountedRuleSource is as
// safe as the source it wraps.

#ifndef SCORECARD_SERVICE_RULE_METRICS_H_
#define SCORECARD_SERVICE_RULE_METRICS_H_

#include <memory>
#include <string>
#include <vector>

#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"
#include "service/metrics.h"
#include "service/rule_store.h"

namespace scorecard::service {

// scorecard_rule_set_info{rule_set, revision} 1 for each rule set in force.
// The labels come from the rule files, which the operator controls, not
// from callers.
class RuleSetInfoMetrics final : public prometheus::Collectable {
 public:
  // `store` is not owned and must outlive every Collect().
  explicit RuleSetInfoMetrics(const RuleStore* store) : store_(store) {}

  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  const RuleStore* const store_;
};

// A RuleSource that counts each Load() outcome in `metrics`: a load that
// gives rules is "loaded", one that fails "refused" (the store refuses
// exactly those; rule_store.h).
class CountedRuleSource final : public RuleSource {
 public:
  // `metrics` is not owned and must outlive the source.
  CountedRuleSource(std::unique_ptr<RuleSource> source, Metrics* metrics)
      : source_(std::move(source)), metrics_(metrics) {}

  absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> Load() override;
  std::string Fingerprint() override { return source_->Fingerprint(); }
  std::string Describe() const override { return source_->Describe(); }

 private:
  const std::unique_ptr<RuleSource> source_;
  Metrics* const metrics_;
};

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_RULE_METRICS_H_
