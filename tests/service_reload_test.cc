// Reloads racing with calls, in process: every call and every stream message
// is judged by one revision of the rules.

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "scorecard/v1/scorecard_service.grpc.pb.h"
#include "tests/testing/in_process_server.h"

namespace scorecard::service {
namespace {

using ::scorecard::testing::Card;
using ::scorecard::testing::InProcessServer;
using ::scorecard::testing::Index;
using ::scorecard::testing::Request;
using ::scorecard::testing::StartServer;
using ::scorecard::testing::StreamRequest;
using ::scorecard::testing::Validate;
using ::scorecard::testing::kRulesR1;
using ::scorecard::testing::kRulesR2;
using ::testing::IsEmpty;

namespace v1 = ::scorecard::v1;

// Every call judges by one snapshot: while the rules flip between r1 and r2,
// each result's total must be the one its own revision computes. Flipping
// goes on until the clients have made a good number of calls during it; the
// first calls run before any flip (r1) and the last after the final flip
// (r2), so both revisions are seen.
//
// Without a sanitizer this test can hardly fail: a result's revision and
// total both come from one immutable RuleSet, so even a handler that took a
// new snapshot for each step would show no mix. What it guards is the swap
// itself (RuleStore's pointer handed from the reloading thread to the
// callers while they read it), and a race there shows only under
// ThreadSanitizer (-fsanitize=thread), which reports it.
TEST(Reload, CallsSeeTheOldRulesOrTheNewNeverAMix) {
  InProcessServer test = StartServer();
  test.source->Script({Index({kRulesR2}), Index({kRulesR1})});
  constexpr int kClients = 3;
  constexpr int kCallsWhileFlipping = 600;
  std::atomic<int> ready{0};
  std::atomic<int> calls_while_flipping{0};
  std::atomic<bool> flipping{false};
  std::atomic<bool> flipping_done{false};
  absl::Mutex mu;
  std::vector<std::string> mismatches;
  int seen_r1 = 0;
  int seen_r2 = 0;
  const auto check = [&](const v1::ValidationResult& result) {
    if (flipping.load()) ++calls_while_flipping;
    absl::MutexLock lock(&mu);
    const std::string& revision = result.rule_set_revision();
    if (revision == "r1" && result.computed_total() == "4.2000") {
      ++seen_r1;
    } else if (revision == "r2" && result.computed_total() == "3.6000") {
      ++seen_r2;
    } else {
      mismatches.push_back(
          absl::StrCat(revision, " computed ", result.computed_total()));
    }
  };
  const auto fail = [&](const grpc::Status& status) {
    absl::MutexLock lock(&mu);
    mismatches.push_back(status.error_message());
  };
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&] {
      bool last = false;
      bool first = true;
      while (!last) {
        last = flipping_done.load();
        v1::ValidateScorecardResponse response;
        const grpc::Status status =
            Validate(*test.stub, Request(Card()), &response);
        if (!status.ok()) {
          fail(status);
          if (first) ++ready;
          return;
        }
        check(response.result());
        if (first) ++ready;
        first = false;
      }
    });
  }
  // A stream across the flips, too.
  clients.emplace_back([&] {
    grpc::ClientContext context;
    auto stream = test.stub->ValidateScorecards(&context);
    bool last = false;
    while (!last) {
      last = flipping_done.load();
      v1::ValidateScorecardsResponse response;
      if (!stream->Write(StreamRequest("x", Card())) ||
          !stream->Read(&response)) {
        break;
      }
      check(response.result());
    }
    stream->WritesDone();
    const grpc::Status status = stream->Finish();
    if (!status.ok()) fail(status);
  });
  while (ready.load() < kClients) std::this_thread::yield();
  flipping = true;
  int flips = 0;
  // An odd number of flips ends on r2.
  while (calls_while_flipping.load() < kCallsWhileFlipping || flips % 2 == 0) {
    if (!test.server->rule_store().Reload().ok()) {
      ADD_FAILURE() << "reload failed";
      break;
    }
    ++flips;
  }
  flipping = false;
  flipping_done = true;
  for (std::thread& client : clients) client.join();
  EXPECT_THAT(mismatches, IsEmpty());
  EXPECT_GE(seen_r1, kClients);
  EXPECT_GE(seen_r2, kClients);
}

// A stream is judged by the rules it started with: requests written after a
// reload are still judged by r1, while a unary call made at the same time
// sees r2.
TEST(Reload, AStreamKeepsTheRulesItStartedWith) {
  InProcessServer test = StartServer();
  grpc::ClientContext context;
  auto stream = test.stub->ValidateScorecards(&context);
  v1::ValidateScorecardsResponse before;
  ASSERT_TRUE(stream->Write(StreamRequest("before", Card())));
  ASSERT_TRUE(stream->Read(&before));

  test.source->Script({Index({kRulesR2})});
  ASSERT_TRUE(test.server->rule_store().Reload().ok());
  v1::ValidateScorecardResponse unary;
  ASSERT_TRUE(Validate(*test.stub, Request(Card()), &unary).ok());

  v1::ValidateScorecardsResponse after;
  ASSERT_TRUE(stream->Write(StreamRequest("after", Card())));
  ASSERT_TRUE(stream->Read(&after));
  stream->WritesDone();
  ASSERT_TRUE(stream->Finish().ok());

  EXPECT_EQ(before.result().rule_set_revision(), "r1");
  EXPECT_EQ(after.result().rule_set_revision(), "r1");
  EXPECT_EQ(after.result().computed_total(), "4.2000");
  EXPECT_EQ(unary.result().rule_set_revision(), "r2");
  // A new stream starts with the new rules.
  grpc::ClientContext next_context;
  auto next = test.stub->ValidateScorecards(&next_context);
  v1::ValidateScorecardsResponse fresh;
  ASSERT_TRUE(next->Write(StreamRequest("fresh", Card())));
  ASSERT_TRUE(next->Read(&fresh));
  next->WritesDone();
  ASSERT_TRUE(next->Finish().ok());
  EXPECT_EQ(fresh.result().rule_set_revision(), "r2");
}

}  // namespace
}  // namespace scorecard::service
