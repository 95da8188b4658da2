// BatchValidateScorecards and ValidateDocument in process: verdicts in order,
// the document's fiscal year, the per-call limit at its exact boundary,
// all-or-nothing errors naming the scorecard at fault, unreadable documents
// with details naming the line, the locale and the view, a decision id per
// scorecard, and one rules snapshot per call while the rules are reloaded.

#include <atomic>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "rules/utf8.h"
#include "scorecard/v1/scorecard_service.grpc.pb.h"
#include "service/json_log.h"
#include "service/rule_store.h"
#include "service/server.h"
#include "tests/testing/files.h"
#include "tests/testing/http_get.h"
#include "tests/testing/in_process_server.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace scorecard::service {
namespace {

using ::scorecard::testing::Card;
using ::scorecard::testing::HttpGet;
using ::scorecard::testing::InProcessServer;
using ::scorecard::testing::Index;
using ::scorecard::testing::kPatience;
using ::scorecard::testing::kRulesR1;
using ::scorecard::testing::kRulesR2;
using ::scorecard::testing::ReadFile;
using ::scorecard::testing::StartServer;
using ::scorecard::testing::TempDir;
using ::scorecard::testing::TotalR1;
using ::scorecard::testing::WaitUntil;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;
using ::testing::StartsWith;

namespace v1 = ::scorecard::v1;

grpc::Status Batch(v1::ScorecardService::Stub& stub,
                   const v1::BatchValidateScorecardsRequest& request,
                   v1::BatchValidateScorecardsResponse* response) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + kPatience));
  return stub.BatchValidateScorecards(&context, request, response);
}

grpc::Status Document(v1::ScorecardService::Stub& stub,
                      const v1::ValidateDocumentRequest& request,
                      v1::ValidateDocumentResponse* response) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + kPatience));
  return stub.ValidateDocument(&context, request, response);
}

// A batch of Card(5, s) for each s of `second_scores`.
v1::BatchValidateScorecardsRequest BatchOf(
    const std::vector<int>& second_scores) {
  v1::BatchValidateScorecardsRequest request;
  for (int s : second_scores) *request.add_scorecards() = Card("5", absl::StrCat(s));
  return request;
}

// A published (tab-separated) document of fiscal year 2563 with one block
// for กองทะเบียน (the test rules' "registry") per score of `second_scores`,
// scoring 5 and that score. Its first block starts on line 2; each block is
// four lines long.
std::string PublishedDocument(const std::vector<int>& second_scores) {
  std::string text =
      "สรุปผลคะแนน ตามคำรับรองการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๓\n";
  for (int s : second_scores) {
    absl::StrAppend(&text, "ตัวชี้วัด\tกองทะเบียน\n",
                    "\tรายละเอียดตัวชี้วัด\tคะแนนที่ได้\tน้ำหนัก\n",
                    "1.1\tร้อยละความพึงพอใจ\t5\t60\n",
                    "2.1\tระดับความสำเร็จ\t", s, "\t40\n");
  }
  return text;
}

v1::ValidateDocumentRequest DocumentRequest(const std::string& document,
                                            const std::string& name = "scores.txt") {
  v1::ValidateDocumentRequest request;
  request.set_document(document);
  request.set_document_name(name);
  return request;
}

// The details of a failed call, unpacked.
struct Details {
  google::rpc::BadRequest bad_request;
  google::rpc::ErrorInfo info;
};

Details Unpack(const grpc::Status& status) {
  Details details;
  google::rpc::Status rpc_status;
  EXPECT_TRUE(rpc_status.ParseFromString(status.error_details()))
      << "no google.rpc.Status for: " << status.error_message();
  for (const google::protobuf::Any& any : rpc_status.details()) {
    if (any.Is<google::rpc::BadRequest>()) any.UnpackTo(&details.bad_request);
    if (any.Is<google::rpc::ErrorInfo>()) any.UnpackTo(&details.info);
  }
  EXPECT_EQ(details.info.domain(), "scorecard.v1");
  return details;
}

std::string ViolatedField(const Details& details) {
  return details.bad_request.field_violations_size() == 1
             ? details.bad_request.field_violations(0).field()
             : "(not one field violation)";
}

TEST(BatchValidateScorecards, VerdictsComeInRequestOrder) {
  InProcessServer test = StartServer();
  const std::vector<int> scores = {1, 4, 2, 5, 3};
  v1::BatchValidateScorecardsResponse response;
  const grpc::Status status = Batch(*test.stub, BatchOf(scores), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_THAT(response.verdicts(), SizeIs(scores.size()));
  for (size_t i = 0; i < scores.size(); ++i) {
    EXPECT_EQ(response.verdicts(i).result().computed_total(),
              TotalR1(5, scores[i]))
        << i;
    EXPECT_EQ(response.verdicts(i).decision_id(), "") << "no decision log";
  }
}

TEST(BatchValidateScorecards, TheLimitIsExactly) {
  InProcessServer test = StartServer(
      [](ServerOptions& options) { options.max_batch_scorecards = 3; });
  v1::BatchValidateScorecardsResponse response;
  ASSERT_TRUE(Batch(*test.stub, BatchOf({1, 2, 3}), &response).ok());
  EXPECT_THAT(response.verdicts(), SizeIs(3));

  response.Clear();
  const grpc::Status over = Batch(*test.stub, BatchOf({1, 2, 3, 4}), &response);
  EXPECT_EQ(over.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(over.error_message(),
            "scorecards has 4 scorecards; the limit is 3 per call");
  const Details details = Unpack(over);
  EXPECT_EQ(ViolatedField(details), "scorecards");
  EXPECT_EQ(details.info.reason(), "TOO_MANY_SCORECARDS");
  EXPECT_EQ(details.info.metadata().at("limit"), "3");
  EXPECT_THAT(response.verdicts(), IsEmpty());

  const grpc::Status none = Batch(*test.stub, BatchOf({}), &response);
  EXPECT_EQ(none.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Unpack(none).info.reason(), "NO_SCORECARDS");
}

// All or nothing: one scorecard that cannot be judged fails the call, and the
// details name it.
TEST(BatchValidateScorecards, AScorecardThatCannotBeJudgedFailsTheCallNamingIt) {
  InProcessServer test = StartServer();
  v1::BatchValidateScorecardsRequest request = BatchOf({1, 2, 3, 4, 5});
  request.mutable_scorecards(3)->clear_rule_set();
  v1::BatchValidateScorecardsResponse response;
  grpc::Status status = Batch(*test.stub, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "scorecards[3].rule_set is required");
  EXPECT_EQ(ViolatedField(Unpack(status)), "scorecards[3].rule_set");
  EXPECT_THAT(response.verdicts(), IsEmpty());

  request = BatchOf({1, 2, 3});
  request.mutable_scorecards(2)->set_rule_set("made-up");
  status = Batch(*test.stub, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(),
              StartsWith("scorecards[2].rule_set: no rule set \"made-up\""));
  const Details details = Unpack(status);
  EXPECT_EQ(details.info.reason(), "UNKNOWN_RULE_SET");
  EXPECT_EQ(details.info.metadata().at("field"), "scorecards[2].rule_set");
}

TEST(BatchValidateScorecards, HonoursTheLocaleAndTheView) {
  InProcessServer test = StartServer();
  v1::BatchValidateScorecardsRequest request = BatchOf({3});
  *request.add_scorecards() = Card("7", "3");  // Out of range: a violation.
  v1::BatchValidateScorecardsResponse english;
  v1::BatchValidateScorecardsResponse thai;
  request.set_locale("en");
  ASSERT_TRUE(Batch(*test.stub, request, &english).ok());
  request.set_locale("th");
  request.set_view(v1::RESULT_VIEW_BASIC);
  ASSERT_TRUE(Batch(*test.stub, request, &thai).ok());
  ASSERT_THAT(english.verdicts(), SizeIs(2));
  ASSERT_THAT(thai.verdicts(), SizeIs(2));
  ASSERT_THAT(english.verdicts(1).result().violations(), SizeIs(1));
  ASSERT_THAT(thai.verdicts(1).result().violations(), SizeIs(1));
  EXPECT_NE(english.verdicts(1).result().violations(0).message(),
            thai.verdicts(1).result().violations(0).message());
  EXPECT_THAT(english.verdicts(0).result().contributions(), SizeIs(2));
  EXPECT_THAT(thai.verdicts(0).result().contributions(), IsEmpty());
  EXPECT_EQ(thai.verdicts(0).result().computed_total(), TotalR1(5, 3));

  request.set_locale("xx");
  const grpc::Status status = Batch(*test.stub, request, &thai);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedField(Unpack(status)), "locale");
}

// Loads r2, r1, r2... each load a new index that nothing else holds, so that
// a reload does not wait for the old rules to be released by anyone but the
// calls judging by them (RuleStore waits up to a second for that).
class FlippingRuleSource final : public RuleSource {
 public:
  absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> Load() override {
    return Index({loads_++ % 2 == 0 ? kRulesR1 : kRulesR2});
  }
  std::string Fingerprint() override { return absl::StrCat(loads_.load()); }
  std::string Describe() const override { return "flipping"; }

 private:
  std::atomic<int> loads_{0};
};

// While the rules flip between r1 and r2, every batch is judged by one of
// them whole. A handler that looked the rules up per scorecard would mix
// them within a batch as soon as a flip fell inside it (batches of 100 give
// it every chance).
TEST(BatchValidateScorecards, OneSnapshotJudgesTheWholeBatch) {
  InProcessServer test = StartServer([](ServerOptions& options) {
    options.rule_source = std::make_unique<FlippingRuleSource>();
  });
  const v1::BatchValidateScorecardsRequest request =
      BatchOf(std::vector<int>(100, 3));
  constexpr int kBatchesWhileFlipping = 200;
  std::atomic<int> batches{0};
  std::atomic<bool> done{false};
  std::vector<std::string> problems;
  std::set<std::string> revisions_seen;
  std::thread client([&] {
    const absl::Time give_up = absl::Now() + kPatience;
    while (batches.load() < kBatchesWhileFlipping && absl::Now() < give_up) {
      v1::BatchValidateScorecardsResponse response;
      const grpc::Status status = Batch(*test.stub, request, &response);
      if (!status.ok() || response.verdicts_size() != 100) {
        problems.push_back(status.error_message());
        break;
      }
      std::set<std::string> revisions;
      for (const v1::ScorecardVerdict& verdict : response.verdicts()) {
        revisions.insert(verdict.result().rule_set_revision());
      }
      if (revisions.size() != 1) {
        problems.push_back(absl::StrCat("a batch judged by ", revisions.size(),
                                        " revisions"));
      }
      revisions_seen.insert(revisions.begin(), revisions.end());
      ++batches;
    }
    done = true;
  });
  int reloads = 0;
  while (!done.load()) {
    if (!test.server->rule_store().Reload().ok()) {
      ADD_FAILURE() << "reload failed";
      break;
    }
    ++reloads;
  }
  client.join();
  EXPECT_GT(reloads, 10);
  EXPECT_THAT(problems, IsEmpty());
  EXPECT_EQ(batches.load(), kBatchesWhileFlipping);
  EXPECT_EQ(revisions_seen, (std::set<std::string>{"r1", "r2"}));
}

TEST(ValidateDocument, ReadsAPublishedDocumentInOrderWithItsFiscalYear) {
  InProcessServer test = StartServer();
  const std::vector<int> scores = {2, 5, 1};
  v1::ValidateDocumentResponse response;
  const grpc::Status status = Document(
      *test.stub, DocumentRequest(PublishedDocument(scores)), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.fiscal_year(), 2563);
  ASSERT_THAT(response.verdicts(), SizeIs(scores.size()));
  for (size_t i = 0; i < scores.size(); ++i) {
    const v1::ValidationResult& result = response.verdicts(i).result();
    // Chosen for fiscal year 2563 among test-fy2563 and other-fy2564.
    EXPECT_EQ(result.rule_set(), "test-fy2563") << i;
    EXPECT_EQ(result.unit(), "registry") << i;
    EXPECT_EQ(result.computed_total(), TotalR1(5, scores[i])) << i;
  }
}

TEST(ValidateDocument, ReadsScorecardJsonAndChoosesByItsYear) {
  InProcessServer test = StartServer();
  v1::ValidateDocumentResponse response;
  grpc::Status status = Document(
      *test.stub,
      DocumentRequest(R"({"fiscalYear": 2564, "scorecards": [
          {"unit": "finance", "entries": [{"indicator": "1.1", "score": "4"}]},
          {"ruleSet": "test-fy2563", "fiscalYear": 2563, "unit": "registry",
           "entries": [{"indicator": "1.1", "score": "5"},
                       {"indicator": "2.1", "score": "3"}]}]})",
                      "scores.json"),
      &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.fiscal_year(), 2564);
  ASSERT_THAT(response.verdicts(), SizeIs(2));
  EXPECT_EQ(response.verdicts(0).result().rule_set(), "other-fy2564");
  EXPECT_EQ(response.verdicts(0).result().computed_total(), "4.0000");
  EXPECT_EQ(response.verdicts(1).result().rule_set(), "test-fy2563");
  EXPECT_EQ(response.verdicts(1).result().computed_total(), TotalR1(5, 3));

  // A rule set named in the request judges every scorecard.
  v1::ValidateDocumentRequest request =
      DocumentRequest(PublishedDocument({3, 3}));
  request.set_rule_set("other-fy2564");
  status = Document(*test.stub, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_THAT(response.verdicts(), SizeIs(2));
  EXPECT_EQ(response.verdicts(1).result().rule_set(), "other-fy2564");
}

TEST(ValidateDocument, AnUnreadablePublishedDocumentNamesTheLine) {
  InProcessServer test = StartServer();
  std::string document = PublishedDocument({1, 2});
  // Line 7 (the second block's column header) gets a row that is no row.
  std::vector<std::string> lines = absl::StrSplit(document, '\n');
  lines[6] = "this is not a row\tof any kind";
  document = absl::StrJoin(lines, "\n");
  v1::ValidateDocumentResponse response;
  const grpc::Status status =
      Document(*test.stub, DocumentRequest(document), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), StartsWith("scores.txt:7: "));
  const Details details = Unpack(status);
  EXPECT_EQ(ViolatedField(details), "document");
  EXPECT_EQ(details.info.reason(), "UNREADABLE_DOCUMENT");
  EXPECT_EQ(details.info.metadata().at("line"), "7");
  EXPECT_THAT(response.verdicts(), IsEmpty());
}

TEST(ValidateDocument, AnUnreadableJsonDocumentNamesTheLine) {
  InProcessServer test = StartServer();
  v1::ValidateDocumentResponse response;
  const grpc::Status status = Document(
      *test.stub,
      DocumentRequest("{\"scorecards\": [\n  {\"unit\": \"registry\"},\n"
                      "  {\"unit\" \"finance\"}\n]}\n",
                      "scores.json"),
      &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), StartsWith("scores.json:3:"));
  const Details details = Unpack(status);
  EXPECT_EQ(details.info.reason(), "UNREADABLE_DOCUMENT");
  EXPECT_EQ(details.info.metadata().at("line"), "3");
}

TEST(ValidateDocument, BytesThatAreNotUtf8AreAClearError) {
  InProcessServer test = StartServer();
  std::string document = PublishedDocument({1});
  document.insert(document.find("กองทะเบียน"), "\xE0\xB8\xFF\xC0");
  v1::ValidateDocumentResponse response;
  const grpc::Status status = Document(
      *test.stub, DocumentRequest(document, std::string(300, 'n')), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr(":2: not UTF-8 text"));
  EXPECT_TRUE(rules::IsValidUtf8(status.error_message()));
  // The name is quoted short, never echoed whole.
  EXPECT_THAT(status.error_message(), Not(HasSubstr(std::string(100, 'n'))));
  EXPECT_EQ(Unpack(status).info.metadata().at("line"), "2");
}

TEST(ValidateDocument, NoDocumentIsInvalidArgument) {
  InProcessServer test = StartServer();
  v1::ValidateDocumentResponse response;
  const grpc::Status status =
      Document(*test.stub, DocumentRequest(""), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Unpack(status).info.reason(), "MISSING_DOCUMENT");
}

TEST(ValidateDocument, TheLimitIsExactly) {
  InProcessServer test = StartServer(
      [](ServerOptions& options) { options.max_batch_scorecards = 2; });
  v1::ValidateDocumentResponse response;
  ASSERT_TRUE(Document(*test.stub, DocumentRequest(PublishedDocument({1, 2})),
                       &response)
                  .ok());
  EXPECT_THAT(response.verdicts(), SizeIs(2));
  response.Clear();
  const grpc::Status over = Document(
      *test.stub, DocumentRequest(PublishedDocument({1, 2, 3})), &response);
  EXPECT_EQ(over.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(over.error_message(),
            "document has 3 scorecards; the limit is 2 per call");
  EXPECT_EQ(Unpack(over).info.reason(), "TOO_MANY_SCORECARDS");
  EXPECT_THAT(response.verdicts(), IsEmpty());
}

TEST(ValidateDocument, UnknownOrUnchosenRuleSetFailsTheCall) {
  InProcessServer test = StartServer();
  v1::ValidateDocumentRequest request =
      DocumentRequest(PublishedDocument({1}));
  request.set_rule_set("made-up");
  v1::ValidateDocumentResponse response;
  grpc::Status status = Document(*test.stub, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(),
              HasSubstr("no rule set \"made-up\"; there are: "
                        "other-fy2564 (fiscal year 2564), test-fy2563 "
                        "(fiscal year 2563)"));
  Details details = Unpack(status);
  EXPECT_EQ(details.info.reason(), "UNKNOWN_RULE_SET");
  EXPECT_EQ(details.info.metadata().at("field"), "rule_set");

  // Two rule sets, neither for 2570: no choice to make.
  status = Document(
      *test.stub,
      DocumentRequest(R"({"fiscalYear": 2570, "scorecards": [{"unit": "x"}]})"),
      &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(),
              StartsWith("no rule set is for fiscal year 2570"));
  EXPECT_EQ(Unpack(status).info.reason(), "RULE_SET_NOT_CHOSEN");
}

TEST(ValidateDocument, HonoursTheLocaleAndTheView) {
  InProcessServer test = StartServer();
  v1::ValidateDocumentRequest request =
      DocumentRequest(PublishedDocument({3, 9}));  // 9: out of range.
  v1::ValidateDocumentResponse english;
  v1::ValidateDocumentResponse thai;
  ASSERT_TRUE(Document(*test.stub, request, &english).ok());
  request.set_locale("th");
  request.set_view(v1::RESULT_VIEW_BASIC);
  ASSERT_TRUE(Document(*test.stub, request, &thai).ok());
  ASSERT_THAT(english.verdicts(), SizeIs(2));
  ASSERT_THAT(thai.verdicts(), SizeIs(2));
  ASSERT_THAT(english.verdicts(1).result().violations(), Not(IsEmpty()));
  EXPECT_NE(english.verdicts(1).result().violations(0).message(),
            thai.verdicts(1).result().violations(0).message());
  EXPECT_THAT(english.verdicts(0).result().contributions(), SizeIs(2));
  EXPECT_THAT(thai.verdicts(0).result().contributions(), IsEmpty());
}

// Returns the value of the sample `name` whose labels include each of
// `labels`; -1 when there is none.
double Sample(const std::string& exposition, const std::string& name,
              const std::vector<std::string>& labels) {
  for (absl::string_view line : absl::StrSplit(exposition, '\n')) {
    if (!absl::StartsWith(line, name + "{")) continue;
    bool all = true;
    for (const std::string& label : labels) {
      all = all && absl::StrContains(line, label);
    }
    double value;
    if (all && absl::SimpleAtod(line.substr(line.rfind(' ') + 1), &value)) {
      return value;
    }
  }
  return -1;
}

// Each judged scorecard of a batch or a document counts in
// scorecard_validations_total as a ValidateScorecard does; a refused call
// counts once.
TEST(BulkMetrics, EachScorecardCountsAsOneValidation) {
  InProcessServer test = StartServer([](ServerOptions& options) {
    options.observability.metrics_listen = "127.0.0.1:0";
  });
  v1::BatchValidateScorecardsRequest batch = BatchOf({1, 2});
  *batch.add_scorecards() = Card("7", "3");  // Invalid.
  v1::BatchValidateScorecardsResponse batch_response;
  ASSERT_TRUE(Batch(*test.stub, batch, &batch_response).ok());
  v1::ValidateDocumentResponse document_response;
  ASSERT_TRUE(Document(*test.stub, DocumentRequest(PublishedDocument({4, 5})),
                       &document_response)
                  .ok());
  batch.mutable_scorecards(1)->set_rule_set("made-up");
  EXPECT_FALSE(Batch(*test.stub, batch, &batch_response).ok());

  // A call is counted as handled once the server has sent its status, which
  // the client may have received first: scrape until every call is counted.
  const std::string batch_method = "grpc_method=\"BatchValidateScorecards\"";
  const std::string document_method = "grpc_method=\"ValidateDocument\"";
  std::string m;
  ASSERT_TRUE(WaitUntil([&] {
    absl::StatusOr<std::string> got =
        HttpGet(test.server->metrics_address(), "/metrics");
    if (!got.ok()) return false;
    m = *std::move(got);
    return Sample(m, "grpc_server_handling_seconds_count", {batch_method}) ==
               2 &&
           Sample(m, "grpc_server_handling_seconds_count",
                  {document_method}) == 1;
  })) << m;
  const std::string rule_set = "rule_set=\"test-fy2563\"";
  EXPECT_EQ(Sample(m, "scorecard_validations_total",
                   {rule_set, "result=\"valid\""}),
            4);
  EXPECT_EQ(Sample(m, "scorecard_validations_total",
                   {rule_set, "result=\"invalid\""}),
            1);
  EXPECT_EQ(Sample(m, "scorecard_validations_total",
                   {rule_set, "result=\"refused\""}),
            1);
  EXPECT_EQ(Sample(m, "grpc_server_handled_total",
                   {batch_method, "grpc_code=\"OK\""}),
            1);
  EXPECT_EQ(Sample(m, "grpc_server_handled_total",
                   {document_method, "grpc_code=\"OK\""}),
            1);
}

class BulkDecisionLogTest : public ::testing::Test {
 protected:
  std::vector<std::string> LoggedLines() {
    return absl::StrSplit(ReadFile(path_), '\n', absl::SkipEmpty());
  }

  TempDir dir_;
  const std::string path_ = dir_ / "decisions.jsonl";
};

// Each scorecard of a batch or a document has its own decision record, under
// the id its verdict carries, written before the response was sent.
TEST_F(BulkDecisionLogTest, EachScorecardHasItsOwnRecord) {
  InProcessServer test = StartServer([&](ServerOptions& options) {
    options.observability.decision_log.path = path_;
    options.observability.decision_log.queue_records = 2;  // Back-pressure.
  });
  v1::BatchValidateScorecardsResponse batch;
  grpc::Status status = Batch(*test.stub, BatchOf({1, 2, 3, 4}), &batch);
  ASSERT_TRUE(status.ok()) << status.error_message();
  v1::ValidateDocumentResponse document;
  status = Document(*test.stub, DocumentRequest(PublishedDocument({5, 4, 3})),
                    &document);
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::vector<std::string> ids;
  for (const auto& verdict : batch.verdicts()) ids.push_back(verdict.decision_id());
  for (const auto& verdict : document.verdicts()) {
    ids.push_back(verdict.decision_id());
  }
  ASSERT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 7u);
  const std::vector<std::string> lines = LoggedLines();
  ASSERT_THAT(lines, SizeIs(7));
  for (size_t i = 0; i < lines.size(); ++i) {
    const bool in_batch = i < 4;
    const size_t position = in_batch ? i : i - 4;
    EXPECT_THAT(lines[i], HasSubstr(absl::StrCat("\"decision_id\":\"", ids[i])))
        << lines[i];
    EXPECT_THAT(lines[i],
                HasSubstr(in_batch ? "ScorecardService/BatchValidateScorecards\""
                                   : "ScorecardService/ValidateDocument\""));
    EXPECT_THAT(lines[i], HasSubstr(absl::StrCat("\"correlation_id\":\"",
                                                 position, "\"")));
  }
}

TEST_F(BulkDecisionLogTest, AFullDiskSendsNoVerdict) {
  InProcessServer test = StartServer([&](ServerOptions& options) {
    options.observability.decision_log.path = "/dev/full";
  });
  SetLogSinkForTesting([](absl::string_view) {});
  v1::BatchValidateScorecardsResponse batch;
  const grpc::Status status = Batch(*test.stub, BatchOf({1, 2, 3}), &batch);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(batch.verdicts(), IsEmpty());
  SetLogSinkForTesting(nullptr);
}

}  // namespace
}  // namespace scorecard::service
