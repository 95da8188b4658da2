// A scorecardd server inside the test process, for the service's suites: two
// small rule sets, a rule source the test scripts, and stubs on an
// in-process channel.
//
//   InProcessServer test = StartServer();
//   v1::ValidateScorecardResponse response;
//   grpc::Status status = Validate(*test.stub, Request(Card()), &response);
//   // status.ok(); response.result().computed_total() == "4.2000"
//
// The rules: "test-fy2563" at revision r1 (kRulesR1) weighs its two
// indicators 60 and 40; r2 (kRulesR2) weighs them 30 and 70. Scores 5 and 3
// total 4.2000 under r1 and 3.6000 under r2, so a result's total says which
// revision judged it. "other-fy2564" (kOtherRules) makes listings hold more
// than one rule set.
//
// Thread-safety: a server is started and destroyed by one thread; its stubs
// and channel may be used from any number of threads.

#ifndef SCORECARD_TESTS_TESTING_IN_PROCESS_SERVER_H_
#define SCORECARD_TESTS_TESTING_IN_PROCESS_SERVER_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/grpcpp.h"
#include "rules/rule_set_index.h"
#include "scorecard/v1/scorecard_service.grpc.pb.h"
#include "service/rule_store.h"
#include "service/server.h"

namespace scorecard::testing {

// The rule sets described above, as text protos.
extern const char kRulesR1[];
extern const char kRulesR2[];
extern const char kOtherRules[];

// Returns an index of the rule sets written as `textprotos`; a test failure
// (and null) when one does not compile.
std::shared_ptr<const rules::RuleSetIndex> Index(
    const std::vector<std::string>& textprotos);

// A rule source whose loads the test scripts: each Load() returns the next
// outcome of a cycle.
class ScriptedRuleSource final : public service::RuleSource {
 public:
  using Outcome = absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>>;

  explicit ScriptedRuleSource(std::vector<Outcome> cycle)
      : cycle_(std::move(cycle)) {}

  // Replaces the cycle; the next Load() returns its first outcome.
  void Script(std::vector<Outcome> cycle) ABSL_LOCKS_EXCLUDED(mu_);

  Outcome Load() override ABSL_LOCKS_EXCLUDED(mu_);
  std::string Fingerprint() override { return "scripted"; }
  std::string Describe() const override { return "scripted"; }

 private:
  absl::Mutex mu_;
  std::vector<Outcome> cycle_ ABSL_GUARDED_BY(mu_);
  size_t next_ ABSL_GUARDED_BY(mu_) = 0;
};

struct InProcessServer {
  std::unique_ptr<service::Server> server;
  ScriptedRuleSource* source = nullptr;  // Owned by the server.
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<scorecard::v1::ScorecardService::Stub> stub;
};

// Starts a server on the rules r1 + other, reachable in process only (no
// listening port, no polling, 30 s drain), after `customise` has had its say
// on the options. A test failure, and no server, when it does not start.
InProcessServer StartServer(
    const std::function<void(service::ServerOptions&)>& customise = nullptr);

// Returns an entry for `indicator` with `score`.
scorecard::v1::Entry Row(const std::string& indicator,
                         const std::string& score);

// Returns a scorecard of "registry" under test-fy2563 scoring `score_1_1` and
// `score_2_1`.
scorecard::v1::Scorecard Card(const std::string& score_1_1 = "5",
                              const std::string& score_2_1 = "3");

// Returns the total r1 computes for whole-number scores s1 and s2:
// (60 s1 + 40 s2) / 100, written with 4 decimals.
std::string TotalR1(int s1, int s2);

// Returns a unary request for `card` in `locale`.
scorecard::v1::ValidateScorecardRequest Request(scorecard::v1::Scorecard card,
                                                const std::string& locale = "");

// Returns a stream request for `card` with correlation id `id`.
scorecard::v1::ValidateScorecardsRequest StreamRequest(
    const std::string& id, scorecard::v1::Scorecard card);

// Calls ValidateScorecard with a fresh context and a deadline of kPatience.
grpc::Status Validate(scorecard::v1::ScorecardService::Stub& stub,
                      const scorecard::v1::ValidateScorecardRequest& request,
                      scorecard::v1::ValidateScorecardResponse* response);

}  // namespace scorecard::testing

#endif  // SCORECARD_TESTS_TESTING_IN_PROCESS_SERVER_H_
