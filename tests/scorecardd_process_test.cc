// The real scorecardd, as a child process: it finds a free port and says so
// in its log, serves the bundled rules, reloads on SIGHUP (keeping the old
// rules when the new ones are broken) and on polling, refuses to start
// without rules, and on SIGTERM drains without losing an accepted call and
// exits 0.
//
// Every wait is bounded (poll until a deadline); the child is killed if a
// test fails (ScorecarddProcess's destructor).

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "rules/document_reader.h"
#include "scorecard/v1/scorecard_service.grpc.pb.h"
#include "tests/testing/files.h"
#include "tests/testing/scorecardd_process.h"
#include "tests/testing/seed.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace scorecard::service {
namespace {

namespace fs = std::filesystem;
using ::scorecard::testing::kPatience;
using ::scorecard::testing::ReadFile;
using ::scorecard::testing::ScorecarddProcess;
using ::scorecard::testing::TempDir;
using ::scorecard::testing::WaitUntil;
namespace v1 = ::scorecard::v1;
using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr char kTestData[] = SCORECARD_SOURCE_DIR "/tests/data/service";
using ::scorecard::testing::kBundledRules;

// An idle gRPC client polls its connection only every 5 s (gRPC's backup
// poller), so it would see a draining server's GOAWAY, and answer the ping
// the server waits for, up to 5 s late; every shutdown here would then take
// that long. Set before gRPC starts.
const bool kFastBackupPoll = [] {
  setenv("GRPC_CLIENT_CHANNEL_BACKUP_POLL_INTERVAL_MS", "50", 0);
  return true;
}();

void WriteFile(const std::string& path, const std::string& content) {
  // Written beside, then renamed over: the server never reads a half file
  // here (half-written files are rule_store_test's business).
  const std::string temporary = path + ".tmp~";
  ASSERT_TRUE(::scorecard::testing::WriteFile(temporary, content)) << temporary;
  fs::rename(temporary, path);
}

// A rules folder with the bundled rule sets and test-fy2563 (revision r1).
void MakeRulesFolder(const TempDir& dir) {
  fs::create_directory(dir / "rules");
  for (const fs::directory_entry& entry :
       fs::directory_iterator(kBundledRules)) {
    fs::copy_file(entry.path(), dir / ("rules/" + entry.path().filename().string()));
  }
  fs::copy_file(absl::StrCat(kTestData, "/rules/test-fy2563.yaml"),
                dir / "rules/test-fy2563.yaml");
}

struct Client {
  explicit Client(const std::string& address)
      : channel(grpc::CreateChannel(address,
                                    grpc::InsecureChannelCredentials())),
        stub(v1::ScorecardService::NewStub(channel)),
        health(grpc::health::v1::Health::NewStub(channel)) {}

  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<v1::ScorecardService::Stub> stub;
  std::unique_ptr<grpc::health::v1::Health::Stub> health;
};

void SetDeadline(grpc::ClientContext* context) {
  context->set_deadline(absl::ToChronoTime(absl::Now() + kPatience));
}

// Returns the rule sets listed (id → revision) and the refused reload, or
// nullopt if the call failed.
struct Listing {
  std::map<std::string, std::string> revisions;
  std::optional<v1::RefusedReload> refused;
};
std::optional<Listing> List(Client& client) {
  grpc::ClientContext context;
  SetDeadline(&context);
  v1::ListRuleSetsResponse response;
  if (!client.stub->ListRuleSets(&context, v1::ListRuleSetsRequest(), &response)
           .ok()) {
    return std::nullopt;
  }
  Listing listing;
  for (const v1::RuleSetSummary& summary : response.rule_sets()) {
    listing.revisions[summary.id()] = summary.revision();
  }
  if (response.has_last_refused_reload()) {
    listing.refused = response.last_refused_reload();
  }
  return listing;
}

HealthCheckResponse::ServingStatus Health(Client& client,
                                          const std::string& service) {
  grpc::ClientContext context;
  SetDeadline(&context);
  HealthCheckRequest request;
  request.set_service(service);
  HealthCheckResponse response;
  const grpc::Status status = client.health->Check(&context, request, &response);
  return status.ok() ? response.status() : HealthCheckResponse::UNKNOWN;
}

v1::ValidateScorecardRequest TestRequest() {
  v1::ValidateScorecardRequest request;
  v1::Scorecard* card = request.mutable_scorecard();
  card->set_rule_set("test-fy2563");
  card->set_unit("registry");
  v1::Entry* first = card->add_entries();
  first->set_indicator("1.1");
  first->set_score("5");
  v1::Entry* second = card->add_entries();
  second->set_indicator("2.1");
  second->set_score("3");
  return request;
}

// Validates TestRequest(); returns "revision total", or the error.
std::string JudgeTestCard(Client& client) {
  grpc::ClientContext context;
  SetDeadline(&context);
  v1::ValidateScorecardResponse response;
  const grpc::Status status =
      client.stub->ValidateScorecard(&context, TestRequest(), &response);
  if (!status.ok()) return absl::StrCat("error ", status.error_message());
  return absl::StrCat(response.result().rule_set_revision(), " ",
                      response.result().computed_total());
}

bool ExitedWith(std::optional<int> status, int code) {
  return status.has_value() && WIFEXITED(*status) &&
         WEXITSTATUS(*status) == code;
}

TEST(Scorecardd, ServesTheBundledRulesOnAPortItChose) {
  TempDir dir;
  MakeRulesFolder(dir);
  auto server = ScorecarddProcess::Start(
      {"--listen=127.0.0.1:0", "--rules=" + (dir / "rules")}, dir / "log");
  ASSERT_NE(server, nullptr);
  const std::string address = server->Address();
  ASSERT_THAT(address, ::testing::StartsWith("127.0.0.1:")) << server->Log();
  EXPECT_NE(address, "127.0.0.1:0");

  Client client(address);
  EXPECT_EQ(Health(client, ""), HealthCheckResponse::SERVING);
  EXPECT_EQ(Health(client, "scorecard.v1.ScorecardService"),
            HealthCheckResponse::SERVING);
  std::optional<Listing> listing = List(client);
  ASSERT_TRUE(listing.has_value());
  EXPECT_THAT(listing->revisions, Contains(::testing::Key("led-fy2563")));
  EXPECT_EQ(listing->revisions["test-fy2563"], "r1");

  // A scorecard of a bundled unit, with most indicators missing: OK, with
  // violations.
  v1::ValidateScorecardRequest request;
  request.mutable_scorecard()->set_rule_set("led-fy2563");
  request.mutable_scorecard()->set_unit("secretariat");
  v1::Entry* entry = request.mutable_scorecard()->add_entries();
  entry->set_indicator("1.1");
  entry->set_score("5.0000");
  request.set_locale("th");
  grpc::ClientContext context;
  SetDeadline(&context);
  v1::ValidateScorecardResponse response;
  const grpc::Status status =
      client.stub->ValidateScorecard(&context, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.result().rule_set(), "led-fy2563");
  EXPECT_EQ(response.result().rule_set_revision(),
            listing->revisions["led-fy2563"]);
  EXPECT_FALSE(response.result().valid());
  EXPECT_FALSE(response.result().violations().empty());

  const std::vector<std::string> loaded = server->LogLines("rules_loaded");
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_THAT(loaded[0], HasSubstr("\"id\":\"led-fy2563\""));

  server->Signal(SIGTERM);
  EXPECT_TRUE(ExitedWith(server->WaitForExit(), 0)) << server->Log();
  EXPECT_EQ(server->LogLines("exit").size(), 1u);
}

TEST(Scorecardd, SighupKeepsTheOldRulesWhenTheNewOnesAreBroken) {
  TempDir dir;
  MakeRulesFolder(dir);
  // No polling: only SIGHUP reloads here.
  auto server = ScorecarddProcess::Start(
      {"--listen=127.0.0.1:0", "--rules=" + (dir / "rules"),
       "--reload_poll_interval=0"},
      dir / "log");
  ASSERT_NE(server, nullptr);
  Client client(server->Address());
  std::optional<Listing> before = List(client);
  ASSERT_TRUE(before.has_value()) << server->Log();
  ASSERT_EQ(JudgeTestCard(client), "r1 4.2000");

  WriteFile(dir / "rules/test-fy2563.yaml",
            ReadFile(absl::StrCat(kTestData, "/broken-rules.yaml")));
  server->Signal(SIGHUP);
  std::optional<Listing> after;
  ASSERT_TRUE(WaitUntil([&] {
    after = List(client);
    return after.has_value() && after->refused.has_value();
  })) << server->Log();
  EXPECT_EQ(after->revisions, before->revisions);
  EXPECT_EQ(JudgeTestCard(client), "r1 4.2000");
  ASSERT_FALSE(after->refused->reasons().empty());
  for (const std::string& reason : after->refused->reasons()) {
    EXPECT_THAT(reason, HasSubstr("test-fy2563.yaml"));
  }
  EXPECT_GT(after->refused->attempted_at_unix_seconds(), 0);
  EXPECT_EQ(Health(client, ""), HealthCheckResponse::SERVING);
  EXPECT_EQ(Health(client, "scorecard.v1.ScorecardService"),
            HealthCheckResponse::SERVING);
  EXPECT_EQ(server->LogLines("reload_refused").size(), 1u);

  // A good file takes effect on the next SIGHUP and clears the refusal.
  WriteFile(dir / "rules/test-fy2563.yaml",
            ReadFile(absl::StrCat(kTestData, "/test-fy2563-r2.yaml")));
  server->Signal(SIGHUP);
  ASSERT_TRUE(WaitUntil([&] {
    after = List(client);
    return after.has_value() && after->revisions["test-fy2563"] == "r2";
  })) << server->Log();
  EXPECT_FALSE(after->refused.has_value());
  EXPECT_EQ(after->revisions["led-fy2563"], before->revisions["led-fy2563"]);
  EXPECT_EQ(JudgeTestCard(client), "r2 3.6000");

  server->Signal(SIGTERM);
  EXPECT_TRUE(ExitedWith(server->WaitForExit(), 0)) << server->Log();
}

TEST(Scorecardd, PollingPicksUpAChangedFile) {
  TempDir dir;
  MakeRulesFolder(dir);
  auto server = ScorecarddProcess::Start(
      {"--listen=127.0.0.1:0", "--rules=" + (dir / "rules"),
       "--reload_poll_interval=50ms"},
      dir / "log");
  ASSERT_NE(server, nullptr);
  Client client(server->Address());
  ASSERT_EQ(JudgeTestCard(client), "r1 4.2000") << server->Log();

  WriteFile(dir / "rules/test-fy2563.yaml",
            ReadFile(absl::StrCat(kTestData, "/test-fy2563-r2.yaml")));
  EXPECT_TRUE(WaitUntil([&] { return JudgeTestCard(client) == "r2 3.6000"; }))
      << server->Log();

  server->Signal(SIGINT);
  EXPECT_TRUE(ExitedWith(server->WaitForExit(), 0)) << server->Log();
}

TEST(Scorecardd, DoesNotStartWithoutRules) {
  TempDir dir;
  fs::create_directory(dir / "rules");
  fs::copy_file(absl::StrCat(kTestData, "/broken-rules.yaml"),
                dir / "rules/broken.yaml");
  auto server = ScorecarddProcess::Start(
      {"--listen=127.0.0.1:0", "--rules=" + (dir / "rules")}, dir / "log");
  ASSERT_NE(server, nullptr);
  EXPECT_TRUE(ExitedWith(server->WaitForExit(), 1)) << server->Log();
  EXPECT_THAT(server->LogLines("listening"), IsEmpty());
  const std::vector<std::string> exit = server->LogLines("exit");
  ASSERT_EQ(exit.size(), 1u) << server->Log();
  EXPECT_THAT(exit[0], HasSubstr("broken.yaml"));
}

// Returns the number in `"key":N` of a log line; -1 when absent.
int64_t LogNumber(const std::string& line, const std::string& key) {
  const std::string marker = absl::StrCat("\"", key, "\":");
  const size_t at = line.find(marker);
  if (at == std::string::npos) return -1;
  return std::strtoll(line.c_str() + at + marker.size(), nullptr, 10);
}

// The seed document's scorecards, judged by led-fy2563 on the server: each
// verdict, or an empty list when a call failed.
std::vector<v1::ValidationResult> JudgeSeed(Client& client) {
  absl::StatusOr<rules::ScorecardDocument> document =
      rules::ReadScorecardDocument(
          ReadFile(::scorecard::testing::kSeedDocument), "seed.txt");
  EXPECT_TRUE(document.ok()) << document.status();
  if (!document.ok()) return {};
  std::vector<v1::ValidationResult> results;
  for (const rules::DocumentScorecard& item : document->scorecards) {
    v1::ValidateScorecardRequest request;
    *request.mutable_scorecard() = item.scorecard;
    request.mutable_scorecard()->set_rule_set("led-fy2563");
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::ValidateScorecardResponse response;
    const grpc::Status status =
        client.stub->ValidateScorecard(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (!status.ok()) return {};
    results.push_back(response.result());
  }
  return results;
}

// With --rule_cache_dir, the first start parses the rule files and stores
// them; the second finds them there (its "rule_cache" line says so) and
// serves the same verdicts on the seed.
TEST(Scorecardd, ASecondStartLoadsTheRulesFromTheCache) {
  TempDir dir;
  MakeRulesFolder(dir);
  const std::vector<std::string> flags = {
      "--listen=127.0.0.1:0", "--rules=" + (dir / "rules"),
      "--rule_cache_dir=" + (dir / "cache"), "--reload_poll_interval=0"};
  std::vector<v1::ValidationResult> first_verdicts;
  for (int start = 0; start < 2; ++start) {
    SCOPED_TRACE(absl::StrCat("start ", start + 1));
    auto server = ScorecarddProcess::Start(
        flags, dir / absl::StrCat("log", start));
    ASSERT_NE(server, nullptr);
    const std::string address = server->Address();
    ASSERT_FALSE(address.empty()) << server->Log();
    const std::vector<std::string> cache = server->LogLines("rule_cache");
    ASSERT_EQ(cache.size(), 1u) << server->Log();
    EXPECT_EQ(LogNumber(cache[0], "files"), 2) << cache[0];
    EXPECT_EQ(LogNumber(cache[0], "from_cache"), start == 0 ? 0 : 2)
        << cache[0];
    EXPECT_EQ(LogNumber(cache[0], "stored"), start == 0 ? 2 : 0) << cache[0];
    EXPECT_THAT(cache[0], Not(HasSubstr("\"note\""))) << cache[0];

    Client client(address);
    const std::vector<v1::ValidationResult> verdicts = JudgeSeed(client);
    ASSERT_EQ(verdicts.size(), 6u);
    for (const v1::ValidationResult& verdict : verdicts) {
      EXPECT_TRUE(verdict.valid()) << verdict.DebugString();
    }
    if (start == 0) {
      first_verdicts = verdicts;
    } else {
      for (size_t i = 0; i < verdicts.size(); ++i) {
        EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
            verdicts[i], first_verdicts[i]))
            << verdicts[i].DebugString();
      }
    }
    server->Signal(SIGTERM);
    EXPECT_TRUE(ExitedWith(server->WaitForExit(), 0)) << server->Log();
  }
}

// A cache folder inside the watched rules folder is refused at start-up:
// writing it would look like a change of the rules.
TEST(Scorecardd, DoesNotStartWithTheRuleCacheInsideTheRules) {
  TempDir dir;
  MakeRulesFolder(dir);
  auto server = ScorecarddProcess::Start(
      {"--listen=127.0.0.1:0", "--rules=" + (dir / "rules"),
       "--rule_cache_dir=" + (dir / "rules/.cache")},
      dir / "log");
  ASSERT_NE(server, nullptr);
  EXPECT_TRUE(ExitedWith(server->WaitForExit(), 1)) << server->Log();
  const std::vector<std::string> exit = server->LogLines("exit");
  ASSERT_EQ(exit.size(), 1u) << server->Log();
  EXPECT_THAT(exit[0], HasSubstr("inside the rules folder"));
  EXPECT_FALSE(fs::exists(dir / "rules/.cache"));
}

// Clients keep calling while SIGTERM arrives. No call that reached a handler
// may be lost: the server's count of calls started (logged when drained) must
// equal the calls the clients saw succeed, and every other call must have
// been refused before it started, which gRPC reports as UNAVAILABLE or, for
// a call the server had received but not yet handed to a handler, CANCELLED
// (gRPC core zombifies such calls at shutdown; grpc/grpc#41785). Nothing may
// end in DEADLINE_EXCEEDED, INTERNAL or the like. A stream open across the
// signal keeps being answered while draining, then ends OK; the process
// exits 0.
TEST(Scorecardd, SigtermDrainsWithoutLosingAcceptedCalls) {
  TempDir dir;
  MakeRulesFolder(dir);
  auto server = ScorecarddProcess::Start(
      {"--listen=127.0.0.1:0", "--rules=" + (dir / "rules"),
       "--drain_time=60s"},
      dir / "log");
  ASSERT_NE(server, nullptr);
  const std::string address = server->Address();
  ASSERT_FALSE(address.empty()) << server->Log();

  // The stream, opened before the signal.
  Client stream_client(address);
  grpc::ClientContext stream_context;
  SetDeadline(&stream_context);
  auto stream = stream_client.stub->ValidateScorecards(&stream_context);
  const auto exchange = [&](const std::string& id) {
    v1::ValidateScorecardsRequest request;
    request.set_correlation_id(id);
    *request.mutable_scorecard() = TestRequest().scorecard();
    v1::ValidateScorecardsResponse response;
    return stream->Write(request) && stream->Read(&response) &&
           response.correlation_id() == id &&
           response.result().computed_total() == "4.2000";
  };
  ASSERT_TRUE(exchange("before"));

  constexpr int kClients = 4;
  absl::Mutex mu;
  std::map<grpc::StatusCode, int> outcomes;
  std::vector<std::string> unexpected;
  std::atomic<int> ok_calls{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&] {
      Client client(address);  // A channel (connection) of its own.
      // Until the server has refused this client twice: the first refusal
      // may come from the connection's GOAWAY, the second from a fresh
      // connection attempt.
      int refused = 0;
      while (refused < 2) {
        grpc::ClientContext context;
        SetDeadline(&context);
        v1::ValidateScorecardResponse response;
        const grpc::Status status =
            client.stub->ValidateScorecard(&context, TestRequest(), &response);
        absl::MutexLock lock(&mu);
        ++outcomes[status.error_code()];
        if (status.ok()) {
          ++ok_calls;
          if (response.result().computed_total() != "4.2000") {
            unexpected.push_back("wrong total");
          }
        } else if (status.error_code() == grpc::StatusCode::UNAVAILABLE ||
                   status.error_code() == grpc::StatusCode::CANCELLED) {
          ++refused;
        } else {
          unexpected.push_back(absl::StrCat(status.error_code(), " ",
                                            status.error_message()));
          return;
        }
      }
    });
  }
  ASSERT_TRUE(WaitUntil([&] { return ok_calls.load() >= 20 * kClients; }));
  server->Signal(SIGTERM);
  ASSERT_TRUE(server->WaitForLog("draining")) << server->Log();

  // Draining: the open stream is still answered.
  EXPECT_TRUE(exchange("during-1"));
  EXPECT_TRUE(exchange("during-2"));
  for (std::thread& client : clients) client.join();
  stream->WritesDone();
  const grpc::Status stream_status = stream->Finish();
  EXPECT_TRUE(stream_status.ok()) << stream_status.error_message();

  EXPECT_TRUE(ExitedWith(server->WaitForExit(), 0)) << server->Log();
  EXPECT_THAT(unexpected, IsEmpty());
  EXPECT_GE(outcomes[grpc::StatusCode::OK], 20 * kClients);
  const std::vector<std::string> drained = server->LogLines("drained");
  ASSERT_EQ(drained.size(), 1u) << server->Log();
  // Every call a handler started was answered OK (the stream counts once).
  EXPECT_EQ(LogNumber(drained[0], "calls_started"),
            outcomes[grpc::StatusCode::OK] + 1)
      << "outcomes: OK " << outcomes[grpc::StatusCode::OK] << ", UNAVAILABLE "
      << outcomes[grpc::StatusCode::UNAVAILABLE] << ", CANCELLED "
      << outcomes[grpc::StatusCode::CANCELLED];
  const std::vector<std::string> exit = server->LogLines("exit");
  ASSERT_EQ(exit.size(), 1u);
  EXPECT_THAT(exit[0], HasSubstr("\"code\":0"));
}

// A sound rule set of `units` units of twenty indicators, about 2 KB of YAML
// each: large enough that loading it takes far longer than handling a signal
// (a few hundred milliseconds for 5,000 units, against microseconds).
std::string LargeRuleSetYaml(int units) {
  std::string yaml =
      "id: large-fy2563\nfiscal_year: 2563\nweight_total: \"100\"\n"
      "categories:\n  - {id: \"1\", title: \"ทดสอบ\"}\nunits:\n";
  for (int unit = 0; unit < units; ++unit) {
    absl::StrAppend(&yaml, "  - id: unit-", unit, "\n    name: \"กองทดสอบที่ ",
                    unit, "\"\n    indicators:\n");
    for (int indicator = 1; indicator <= 20; ++indicator) {
      absl::StrAppend(&yaml, "      - {id: \"1.", indicator,
                      "\", title: \"ร้อยละของงานทดสอบที่ ", indicator,
                      " ที่แล้วเสร็จตามกำหนด\", weight: \"5\"}\n");
    }
  }
  return yaml;
}

// --reload_timeout bounds the first load too: rules that do not load within
// it keep the server from listening, and it says why.
TEST(Scorecardd, DoesNotStartWhenTheRulesDoNotLoadInTime) {
  TempDir dir;
  dir.Write("rules/large.yaml", LargeRuleSetYaml(2000));
  auto server = ScorecarddProcess::Start(
      {"--listen=127.0.0.1:0", "--rules=" + (dir / "rules"),
       "--reload_timeout=1ms"},
      dir / "log");
  ASSERT_NE(server, nullptr);
  EXPECT_TRUE(ExitedWith(server->WaitForExit(), 1)) << server->Log();
  EXPECT_THAT(server->LogLines("listening"), IsEmpty());
  const std::vector<std::string> exit = server->LogLines("exit");
  ASSERT_EQ(exit.size(), 1u) << server->Log();
  EXPECT_THAT(exit[0], HasSubstr("did not finish loading within 1ms"));
}

// SIGTERM right after SIGHUP, while the reload is still loading a large
// rule set: the signal thread only asks for reloads, so draining starts at
// once, and it does not wait for the load. (Were SIGHUP handled on the
// signal thread, SIGTERM would wait until the load ends, and the large rule
// set would be loaded before draining.)
TEST(Scorecardd, SigtermDuringAReloadDrainsWithoutWaitingForIt) {
  TempDir dir;
  MakeRulesFolder(dir);
  auto server = ScorecarddProcess::Start(
      {"--listen=127.0.0.1:0", "--rules=" + (dir / "rules"),
       "--reload_poll_interval=0"},
      dir / "log");
  ASSERT_NE(server, nullptr);
  ASSERT_FALSE(server->Address().empty()) << server->Log();
  WriteFile(dir / "rules/large.yaml", LargeRuleSetYaml(5000));

  server->Signal(SIGHUP);
  server->Signal(SIGTERM);
  EXPECT_TRUE(ExitedWith(server->WaitForExit(), 0)) << server->Log();
  const std::string log = server->Log();
  const size_t draining = log.find("\"event\":\"draining\"");
  ASSERT_NE(draining, std::string::npos) << log;
  const size_t large_loaded = log.find("\"id\":\"large-fy2563\"");
  EXPECT_TRUE(large_loaded == std::string::npos || large_loaded > draining)
      << log;
  EXPECT_EQ(server->LogLines("drained").size(), 1u) << log;
}

}  // namespace
}  // namespace scorecard::service
