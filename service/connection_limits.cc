#include "service/connection_limits.h"

#include <algorithm>
#include <climits>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "grpc/grpc.h"

namespace scorecard::service {
namespace {

// A duration as gRPC's millisecond channel arguments take it: INT_MAX (which
// gRPC reads as "never") for an infinite or huge one.
int Milliseconds(absl::Duration duration) {
  if (duration == absl::InfiniteDuration()) return INT_MAX;
  return static_cast<int>(
      std::min<int64_t>(absl::ToInt64Milliseconds(duration), INT_MAX));
}

absl::Status MustBePositive(absl::string_view name, absl::Duration value) {
  if (value > absl::ZeroDuration()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      name, " must be positive, not ", absl::FormatDuration(value)));
}

absl::Status MustNotBeNegative(absl::string_view name, absl::Duration value) {
  if (value >= absl::ZeroDuration()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      name, " must not be negative, not ", absl::FormatDuration(value)));
}

}  // namespace

absl::Status CheckConnectionLimits(const ConnectionLimits& limits) {
  if (limits.max_concurrent_streams <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_concurrent_streams must be positive, not ",
                     limits.max_concurrent_streams));
  }
  if (limits.stream_window_bytes < 1024) {
    return absl::InvalidArgumentError(
        absl::StrCat("stream_window_bytes must be 1024 at least, not ",
                     limits.stream_window_bytes));
  }
  if (limits.max_transport_memory_bytes <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_transport_memory_bytes must be positive, not ",
                     limits.max_transport_memory_bytes));
  }
  for (const absl::Status& status :
       {MustNotBeNegative("keepalive_min_ping_interval",
                          limits.keepalive_min_ping_interval),
        MustBePositive("max_connection_age", limits.max_connection_age),
        MustNotBeNegative("max_connection_age_grace",
                          limits.max_connection_age_grace),
        MustBePositive("max_connection_idle", limits.max_connection_idle)}) {
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

void ApplyConnectionLimits(const ConnectionLimits& limits,
                           grpc::ResourceQuota& quota,
                           grpc::ServerBuilder& builder) {
  builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS,
                             limits.max_concurrent_streams);
  builder.AddChannelArgument(
      GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS,
      Milliseconds(limits.keepalive_min_ping_interval));
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS,
                             limits.keepalive_permit_without_calls ? 1 : 0);
  // Two strikes, as gRPC defaults: the third ping too soon is told GOAWAY.
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PING_STRIKES, 2);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_MS,
                             Milliseconds(limits.max_connection_age));
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_GRACE_MS,
                             Milliseconds(limits.max_connection_age_grace));
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_IDLE_MS,
                             Milliseconds(limits.max_connection_idle));
  // Fixed receive windows: with BDP probing on, gRPC grows every stream's
  // window to what the link could carry (megabytes on a fast network), and a
  // client that sends without reading its answers fills them all.
  builder.AddChannelArgument(GRPC_ARG_HTTP2_BDP_PROBE, 0);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES,
                             limits.stream_window_bytes);
  quota.Resize(static_cast<size_t>(limits.max_transport_memory_bytes));
}

}  // namespace scorecard::service
