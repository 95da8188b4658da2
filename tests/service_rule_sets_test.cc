// ListRuleSets and GetRuleSet in process: every rule set held, the last
// refused reload until the next good one, a rule set in full, and the
// errors for a missing or unknown id.

#include <string>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "rules/problems.h"
#include "scorecard/v1/scorecard_service.grpc.pb.h"
#include "tests/testing/in_process_server.h"

namespace scorecard::service {
namespace {

using ::scorecard::testing::InProcessServer;
using ::scorecard::testing::Index;
using ::scorecard::testing::StartServer;
using ::scorecard::testing::kRulesR2;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

namespace v1 = ::scorecard::v1;

TEST(ListRuleSets, ListsEveryRuleSetOrderedById) {
  InProcessServer test = StartServer();
  grpc::ClientContext context;
  v1::ListRuleSetsResponse response;
  const grpc::Status status = test.stub->ListRuleSets(
      &context, v1::ListRuleSetsRequest(), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_THAT(response.rule_sets(), SizeIs(2));
  const v1::RuleSetSummary& other = response.rule_sets(0);
  EXPECT_EQ(other.id(), "other-fy2564");
  EXPECT_EQ(other.title(), "Other rules");
  EXPECT_EQ(other.fiscal_year(), 2564);
  EXPECT_EQ(other.revision(), "o1");
  EXPECT_EQ(other.unit_count(), 2);
  EXPECT_EQ(other.source(), "inline.textproto");
  EXPECT_EQ(response.rule_sets(1).id(), "test-fy2563");
  EXPECT_EQ(response.rule_sets(1).revision(), "r1");
  EXPECT_FALSE(response.has_last_refused_reload());
}

TEST(ListRuleSets, ShowsTheLastRefusedReloadUntilTheNextGoodOne) {
  InProcessServer test = StartServer();
  const absl::Time before = absl::Now();
  test.source->Script(
      {rules::ProblemsError(absl::StatusCode::kInvalidArgument,
                            {"a.yaml: weights sum to 90",
                             "b.yaml:3:1: unknown field \"wieght\""})});
  EXPECT_FALSE(test.server->rule_store().Reload().ok());

  v1::ListRuleSetsResponse response;
  {
    grpc::ClientContext context;
    ASSERT_TRUE(test.stub
                    ->ListRuleSets(&context, v1::ListRuleSetsRequest(),
                                   &response)
                    .ok());
  }
  ASSERT_TRUE(response.has_last_refused_reload());
  EXPECT_THAT(response.last_refused_reload().reasons(),
              ElementsAre("a.yaml: weights sum to 90",
                          "b.yaml:3:1: unknown field \"wieght\""));
  EXPECT_GE(response.last_refused_reload().attempted_at_unix_seconds(),
            absl::ToUnixSeconds(before));
  EXPECT_LE(response.last_refused_reload().attempted_at_unix_seconds(),
            absl::ToUnixSeconds(absl::Now()));
  // The old rules still serve.
  ASSERT_THAT(response.rule_sets(), SizeIs(2));
  EXPECT_EQ(response.rule_sets(1).revision(), "r1");

  test.source->Script({Index({kRulesR2})});
  ASSERT_TRUE(test.server->rule_store().Reload().ok());
  grpc::ClientContext context;
  response.Clear();
  ASSERT_TRUE(
      test.stub->ListRuleSets(&context, v1::ListRuleSetsRequest(), &response)
          .ok());
  EXPECT_FALSE(response.has_last_refused_reload());
  ASSERT_THAT(response.rule_sets(), SizeIs(1));
  EXPECT_EQ(response.rule_sets(0).revision(), "r2");
}

TEST(GetRuleSet, ReturnsTheRuleSetAsLoaded) {
  InProcessServer test = StartServer();
  grpc::ClientContext context;
  v1::GetRuleSetRequest request;
  request.set_id("test-fy2563");
  v1::GetRuleSetResponse response;
  const grpc::Status status =
      test.stub->GetRuleSet(&context, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.rule_set().id(), "test-fy2563");
  EXPECT_EQ(response.revision(), "r1");
  EXPECT_EQ(response.source(), "inline.textproto");
  ASSERT_THAT(response.rule_set().units(), SizeIs(1));
  EXPECT_EQ(response.rule_set().units(0).indicators(0).weight(), "60");
}

TEST(GetRuleSet, MissingIdIsInvalidArgumentAndUnknownIdNotFound) {
  InProcessServer test = StartServer();
  v1::GetRuleSetResponse response;
  {
    grpc::ClientContext context;
    const grpc::Status status =
        test.stub->GetRuleSet(&context, v1::GetRuleSetRequest(), &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(status.error_message(), HasSubstr("id"));
  }
  grpc::ClientContext context;
  v1::GetRuleSetRequest request;
  request.set_id("nope-fy2500");
  const grpc::Status status =
      test.stub->GetRuleSet(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("nope-fy2500"));
}

}  // namespace
}  // namespace scorecard::service
