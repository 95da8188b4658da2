// Error details on a scorecardd server in process: every call that fails
// because of its request carries a google.rpc.Status in the status details,
// with a BadRequest naming the field at fault (INVALID_ARGUMENT) or a
// ResourceInfo naming the rule set not found (NOT_FOUND), and an ErrorInfo
// with a stable reason in the domain scorecard.v1. (That a client in another
// language reads them is tests/clients/.)

#include <string>

#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "scorecard/v1/scorecard_service.grpc.pb.h"
#include "service/server.h"
#include "tests/testing/in_process_server.h"
#include "tests/testing/raw_call.h"
#include "tests/testing/wait.h"

namespace scorecard::service {
namespace {

namespace v1 = ::scorecard::v1;
using ::scorecard::testing::CallWithRawMessages;
using ::scorecard::testing::Card;
using ::scorecard::testing::InProcessServer;
using ::scorecard::testing::Request;
using ::scorecard::testing::Row;
using ::scorecard::testing::StartServer;
using ::scorecard::testing::Validate;
using ::testing::HasSubstr;

// The details of a failed call, unpacked.
struct Details {
  google::rpc::Status status;
  google::rpc::BadRequest bad_request;
  google::rpc::ResourceInfo resource;
  google::rpc::ErrorInfo info;
};

Details Unpack(const grpc::Status& status) {
  Details details;
  EXPECT_TRUE(details.status.ParseFromString(status.error_details()))
      << "no google.rpc.Status for: " << status.error_message();
  EXPECT_EQ(details.status.code(), static_cast<int>(status.error_code()));
  EXPECT_EQ(details.status.message(), status.error_message());
  for (const google::protobuf::Any& any : details.status.details()) {
    if (any.Is<google::rpc::BadRequest>()) any.UnpackTo(&details.bad_request);
    if (any.Is<google::rpc::ResourceInfo>()) any.UnpackTo(&details.resource);
    if (any.Is<google::rpc::ErrorInfo>()) any.UnpackTo(&details.info);
  }
  EXPECT_EQ(details.info.domain(), "scorecard.v1");
  return details;
}

// Validates `request` and returns the failure's details, expecting `code`.
Details ValidateFailing(InProcessServer& test,
                        const v1::ValidateScorecardRequest& request,
                        grpc::StatusCode code) {
  v1::ValidateScorecardResponse response;
  const grpc::Status status = Validate(*test.stub, request, &response);
  EXPECT_EQ(status.error_code(), code) << status.error_message();
  return Unpack(status);
}

void ExpectFieldViolation(const Details& details, const std::string& field,
                          const std::string& reason) {
  ASSERT_EQ(details.bad_request.field_violations_size(), 1)
      << details.status.ShortDebugString();
  EXPECT_EQ(details.bad_request.field_violations(0).field(), field);
  EXPECT_FALSE(details.bad_request.field_violations(0).description().empty());
  EXPECT_EQ(details.info.reason(), reason);
}

TEST(ErrorDetails, EachInvalidRequestNamesItsFieldAndReason) {
  InProcessServer test =
      StartServer([](ServerOptions& options) { options.max_entries = 2; });
  ExpectFieldViolation(
      ValidateFailing(test, v1::ValidateScorecardRequest(),
                      grpc::StatusCode::INVALID_ARGUMENT),
      "scorecard", "MISSING_SCORECARD");

  v1::Scorecard no_rule_set = Card();
  no_rule_set.clear_rule_set();
  ExpectFieldViolation(ValidateFailing(test, Request(no_rule_set),
                                       grpc::StatusCode::INVALID_ARGUMENT),
                       "scorecard.rule_set", "MISSING_RULE_SET");

  ExpectFieldViolation(ValidateFailing(test, Request(Card(), "fr"),
                                       grpc::StatusCode::INVALID_ARGUMENT),
                       "locale", "UNKNOWN_LOCALE");

  v1::Scorecard long_card = Card();
  *long_card.add_entries() = Row("1.2", "4");
  const Details too_many = ValidateFailing(test, Request(long_card),
                                           grpc::StatusCode::INVALID_ARGUMENT);
  ExpectFieldViolation(too_many, "scorecard.entries", "TOO_MANY_ENTRIES");
  EXPECT_EQ(too_many.info.metadata().at("limit"), "2");
  EXPECT_EQ(too_many.info.metadata().at("entries"), "3");
}

TEST(ErrorDetails, UnknownRuleSetIsAResourceInfo) {
  InProcessServer test = StartServer();
  v1::Scorecard card = Card();
  card.set_rule_set("no-such-fy2599");
  const Details details =
      ValidateFailing(test, Request(card), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(details.resource.resource_type(), "scorecard.v1.RuleSet");
  EXPECT_EQ(details.resource.resource_name(), "no-such-fy2599");
  EXPECT_THAT(details.resource.description(), HasSubstr("no-such-fy2599"));
  EXPECT_EQ(details.info.reason(), "UNKNOWN_RULE_SET");
  EXPECT_EQ(details.info.metadata().at("field"), "scorecard.rule_set");

  // GetRuleSet says the same of its own field.
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + testing::kPatience));
  v1::GetRuleSetRequest get;
  get.set_id("no-such-fy2599");
  v1::GetRuleSetResponse got;
  const Details get_details =
      Unpack(test.stub->GetRuleSet(&context, get, &got));
  EXPECT_EQ(get_details.info.reason(), "UNKNOWN_RULE_SET");
  EXPECT_EQ(get_details.info.metadata().at("field"), "id");
}

TEST(ErrorDetails, AStringThatIsNotUtf8IsAFieldViolationOfAMalformedRequest) {
  InProcessServer test = StartServer();
  v1::Scorecard card = Card();
  card.set_unit("UNIT");
  const std::string bytes = absl::StrReplaceAll(
      Request(card).SerializeAsString(), {{"UNIT", "\xff\xfe\xc0\x80"}});
  const auto r = CallWithRawMessages(
      test.channel, "/scorecard.v1.ScorecardService/ValidateScorecard",
      {bytes});
  ASSERT_EQ(r.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ExpectFieldViolation(Unpack(r.status), "scorecard.unit", "MALFORMED_REQUEST");
}

TEST(ErrorDetails, ACallThatSucceedsCarriesNone) {
  InProcessServer test = StartServer();
  v1::ValidateScorecardResponse response;
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + testing::kPatience));
  ASSERT_TRUE(
      test.stub->ValidateScorecard(&context, Request(Card()), &response).ok());
  EXPECT_EQ(context.GetServerTrailingMetadata().count(
                "grpc-status-details-bin"),
            0u);
}

}  // namespace
}  // namespace scorecard::service
