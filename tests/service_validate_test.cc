// ValidateScorecard in process: the verdict of the named rule set, content
// problems as violations, the basic view, locales, and every status code the
// call returns (missing fields, unknown rule set or locale, the entry and
// message-size limits, cancellation).

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "rules/utf8.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "scorecard/v1/scorecard_service.grpc.pb.h"
#include "service/json_log.h"
#include "service/server.h"
#include "tests/testing/in_process_server.h"

namespace scorecard::service {
namespace {

using ::scorecard::testing::Card;
using ::scorecard::testing::InProcessServer;
using ::scorecard::testing::Request;
using ::scorecard::testing::Row;
using ::scorecard::testing::StartServer;
using ::scorecard::testing::StreamRequest;
using ::scorecard::testing::Validate;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

namespace v1 = ::scorecard::v1;

TEST(ValidateScorecard, ReturnsTheVerdictOfTheNamedRuleSet) {
  InProcessServer test = StartServer();
  v1::ValidateScorecardResponse response;
  const grpc::Status status = Validate(*test.stub, Request(Card()), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.result().rule_set(), "test-fy2563");
  EXPECT_EQ(response.result().rule_set_revision(), "r1");
  EXPECT_EQ(response.result().unit(), "registry");
  EXPECT_EQ(response.result().computed_total(), "4.2000");
  EXPECT_TRUE(response.result().valid());
  EXPECT_THAT(response.result().violations(), IsEmpty());
}

TEST(ValidateScorecard, ContentProblemsAreViolationsInAnOkResponse) {
  InProcessServer test = StartServer();
  v1::Scorecard card = Card("7", "3");
  card.set_declared_total("1.0000");
  *card.add_entries() = Row("9.9", "5");
  v1::ValidateScorecardResponse response;
  const grpc::Status status = Validate(*test.stub, Request(card), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_FALSE(response.result().valid());
  std::vector<v1::ViolationCode> codes;
  for (const v1::Violation& violation : response.result().violations()) {
    codes.push_back(violation.code());
  }
  EXPECT_THAT(codes, ::testing::IsSupersetOf(
                         {v1::VIOLATION_CODE_SCORE_OUT_OF_RANGE,
                          v1::VIOLATION_CODE_UNKNOWN_INDICATOR}));
}

TEST(ValidateScorecard, BasicViewLeavesOutTheBreakdown) {
  InProcessServer test = StartServer();
  v1::ValidateScorecardRequest request = Request(Card());
  v1::ValidateScorecardResponse full;
  ASSERT_TRUE(Validate(*test.stub, request, &full).ok());
  request.set_view(v1::RESULT_VIEW_BASIC);
  v1::ValidateScorecardResponse basic;
  ASSERT_TRUE(Validate(*test.stub, request, &basic).ok());
  EXPECT_THAT(full.result().contributions(), SizeIs(2));
  EXPECT_THAT(basic.result().contributions(), IsEmpty());
  EXPECT_THAT(basic.result().category_subtotals(), IsEmpty());
  EXPECT_EQ(basic.result().computed_total(), full.result().computed_total());
  EXPECT_TRUE(basic.result().valid());
}

TEST(ValidateScorecard, UnknownUnitIsAViolationNotAnError) {
  InProcessServer test = StartServer();
  v1::Scorecard card = Card();
  card.set_unit("no such unit");
  v1::ValidateScorecardResponse response;
  const grpc::Status status = Validate(*test.stub, Request(card), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_THAT(response.result().violations(), SizeIs(1));
  EXPECT_EQ(response.result().violations(0).code(),
            v1::VIOLATION_CODE_UNKNOWN_UNIT);
}

TEST(ValidateScorecard, WritesMessagesInTheRequestedLocale) {
  InProcessServer test = StartServer();
  v1::Scorecard card = Card("7", "3");
  v1::ValidateScorecardResponse english;
  v1::ValidateScorecardResponse thai;
  ASSERT_TRUE(Validate(*test.stub, Request(card, "en"), &english).ok());
  ASSERT_TRUE(Validate(*test.stub, Request(card, "th"), &thai).ok());
  ASSERT_THAT(english.result().violations(), SizeIs(1));
  ASSERT_THAT(thai.result().violations(), SizeIs(1));
  EXPECT_NE(english.result().violations(0).message(),
            thai.result().violations(0).message());
}

TEST(ValidateScorecard, MissingScorecardIsInvalidArgument) {
  InProcessServer test = StartServer();
  v1::ValidateScorecardResponse response;
  const grpc::Status status =
      Validate(*test.stub, v1::ValidateScorecardRequest(), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("scorecard"));
}

TEST(ValidateScorecard, MissingRuleSetIsInvalidArgument) {
  InProcessServer test = StartServer();
  v1::Scorecard card = Card();
  card.clear_rule_set();
  v1::ValidateScorecardResponse response;
  const grpc::Status status = Validate(*test.stub, Request(card), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "scorecard.rule_set is required");
}

TEST(ValidateScorecard, UnknownRuleSetIsNotFoundNamingIt) {
  InProcessServer test = StartServer();
  v1::Scorecard card = Card();
  card.set_rule_set("led-fy2599");
  v1::ValidateScorecardResponse response;
  const grpc::Status status = Validate(*test.stub, Request(card), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("led-fy2599"));
  EXPECT_THAT(status.error_message(), HasSubstr("test-fy2563"));
}

TEST(ValidateScorecard, UnknownLocaleIsInvalidArgumentNamingTheField) {
  InProcessServer test = StartServer();
  v1::ValidateScorecardResponse response;
  const grpc::Status status =
      Validate(*test.stub, Request(Card(), "klingon"), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("locale"));
}

TEST(ValidateScorecard, TooManyEntriesIsInvalidArgumentNamingTheLimit) {
  InProcessServer test =
      StartServer([](ServerOptions& options) { options.max_entries = 3; });
  v1::Scorecard card = Card();
  *card.add_entries() = Row("1.1", "5");
  ASSERT_EQ(card.entries_size(), 3);
  v1::ValidateScorecardResponse response;
  EXPECT_TRUE(Validate(*test.stub, Request(card), &response).ok());

  *card.add_entries() = Row("2.1", "5");
  const grpc::Status status = Validate(*test.stub, Request(card), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("scorecard.entries"));
  EXPECT_THAT(status.error_message(), HasSubstr("limit is 3"));
}

TEST(ValidateScorecard, MessageOverTheReceiveLimitIsResourceExhausted) {
  InProcessServer test = StartServer([](ServerOptions& options) {
    options.max_receive_message_bytes = 1024;
    options.listen_address = "127.0.0.1:0";
  });
  v1::Scorecard card = Card();
  card.mutable_entries(0)->set_title(std::string(2000, 'x'));
  // Both the network path and the in-process one go through gRPC's limit.
  auto network = v1::ScorecardService::NewStub(grpc::CreateChannel(
      test.server->address(), grpc::InsecureChannelCredentials()));
  for (v1::ScorecardService::Stub* stub : {network.get(), test.stub.get()}) {
    v1::ValidateScorecardResponse response;
    const grpc::Status status = Validate(*stub, Request(card), &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
        << status.error_message();
  }
  // Just under the limit is fine.
  card.mutable_entries(0)->set_title(std::string(500, 'x'));
  v1::ValidateScorecardResponse response;
  EXPECT_TRUE(Validate(*network, Request(card), &response).ok());
}

// Caller text reaches error messages only through rules::QuoteText: a
// 20 KiB rule set id or locale is answered with its own error and a short
// message, not with RESOURCE_EXHAUSTED for metadata too large (gRPC's
// clients accept 8 KiB of metadata by default), and every message is valid
// UTF-8. Over the network, where that limit applies.
TEST(ValidateScorecard, HugeCallerTextIsQuotedShortInTheError) {
  InProcessServer test = StartServer(
      [](ServerOptions& options) { options.listen_address = "127.0.0.1:0"; });
  auto stub = v1::ScorecardService::NewStub(grpc::CreateChannel(
      test.server->address(), grpc::InsecureChannelCredentials()));
  std::string huge;
  while (huge.size() < 20 * 1024) huge += "กองทะเบียน";
  constexpr size_t kBounded = 1024;

  v1::Scorecard card = Card();
  card.set_rule_set(huge);
  v1::ValidateScorecardResponse response;
  grpc::Status status = Validate(*stub, Request(card), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND)
      << status.error_message().substr(0, 200);
  EXPECT_LT(status.error_message().size(), kBounded);
  EXPECT_THAT(status.error_message(), HasSubstr("กองทะเบียน"));
  EXPECT_THAT(status.error_message(), HasSubstr("…"));
  EXPECT_TRUE(rules::IsValidUtf8(status.error_message()));

  status = Validate(*stub, Request(Card(), huge), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << status.error_message().substr(0, 200);
  EXPECT_LT(status.error_message().size(), kBounded);
  EXPECT_TRUE(rules::IsValidUtf8(status.error_message()));

  grpc::ClientContext context;
  v1::GetRuleSetRequest get;
  get.set_id(huge);
  v1::GetRuleSetResponse rule_set;
  status = stub->GetRuleSet(&context, get, &rule_set);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND)
      << status.error_message().substr(0, 200);
  EXPECT_LT(status.error_message().size(), kBounded);
  EXPECT_TRUE(rules::IsValidUtf8(status.error_message()));
}

// A response over --max_send_message_bytes is not sent: the call fails with
// RESOURCE_EXHAUSTED.
TEST(ValidateScorecard, ResponseOverTheSendLimitIsResourceExhausted) {
  InProcessServer test = StartServer([](ServerOptions& options) {
    options.max_send_message_bytes = 64;
    options.listen_address = "127.0.0.1:0";
  });
  auto stub = v1::ScorecardService::NewStub(grpc::CreateChannel(
      test.server->address(), grpc::InsecureChannelCredentials()));
  v1::ValidateScorecardResponse response;
  const grpc::Status status = Validate(*stub, Request(Card()), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
      << status.error_message();
  EXPECT_THAT(status.error_message(), HasSubstr("larger than max"));

  // A stream ends at the first response over the limit.
  grpc::ClientContext context;
  auto stream = stub->ValidateScorecards(&context);
  ASSERT_TRUE(stream->Write(StreamRequest("a", Card())));
  v1::ValidateScorecardsResponse streamed;
  EXPECT_FALSE(stream->Read(&streamed));
  const grpc::Status ended = stream->Finish();
  EXPECT_EQ(ended.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
      << ended.error_message();
}

// A call the client cancels before sending it ends CANCELLED and never
// reaches the service (the "drained" line counts the calls that reached a
// handler). The service's own branch for a call cancelled after it arrived
// but before its handler ran (FinishUnary's IsCancelled check) is not
// reached by this test, nor by any other: no handler blocks, and the
// callback threads that would have to be kept busy are gRPC's, so such a
// call cannot be made to happen on purpose.
TEST(ValidateScorecard, CallCancelledBeforeItIsSentNeverReachesTheService) {
  std::vector<std::string> drained;
  SetLogSinkForTesting([&](absl::string_view line) {
    if (absl::StrContains(line, "\"event\":\"drained\"")) {
      drained.emplace_back(line);
    }
  });
  {
    InProcessServer test = StartServer();
    grpc::ClientContext context;
    context.TryCancel();
    v1::ValidateScorecardResponse response;
    const grpc::Status status =
        test.stub->ValidateScorecard(&context, Request(Card()), &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::CANCELLED);
  }
  SetLogSinkForTesting(nullptr);
  ASSERT_THAT(drained, SizeIs(1));
  EXPECT_THAT(drained[0], HasSubstr("\"calls_started\":0"));
}

}  // namespace
}  // namespace scorecard::service
