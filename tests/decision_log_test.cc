// The decision log's records: a fresh version-4 UUID each, the SHA-256 of
// the scorecard's canonical bytes, and a line holding every field.

#include <set>
#include <string>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "scorecard/v1/scorecard.pb.h"
#include "service/decision_log.h"

namespace scorecard::service {
namespace {

namespace v1 = ::scorecard::v1;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

TEST(NewDecisionId, IsAVersion4UuidAndNeverRepeats) {
  std::set<std::string> ids;
  for (int i = 0; i < 10000; ++i) {
    const std::string id = NewDecisionId();
    EXPECT_THAT(id, MatchesRegex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-"
                                 "[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 10000u);
}

TEST(ScorecardSha256, HashesTheCanonicalBytes) {
  // An empty message serialises to no bytes: SHA-256 of "".
  EXPECT_EQ(ScorecardSha256(v1::Scorecard()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  v1::Scorecard card;
  card.set_unit("registry");
  // printf '\x12\x08registry' | sha256sum
  EXPECT_EQ(ScorecardSha256(card),
            "fc3834c850bf04dbb9120da3e7e67187d622663c1f8b43df1809a3a202e7d24e");
  v1::Scorecard other = card;
  other.set_declared_total("4.0000");
  EXPECT_NE(ScorecardSha256(card), ScorecardSha256(other));
  EXPECT_EQ(ScorecardSha256(card).size(), 64u);
}

TEST(DecisionLine, HoldsEveryFieldOfTheDecision) {
  v1::Scorecard card;
  card.set_rule_set("led-fy2563");
  card.set_unit("  Registry\xff");
  v1::ValidationResult result;
  result.set_rule_set("led-fy2563");
  result.set_rule_set_revision("r7");
  result.set_unit("registry");
  result.set_valid(false);
  result.set_computed_total("4.2000");
  result.set_declared_total("4.3000");
  result.add_violations()->set_code(v1::VIOLATION_CODE_TOTAL_MISMATCH);
  Decision decision;
  decision.method = "ValidateScorecards";
  decision.caller = Caller{"ipv4:127.0.0.1:5000", "spiffe://agency/42"};
  decision.correlation_id = "row-9";
  decision.scorecard = &card;
  decision.result = &result;
  const std::string line = DecisionLine(
      "id-1", absl::FromUnixMicros(1764586923123456), decision);
  EXPECT_EQ(
      line,
      "{\"decision_id\":\"id-1\",\"time\":\"2025-12-01T11:02:03.123456Z\","
      "\"method\":\"scorecard.v1.ScorecardService/ValidateScorecards\","
      "\"peer\":\"ipv4:127.0.0.1:5000\",\"identity\":\"spiffe://agency/42\","
      "\"correlation_id\":\"row-9\",\"rule_set\":\"led-fy2563\","
      "\"rule_set_revision\":\"r7\",\"unit\":\"registry\","
      "\"submitted_unit\":\"  Registry\xef\xbf\xbd\",\"valid\":false,"
      "\"verdict\":\"invalid\",\"computed_total\":\"4.2000\","
      "\"declared_total\":\"4.3000\","
      "\"violation_codes\":[\"VIOLATION_CODE_TOTAL_MISMATCH\"],"
      "\"scorecard_sha256\":\"" +
          ScorecardSha256(card) + "\"}");
}

}  // namespace
}  // namespace scorecard::service
