// The ScorecardService in process: every RPC, every status code the service
// returns, the stream's order and correlation ids, cancellation mid-stream,
// reloads racing with calls, health, reflection and the JSON log helper.
// Servers listen on no port (InProcessChannel) except where the point is the
// network path.

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "rules/rule_set.h"
#include "rules/rule_set_index.h"
#include "scorecard/v1/scorecard_service.grpc.pb.h"
#include "service/grpc_status.h"
#include "service/json_log.h"
#include "service/rule_store.h"
#include "service/server.h"

namespace scorecard::service {
namespace {

namespace v1 = ::scorecard::v1;
using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// Revision r1 weighs the two indicators 60 and 40; r2 weighs them 30 and 70.
// Scores 5 and 3 total 4.2000 under r1 and 3.6000 under r2, so a result's
// total says which revision judged it.
constexpr char kRulesR1[] = R"pb(
  id: "test-fy2563"
  title: "Test rules"
  fiscal_year: 2563
  revision: "r1"
  categories { id: "1" }
  categories { id: "2" }
  units {
    id: "registry"
    name: "กองทะเบียน"
    indicators { id: "1.1" title: "ร้อยละความพึงพอใจ" weight: "60" }
    indicators { id: "2.1" title: "ระดับความสำเร็จ" weight: "40" }
  }
)pb";
constexpr char kRulesR2[] = R"pb(
  id: "test-fy2563"
  title: "Test rules"
  fiscal_year: 2563
  revision: "r2"
  categories { id: "1" }
  categories { id: "2" }
  units {
    id: "registry"
    name: "กองทะเบียน"
    indicators { id: "1.1" title: "ร้อยละความพึงพอใจ" weight: "30" }
    indicators { id: "2.1" title: "ระดับความสำเร็จ" weight: "70" }
  }
)pb";
// A second rule set, so that listings hold more than one.
constexpr char kOtherRules[] = R"pb(
  id: "other-fy2564"
  title: "Other rules"
  fiscal_year: 2564
  revision: "o1"
  categories { id: "1" }
  units {
    id: "finance"
    name: "กองคลัง"
    indicators { id: "1.1" title: "ตัวชี้วัด" weight: "100" }
  }
  units {
    id: "audit"
    name: "กลุ่มตรวจสอบภายใน"
    indicators { id: "1.1" title: "ตัวชี้วัด" weight: "100" }
  }
)pb";

std::shared_ptr<const rules::RuleSetIndex> Index(
    std::vector<std::string> textprotos) {
  std::vector<std::shared_ptr<const rules::RuleSet>> rule_sets;
  for (const std::string& text : textprotos) {
    v1::RuleSetConfig config;
    EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &config));
    absl::StatusOr<std::shared_ptr<const rules::RuleSet>> compiled =
        rules::RuleSet::Compile(config, "inline.textproto");
    EXPECT_TRUE(compiled.ok()) << compiled.status();
    if (compiled.ok()) rule_sets.push_back(*compiled);
  }
  absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> index =
      rules::RuleSetIndex::Create(std::move(rule_sets));
  EXPECT_TRUE(index.ok()) << index.status();
  return index.value_or(nullptr);
}

// A rule source whose loads the test scripts: each Load() returns the next
// outcome of a cycle.
class ScriptedRuleSource final : public RuleSource {
 public:
  using Outcome = absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>>;

  explicit ScriptedRuleSource(std::vector<Outcome> cycle)
      : cycle_(std::move(cycle)) {}

  // Replaces the cycle; the next Load() returns its first outcome.
  void Script(std::vector<Outcome> cycle) {
    absl::MutexLock lock(&mu_);
    cycle_ = std::move(cycle);
    next_ = 0;
  }

  Outcome Load() override {
    absl::MutexLock lock(&mu_);
    return cycle_[next_++ % cycle_.size()];
  }
  std::string Fingerprint() override { return "scripted"; }
  std::string Describe() const override { return "scripted"; }

 private:
  absl::Mutex mu_;
  std::vector<Outcome> cycle_ ABSL_GUARDED_BY(mu_);
  size_t next_ ABSL_GUARDED_BY(mu_) = 0;
};

struct TestServer {
  std::unique_ptr<Server> server;
  ScriptedRuleSource* source = nullptr;  // Owned by the server.
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<v1::ScorecardService::Stub> stub;
};

// Starts a server on the rules r1 + other, reachable in process only, after
// `customise` has had its say on the options.
TestServer StartServer(
    const std::function<void(ServerOptions&)>& customise = nullptr) {
  TestServer test;
  auto source = std::make_unique<ScriptedRuleSource>(
      std::vector<ScriptedRuleSource::Outcome>{Index({kRulesR1, kOtherRules})});
  test.source = source.get();
  ServerOptions options;
  options.listen_address = "";
  options.rule_source = std::move(source);
  options.reload_poll_interval = absl::ZeroDuration();
  options.drain_time = absl::Seconds(30);
  if (customise) customise(options);
  absl::StatusOr<std::unique_ptr<Server>> server =
      Server::Create(std::move(options));
  EXPECT_TRUE(server.ok()) << server.status();
  if (!server.ok()) return test;
  test.server = *std::move(server);
  test.channel = test.server->InProcessChannel(grpc::ChannelArguments());
  test.stub = v1::ScorecardService::NewStub(test.channel);
  return test;
}

v1::Entry Row(const std::string& indicator, const std::string& score) {
  v1::Entry entry;
  entry.set_indicator(indicator);
  entry.set_score(score);
  return entry;
}

// A scorecard of "registry" scoring `score_1_1` and `score_2_1`.
v1::Scorecard Card(const std::string& score_1_1 = "5",
                   const std::string& score_2_1 = "3") {
  v1::Scorecard card;
  card.set_rule_set("test-fy2563");
  card.set_unit("registry");
  *card.add_entries() = Row("1.1", score_1_1);
  *card.add_entries() = Row("2.1", score_2_1);
  return card;
}

// The total r1 computes for whole-number scores s1 and s2: (60 s1 + 40 s2) /
// 100, written with 4 decimals.
std::string TotalR1(int s1, int s2) {
  const int hundredths = 60 * s1 + 40 * s2;
  return absl::StrCat(hundredths / 100, ".", hundredths % 100 / 10,
                      hundredths % 10, "00");
}

v1::ValidateScorecardRequest Request(v1::Scorecard card,
                                     const std::string& locale = "") {
  v1::ValidateScorecardRequest request;
  *request.mutable_scorecard() = std::move(card);
  request.set_locale(locale);
  return request;
}

grpc::Status Validate(v1::ScorecardService::Stub& stub,
                      const v1::ValidateScorecardRequest& request,
                      v1::ValidateScorecardResponse* response) {
  grpc::ClientContext context;
  return stub.ValidateScorecard(&context, request, response);
}

TEST(ValidateScorecard, ReturnsTheVerdictOfTheNamedRuleSet) {
  TestServer test = StartServer();
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
  TestServer test = StartServer();
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
  TestServer test = StartServer();
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
  TestServer test = StartServer();
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
  TestServer test = StartServer();
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
  TestServer test = StartServer();
  v1::ValidateScorecardResponse response;
  const grpc::Status status =
      Validate(*test.stub, v1::ValidateScorecardRequest(), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("scorecard"));
}

TEST(ValidateScorecard, MissingRuleSetIsInvalidArgument) {
  TestServer test = StartServer();
  v1::Scorecard card = Card();
  card.clear_rule_set();
  v1::ValidateScorecardResponse response;
  const grpc::Status status = Validate(*test.stub, Request(card), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "scorecard.rule_set is required");
}

TEST(ValidateScorecard, UnknownRuleSetIsNotFoundNamingIt) {
  TestServer test = StartServer();
  v1::Scorecard card = Card();
  card.set_rule_set("led-fy2599");
  v1::ValidateScorecardResponse response;
  const grpc::Status status = Validate(*test.stub, Request(card), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("led-fy2599"));
  EXPECT_THAT(status.error_message(), HasSubstr("test-fy2563"));
}

TEST(ValidateScorecard, UnknownLocaleIsInvalidArgumentNamingTheField) {
  TestServer test = StartServer();
  v1::ValidateScorecardResponse response;
  const grpc::Status status =
      Validate(*test.stub, Request(Card(), "klingon"), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("locale"));
}

TEST(ValidateScorecard, TooManyEntriesIsInvalidArgumentNamingTheLimit) {
  TestServer test =
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
  TestServer test = StartServer([](ServerOptions& options) {
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

TEST(ValidateScorecard, CancelledCallIsNotAnswered) {
  TestServer test = StartServer();
  grpc::ClientContext context;
  context.TryCancel();
  v1::ValidateScorecardResponse response;
  const grpc::Status status =
      test.stub->ValidateScorecard(&context, Request(Card()), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::CANCELLED);
}

TEST(ListRuleSets, ListsEveryRuleSetOrderedById) {
  TestServer test = StartServer();
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
  TestServer test = StartServer();
  const absl::Time before = absl::Now();
  test.source->Script(
      {absl::InvalidArgumentError("a.yaml: weights sum to 90\nb.yaml:3:1: "
                                  "unknown field \"wieght\"")});
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
  TestServer test = StartServer();
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
  TestServer test = StartServer();
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

v1::ValidateScorecardsRequest StreamRequest(const std::string& id,
                                            v1::Scorecard card) {
  v1::ValidateScorecardsRequest request;
  request.set_correlation_id(id);
  *request.mutable_scorecard() = std::move(card);
  return request;
}

TEST(ValidateScorecards, AnswersEveryRequestInOrderWithItsCorrelationId) {
  TestServer test = StartServer();
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
  TestServer test = StartServer();
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
  TestServer test = StartServer();
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
  TestServer test = StartServer(
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

// Every call judges by one snapshot: while the rules flip between r1 and r2,
// each result's total must be the one its own revision computes. Flipping
// goes on until the clients have made a good number of calls during it; the
// first calls run before any flip (r1) and the last after the final flip
// (r2), so both revisions are seen.
TEST(Reload, CallsSeeTheOldRulesOrTheNewNeverAMix) {
  TestServer test = StartServer();
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

grpc::Status CheckHealth(grpc::health::v1::Health::Stub& health,
                         const std::string& service,
                         HealthCheckResponse* response) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(30));
  HealthCheckRequest request;
  request.set_service(service);
  return health.Check(&context, request, response);
}

// Over the network: the in-process transport ends open streams when the
// server shuts down, instead of letting them drain, and gRPC 1.51 crashes on
// a call made on an in-process channel after its server has shut down.
TEST(Health, ServingOnceRulesAreLoadedNotServingWhenDraining) {
  TestServer test = StartServer(
      [](ServerOptions& options) { options.listen_address = "127.0.0.1:0"; });
  auto health = grpc::health::v1::Health::NewStub(grpc::CreateChannel(
      test.server->address(), grpc::InsecureChannelCredentials()));
  for (const std::string service : {"", "scorecard.v1.ScorecardService"}) {
    HealthCheckResponse response;
    const grpc::Status status = CheckHealth(*health, service, &response);
    ASSERT_TRUE(status.ok()) << service << ": " << status.error_message();
    EXPECT_EQ(response.status(), HealthCheckResponse::SERVING) << service;
  }
  HealthCheckResponse unknown;
  EXPECT_EQ(CheckHealth(*health, "no.Such", &unknown).error_code(),
            grpc::StatusCode::NOT_FOUND);

  // A watcher sees SERVING, then NOT_SERVING as soon as draining starts,
  // while its own call is still in flight.
  grpc::ClientContext watch_context;
  watch_context.set_deadline(std::chrono::system_clock::now() +
                             std::chrono::seconds(30));
  HealthCheckRequest request;
  request.set_service("scorecard.v1.ScorecardService");
  auto watch = health->Watch(&watch_context, request);
  HealthCheckResponse update;
  ASSERT_TRUE(watch->Read(&update));
  EXPECT_EQ(update.status(), HealthCheckResponse::SERVING);

  std::thread run([&] { EXPECT_TRUE(test.server->Run().ok()); });
  test.server->Shutdown();
  const bool updated = watch->Read(&update);
  // Ends the watch; otherwise draining would wait for it.
  watch_context.TryCancel();
  watch->Finish().IgnoreError();
  run.join();
  ASSERT_TRUE(updated);
  EXPECT_EQ(update.status(), HealthCheckResponse::NOT_SERVING);

  // Drained: no new calls.
  HealthCheckResponse after;
  EXPECT_EQ(CheckHealth(*health, "", &after).error_code(),
            grpc::StatusCode::UNAVAILABLE);
}

TEST(Server, DoesNotStartWithoutRules) {
  ServerOptions options;
  options.listen_address = "";
  options.rule_source = std::make_unique<ScriptedRuleSource>(
      std::vector<ScriptedRuleSource::Outcome>{
          absl::InvalidArgumentError("led.yaml: weights sum to 90")});
  absl::StatusOr<std::unique_ptr<Server>> server =
      Server::Create(std::move(options));
  EXPECT_EQ(server.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(server.status().message(), HasSubstr("weights sum to 90"));
}

TEST(Server, RejectsBadOptions) {
  const std::vector<std::function<void(ServerOptions&)>> breakers = {
      [](ServerOptions& o) { o.max_entries = 0; },
      [](ServerOptions& o) { o.max_receive_message_bytes = -1; },
      [](ServerOptions& o) { o.reload_poll_interval = absl::Seconds(-1); },
      [](ServerOptions& o) { o.drain_time = absl::Seconds(-1); },
      [](ServerOptions& o) { o.worker_threads = -1; },
      [](ServerOptions& o) {
        o.rule_source = nullptr;
        o.rules_path = "";
      },
  };
  for (size_t i = 0; i < breakers.size(); ++i) {
    ServerOptions options;
    options.listen_address = "";
    options.rule_source = std::make_unique<ScriptedRuleSource>(
        std::vector<ScriptedRuleSource::Outcome>{Index({kRulesR1})});
    breakers[i](options);
    EXPECT_EQ(Server::Create(std::move(options)).status().code(),
              absl::StatusCode::kInvalidArgument)
        << "options breaker " << i;
  }
}

TEST(Server, ListensOnPortZeroAndReportsThePortBound) {
  TestServer test = StartServer(
      [](ServerOptions& options) { options.listen_address = "127.0.0.1:0"; });
  ASSERT_GT(test.server->port(), 0);
  EXPECT_EQ(test.server->address(),
            absl::StrCat("127.0.0.1:", test.server->port()));
  auto stub = v1::ScorecardService::NewStub(grpc::CreateChannel(
      test.server->address(), grpc::InsecureChannelCredentials()));
  v1::ValidateScorecardResponse response;
  EXPECT_TRUE(Validate(*stub, Request(Card()), &response).ok());
}

TEST(Server, PortInUseIsUnavailable) {
  TestServer first = StartServer(
      [](ServerOptions& options) { options.listen_address = "127.0.0.1:0"; });
  ServerOptions options;
  options.listen_address = first.server->address();
  options.rule_source = std::make_unique<ScriptedRuleSource>(
      std::vector<ScriptedRuleSource::Outcome>{Index({kRulesR1})});
  EXPECT_EQ(Server::Create(std::move(options)).status().code(),
            absl::StatusCode::kUnavailable);
}

TEST(Server, RefusesSignalHandlingUnlessSignalsAreBlocked) {
  // The test runner has not blocked them in this thread.
  if (ServerSignalsBlocked()) GTEST_SKIP() << "signals already blocked";
  ServerOptions options;
  options.listen_address = "";
  options.handle_signals = true;
  options.rule_source = std::make_unique<ScriptedRuleSource>(
      std::vector<ScriptedRuleSource::Outcome>{Index({kRulesR1})});
  EXPECT_EQ(Server::Create(std::move(options)).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

// Asks the reflection service to list services, with hand-encoded messages
// (Debian ships no reflection client stubs, and generating our own would
// clash with the ones inside libgrpc++_reflection). Returns the raw response
// bytes, or the call's status when it fails.
absl::StatusOr<std::string> ListServicesByReflection(
    std::shared_ptr<grpc::Channel> channel) {
  grpc::GenericStub stub(std::move(channel));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(30));
  grpc::CompletionQueue cq;
  auto call = stub.PrepareCall(
      &context, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
      &cq);
  // One operation at a time; each completes before the next starts.
  const auto await = [&cq](intptr_t want) {
    void* tag = nullptr;
    bool ok = false;
    return cq.Next(&tag, &ok) && reinterpret_cast<intptr_t>(tag) == want && ok;
  };
  call->StartCall(reinterpret_cast<void*>(1));
  await(1);
  // ServerReflectionRequest { list_services: "*" }: field 7, length 1.
  grpc::Slice slice(std::string("\x3a\x01*", 3));
  grpc::ByteBuffer request(&slice, 1);
  call->WriteLast(request, grpc::WriteOptions(), reinterpret_cast<void*>(2));
  await(2);
  grpc::ByteBuffer response;
  call->Read(&response, reinterpret_cast<void*>(3));
  const bool read = await(3);
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(4));
  await(4);
  cq.Shutdown();
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        status.error_message());
  }
  if (!read) return absl::UnknownError("no response");
  std::vector<grpc::Slice> slices;
  if (!response.Dump(&slices).ok()) return absl::UnknownError("dump");
  std::string bytes;
  for (const grpc::Slice& s : slices) {
    bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  return bytes;
}

TEST(Reflection, ListsTheServiceWhenEnabledAndIsAbsentWhenNot) {
  {
    TestServer on = StartServer();
    absl::StatusOr<std::string> listed =
        ListServicesByReflection(on.channel);
    ASSERT_TRUE(listed.ok()) << listed.status();
    EXPECT_THAT(*listed, HasSubstr("scorecard.v1.ScorecardService"));
  }
  // Built after a server with reflection in the same process: still none.
  TestServer off =
      StartServer([](ServerOptions& options) { options.reflection = false; });
  EXPECT_EQ(ListServicesByReflection(off.channel).status().code(),
            absl::StatusCode::kUnimplemented);
}

// --worker_threads becomes grpc::ResourceQuota::SetMaxThreads, which in
// gRPC 1.51 caps only synchronous-API services (reflection). The callback API
// serving ScorecardService runs on gRPC's own threads, so even a cap of one
// thread leaves concurrent scorecard calls unaffected.
TEST(Server, WorkerThreadCapDoesNotLimitScorecardCalls) {
  TestServer test = StartServer([](ServerOptions& options) {
    options.worker_threads = 1;
    options.listen_address = "127.0.0.1:0";
  });
  auto stub = v1::ScorecardService::NewStub(grpc::CreateChannel(
      test.server->address(), grpc::InsecureChannelCredentials()));
  std::atomic<int> failures{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        v1::ValidateScorecardResponse response;
        if (!Validate(*stub, Request(Card()), &response).ok()) ++failures;
      }
    });
  }
  for (std::thread& client : clients) client.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST(ToGrpcStatus, MapsEveryCodeOneToOneAndKeepsTheMessage) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  for (int code = 1; code <= 16; ++code) {
    const grpc::Status status = ToGrpcStatus(
        absl::Status(static_cast<absl::StatusCode>(code), "why"));
    EXPECT_EQ(static_cast<int>(status.error_code()), code);
    EXPECT_EQ(status.error_message(), "why");
  }
  EXPECT_EQ(ToGrpcStatus(absl::NotFoundError("x")).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ToGrpcStatus(absl::InvalidArgumentError("x")).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST(JsonLog, EscapesControlCharactersAndPassesUtf8Through) {
  EXPECT_EQ(JsonQuote("กองทะเบียน"), "\"กองทะเบียน\"");
  EXPECT_EQ(JsonQuote("a\"b\\c\nd\te\x01"), R"("a\"b\\c\nd\te\u0001")");
  // Not UTF-8: a lone continuation byte and a truncated sequence.
  EXPECT_EQ(JsonQuote("x\x80y\xe0\xb8"), R"("x\ufffdy\ufffd\ufffd")");
}

TEST(JsonLog, WritesOneObjectPerLineWithTimeLevelAndEvent) {
  std::vector<std::string> lines;
  SetLogSinkForTesting(
      [&](absl::string_view line) { lines.emplace_back(line); });
  LogEvent(LogLevel::kWarning, "reload_refused")
      .Add("path", "/etc/rules")
      .Add("count", int64_t{2})
      .AddBool("ok", false)
      .Add("reasons", std::vector<std::string>{"a: x", "b: \"y\""})
      .Write();
  SetLogSinkForTesting(nullptr);
  ASSERT_THAT(lines, SizeIs(1));
  EXPECT_THAT(lines[0], ::testing::MatchesRegex(
                            R"(\{"time":"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:)"
                            R"([0-9]{2}:[0-9]{2}\.[0-9]{3}Z","level":"warning",)"
                            R"("event":"reload_refused",.*)"));
  EXPECT_THAT(lines[0],
              HasSubstr(R"("path":"/etc/rules","count":2,"ok":false,)"
                        R"("reasons":["a: x","b: \"y\""]})"));
}

}  // namespace
}  // namespace scorecard::service
