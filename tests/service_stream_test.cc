// The ValidateScorecards stream in process: answers in order with their
// correlation ids, a request that cannot be judged ends the stream with its
// status, an empty stream ends OK, and a stream cancelled under back-pressure
// is released.

#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "scorecard/v1/scorecard_service.grpc.pb.h"
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
using ::scorecard::testing::TotalR1;
using ::scorecard::testing::Validate;
using ::testing::HasSubstr;
using ::testing::SizeIs;

namespace v1 = ::scorecard::v1;

TEST(ValidateScorecards, AnswersEveryRequestInOrderWithItsCorrelationId) {
  InProcessServer test = StartServer();
  constexpr int kRequests = 200;
  grpc::ClientContext context;
  std::unique_ptr<grpc::ClientReaderWriter<v1::ValidateScorecardsRequest,
                                           v1::ValidateScorecardsResponse>>
      stream = test.stub->ValidateScorecards(&context);
  // Written from another thread while this one reads, as a client that
  // pipelines would.
  std::thread writer([&] {
    for (int i = 0; i < kRequests; ++i) {
      const int score = 1 + i % 5;
      if (!stream->Write(StreamRequest(absl::StrCat("request-", i),
                                       Card(absl::StrCat(score), "3")))) {
        return;
      }
    }
    stream->WritesDone();
  });
  std::vector<v1::ValidateScorecardsResponse> responses;
  v1::ValidateScorecardsResponse response;
  while (stream->Read(&response)) responses.push_back(response);
  writer.join();
  const grpc::Status status = stream->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_THAT(responses, SizeIs(kRequests));
  for (int i = 0; i < kRequests; ++i) {
    EXPECT_EQ(responses[i].correlation_id(), absl::StrCat("request-", i));
    EXPECT_EQ(responses[i].result().computed_total(), TotalR1(1 + i % 5, 3))
        << "response " << i;
  }
}

TEST(ValidateScorecards, RequestThatCannotBeJudgedEndsTheStreamWithItsStatus) {
  InProcessServer test = StartServer();
  grpc::ClientContext context;
  auto stream = test.stub->ValidateScorecards(&context);
  v1::Scorecard unknown = Card();
  unknown.set_rule_set("led-fy2599");
  // Reads interleave with writes: the server answers one request before it
  // reads the next, and the in-process transport buffers nothing, so a
  // client that wrote everything before reading would wait forever.
  v1::ValidateScorecardsResponse response;
  ASSERT_TRUE(stream->Write(StreamRequest("a", Card())));
  ASSERT_TRUE(stream->Read(&response));
  EXPECT_EQ(response.correlation_id(), "a");
  ASSERT_TRUE(stream->Write(StreamRequest("b", Card())));
  ASSERT_TRUE(stream->Read(&response));
  EXPECT_EQ(response.correlation_id(), "b");
  ASSERT_TRUE(stream->Write(StreamRequest("c", unknown)));
  EXPECT_FALSE(stream->Read(&response));
  const grpc::Status status = stream->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("led-fy2599"));
}

TEST(ValidateScorecards, EmptyStreamEndsOk) {
  InProcessServer test = StartServer();
  grpc::ClientContext context;
  auto stream = test.stub->ValidateScorecards(&context);
  stream->WritesDone();
  v1::ValidateScorecardsResponse response;
  EXPECT_FALSE(stream->Read(&response));
  EXPECT_TRUE(stream->Finish().ok());
}

// The client writes without reading after the first response, so the server
// soon has a write outstanding and stops reading (back-pressure), and the
// call is cancelled in that state. The server must finish the call, keep
// serving, and then shut down without waiting for the stream: drain time is an
// hour, so a stream left behind would hold shutdown for that hour, and the
// bounded wait below fails (correct behaviour takes milliseconds).
TEST(ValidateScorecards, CancelMidStreamReleasesTheStream) {
  InProcessServer test = StartServer(
      [](ServerOptions& options) { options.drain_time = absl::Hours(1); });
  v1::Scorecard big = Card();
  for (int i = 0; i < 900; ++i) {
    *big.add_entries() = Row(absl::StrCat("9.", i), "5");
  }
  auto context = std::make_unique<grpc::ClientContext>();
  auto stream = test.stub->ValidateScorecards(context.get());
  constexpr int kRequests = 200;
  std::atomic<int> written{0};
  std::thread writer([&] {
    for (int i = 0; i < kRequests; ++i) {
      if (!stream->Write(StreamRequest(absl::StrCat(i), big))) return;
      ++written;
    }
  });
  v1::ValidateScorecardsResponse response;
  ASSERT_TRUE(stream->Read(&response));
  EXPECT_EQ(response.correlation_id(), "0");
  context->TryCancel();
  writer.join();
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::CANCELLED);
  EXPECT_LT(written.load(), kRequests) << "no back-pressure on the writer";

  // Still serving.
  v1::ValidateScorecardResponse unary;
  EXPECT_TRUE(Validate(*test.stub, Request(Card()), &unary).ok());

  std::atomic<bool> drained{false};
  std::thread run([&] {
    test.server->Shutdown();
    EXPECT_TRUE(test.server->Run().ok());
    drained = true;
  });
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (!drained.load() && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  if (!drained.load()) {
    ADD_FAILURE() << "shutdown is waiting for the cancelled stream";
    std::_Exit(1);  // The server cannot be destroyed; do not hang the run.
  }
  run.join();
}

}  // namespace
}  // namespace scorecard::service
