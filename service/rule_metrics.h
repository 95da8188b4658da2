// Which rule sets are in force, as a metric: scorecard_rule_set_info, read
// from the store at scrape time. (How loads went is counted through
// RuleStoreOptions::on_load_outcome; see Observability::WatchRuleLoads.)
//
//   exposer.RegisterCollectable(std::make_shared<RuleSetInfoMetrics>(store));
//
// Thread-safety: safe for concurrent use.

#ifndef SCORECARD_SERVICE_RULE_METRICS_H_
#define SCORECARD_SERVICE_RULE_METRICS_H_

#include <memory>
#include <string>
#include <vector>

#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"
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

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_RULE_METRICS_H_
