// ParseRequest and SerializeResponse: the service's own parsing of request
// bytes, and what it says when they do not parse.

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/slice.h"
#include "gtest/gtest.h"
#include "scorecard/v1/scorecard_service.pb.h"
#include "service/message_bytes.h"

namespace scorecard::service {
namespace {

namespace v1 = ::scorecard::v1;
using ::testing::HasSubstr;

grpc::ByteBuffer Buffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

v1::ValidateScorecardsRequest TwoEntries() {
  v1::ValidateScorecardsRequest request;
  request.set_correlation_id("7");
  v1::Scorecard* card = request.mutable_scorecard();
  card->set_rule_set("led-fy2563");
  card->add_entries()->set_title("ร้อยละ");
  card->add_entries()->set_title("TITLE");
  return request;
}

TEST(ParseRequest, ParsesWhatProtobufSerialised) {
  v1::ValidateScorecardsRequest parsed;
  ASSERT_TRUE(ParseRequest(Buffer(TwoEntries().SerializeAsString()),
                           "the request", &parsed)
                  .ok());
  EXPECT_EQ(parsed.scorecard().entries(0).title(), "ร้อยละ");
  EXPECT_EQ(parsed.correlation_id(), "7");
}

TEST(ParseRequest, NamesTheFieldNotUtf8WithItsIndex) {
  const std::string bytes = absl::StrReplaceAll(
      TwoEntries().SerializeAsString(), {{"TITLE", "TI\xffLE"}});
  v1::ValidateScorecardsRequest parsed;
  const absl::Status status =
      ParseRequest(Buffer(bytes), "request 3 of the stream", &parsed);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "request 3 of the stream is not a valid ValidateScorecardsRequest: "
            "scorecard.entries[1].title is not valid UTF-8");
}

TEST(ParseRequest, SaysWhenTheBytesAreCutShort) {
  const std::string bytes = TwoEntries().SerializeAsString();
  v1::ValidateScorecardsRequest parsed;
  const absl::Status status = ParseRequest(
      Buffer(bytes.substr(0, bytes.size() - 2)), "the request", &parsed);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("cut short"));
}

TEST(ParseRequest, NoBytesAtAllIsInvalidArgument) {
  v1::GetRuleSetRequest parsed;
  const absl::Status status =
      ParseRequest(grpc::ByteBuffer(), "the request", &parsed);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("GetRuleSetRequest"));
}

TEST(SerializeResponse, WritesTheMessageIntoAReusedBuffer) {
  grpc::ByteBuffer bytes = Buffer("left over");
  v1::ValidateScorecardsResponse response;
  response.set_correlation_id("กอง");
  ASSERT_TRUE(SerializeResponse(response, &bytes).ok());
  v1::ValidateScorecardsResponse parsed;
  ASSERT_TRUE(ParseRequest(bytes, "the response", &parsed).ok());
  EXPECT_EQ(parsed.correlation_id(), "กอง");
}

}  // namespace
}  // namespace scorecard::service
