#include "tests/testing/in_process_server.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "rules/rule_set.h"
#include "tests/testing/wait.h"

namespace scorecard::testing {

namespace v1 = ::scorecard::v1;

const char kRulesR1[] = R"pb(
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

const char kRulesR2[] = R"pb(
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

const char kOtherRules[] = R"pb(
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
    const std::vector<std::string>& textprotos) {
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

void ScriptedRuleSource::Script(std::vector<Outcome> cycle) {
  absl::MutexLock lock(&mu_);
  cycle_ = std::move(cycle);
  next_ = 0;
}

ScriptedRuleSource::Outcome ScriptedRuleSource::Load() {
  absl::MutexLock lock(&mu_);
  return cycle_[next_++ % cycle_.size()];
}

InProcessServer StartServer(
    const std::function<void(service::ServerOptions&)>& customise) {
  InProcessServer test;
  auto source = std::make_unique<ScriptedRuleSource>(
      std::vector<ScriptedRuleSource::Outcome>{Index({kRulesR1, kOtherRules})});
  test.source = source.get();
  service::ServerOptions options;
  options.listen_address = "";
  options.rule_source = std::move(source);
  options.reload_poll_interval = absl::ZeroDuration();
  options.drain_time = absl::Seconds(30);
  if (customise) customise(options);
  absl::StatusOr<std::unique_ptr<service::Server>> server =
      service::Server::Create(std::move(options));
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

v1::Scorecard Card(const std::string& score_1_1,
                   const std::string& score_2_1) {
  v1::Scorecard card;
  card.set_rule_set("test-fy2563");
  card.set_unit("registry");
  *card.add_entries() = Row("1.1", score_1_1);
  *card.add_entries() = Row("2.1", score_2_1);
  return card;
}

std::string TotalR1(int s1, int s2) {
  const int hundredths = 60 * s1 + 40 * s2;
  return absl::StrCat(hundredths / 100, ".", hundredths % 100 / 10,
                      hundredths % 10, "00");
}

v1::ValidateScorecardRequest Request(v1::Scorecard card,
                                     const std::string& locale) {
  v1::ValidateScorecardRequest request;
  *request.mutable_scorecard() = std::move(card);
  request.set_locale(locale);
  return request;
}

v1::ValidateScorecardsRequest StreamRequest(const std::string& id,
                                            v1::Scorecard card) {
  v1::ValidateScorecardsRequest request;
  request.set_correlation_id(id);
  *request.mutable_scorecard() = std::move(card);
  return request;
}

grpc::Status Validate(v1::ScorecardService::Stub& stub,
                      const v1::ValidateScorecardRequest& request,
                      v1::ValidateScorecardResponse* response) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + kPatience));
  return stub.ValidateScorecard(&context, request, response);
}

}  // namespace scorecard::testing
