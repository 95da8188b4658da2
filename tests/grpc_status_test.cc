// ToGrpcStatus: every absl code maps to the gRPC code of the same meaning,
// and the message is kept.

#include "absl/status/status.h"
#include "grpcpp/support/status.h"
#include "gtest/gtest.h"
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
  }
  EXPECT_EQ(ToGrpcStatus(absl::NotFoundError("x")).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ToGrpcStatus(absl::InvalidArgumentError("x")).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace scorecard::service
