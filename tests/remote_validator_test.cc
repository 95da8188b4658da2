// RemoteValidator against a server that breaks the protocol, which a real
// scorecardd never does (scorecardctl_server_test.cc runs it against the real
// one): its second response is not a ValidateScorecardsResponse, and it then
// keeps the stream open without a status, as a server still at work would.
// The client must cancel the call and say which response it could not read,
// at once, rather than wait for its 60 s deadline with the server.

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "client/remote_validator.h"
#include "gmock/gmock.h"
#include "grpcpp/generic/async_generic_service.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "scorecard/v1/scorecard_service.pb.h"
#include "tests/testing/wait.h"

namespace scorecard::client {
namespace {

namespace v1 = ::scorecard::v1;
using ::testing::HasSubstr;

// Answers the first request properly, the second with bytes that do not
// parse, and then reads on without answering or finishing until the client
// cancels.
class BrokenStreamReactor final : public grpc::ServerGenericBidiReactor {
 public:
  BrokenStreamReactor() { StartRead(&request_); }

  void OnReadDone(bool ok) override {
    if (!ok) return;  // Half-closed or cancelled: wait for OnCancel.
    ++read_;
    if (read_ == 1) {
      v1::ValidateScorecardsResponse response;
      response.set_correlation_id("0");
      Write(response.SerializeAsString());
    } else if (read_ == 2) {
      Write("\x0a\x05" "0");  // A length of 5 with 1 byte after it.
    } else {
      StartRead(&request_);
    }
  }

  void OnWriteDone(bool ok) override {
    if (ok) StartRead(&request_);
  }

  void OnCancel() override {
    Finish(grpc::Status(grpc::StatusCode::CANCELLED, "cancelled"));
  }

  void OnDone() override { delete this; }

 private:
  void Write(const std::string& bytes) {
    grpc::Slice slice(bytes);
    response_ = grpc::ByteBuffer(&slice, 1);
    StartWrite(&response_);
  }

  int read_ = 0;
  grpc::ByteBuffer request_;
  grpc::ByteBuffer response_;
};

class BrokenService final : public grpc::CallbackGenericService {
  grpc::ServerGenericBidiReactor* CreateReactor(
      grpc::GenericCallbackServerContext* context) override {
    return new BrokenStreamReactor();
  }
};

TEST(RemoteValidator, AResponseThatDoesNotParseCancelsTheCallAtOnce) {
  BrokenService service;
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                           &port);
  builder.RegisterCallbackGenericService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  ASSERT_NE(server, nullptr);
  ServerConnection connection;
  connection.address = absl::StrCat("127.0.0.1:", port);

  absl::StatusOr<std::unique_ptr<RemoteValidator>> remote =
      RemoteValidator::Connect(connection);
  ASSERT_TRUE(remote.ok()) << remote.status();
  std::vector<v1::Scorecard> scorecards(4);
  for (v1::Scorecard& scorecard : scorecards) {
    scorecard.set_rule_set("led-fy2563");
  }
  absl::StatusOr<std::vector<v1::ValidationResult>> results;
  std::atomic<bool> returned{false};
  std::thread client([&] {
    results = (*remote)->ValidateAll(scorecards, rules::Locale::kEnglish);
    returned = true;
  });
  // Well before the client's 60 s deadline, which an uncancelled call waits
  // for (correct behaviour takes milliseconds).
  EXPECT_TRUE(::scorecard::testing::WaitUntil([&] { return returned.load(); }))
      << "the client waited for its deadline";
  client.join();
  EXPECT_EQ(results.status().code(), absl::StatusCode::kDataLoss)
      << results.status();
  EXPECT_THAT(results.status().message(),
              HasSubstr(absl::StrCat("scorecardd at ", connection.address,
                                     " sent a response to scorecard 2 that "
                                     "is not a valid "
                                     "ValidateScorecardsResponse")));
  server->Shutdown();
}

}  // namespace
}  // namespace scorecard::client
