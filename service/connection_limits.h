// What one client connection may hold of scorecardd, so that one bad or
// careless client cannot hurt the others: streams per connection, how often
// it may ping, how long it may live and sit idle, and how much memory the
// transport may use in all.
//
//   ConnectionLimits limits;              // the defaults below
//   limits.max_connection_age = absl::Minutes(10);
//   grpc::ResourceQuota quota("scorecardd");
//   ApplyConnectionLimits(limits, quota, builder);
//   builder.SetResourceQuota(quota);
//
// Every limit is enforced by gRPC's HTTP/2 transport (grpc::ServerBuilder
// channel arguments and its ResourceQuota); docs/security.md says what each
// one protects against and how it shows to a client.
//
// Thread-safety: plain data and a free function over a builder the caller
// owns.

#ifndef SCORECARD_SERVICE_CONNECTION_LIMITS_H_
#define SCORECARD_SERVICE_CONNECTION_LIMITS_H_

#include <cstdint>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "grpcpp/resource_quota.h"
#include "grpcpp/server_builder.h"

namespace scorecard::service {

struct ConnectionLimits {
  // The most calls (HTTP/2 streams) one connection may have open at once; a
  // client's further calls wait for one to end (gRPC clients queue them).
  // Must be positive. Default 100, Envoy's edge default.
  int max_concurrent_streams = 100;

  // A client may ping (HTTP/2 PING) at most once per this interval while it
  // has no call open; a client that pings more often is sent GOAWAY
  // ("too_many_pings", ENHANCE_YOUR_CALM) after two such pings. Must not be
  // negative. Default 5 minutes, gRPC's own default.
  absl::Duration keepalive_min_ping_interval = absl::Minutes(5);

  // Whether a client may ping at all while it has no call open (at the rate
  // above). Default false, gRPC's own default: such pings count as strikes.
  bool keepalive_permit_without_calls = false;

  // A connection older than this is sent GOAWAY: its calls in flight go on
  // (see the grace below) and the client opens a new connection for new
  // calls, which behind a Kubernetes Service may reach another replica.
  // gRPC adds ±10% jitter. Must be positive; absl::InfiniteDuration() is
  // off. Default 30 minutes.
  absl::Duration max_connection_age = absl::Minutes(30);

  // How long calls still running on a connection past its age get before
  // the connection is closed under them. Must not be negative; infinite
  // waits for them. Default 1 minute (scorecardctl's calls have a 60 s
  // deadline).
  absl::Duration max_connection_age_grace = absl::Minutes(1);

  // A connection with no call for this long is sent GOAWAY; the client
  // reconnects when it next calls. Must be positive; infinite is off.
  // Default 15 minutes.
  absl::Duration max_connection_idle = absl::Minutes(15);

  // How many bytes of a call's requests the server lets a client send ahead
  // of what the service has read (the HTTP/2 stream window, fixed: gRPC's
  // bandwidth-delay probing, which would grow it to megabytes, is off).
  // Bounds what a stream that the service is not reading (it waits for its
  // client to read an answer) can make the server buffer. At least 1024.
  // Default 64 KiB, HTTP/2's own default: enough for a LAN; raise it for
  // large requests over links with a long round trip.
  int stream_window_bytes = 64 * 1024;

  // The memory, in bytes, gRPC's transport may use for all connections
  // together (grpc::ResourceQuota::Resize): read buffers, received data not
  // yet read, per-call arenas. Near the bound gRPC shrinks its windows,
  // drops new connections and cancels calls with RESOURCE_EXHAUSTED
  // ("Buffers full"). What the service itself holds (a response waiting for
  // its client, one per call at most) is not counted: measured with clients
  // that never read (docs/security.md), the process stayed within about four
  // times this bound. Must be positive. Default 32 MiB, which keeps such an
  // attack within the 256 MiB the Kubernetes manifests give a pod; raise it
  // with the pod's memory when many large requests arrive at once (each
  // counts while it is read).
  int64_t max_transport_memory_bytes = int64_t{32} << 20;
};

// Returns OK when every limit is in its range (see above), else
// INVALID_ARGUMENT naming the limit.
absl::Status CheckConnectionLimits(const ConnectionLimits& limits);

// Sets `limits` on `builder` as channel arguments, and the memory bound on
// `quota`, which the caller then passes to builder.SetResourceQuota (one
// quota per server: the caller may also SetMaxThreads on it).
void ApplyConnectionLimits(const ConnectionLimits& limits,
                           grpc::ResourceQuota& quota,
                           grpc::ServerBuilder& builder);

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_CONNECTION_LIMITS_H_
