// The HTTP endpoint Prometheus scrapes: GET /metrics in the text exposition
// format, served by prometheus-cpp's pull exposer (civetweb) on threads of
// its own.
//
//   auto endpoint = MetricsEndpoint::Start("127.0.0.1:0",
//                                          {metrics.registry(), process});
//   (*endpoint)->address();   // "127.0.0.1:41234"
//
// Thread-safety: address() is safe from any thread; the collectables are
// collected on the exposer's threads, so they must be safe for concurrent
// use (every prometheus-cpp metric is).

#ifndef SCORECARD_SERVICE_METRICS_ENDPOINT_H_
#define SCORECARD_SERVICE_METRICS_ENDPOINT_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "prometheus/collectable.h"
#include "prometheus/exposer.h"

namespace scorecard::service {

class MetricsEndpoint final {
 public:
  // Listens on `address` ("HOST:PORT", "[::]:9090"; port 0 picks a free
  // one) and serves `collectables` at /metrics. UNAVAILABLE when the address
  // cannot be bound. The endpoint keeps the collectables alive. Debian 12's
  // civetweb has no IPv6: "[::]" means every IPv4 interface ("0.0.0.0"), and
  // any other IPv6 address fails.
  static absl::StatusOr<std::unique_ptr<MetricsEndpoint>> Start(
      const std::string& address,
      std::vector<std::shared_ptr<prometheus::Collectable>> collectables);

  // Stops serving.
  ~MetricsEndpoint();

  MetricsEndpoint(const MetricsEndpoint&) = delete;
  MetricsEndpoint& operator=(const MetricsEndpoint&) = delete;

  // Returns the address bound, with the actual port.
  const std::string& address() const { return address_; }

 private:
  MetricsEndpoint() = default;

  std::vector<std::shared_ptr<prometheus::Collectable>> collectables_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  std::string address_;
};

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_METRICS_ENDPOINT_H_
