#include "service/metrics_endpoint.h"

#include <exception>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace scorecard::service {

absl::StatusOr<std::unique_ptr<MetricsEndpoint>> MetricsEndpoint::Start(
    const std::string& address,
    std::vector<std::shared_ptr<prometheus::Collectable>> collectables) {
  const size_t colon = address.rfind(':');
  if (address.empty() || colon == std::string::npos || colon + 1 == address.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the metrics address must be HOST:PORT, not \"", address, "\""));
  }
  // Debian 12's civetweb is built without IPv6, so "[::]" (every interface)
  // is served as "0.0.0.0" (every IPv4 interface); another IPv6 address
  // cannot be bound and fails below.
  std::string bind = address;
  if (absl::StartsWith(bind, "[::]:")) {
    bind = absl::StrCat("0.0.0.0:", address.substr(colon + 1));
  }
  std::unique_ptr<MetricsEndpoint> endpoint(new MetricsEndpoint());
  // prometheus-cpp reports a failure to listen by throwing (civetweb's
  // CivetException); no exception leaves here.
  try {
    endpoint->exposer_ = std::make_unique<prometheus::Exposer>(bind, 2);
  } catch (const std::exception& error) {
    return absl::UnavailableError(absl::StrCat(
        "cannot serve metrics on \"", address, "\" (IPv4 addresses and [::] "
        "only; is the port free?): ", error.what()));
  }
  const std::vector<int> ports = endpoint->exposer_->GetListeningPorts();
  if (ports.empty()) {
    return absl::UnavailableError(
        absl::StrCat("cannot serve metrics on \"", address, "\""));
  }
  endpoint->address_ = absl::StrCat(address.substr(0, colon + 1), ports[0]);
  endpoint->collectables_ = std::move(collectables);
  for (const auto& collectable : endpoint->collectables_) {
    endpoint->exposer_->RegisterCollectable(collectable);
  }
  return endpoint;
}

MetricsEndpoint::~MetricsEndpoint() {
  // The exposer first, so that no scrape runs while the collectables go.
  exposer_.reset();
}

}  // namespace scorecard::service
