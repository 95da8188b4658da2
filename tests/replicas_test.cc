// Three scorecardd replicas on loopback behind one client channel, made as
// scorecardctl makes it (client/channel.h: round_robin, and retries of calls
// that fail UNAVAILABLE or CANCELLED): while client threads validate the seed
// document's scorecards in a loop, one replica is killed (SIGKILL) and
// another drained (SIGTERM). No validation may fail, every result must match
// the rules engine's own, and each replica must have served a share before it
// went. (Without the retry policy the calls in flight on the killed replica
// fail with UNAVAILABLE: a few in every run.) Then scorecardctl --server with a multi-address target validates the
// document through the one replica left.

#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "client/channel.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "rules/document_reader.h"
#include "rules/rule_set_index.h"
#include "scorecard/v1/scorecard_service.grpc.pb.h"
#include "tests/testing/process.h"
#include "tests/testing/scorecardd_process.h"
#include "tests/testing/seed.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace scorecard::testing {
namespace {

namespace v1 = ::scorecard::v1;

constexpr char kCtl[] = SCORECARD_BINARY_DIR "/client/scorecardctl";
constexpr int kReplicas = 3;
constexpr int kClientThreads = 4;
// Calls between one event and the next: enough for every replica to serve
// many while the threads keep several in flight at every moment.
constexpr int kCallsPerPhase = 400;

// What the client threads saw, shared between them.
class Tally final {
 public:
  void Record(const std::string& peer) {
    absl::MutexLock lock(&mutex_);
    ++calls_;
    ++calls_by_peer_[peer];
  }
  void Fail(const std::string& what) {
    absl::MutexLock lock(&mutex_);
    failures_.push_back(what);
  }
  int calls() const {
    absl::MutexLock lock(&mutex_);
    return calls_;
  }
  std::map<std::string, int> calls_by_peer() const {
    absl::MutexLock lock(&mutex_);
    return calls_by_peer_;
  }
  std::vector<std::string> failures() const {
    absl::MutexLock lock(&mutex_);
    return failures_;
  }

 private:
  mutable absl::Mutex mutex_;
  int calls_ ABSL_GUARDED_BY(mutex_) = 0;
  std::map<std::string, int> calls_by_peer_ ABSL_GUARDED_BY(mutex_);
  std::vector<std::string> failures_ ABSL_GUARDED_BY(mutex_);
};

// The seed's scorecards, judged by the bundled led-fy2563 rule set, and the
// engine's own result for each.
struct Workload {
  std::vector<v1::Scorecard> scorecards;
  std::vector<v1::ValidationResult> expected;
};

Workload LoadWorkload() {
  Workload workload;
  absl::StatusOr<rules::ScorecardDocument> document =
      rules::ReadScorecardFile(kSeedDocument);
  EXPECT_TRUE(document.ok()) << document.status();
  absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> index =
      rules::RuleSetIndex::Load(kBundledRules);
  EXPECT_TRUE(index.ok()) << index.status();
  if (!document.ok() || !index.ok()) return workload;
  const rules::RuleSet* rule_set = (*index)->Find("led-fy2563");
  EXPECT_NE(rule_set, nullptr);
  if (rule_set == nullptr) return workload;
  for (const rules::DocumentScorecard& read : document->scorecards) {
    v1::Scorecard scorecard = read.scorecard;
    scorecard.set_rule_set("led-fy2563");
    v1::ValidationResult result;
    rule_set->Validate(scorecard, {}, &result);
    workload.scorecards.push_back(std::move(scorecard));
    workload.expected.push_back(std::move(result));
  }
  return workload;
}

// Validates the workload's scorecards one unary call each, round and round,
// until `stop`; records every call in `tally`.
void ValidateInALoop(v1::ScorecardService::Stub& stub, const Workload& workload,
                     const std::atomic<bool>& stop, Tally& tally) {
  for (size_t i = 0; !stop.load(); i = (i + 1) % workload.scorecards.size()) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(30));
    v1::ValidateScorecardRequest request;
    *request.mutable_scorecard() = workload.scorecards[i];
    v1::ValidateScorecardResponse response;
    const grpc::Status status =
        stub.ValidateScorecard(&context, request, &response);
    if (!status.ok()) {
      tally.Fail(absl::StrCat("scorecard ", i, ": code ", status.error_code(),
                              ": ", status.error_message()));
      continue;
    }
    if (!google::protobuf::util::MessageDifferencer::Equals(
            response.result(), workload.expected[i])) {
      tally.Fail(absl::StrCat("scorecard ", i, " from ", context.peer(),
                              ": a result unlike the engine's"));
      continue;
    }
    tally.Record(context.peer());
  }
}

TEST(Replicas, ValidationsSurviveOneReplicaKilledAndOneDrained) {
  const Workload workload = LoadWorkload();
  ASSERT_EQ(workload.scorecards.size(), 6u);

  TempDir dir;
  std::vector<std::unique_ptr<ScorecarddProcess>> replicas;
  std::vector<std::string> peers;  // "ipv4:127.0.0.1:PORT", as context.peer()
  std::vector<std::string> addresses;
  for (int i = 0; i < kReplicas; ++i) {
    replicas.push_back(ScorecarddProcess::Start(
        {"--listen=127.0.0.1:0", std::string("--rules=") + kBundledRules,
         "--drain_time=10s", "--reload_poll_interval=0"},
        dir / absl::StrCat("replica-", i, ".log")));
    ASSERT_NE(replicas.back(), nullptr);
    const std::string address = replicas.back()->Address();
    ASSERT_FALSE(address.empty()) << replicas.back()->Log();
    addresses.push_back(address);
    peers.push_back(absl::StrCat("ipv4:", address));
  }
  const std::string target =
      absl::StrCat("ipv4:", absl::StrJoin(addresses, ","));
  std::shared_ptr<grpc::Channel> channel =
      client::NewScorecardChannel(target);
  ASSERT_TRUE(channel->WaitForConnected(absl::ToChronoTime(absl::Now() +
                                                           kPatience)));
  std::unique_ptr<v1::ScorecardService::Stub> stub =
      v1::ScorecardService::NewStub(channel);

  Tally tally;
  std::atomic<bool> stop{false};
  std::vector<std::thread> clients;
  for (int i = 0; i < kClientThreads; ++i) {
    clients.emplace_back(
        [&] { ValidateInALoop(*stub, workload, stop, tally); });
  }
  const auto run_calls = [&](int count) {
    const int until = tally.calls() + count;
    return WaitUntil([&] {
      return tally.calls() >= until || !tally.failures().empty();
    }, absl::Seconds(120));
  };

  // All three serve; then the first is killed outright, mid-call.
  EXPECT_TRUE(run_calls(kCallsPerPhase));
  const std::map<std::string, int> before_kill = tally.calls_by_peer();
  replicas[0]->Signal(SIGKILL);
  ASSERT_TRUE(replicas[0]->WaitForExit().has_value());
  EXPECT_TRUE(run_calls(kCallsPerPhase));
  // Then the second is drained.
  const std::map<std::string, int> before_drain = tally.calls_by_peer();
  replicas[1]->Signal(SIGTERM);
  const std::optional<int> drained = replicas[1]->WaitForExit();
  EXPECT_TRUE(run_calls(kCallsPerPhase));
  stop = true;
  for (std::thread& client : clients) client.join();

  const std::vector<std::string> failures = tally.failures();
  EXPECT_THAT(failures, ::testing::IsEmpty())
      << failures.size() << " validations failed, the first: "
      << (failures.empty() ? "" : failures.front());
  const std::map<std::string, int> at_end = tally.calls_by_peer();
  const auto count = [](const std::map<std::string, int>& by_peer,
                        const std::string& peer) {
    auto found = by_peer.find(peer);
    return found == by_peer.end() ? 0 : found->second;
  };
  EXPECT_GT(count(before_kill, peers[0]), 0) << "the killed replica served none";
  EXPECT_GT(count(before_drain, peers[1]), 0) << "the drained replica served none";
  EXPECT_GT(count(at_end, peers[2]), count(before_drain, peers[2]))
      << "the last replica served nothing after the others went";
  // Answers already on their way when it died may be counted a moment later;
  // a whole phase after, none can come.
  EXPECT_EQ(count(at_end, peers[0]), count(before_drain, peers[0]))
      << "calls were answered by the killed replica";
  ASSERT_TRUE(drained.has_value()) << replicas[1]->Log();
  EXPECT_EQ(ExitCode(*drained), 0) << replicas[1]->Log();
  const std::vector<std::string> drained_lines =
      replicas[1]->LogLines("drained");
  ASSERT_EQ(drained_lines.size(), 1u) << replicas[1]->Log();
  const std::string key = "\"calls_started\":";
  const size_t at = drained_lines[0].find(key);
  ASSERT_NE(at, std::string::npos) << drained_lines[0];
  EXPECT_GT(std::atoi(drained_lines[0].c_str() + at + key.size()), 0)
      << "the drained replica started no calls: " << drained_lines[0];
  std::cout << "calls: " << tally.calls() << "; by replica: " << peers[0]
            << " " << count(at_end, peers[0]) << " (killed), " << peers[1]
            << " " << count(at_end, peers[1]) << " (drained), " << peers[2]
            << " " << count(at_end, peers[2]) << "\n";

  // scorecardctl takes the same multi-address target and still validates,
  // with two of the three addresses dead.
  const ProcessResult ctl = RunProcess(
      {kCtl, "validate", "--server", target, kSeedDocument}, "",
      {{"SCORECARD_RULES", ""}});
  EXPECT_EQ(ctl.exit_status, 0) << ctl.err;
  EXPECT_THAT(ctl.out, ::testing::HasSubstr("6 scorecards: 6 VALID, 0 INVALID"));
}

}  // namespace
}  // namespace scorecard::testing
