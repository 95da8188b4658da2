#include "client/rule_tests.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/local_validator.h"
#include "client/result_writer.h"
#include "client/rule_set_assignment.h"
#include "rules/decimal.h"
#include "rules/document_reader.h"
#include "rules/indicator_id.h"
#include "rules/rule_set_index.h"
#include "rules/status_macros.h"
#include "rules/text_file.h"
#include "rules/utf8.h"
#include "rules/yaml_to_proto.h"
#include "scorecard/v1/rule_test.pb.h"

namespace scorecard::client {
namespace {

namespace fs = std::filesystem;
namespace v1 = ::scorecard::v1;

constexpr size_t kMaxSuiteBytes = size_t{16} << 20;

bool IsSuiteName(const std::string& name) {
  const std::string lower = absl::AsciiStrToLower(name);
  return absl::EndsWith(lower, "_test.yaml") ||
         absl::EndsWith(lower, "_test.yml");
}

// `relative` resolved against the folder of `suite`.
std::string Beside(const std::string& suite, const std::string& relative) {
  const fs::path path(relative);
  if (path.is_absolute()) return relative;
  return (fs::path(suite).parent_path() / path).lexically_normal().string();
}

absl::StatusOr<v1::RuleTestSuite> ReadSuite(const std::string& path) {
  SCORECARD_ASSIGN_OR_RETURN(std::string content,
                             rules::ReadTextFile(path, kMaxSuiteBytes));
  SCORECARD_RETURN_IF_ERROR(rules::CheckUtf8Text(content, path, "test files"));
  v1::RuleTestSuite suite;
  SCORECARD_RETURN_IF_ERROR(
      rules::YamlToProto(rules::StripByteOrderMark(content), path, &suite));
  if (suite.cases().empty()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": no cases"));
  }
  return suite;
}

// The rules each path loads to, loaded once.
class IndexCache final {
 public:
  absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> Get(
      const std::string& path) {
    auto it = loaded_.find(path);
    if (it == loaded_.end()) {
      it = loaded_.emplace(path, rules::RuleSetIndex::Load(path)).first;
    }
    return it->second;
  }

  const std::map<std::string,
                 absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>>>&
  loaded() const {
    return loaded_;
  }

 private:
  std::map<std::string,
           absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>>>
      loaded_;
};

// What the cases touched: per rule set and unit, the indicators scored.
using Touched =
    std::map<std::string, std::map<std::string, std::set<std::string>>>;

std::string CodeName(int code) {
  return ShortCodeName(static_cast<v1::ViolationCode>(code));
}

// The scorecard an expectation names, or -1.
int FindScorecard(const v1::ScorecardExpectation& expect,
                  const std::vector<v1::Scorecard>& scorecards,
                  const std::vector<v1::ValidationResult>& results) {
  if (expect.has_index()) {
    return expect.index() >= 0 &&
                   expect.index() < static_cast<int>(results.size())
               ? expect.index()
               : -1;
  }
  for (size_t i = 0; i < results.size(); ++i) {
    if (results[i].unit() == expect.unit() ||
        scorecards[i].unit() == expect.unit()) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

// Appends to `failures` every part of `expect` that `result` does not hold.
void Check(const v1::ScorecardExpectation& expect,
           const v1::ValidationResult& result, const std::string& label,
           std::vector<std::string>& failures) {
  if (expect.has_valid() && expect.valid() != result.valid()) {
    failures.push_back(
        absl::StrCat(label, ": is ", result.valid() ? "valid" : "invalid",
                     ", expected ", expect.valid() ? "valid" : "invalid"));
  }
  if (expect.has_total()) {
    const absl::StatusOr<rules::Decimal> want =
        rules::Decimal::Parse(expect.total());
    const absl::StatusOr<rules::Decimal> got =
        rules::Decimal::Parse(result.computed_total());
    const bool same = expect.total().empty()
                          ? result.computed_total().empty()
                          : want.ok() && got.ok() && *want == *got;
    if (!same) {
      failures.push_back(absl::StrCat(
          label, ": total is ",
          result.computed_total().empty() ? "not computed"
                                          : result.computed_total(),
          ", expected ",
          expect.total().empty() ? "none" : rules::QuoteText(expect.total())));
    }
  }
  std::set<int> found;
  for (const v1::Violation& v : result.violations()) found.insert(v.code());
  for (int code : expect.codes()) {
    if (found.count(code) == 0) {
      failures.push_back(absl::StrCat(label, ": no ", CodeName(code),
                                      " among its violations"));
    }
  }
  for (int code : expect.absent_codes()) {
    if (found.count(code) > 0) {
      failures.push_back(
          absl::StrCat(label, ": has ", CodeName(code), ", expected none"));
    }
  }
  for (const v1::ExpectedViolation& want : expect.violations()) {
    const std::string indicator = rules::IndicatorKey(want.indicator());
    const bool present = std::any_of(
        result.violations().begin(), result.violations().end(),
        [&](const v1::Violation& v) {
          return v.code() == want.code() &&
                 (indicator.empty() || v.indicator() == indicator) &&
                 (want.line() == 0 || v.line() == want.line());
        });
    if (!present) {
      std::string where;
      if (!indicator.empty())
        absl::StrAppend(&where, " on indicator ", indicator);
      if (want.line() > 0) absl::StrAppend(&where, " at line ", want.line());
      failures.push_back(absl::StrCat(label, ": no ", CodeName(want.code()),
                                      where, " among its violations"));
    }
  }
}

class SuiteRunner final {
 public:
  explicit SuiteRunner(const RuleTestOptions& options) : options_(options) {}

  void Run(const std::string& path, RuleTestRun& run) {
    absl::StatusOr<v1::RuleTestSuite> suite = ReadSuite(path);
    if (!suite.ok()) {
      run.broken_suites.emplace_back(path,
                                     std::string(suite.status().message()));
      return;
    }
    std::string rules_path = options_.default_rules;
    if (options_.rules_flag.has_value()) {
      rules_path = *options_.rules_flag;
    } else if (!suite->rules().empty()) {
      rules_path = Beside(path, suite->rules());
    }
    for (const v1::RuleTestCase& c : suite->cases()) {
      RuleTestOutcome outcome{
          path, c.name().empty() ? "(unnamed)" : c.name(), {}};
      RunCase(path, c, rules_path, outcome.failures);
      run.cases.push_back(std::move(outcome));
    }
  }

  RuleTestRun Finish(RuleTestRun run) const;

 private:
  void RunCase(const std::string& path, const v1::RuleTestCase& c,
               const std::string& rules_path,
               std::vector<std::string>& failures);

  const RuleTestOptions& options_;
  IndexCache indexes_;
  Touched touched_;
};

void SuiteRunner::RunCase(const std::string& path, const v1::RuleTestCase& c,
                          const std::string& rules_path,
                          std::vector<std::string>& failures) {
  if (c.document().empty() == c.content().empty()) {
    failures.push_back("give either document or content");
    return;
  }
  if (c.expect().empty()) {
    failures.push_back("expects nothing: give at least one expect entry");
    return;
  }
  absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> index =
      indexes_.Get(rules_path);
  if (!index.ok()) {
    failures.push_back(absl::StrCat("cannot load rules from ", rules_path, ": ",
                                    index.status().message()));
    return;
  }
  absl::StatusOr<rules::ScorecardDocument> document =
      c.document().empty()
          ? rules::ReadScorecardDocument(
                c.content(), absl::StrCat(path, ": case \"", c.name(), "\""))
          : rules::ReadScorecardFile(Beside(path, c.document()));
  if (!document.ok()) {
    failures.push_back(absl::StrCat("cannot read the document: ",
                                    document.status().message()));
    return;
  }
  LocalValidator validator(*index);
  RuleSetAssignment assignment(&validator, c.rule_set());
  absl::StatusOr<std::vector<v1::Scorecard>> scorecards =
      assignment.Assign(*document);
  if (!scorecards.ok()) {
    failures.push_back(std::string(scorecards.status().message()));
    return;
  }
  absl::StatusOr<std::vector<v1::ValidationResult>> results =
      validator.ValidateAll(*scorecards, rules::Locale::kEnglish);
  if (!results.ok()) {
    failures.push_back(std::string(results.status().message()));
    return;
  }
  for (const v1::ValidationResult& result : *results) {
    if (result.unit().empty()) continue;
    std::set<std::string>& scored = touched_[result.rule_set()][result.unit()];
    for (const v1::Contribution& contribution : result.contributions()) {
      scored.insert(contribution.indicator());
    }
  }
  for (const v1::ScorecardExpectation& expect : c.expect()) {
    const std::string label =
        expect.has_index()
            ? absl::StrCat("scorecard ", expect.index())
            : absl::StrCat("unit ", rules::QuoteText(expect.unit()));
    const int at = FindScorecard(expect, *scorecards, *results);
    if (at < 0) {
      failures.push_back(
          absl::StrCat(label, ": no such scorecard in the document"));
      continue;
    }
    Check(expect, (*results)[at], label, failures);
  }
}

RuleTestRun SuiteRunner::Finish(RuleTestRun run) const {
  std::map<std::string, RuleTestCoverage> coverage;
  for (const auto& [path, index] : indexes_.loaded()) {
    if (!index.ok()) continue;
    for (const auto& rule_set : (*index)->rule_sets()) {
      if (coverage.count(rule_set->id()) > 0) continue;
      RuleTestCoverage& c = coverage[rule_set->id()];
      c.rule_set = rule_set->id();
      const auto by_unit = touched_.find(rule_set->id());
      for (const rules::RuleSet::Unit& unit : rule_set->units()) {
        ++c.units;
        c.indicators += static_cast<int>(unit.indicators.size());
        const std::set<std::string>* scored = nullptr;
        if (by_unit != touched_.end()) {
          const auto it = by_unit->second.find(unit.id);
          if (it != by_unit->second.end()) scored = &it->second;
        }
        if (scored != nullptr) ++c.units_touched;
        std::vector<std::string> untouched;
        for (const rules::RuleSet::Indicator& indicator : unit.indicators) {
          if (scored != nullptr && scored->count(indicator.id) > 0) {
            ++c.indicators_touched;
          } else {
            untouched.push_back(indicator.id);
          }
        }
        if (!untouched.empty()) c.untouched.emplace_back(unit.id, untouched);
      }
    }
  }
  for (auto& [id, c] : coverage) run.coverage.push_back(std::move(c));
  return run;
}

}  // namespace

std::vector<std::string> FindRuleTestSuites(
    const std::vector<std::string>& paths, std::vector<std::string>* problems) {
  std::vector<std::string> suites;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
      suites.push_back(path);
      continue;
    }
    if (!fs::is_directory(path, ec)) {
      problems->push_back(absl::StrCat(path, ": no such test file or folder"));
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, ec);
    for (const fs::recursive_directory_iterator end; !ec && it != end;
         it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (absl::StartsWith(name, ".")) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (IsSuiteName(name) && it->is_regular_file(ec)) {
        found.push_back(it->path().string());
      }
    }
    if (ec) {
      problems->push_back(
          absl::StrCat(path, ": cannot list the folder: ", ec.message()));
    } else if (found.empty()) {
      problems->push_back(
          absl::StrCat(path, ": the folder holds no test file (*_test.yaml)"));
    }
    std::sort(found.begin(), found.end());
    suites.insert(suites.end(), found.begin(), found.end());
  }
  return suites;
}

RuleTestRun RunRuleTests(const std::vector<std::string>& suites,
                         const RuleTestOptions& options) {
  SuiteRunner runner(options);
  RuleTestRun run;
  for (const std::string& suite : suites) runner.Run(suite, run);
  return runner.Finish(std::move(run));
}

}  // namespace scorecard::client
