// ToGrpcStatus: every absl code maps to the gRPC code of the same meaning,
// the message is kept, and a status's error details (error_details.h) become
// a google.rpc.Status in the status details.

#include <string>

#include "absl/status/status.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/support/status.h"
#include "gtest/gtest.h"
#include "service/error_details.h"
#include "service/grpc_status.h"

namespace scorecard::service {
namespace {

TEST(ToGrpcStatus, MapsEveryCodeOneToOneAndKeepsTheMessage) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  for (int code = 1; code <= 16; ++code) {
    const grpc::Status status = ToGrpcStatus(
        absl::Status(static_cast<absl::StatusCode>(code), "why"));
    EXPECT_EQ(static_cast<int>(status.error_code()), code);
    EXPECT_EQ(status.error_message(), "why");
    EXPECT_EQ(status.error_details(), "") << "no payloads, no details";
  }
  EXPECT_EQ(ToGrpcStatus(absl::NotFoundError("x")).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ToGrpcStatus(absl::InvalidArgumentError("x")).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

// Returns the detail of type T in `details`; fails the test when absent.
template <typename T>
T Detail(const google::rpc::Status& details) {
  T message;
  for (const google::protobuf::Any& any : details.details()) {
    if (any.Is<T>()) {
      EXPECT_TRUE(any.UnpackTo(&message));
      return message;
    }
  }
  ADD_FAILURE() << "no " << T::descriptor()->full_name() << " in "
                << details.ShortDebugString();
  return message;
}

TEST(ToGrpcStatus, SendsBadRequestAndErrorInfoAsStatusDetails) {
  const grpc::Status status = ToGrpcStatus(BadRequestError(
      kReasonTooManyEntries, "scorecard.entries", "too many", {{"limit", "3"}}));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  EXPECT_EQ(details.code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(details.message(), "too many");
  const auto bad_request = Detail<google::rpc::BadRequest>(details);
  ASSERT_EQ(bad_request.field_violations_size(), 1);
  EXPECT_EQ(bad_request.field_violations(0).field(), "scorecard.entries");
  EXPECT_EQ(bad_request.field_violations(0).description(), "too many");
  const auto info = Detail<google::rpc::ErrorInfo>(details);
  EXPECT_EQ(info.reason(), "TOO_MANY_ENTRIES");
  EXPECT_EQ(info.domain(), "scorecard.v1");
  EXPECT_EQ(info.metadata().at("limit"), "3");
}

TEST(ToGrpcStatus, SendsResourceInfoForARuleSetNotFound) {
  const grpc::Status status = ToGrpcStatus(
      RuleSetNotFoundError("id", "nope\xff", "id: no rule set"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  const auto resource = Detail<google::rpc::ResourceInfo>(details);
  EXPECT_EQ(resource.resource_type(), "scorecard.v1.RuleSet");
  // The caller's bytes are quoted as valid UTF-8.
  EXPECT_EQ(resource.resource_name(), "nope\xef\xbf\xbd");
  const auto info = Detail<google::rpc::ErrorInfo>(details);
  EXPECT_EQ(info.reason(), "UNKNOWN_RULE_SET");
  EXPECT_EQ(info.metadata().at("field"), "id");
}

TEST(ErrorReason, ReadsTheReasonBackAndIsEmptyWithoutOne) {
  EXPECT_EQ(ErrorReason(WithErrorInfo(absl::UnavailableError("x"),
                                      kReasonDecisionLogUnavailable)),
            "DECISION_LOG_UNAVAILABLE");
  EXPECT_EQ(ErrorReason(absl::UnavailableError("x")), "");
  EXPECT_TRUE(WithErrorInfo(absl::OkStatus(), "X").ok());
}

}  // namespace
}  // namespace scorecard::service
