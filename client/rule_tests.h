// Rule-set test suites (`scorecardctl rules test`): files of cases, each a
// document and what must hold of its scorecards when the rules judge it
// (proto/scorecard/v1/rule_test.proto; docs/rule-tests.md), run offline with
// the rules engine, and which units and indicators no case touched.
//
//   std::vector<std::string> suites = FindRuleTestSuites({"rules/"},
//   &problems); RuleTestRun run = RunRuleTests(suites, options); for (const
//   RuleTestOutcome& c : run.cases) ... c.failures.empty() ...
//
// Thread-safety: one call per thread; nothing is shared between calls.

#ifndef SCORECARD_CLIENT_RULE_TESTS_H_
#define SCORECARD_CLIENT_RULE_TESTS_H_

#include <optional>
#include <string>
#include <vector>

namespace scorecard::client {

// What one case found: it passed when `failures` is empty.
struct RuleTestOutcome {
  std::string suite;  // The test file.
  std::string name;   // The case's name.
  // One sentence per expectation that did not hold, or why the case could
  // not run ("cannot read the document ...").
  std::vector<std::string> failures;
};

// Which parts of one rule set the cases touched: a unit when a case's
// scorecard was judged as it, an indicator when such a scorecard scored it
// (it has a contribution in the result).
struct RuleTestCoverage {
  std::string rule_set;
  int units = 0;
  int units_touched = 0;
  int indicators = 0;
  int indicators_touched = 0;
  // Per unit with an untouched indicator: the unit's id and those
  // indicators, in the rule set's order.
  std::vector<std::pair<std::string, std::vector<std::string>>> untouched;
};

struct RuleTestRun {
  std::vector<RuleTestOutcome> cases;
  // Test files that could not be read or parsed, each message starting with
  // the file's name.
  std::vector<std::pair<std::string, std::string>> broken_suites;
  // Per rule set loaded, ordered by id.
  std::vector<RuleTestCoverage> coverage;
};

struct RuleTestOptions {
  // --rules: when given, every suite is judged by these rules.
  std::optional<std::string> rules_flag;
  // The rules for a suite that names none: $SCORECARD_RULES or the
  // installed rules.
  std::string default_rules;
};

// Returns the test files `paths` name: a file as given; a folder's files
// ending in _test.yaml or _test.yml, recursively, sorted by path, skipping
// names that start with '.'. A path that is neither, or a folder without
// test files, adds a problem (starting with the path) instead.
std::vector<std::string> FindRuleTestSuites(
    const std::vector<std::string>& paths, std::vector<std::string>* problems);

// Runs every case of every suite, in order.
RuleTestRun RunRuleTests(const std::vector<std::string>& suites,
                         const RuleTestOptions& options);

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_RULE_TESTS_H_
