// `rules test PATH...`: runs rule-set test suites (rule_tests.h) and writes
// one line per case, the coverage per rule set and a summary, as text, JSON
// Lines or JUnit XML. Exit status: 0 all cases pass, 1 a case fails, 2 a
// test file could not be read or none was found.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/commands.h"
#include "client/junit_xml.h"
#include "client/rule_tests.h"
#include "rules/json_string.h"

namespace scorecard::client {
namespace {

struct Tally {
  int passed = 0;
  int failed = 0;
};

Tally Count(const RuleTestRun& run) {
  Tally tally;
  for (const RuleTestOutcome& c : run.cases) {
    (c.failures.empty() ? tally.passed : tally.failed) += 1;
  }
  return tally;
}

void WriteText(const RuleTestRun& run, std::ostream& out) {
  for (const auto& [suite, message] : run.broken_suites) {
    out << "ERROR " << message << "\n";
  }
  for (const RuleTestOutcome& c : run.cases) {
    out << (c.failures.empty() ? "PASS  " : "FAIL  ") << c.suite << ": "
        << c.name;
    if (!c.failures.empty()) out << ": " << absl::StrJoin(c.failures, "; ");
    out << "\n";
  }
  for (const RuleTestCoverage& c : run.coverage) {
    out << "coverage " << c.rule_set << ": " << c.units_touched << " of "
        << c.units << " units, " << c.indicators_touched << " of "
        << c.indicators << " indicators touched\n";
    for (const auto& [unit, indicators] : c.untouched) {
      out << "  not touched: unit " << unit << ": "
          << absl::StrJoin(indicators, ", ") << "\n";
    }
  }
  const Tally tally = Count(run);
  out << run.cases.size() << " cases: " << tally.passed << " passed, "
      << tally.failed << " failed";
  if (!run.broken_suites.empty()) {
    out << "; " << run.broken_suites.size() << " test files not read";
  }
  out << "\n";
}

std::string JsonList(const std::vector<std::string>& items) {
  std::vector<std::string> quoted;
  for (const std::string& item : items)
    quoted.push_back(rules::JsonQuote(item));
  return absl::StrCat("[", absl::StrJoin(quoted, ","), "]");
}

void WriteJson(const RuleTestRun& run, std::ostream& out) {
  for (const auto& [suite, message] : run.broken_suites) {
    out << "{\"suite\":" << rules::JsonQuote(suite)
        << ",\"error\":" << rules::JsonQuote(message) << "}\n";
  }
  for (const RuleTestOutcome& c : run.cases) {
    out << "{\"suite\":" << rules::JsonQuote(c.suite)
        << ",\"case\":" << rules::JsonQuote(c.name)
        << ",\"passed\":" << (c.failures.empty() ? "true" : "false")
        << ",\"failures\":" << JsonList(c.failures) << "}\n";
  }
  for (const RuleTestCoverage& c : run.coverage) {
    std::vector<std::string> untouched;
    for (const auto& [unit, indicators] : c.untouched) {
      untouched.push_back(absl::StrCat("{\"unit\":", rules::JsonQuote(unit),
                                       ",\"indicators\":", JsonList(indicators),
                                       "}"));
    }
    out << "{\"coverage\":{\"ruleSet\":" << rules::JsonQuote(c.rule_set)
        << ",\"units\":" << c.units << ",\"unitsTouched\":" << c.units_touched
        << ",\"indicators\":" << c.indicators
        << ",\"indicatorsTouched\":" << c.indicators_touched
        << ",\"untouched\":[" << absl::StrJoin(untouched, ",") << "]}}\n";
  }
  const Tally tally = Count(run);
  out << "{\"summary\":{\"cases\":" << run.cases.size()
      << ",\"passed\":" << tally.passed << ",\"failed\":" << tally.failed
      << ",\"brokenSuites\":" << run.broken_suites.size() << "}}\n";
}

void WriteJunit(const RuleTestRun& run, std::ostream& out) {
  std::vector<JunitSuite> suites;
  const auto suite_for = [&](const std::string& name) -> JunitSuite& {
    if (suites.empty() || suites.back().name != name) {
      suites.push_back({name, {}});
    }
    return suites.back();
  };
  for (const auto& [suite, message] : run.broken_suites) {
    JunitCase c{"(test file)", suite, suite, 0, {}, ""};
    c.failures.push_back({"UNREADABLE_TEST_FILE", message, message, true});
    suite_for(suite).cases.push_back(std::move(c));
  }
  for (const RuleTestOutcome& outcome : run.cases) {
    JunitCase c{outcome.name, outcome.suite, outcome.suite, 0, {}, ""};
    for (const std::string& failure : outcome.failures) {
      c.failures.push_back({"EXPECTATION", failure, failure});
    }
    suite_for(outcome.suite).cases.push_back(std::move(c));
  }
  WriteJunitXml("scorecardctl rules test", suites, out);
}

}  // namespace

int RunRulesTest(const CommandLine& line, const CommandContext& context) {
  if (line.positional().empty()) {
    return context.UsageError("rules test",
                              "rules test needs at least one test file or "
                              "folder");
  }
  std::vector<std::string> problems;
  const std::vector<std::string> suites =
      FindRuleTestSuites(line.positional(), &problems);
  for (const std::string& problem : problems) {
    context.err << "scorecardctl: " << problem << "\n";
  }
  if (!problems.empty()) return kExitUsage;
  RuleTestOptions options;
  options.rules_flag = context.RulesFlag(line);
  options.default_rules = context.RulesPath(line);
  const RuleTestRun run = RunRuleTests(suites, options);
  const std::string format = line.Value("format").value_or("text");
  if (format == "json") {
    WriteJson(run, context.out);
  } else if (format == "junit") {
    WriteJunit(run, context.out);
  } else {
    WriteText(run, context.out);
  }
  for (const auto& [suite, message] : run.broken_suites) {
    context.err << "scorecardctl: " << message << "\n";
  }
  if (!run.broken_suites.empty()) return kExitUsage;
  return Count(run).failed > 0 ? kExitInvalid : kExitValid;
}

}  // namespace scorecard::client
