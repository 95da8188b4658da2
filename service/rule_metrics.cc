#include "service/rule_metrics.h"

#include "rules/rule_set.h"

namespace scorecard::service {

std::vector<prometheus::MetricFamily> RuleSetInfoMetrics::Collect() const {
  prometheus::MetricFamily family;
  family.name = "scorecard_rule_set_info";
  family.help = "The rule sets in force, with their revisions; always 1.";
  family.type = prometheus::MetricType::Gauge;
  for (const auto& rule_set : store_->Snapshot()->rule_sets()) {
    prometheus::ClientMetric metric;
    metric.label = {{"revision", rule_set->revision()},
                    {"rule_set", rule_set->id()}};
    metric.gauge.value = 1;
    family.metric.push_back(std::move(metric));
  }
  return {std::move(family)};
}

}  // namespace scorecard::service
