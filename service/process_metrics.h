// The process metrics every Prometheus client library exports, read from
// /proc at scrape time: process_resident_memory_bytes,
// process_virtual_memory_bytes, process_cpu_seconds_total, process_open_fds,
// process_max_fds and process_start_time_seconds (Linux only, as in the Go
// and Python clients).
//
//   auto process = std::make_shared<ProcessMetrics>();
//   exposer.RegisterCollectable(process);
//
// A value that cannot be read is left out of the scrape rather than
// reported as 0.
//
// Thread-safety: Collect() is safe for concurrent use.

#ifndef SCORECARD_SERVICE_PROCESS_METRICS_H_
#define SCORECARD_SERVICE_PROCESS_METRICS_H_

#include <vector>

#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"

namespace scorecard::service {

class ProcessMetrics final : public prometheus::Collectable {
 public:
  std::vector<prometheus::MetricFamily> Collect() const override;
};

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_PROCESS_METRICS_H_
