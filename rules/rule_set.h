// A compiled rule set: the scoring rules of one agreement, ready to validate
// scorecards.
//
// A RuleSetConfig (from a rule file) compiles once into an immutable RuleSet;
// validation is a const call that never locks, so one RuleSet serves any
// number of threads.
//
//   absl::StatusOr<std::shared_ptr<const RuleSet>> rules =
//       RuleSet::Compile(config, "rules/led-fy2563.yaml");
//   scorecard::v1::ValidationResult result = (*rules)->Validate(scorecard);
//
// The total is Σ(score × weight) / Σ weight over the unit's indicators, with
// the rule set's weights, computed exactly on scaled integers and rounded once,
// by the rule set's rounding rule, to its decimals.

#ifndef SCORECARD_RULES_RULE_SET_H_
#define SCORECARD_RULES_RULE_SET_H_

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rules/criteria.h"
#include "rules/decimal.h"
#include "rules/violation_messages.h"
#include "scorecard/v1/rule_set_config.pb.h"
#include "scorecard/v1/scorecard.pb.h"

namespace scorecard::rules {

// How a scorecard is validated, beyond what the rule set says.
struct ValidateOptions {
  // The language of violation messages.
  Locale locale = Locale::kEnglish;
  // Whether the result explains the total: each indicator's contribution and
  // each category's subtotal. Without them validation does about half the
  // work; the verdict, total and violations are the same.
  bool breakdown = true;
};

class RuleSet final {
 public:
  // One indicator of a unit, compiled.
  struct Indicator {
    std::string id;         // Canonical: ASCII digits, no white space ("2.1").
    // As the rule set states it: a view into config(), which the rule set
    // keeps unchanged for its whole life.
    absl::string_view title;
    Decimal weight;
    std::string weight_text;   // weight.ToString(), computed once.
    int64_t weight_units = 0;  // weight at the unit's weight scale.
    int category = 0;          // Index into categories().
    // How the score is read off a result; null when the score is as
    // submitted. Held apart: most indicators have none, and an inline
    // optional would make every indicator ~100 bytes larger.
    std::unique_ptr<const CriteriaLevels> criteria;
  };

  // One unit, compiled.
  struct Unit {
    std::string id;
    std::string name;
    std::vector<Indicator> indicators;  // In the rule set's order.
    // Indices into `indicators` ordered by id, of equal ids the first
    // stated first: four bytes an indicator, where a hash map per unit
    // took some sixty (a national rule set has 100,000 indicators).
    std::vector<int> indicators_by_id;

    // The index of the first indicator whose id is `key` (an IndicatorKey),
    // or -1 when none is. O(log indicators).
    int FindIndicator(absl::string_view key) const;
    int weight_scale = 0;  // The largest scale among the weights.
    Int128 weight_sum_units = 0;  // Σ weight_units.
    // The smallest k <= 18 with 10^k a multiple of weight_sum_units, so that
    // a weighted sum divided by it ends within k more decimals; 18 when
    // there is none (the sum has a prime factor other than 2 and 5).
    int quotient_digits = 18;
  };

  // A category of indicators.
  struct Category {
    std::string id;
    std::string title;
    int dimension = -1;  // Index into dimensions(); -1 when in none.
  };

  // A group of categories with a fixed share of the weight.
  struct Dimension {
    std::string id;
    std::string title;
  };

  // A band of totals, [min, the next band's min).
  struct GradeBand {
    Decimal min;
    std::string label;     // Thai.
    std::string label_en;  // English; the Thai label when none is given.
  };

  // Fills in defaults (rule_set_defaults.h), checks `config` (see
  // rule_set_check.h) and compiles it. Fails with INVALID_ARGUMENT carrying
  // every problem (rules/problems.h), each prefixed with `source` (the file
  // it came from) when that is not empty. config() returns the config with
  // its defaults, and an empty revision becomes ContentRevision().
  static absl::StatusOr<std::shared_ptr<const RuleSet>> Compile(
      scorecard::v1::RuleSetConfig config, absl::string_view source = "");

  RuleSet(const RuleSet&) = delete;
  RuleSet& operator=(const RuleSet&) = delete;

  // The rule set as loaded, with defaults filled in.
  const scorecard::v1::RuleSetConfig& config() const { return config_; }
  const std::string& id() const { return config_.id(); }
  const std::string& revision() const { return config_.revision(); }
  int fiscal_year() const { return config_.fiscal_year(); }
  // The file the rule set came from; empty when not from a file.
  const std::string& source() const { return source_; }

  const std::vector<Unit>& units() const { return units_; }
  const std::vector<Category>& categories() const { return categories_; }
  const std::vector<Dimension>& dimensions() const { return dimensions_; }
  // Highest first.
  const std::vector<GradeBand>& grades() const { return grades_; }

  // Returns the unit whose id, official name or alias is `name`, ignoring
  // white space, Thai versus ASCII digits and ASCII case; null when none is.
  const Unit* FindUnit(absl::string_view name) const;

  // Validates `scorecard` and writes the verdict to `*result`, replacing what
  // it held. Finds every violation in one pass. The scorecard's rule_set field
  // is not looked at: the caller chose this rule set. A result reused from
  // call to call (one per stream or per thread) is the cheapest: it is
  // written over field by field, keeping the texts it holds already, and
  // ends exactly as a fresh one would.
  void Validate(const scorecard::v1::Scorecard& scorecard,
                const ValidateOptions& options,
                scorecard::v1::ValidationResult* result) const;

  // Returns the verdict on `scorecard`; see above.
  scorecard::v1::ValidationResult Validate(
      const scorecard::v1::Scorecard& scorecard,
      const ValidateOptions& options = {}) const;

 private:
  RuleSet() = default;

  scorecard::v1::RuleSetConfig config_;
  std::string source_;
  // Read from config_ by Compile; what an unset field means is
  // FillRuleSetDefaults' business alone.
  Decimal score_min_;
  Decimal score_max_;
  int decimals_ = 0;
  Decimal weight_total_;
  RoundingMode rounding_{};
  scorecard::v1::TitlePolicy title_policy_{};
  std::array<scorecard::v1::Severity,
             scorecard::v1::ViolationCode_ARRAYSIZE>
      severity_{};
  std::vector<Category> categories_;
  std::vector<Dimension> dimensions_;
  std::vector<GradeBand> grades_;
  std::vector<Unit> units_;
  absl::flat_hash_map<std::string, int> unit_by_key_;
  // Display forms used in messages, computed once.
  std::string score_min_text_;
  std::string score_max_text_;
  std::string score_range_text_;
  std::string weight_total_text_;
  std::string decimals_text_;

  friend class RuleSetCompiler;
  friend class ScorecardValidation;
};

// Returns the revision a rule set gets when its file names none: 16
// lower-case hex digits of the 64-bit FNV-1a hash of the config's
// deterministic serialization, with its revision field cleared. Equal configs
// get equal revisions, whatever format they were read from; Compile takes it
// after filling in defaults, so a default written out or left unset makes no
// difference.
std::string ContentRevision(const scorecard::v1::RuleSetConfig& config);

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_RULE_SET_H_
