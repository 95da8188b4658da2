// The real scorecardd's connection limits, each shown biting from a real
// client: streams per connection, keepalive enforcement, connection age and
// idle time, and the memory a client that never reads can make it hold.
//
// Every wait is bounded (WaitUntil, deadlines); the child is killed if a
// test fails.

#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "grpc/grpc.h"
#include "grpc/support/log.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "scorecard/v1/scorecard_service.grpc.pb.h"
#include "tests/testing/process.h"
#include "tests/testing/scorecardd_process.h"
#include "tests/testing/seed.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace scorecard::service {
namespace {

namespace v1 = ::scorecard::v1;
using ::scorecard::testing::kBundledRules;
using ::scorecard::testing::kPatience;
using ::scorecard::testing::ResidentBytes;
using ::scorecard::testing::ScorecarddProcess;
using ::scorecard::testing::TempDir;
using ::scorecard::testing::WaitUntil;

// An idle gRPC client polls its connection only every 5 s; the tests here
// watch connections close, so they poll often. Set before gRPC starts.
const bool kFastBackupPoll = [] {
  setenv("GRPC_CLIENT_CHANNEL_BACKUP_POLL_INTERVAL_MS", "50", 0);
  return true;
}();

// Returns a channel with a connection of its own (not shared with other
// channels to the same address), with `args` added.
std::shared_ptr<grpc::Channel> OwnConnection(
    const std::string& address,
    grpc::ChannelArguments args = grpc::ChannelArguments()) {
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(),
                                   args);
}

// A scorecard of 1,000 entries, each wrong several ways, under the bundled
// rules: its result lists thousands of violations, a large response.
v1::ValidateScorecardsRequest LargeAnswerRequest() {
  v1::ValidateScorecardsRequest request;
  v1::Scorecard* card = request.mutable_scorecard();
  card->set_rule_set("led-fy2563");
  card->set_unit("secretariat");
  for (int i = 0; i < 1000; ++i) {
    v1::Entry* entry = card->add_entries();
    entry->set_indicator(absl::StrCat("9.", i));
    entry->set_title(std::string(60, 'x'));
    entry->set_score("7.5");
    entry->set_weight("x");
  }
  return request;
}

// A ValidateScorecards stream that writes `request` again and again and never
// reads: the server's answers pile up unread.
class UnreadStream final
    : public grpc::ClientBidiReactor<v1::ValidateScorecardsRequest,
                                     v1::ValidateScorecardsResponse> {
 public:
  UnreadStream(v1::ScorecardService::Stub& stub,
               const v1::ValidateScorecardsRequest& request,
               std::atomic<int64_t>& writes)
      : request_(request), writes_(writes) {
    context_.set_deadline(absl::ToChronoTime(absl::Now() + 3 * kPatience));
    stub.async()->ValidateScorecards(&context_, this);
    StartWrite(&request_);
    StartCall();
  }

  void OnWriteDone(bool ok) override {
    if (!ok) return;
    ++writes_;
    StartWrite(&request_);
  }

  void OnDone(const grpc::Status& status) override {
    status_ = status;
    done_.Notify();
  }

  void Cancel() { context_.TryCancel(); }
  bool WaitDone() {
    return done_.WaitForNotificationWithTimeout(kPatience);
  }
  const grpc::Status& status() const { return status_; }

 private:
  grpc::ClientContext context_;
  const v1::ValidateScorecardsRequest& request_;
  std::atomic<int64_t>& writes_;
  grpc::Status status_;
  absl::Notification done_;
};

// Waits until the RSS of `pid` stops growing (two samples 500 ms apart
// within 1 MiB), up to kPatience; returns the last sample.
int64_t SettledResidentBytes(pid_t pid) {
  int64_t last = ResidentBytes(pid).value_or(0);
  WaitUntil(
      [&] {
        absl::SleepFor(absl::Milliseconds(500));
        const int64_t now = ResidentBytes(pid).value_or(0);
        const bool settled = std::abs(now - last) < (int64_t{1} << 20);
        last = now;
        return settled;
      },
      kPatience);
  return last;
}

// What gRPC's own log says in this process, for tests that watch the
// client's side of the transport (a GOAWAY's reason is logged there).
class GrpcLogCapture {
 public:
  static void Install() {
    static const bool installed = [] {
      gpr_set_log_function(&GrpcLogCapture::Log);
      return true;
    }();
    (void)installed;
  }

  static bool Contains(absl::string_view text) {
    absl::MutexLock lock(&mu_);
    return absl::StrContains(*log_, text);
  }

 private:
  static void Log(gpr_log_func_args* args) {
    absl::MutexLock lock(&mu_);
    absl::StrAppend(log_, args->message, "\n");
  }

  static absl::Mutex mu_;
  static std::string* log_;
};
absl::Mutex GrpcLogCapture::mu_;
std::string* GrpcLogCapture::log_ = new std::string();

std::unique_ptr<ScorecarddProcess> Start(const TempDir& dir,
                                         std::vector<std::string> flags) {
  flags.insert(flags.begin(), {"--listen=127.0.0.1:0",
                               std::string("--rules=") + kBundledRules});
  return ScorecarddProcess::Start(flags, dir / "log");
}

v1::ValidateScorecardRequest SmallRequest() {
  v1::ValidateScorecardRequest request;
  request.mutable_scorecard()->set_rule_set("led-fy2563");
  request.mutable_scorecard()->set_unit("secretariat");
  return request;
}

grpc::Status Validate(const std::shared_ptr<grpc::Channel>& channel,
                      absl::Duration deadline = kPatience) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + deadline));
  v1::ValidateScorecardResponse response;
  return v1::ScorecardService::NewStub(channel)->ValidateScorecard(
      &context, SmallRequest(), &response);
}

// A ValidateScorecards stream held open, answered once.
struct HeldStream {
  explicit HeldStream(v1::ScorecardService::Stub& stub) {
    context.set_deadline(absl::ToChronoTime(absl::Now() + kPatience));
    stream = stub.ValidateScorecards(&context);
  }

  // Sends one request and reads its answer; returns whether both went.
  bool Exchange() {
    v1::ValidateScorecardsRequest request;
    *request.mutable_scorecard() = SmallRequest().scorecard();
    v1::ValidateScorecardsResponse response;
    return stream->Write(request) && stream->Read(&response);
  }

  grpc::Status Close() {
    stream->WritesDone();
    return stream->Finish();
  }

  grpc::ClientContext context;
  std::unique_ptr<grpc::ClientReaderWriter<v1::ValidateScorecardsRequest,
                                           v1::ValidateScorecardsResponse>>
      stream;
};

// Whether `channel` leaves READY (its connection was told GOAWAY, or
// closed) within kPatience.
bool LeavesReady(const std::shared_ptr<grpc::Channel>& channel) {
  return WaitUntil([&] {
    return channel->GetState(/*try_to_connect=*/false) != GRPC_CHANNEL_READY;
  });
}

TEST(ScorecarddLimits, StreamsPerConnectionAreCapped) {
  TempDir dir;
  auto server = Start(dir, {"--max_concurrent_streams=2"});
  ASSERT_NE(server, nullptr);
  const std::string address = server->Address();
  ASSERT_FALSE(address.empty()) << server->Log();
  const auto crowded = OwnConnection(address);
  const auto stub = v1::ScorecardService::NewStub(crowded);
  HeldStream first(*stub);
  HeldStream second(*stub);
  ASSERT_TRUE(first.Exchange());
  ASSERT_TRUE(second.Exchange());

  // A third call on that connection waits for a free stream: here, until
  // its deadline. Another connection is not held up.
  EXPECT_EQ(Validate(crowded, absl::Seconds(1)).error_code(),
            grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_TRUE(Validate(OwnConnection(address)).ok());

  // One stream ends: the connection takes calls again.
  EXPECT_TRUE(first.Close().ok());
  EXPECT_TRUE(Validate(crowded).ok());
  EXPECT_TRUE(second.Close().ok());
}

TEST(ScorecarddLimits, PingingTooOftenIsToldGoaway) {
  GrpcLogCapture::Install();
  TempDir dir;
  auto server = Start(dir, {});  // The defaults: 5 minutes, no idle pings.
  ASSERT_NE(server, nullptr);
  const std::string address = server->Address();
  ASSERT_FALSE(address.empty()) << server->Log();
  grpc::ChannelArguments pinging;
  pinging.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 100);
  pinging.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  pinging.SetInt(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  const auto channel = OwnConnection(address, pinging);
  ASSERT_TRUE(Validate(channel).ok());
  EXPECT_TRUE(WaitUntil([] {
    return GrpcLogCapture::Contains(
        "Received a GOAWAY with error code ENHANCE_YOUR_CALM and debug data "
        "equal to \"too_many_pings\"");
  }));
  EXPECT_TRUE(LeavesReady(channel));
}

TEST(ScorecarddLimits, OldConnectionsAreToldGoawayAndCutAfterTheGrace) {
  TempDir dir;
  auto server = Start(
      dir, {"--max_connection_age=1s", "--max_connection_age_grace=2s"});
  ASSERT_NE(server, nullptr);
  const std::string address = server->Address();
  ASSERT_FALSE(address.empty()) << server->Log();
  const auto channel = OwnConnection(address);
  const auto stub = v1::ScorecardService::NewStub(channel);
  HeldStream held(*stub);
  ASSERT_TRUE(held.Exchange());

  // The GOAWAY: the channel leaves READY, and the stream in flight goes on
  // through the grace period.
  ASSERT_TRUE(LeavesReady(channel));
  EXPECT_TRUE(held.Exchange());
  // New calls go over a new connection.
  EXPECT_TRUE(Validate(channel).ok());
  // After the grace the old connection is closed under the stream.
  v1::ValidateScorecardsResponse never;
  EXPECT_FALSE(held.stream->Read(&never));
  const grpc::Status cut = held.stream->Finish();
  EXPECT_EQ(cut.error_code(), grpc::StatusCode::UNAVAILABLE)
      << cut.error_message();
  EXPECT_TRUE(Validate(channel).ok());
}

TEST(ScorecarddLimits, IdleConnectionsAreToldGoaway) {
  TempDir dir;
  auto server = Start(dir, {"--max_connection_idle=500ms"});
  ASSERT_NE(server, nullptr);
  const std::string address = server->Address();
  ASSERT_FALSE(address.empty()) << server->Log();
  const auto channel = OwnConnection(address);
  ASSERT_TRUE(Validate(channel).ok());
  EXPECT_TRUE(LeavesReady(channel));
  EXPECT_TRUE(Validate(channel).ok());  // It reconnects when called.
}

// 24 connections, each with 100 ValidateScorecards streams that send large
// requests with large answers and never read: unbounded, the server would
// hold about 18 MB per connection (its stream windows full of requests, and
// one answer per stream waiting), some 430 MB here. With a 32 MiB transport
// quota it stays far below, cancelling streams as it must.
TEST(ScorecarddLimits, ClientsThatNeverReadCannotGrowMemoryWithoutBound) {
  // The sanitizer presets build with clang, which has __has_feature.
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
  GTEST_SKIP() << "a sanitizer's allocator keeps freed memory and shadow "
                  "memory, so RSS says nothing of gRPC's bound; the release "
                  "build runs this test";
#endif
#endif
  constexpr int kConnections = 24;
  constexpr int kStreams = 100;  // --max_concurrent_streams' default.
  constexpr int64_t kBoundBytes = int64_t{250} << 20;
  TempDir dir;
  auto server = Start(dir, {"--max_transport_memory_bytes=33554432"});
  ASSERT_NE(server, nullptr);
  const std::string address = server->Address();
  ASSERT_FALSE(address.empty()) << server->Log();
  ASSERT_TRUE(Validate(OwnConnection(address)).ok());
  const std::optional<int64_t> baseline = ResidentBytes(server->pid());
  ASSERT_TRUE(baseline.has_value());

  const v1::ValidateScorecardsRequest request = LargeAnswerRequest();
  std::atomic<int64_t> writes{0};
  std::vector<std::unique_ptr<v1::ScorecardService::Stub>> stubs;
  std::vector<std::unique_ptr<UnreadStream>> streams;
  for (int c = 0; c < kConnections; ++c) {
    stubs.push_back(v1::ScorecardService::NewStub(OwnConnection(address)));
    for (int s = 0; s < kStreams; ++s) {
      streams.push_back(
          std::make_unique<UnreadStream>(*stubs.back(), request, writes));
    }
  }
  const int64_t flooded = SettledResidentBytes(server->pid());
  // A client that reads is still answered, on a connection of its own.
  EXPECT_TRUE(WaitUntil([&] { return Validate(OwnConnection(address)).ok(); }));

  for (auto& stream : streams) stream->Cancel();
  int exhausted = 0;
  for (auto& stream : streams) {
    ASSERT_TRUE(stream->WaitDone());
    exhausted += stream->status().error_code() ==
                 grpc::StatusCode::RESOURCE_EXHAUSTED;
  }
  const int64_t growth = flooded - *baseline;
  std::cout << "scorecardd RSS: " << (*baseline >> 20) << " MiB before, "
            << (flooded >> 20) << " MiB with " << kConnections * kStreams
            << " unread streams (" << writes << " requests written); "
            << exhausted << " streams ended RESOURCE_EXHAUSTED\n";
  EXPECT_LT(growth, kBoundBytes);
  EXPECT_GT(writes, 0);
  EXPECT_GT(exhausted, 0);
  EXPECT_EQ(server->LogLines("exit").size(), 0u);  // Still running.
}

}  // namespace
}  // namespace scorecard::service
