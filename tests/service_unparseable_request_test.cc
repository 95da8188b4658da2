// Requests whose bytes are not the message the method takes, sent in process
// with grpc::GenericStub: a string field that is not UTF-8, or bytes cut
// short. Every RPC answers INVALID_ARGUMENT saying what is wrong, and the
// ValidateScorecards stream ends naming the request's position, with the
// requests before it answered and none after it read.

#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "rules/utf8.h"
#include "scorecard/v1/scorecard_service.pb.h"
#include "tests/testing/in_process_server.h"
#include "tests/testing/raw_call.h"

namespace scorecard::service {
namespace {

namespace v1 = ::scorecard::v1;
using ::scorecard::testing::CallWithRawMessages;
using ::scorecard::testing::Card;
using ::scorecard::testing::InProcessServer;
using ::scorecard::testing::RawCallResult;
using ::scorecard::testing::Request;
using ::scorecard::testing::StartServer;
using ::scorecard::testing::StreamRequest;
using ::testing::HasSubstr;
using ::testing::SizeIs;

constexpr char kService[] = "/scorecard.v1.ScorecardService/";

// Four bytes that are not UTF-8, the length of "UNIT" so that the length
// prefixes around a field still hold when one replaces the other.
constexpr char kNotUtf8[] = "\xff\xfe\xc0\x80";

// `message` serialised with the text "UNIT" in it replaced by kNotUtf8.
template <typename Message>
std::string WithUnitNotUtf8(const Message& message) {
  return absl::StrReplaceAll(message.SerializeAsString(), {{"UNIT", kNotUtf8}});
}

v1::Scorecard CardOfUnit() {
  v1::Scorecard card = Card();
  card.set_unit("UNIT");
  return card;
}

TEST(UnparseableRequest, StreamEndsWithInvalidArgumentNamingThePosition) {
  InProcessServer test = StartServer();
  const std::string good = StreamRequest("a", Card()).SerializeAsString();
  const std::string not_utf8 = WithUnitNotUtf8(StreamRequest("b", CardOfUnit()));
  const std::string truncated = good.substr(0, good.size() - 1);
  for (const std::string& bad : {not_utf8, truncated}) {
    const RawCallResult r =
        CallWithRawMessages(test.channel, std::string(kService) +
                                              "ValidateScorecards",
                            {good, bad, good, good});
    EXPECT_EQ(r.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << r.status.error_message();
    EXPECT_THAT(r.status.error_message(),
                HasSubstr("request 2 of the stream is not a valid "
                          "ValidateScorecardsRequest: "));
    EXPECT_TRUE(rules::IsValidUtf8(r.status.error_message()));
    // The first was answered; nothing after the bad one was read.
    EXPECT_THAT(r.responses, SizeIs(1));
    EXPECT_LE(r.requests_written, 2);
  }
}

TEST(UnparseableRequest, StreamNamesTheFieldThatIsNotUtf8) {
  InProcessServer test = StartServer();
  const RawCallResult r = CallWithRawMessages(
      test.channel, std::string(kService) + "ValidateScorecards",
      {WithUnitNotUtf8(StreamRequest("a", CardOfUnit()))});
  EXPECT_EQ(r.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(r.status.error_message(),
              HasSubstr("request 1 of the stream is not a valid "
                        "ValidateScorecardsRequest: scorecard.unit is not "
                        "valid UTF-8"));
}

TEST(UnparseableRequest, EveryUnaryMethodAnswersInvalidArgumentSayingWhy) {
  InProcessServer test = StartServer();
  v1::GetRuleSetRequest get;
  get.set_id("UNIT");
  const std::string truncated_list = std::string("\x0a\x05" "ab", 4);
  v1::BatchValidateScorecardsRequest batch;
  *batch.add_scorecards() = Card();
  *batch.add_scorecards() = CardOfUnit();
  v1::ValidateDocumentRequest document;
  document.set_document("{}");
  document.set_document_name("UNIT");
  struct Case {
    std::string method;
    std::string bytes;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"ValidateScorecard", WithUnitNotUtf8(Request(CardOfUnit())),
       "the request is not a valid ValidateScorecardRequest: scorecard.unit "
       "is not valid UTF-8"},
      {"GetRuleSet", WithUnitNotUtf8(get),
       "the request is not a valid GetRuleSetRequest: id is not valid UTF-8"},
      {"ListRuleSets", truncated_list,
       "the request is not a valid ListRuleSetsRequest: "},
      {"BatchValidateScorecards", WithUnitNotUtf8(batch),
       "the request is not a valid BatchValidateScorecardsRequest: "
       "scorecards[1].unit is not valid UTF-8"},
      {"ValidateDocument", WithUnitNotUtf8(document),
       "the request is not a valid ValidateDocumentRequest: document_name is "
       "not valid UTF-8"},
      {"ValidateDocument", truncated_list,
       "the request is not a valid ValidateDocumentRequest: "},
  };
  for (const Case& c : cases) {
    const RawCallResult r = CallWithRawMessages(
        test.channel, std::string(kService) + c.method, {c.bytes});
    EXPECT_EQ(r.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << c.method << ": " << r.status.error_message();
    EXPECT_THAT(r.status.error_message(), HasSubstr(c.message)) << c.method;
    EXPECT_THAT(r.responses, SizeIs(0)) << c.method;
  }
}

TEST(UnparseableRequest, UnaryCallWithoutARequestIsInvalidArgument) {
  InProcessServer test = StartServer();
  const RawCallResult r = CallWithRawMessages(
      test.channel, std::string(kService) + "ValidateScorecard", {});
  EXPECT_EQ(r.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << r.status.error_message();
  EXPECT_THAT(r.status.error_message(), HasSubstr("ValidateScorecardRequest"));
}

TEST(UnparseableRequest, WellFormedRawRequestsAreAnswered) {
  // The same path with good bytes: the glue parses what the stubs send.
  InProcessServer test = StartServer();
  const RawCallResult r = CallWithRawMessages(
      test.channel, std::string(kService) + "ValidateScorecard",
      {Request(Card()).SerializeAsString()});
  ASSERT_TRUE(r.status.ok()) << r.status.error_message();
  ASSERT_THAT(r.responses, SizeIs(1));
  v1::ValidateScorecardResponse response;
  ASSERT_TRUE(response.ParseFromString(r.responses[0]));
  EXPECT_EQ(response.result().computed_total(), "4.2000");
}

}  // namespace
}  // namespace scorecard::service
