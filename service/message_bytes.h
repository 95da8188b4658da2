// The bytes of ScorecardService messages: requests parsed, responses
// serialised, by the service itself rather than by gRPC.
//
// gRPC 1.51's callback API parses each request before the service sees it,
// and when a request does not parse it tells the service nothing it can
// use: a unary call is answered UNIMPLEMENTED with an empty message, and a
// stream's read fails exactly as when the client half-closes, so the stream
// would end OK with the requests after the bad one dropped. The service
// therefore registers its methods raw (grpc::ByteBuffer in and out) and
// calls these two functions, so that a bad request gets INVALID_ARGUMENT
// saying which request and what is wrong with it.
//
//   v1::ValidateScorecardRequest request;
//   absl::Status parsed = ParseRequest(bytes, "the request", &request);
//   // INVALID_ARGUMENT "the request is not a valid ValidateScorecardRequest:
//   //                   scorecard.unit is not valid UTF-8"
//
// Thread-safety: pure functions, safe for concurrent use.

#ifndef SCORECARD_SERVICE_MESSAGE_BYTES_H_
#define SCORECARD_SERVICE_MESSAGE_BYTES_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "grpcpp/support/byte_buffer.h"

namespace scorecard::service {

// Parses `bytes` into `message` (replacing what it held). When they do not
// parse, returns INVALID_ARGUMENT "<what> is not a valid <message type>:
// <why>", where <why> names the first string field that is not UTF-8
// ("scorecard.entries[0].title is not valid UTF-8"), or says that the bytes
// are cut short or are not a message. `bytes` that hold no message at all (a
// unary call without a request) are INVALID_ARGUMENT too. The error carries
// an ErrorInfo MALFORMED_REQUEST and, when one field is at fault, a
// BadRequest naming it (error_details.h).
absl::Status ParseRequest(const grpc::ByteBuffer& bytes, absl::string_view what,
                          google::protobuf::Message* message);

// Serialises `message` into `bytes` (replacing what they held). INTERNAL when protobuf cannot (a
// message over 2 GiB).
absl::Status SerializeResponse(const google::protobuf::Message& message,
                               grpc::ByteBuffer* bytes);

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_MESSAGE_BYTES_H_
