// The one place where the service turns an absl::Status into a grpc::Status.
//
// Errors travel through the rules engine and the service as absl::Status; the
// RPC edge converts them here, once, code for code (absl's canonical codes and
// gRPC's are the same seventeen codes). The message passes through unchanged.
// The status's payloads (error_details.h: a BadRequest, a ResourceInfo, an
// ErrorInfo, each stored under its type URL) become the details of a
// google.rpc.Status, which gRPC sends in the grpc-status-details-bin trailer
// (AIP-193); a status without payloads sends no such trailer.
//
//   reactor->Finish(ToGrpcStatus(handler.ValidateScorecard(*request, response)));
//
// Thread-safety: a pure function, safe for concurrent use.

#ifndef SCORECARD_SERVICE_GRPC_STATUS_H_
#define SCORECARD_SERVICE_GRPC_STATUS_H_

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace scorecard::service {

// Returns `status` as a grpc::Status with the same code and message, and its
// payloads as google.rpc.Status details (see above). An OK status becomes
// grpc::Status::OK; a code outside the canonical set becomes UNKNOWN.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_GRPC_STATUS_H_
