// RuleSet::Validate: one pass over a scorecard that finds every violation and
// computes the total exactly.

#include <optional>
#include <string>
#include <utility>

#include "absl/container/inlined_vector.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "rules/criteria.h"
#include "rules/decimal.h"
#include "rules/decimal_sum.h"
#include "rules/indicator_id.h"
#include "rules/rule_set.h"
#include "rules/thai_text.h"
#include "rules/utf8.h"

namespace scorecard::rules {

namespace v1 = ::scorecard::v1;

namespace {

// What the validation learned about one of the unit's indicators.
struct IndicatorState {
  int entry = -1;  // Index of the first entry naming it; -1 when none does.
  std::optional<Decimal> score;  // The score used, when there is one.
  // Set when the score was read off the entry's result by the criteria.
  std::optional<CriteriaScore> criteria_score;
};

// The exact sum of fractions, numerator / denominator, kept reduced; marked
// inexact for good when a step would overflow.
class FractionSum {
 public:
  void Add(Int128 numerator, Int128 denominator) {
    if (!exact_) return;
    Int128 a, b, d;
    if (!MultiplyExact(numerator_, denominator, &a) ||
        !MultiplyExact(numerator, denominator_, &b) || !AddExact(a, b, &a) ||
        !MultiplyExact(denominator_, denominator, &d)) {
      exact_ = false;
      return;
    }
    const Int128 g = Gcd(a < 0 ? -a : a, d);
    numerator_ = g > 1 ? a / g : a;
    denominator_ = g > 1 ? d / g : d;
  }
  bool exact() const { return exact_; }
  Int128 numerator() const { return numerator_; }
  Int128 denominator() const { return denominator_; }

 private:
  static Int128 Gcd(Int128 a, Int128 b) {
    while (b != 0) a = std::exchange(b, a % b);
    return a;
  }
  Int128 numerator_ = 0;
  Int128 denominator_ = 1;
  bool exact_ = true;
};

}  // namespace

// The state of one call of RuleSet::Validate.
class ScorecardValidation {
 public:
  ScorecardValidation(const RuleSet& rules, const v1::Scorecard& scorecard,
                      const ValidateOptions& options,
                      v1::ValidationResult* result)
      : rules_(rules),
        scorecard_(scorecard),
        locale_(options.locale),
        breakdown_(options.breakdown),
        result_(*result) {}

  void Run() {
    result_.Clear();
    result_.set_rule_set(rules_.id());
    result_.set_rule_set_revision(rules_.revision());
    result_.set_declared_total(
        QuoteText(scorecard_.declared_total(), kMaxEchoedCharacters));
    CheckFiscalYear();
    unit_ = rules_.FindUnit(scorecard_.unit());
    if (unit_ == nullptr) {
      Add(v1::VIOLATION_CODE_UNKNOWN_UNIT, "", scorecard_.line(),
          FormatViolationMessage(ViolationMessage::kUnknownUnit, locale_,
                                 {Quoted(scorecard_.unit()), rules_.id()}),
          "", scorecard_.unit());
      Finish();
      return;
    }
    result_.set_unit(unit_->id);
    result_.set_unit_name(unit_->name);
    states_.resize(unit_->indicators.size());

    for (int e = 0; e < scorecard_.entries_size(); ++e) CheckEntry(e);
    CheckMissingIndicators();
    CheckWeightTotals();
    const std::optional<Int128> total = ComputeTotal();
    CheckDeclaredTotal(total);
    if (total.has_value()) SetGrade(*total);
    Finish();
  }

 private:
  // Every string of a violation passes here: whatever the submission held,
  // the result is valid UTF-8, and an echo of submitted text is bounded.
  // Messages quote submitted text with Quoted() where they build it.
  void Add(v1::ViolationCode code, absl::string_view indicator, int line,
           const std::string& message, absl::string_view expected,
           absl::string_view actual) {
    v1::Violation* v = result_.add_violations();
    v->set_code(code);
    v->set_severity(rules_.severity_[code]);
    v->set_indicator(QuoteText(indicator, kMaxEchoedCharacters));
    v->set_message(ToValidUtf8(message));
    v->set_expected(QuoteText(expected, kMaxEchoedCharacters));
    v->set_actual(QuoteText(actual, kMaxEchoedCharacters));
    v->set_line(line);
  }

  // Submitted text as a message quotes it.
  static std::string Quoted(absl::string_view submitted) {
    return QuoteText(submitted);
  }

  void CheckEntry(int e) {
    const v1::Entry& entry = scorecard_.entries(e);
    IndicatorKeyInto(entry.indicator(), &key_);
    const absl::string_view key = key_;
    const auto found = unit_->indicator_by_id.find(key);
    if (found == unit_->indicator_by_id.end()) {
      ++unknown_or_duplicate_;
      Add(v1::VIOLATION_CODE_UNKNOWN_INDICATOR, key, entry.line(),
          FormatViolationMessage(ViolationMessage::kUnknownIndicator, locale_,
                                 {Quoted(key), unit_->id}),
          "", entry.indicator());
      return;
    }
    const RuleSet::Indicator& indicator = unit_->indicators[found->second];
    IndicatorState& state = states_[found->second];
    if (state.entry >= 0) {
      ++unknown_or_duplicate_;
      const int first_line = scorecard_.entries(state.entry).line();
      const std::string where =
          first_line > 0
              ? (locale_ == Locale::kThai
                     ? absl::StrCat(" (บรรทัด ", first_line, ")")
                     : absl::StrCat(" (line ", first_line, ")"))
              : "";
      Add(v1::VIOLATION_CODE_DUPLICATE_INDICATOR, indicator.id, entry.line(),
          FormatViolationMessage(ViolationMessage::kDuplicateIndicator,
                                 locale_, {indicator.id, where}),
          "", entry.indicator());
      return;
    }
    state.entry = e;
    CheckScore(entry, indicator, state);
    CheckWeight(entry, indicator);
    CheckWeightedScore(entry, indicator, state);
    CheckTitle(entry, indicator);
  }

  void CheckFiscalYear() {
    const int year = scorecard_.fiscal_year();
    if (year == 0 || rules_.fiscal_year() == 0 || year == rules_.fiscal_year()) {
      return;
    }
    const std::string document_year = absl::StrCat(year);
    const std::string rules_year = absl::StrCat(rules_.fiscal_year());
    Add(v1::VIOLATION_CODE_FISCAL_YEAR_MISMATCH, "", scorecard_.line(),
        FormatViolationMessage(ViolationMessage::kFiscalYearMismatch, locale_,
                               {document_year, rules_.id(), rules_year}),
        rules_year, document_year);
  }

  // Finds the score the indicator counts with: read off the entry's result
  // when the indicator has criteria and the entry a result (a submitted
  // score must then agree), else the submitted score.
  void CheckScore(const v1::Entry& entry, const RuleSet::Indicator& indicator,
                  IndicatorState& state) {
    const bool by_criteria =
        indicator.criteria.has_value() && !entry.result().empty();
    std::optional<Decimal> submitted;
    if (!by_criteria || !entry.score().empty()) {
      submitted = ReadSubmittedScore(entry, indicator);
    }
    if (by_criteria) {
      state.criteria_score = ScoreByCriteria(entry, indicator);
    }
    if (!state.criteria_score.has_value()) {
      state.score = submitted;
      return;
    }
    const CriteriaScore& computed = *state.criteria_score;
    state.score = Decimal::FromUnits(static_cast<int64_t>(computed.rounded_units),
                                     computed.decimals);
    if (submitted.has_value() && *submitted != *state.score) {
      Add(v1::VIOLATION_CODE_SCORE_CRITERIA_MISMATCH, indicator.id,
          entry.line(),
          FormatViolationMessage(
              ViolationMessage::kScoreCriteriaMismatch, locale_,
              {indicator.id, Quoted(entry.score()), state.score->ToString(),
               indicator.criteria->Explain(computed, locale_)}),
          state.score->ToString(), entry.score());
    }
  }

  // Reads the submitted score, reporting it when it is unreadable, out of
  // the scale or too precise.
  std::optional<Decimal> ReadSubmittedScore(
      const v1::Entry& entry, const RuleSet::Indicator& indicator) {
    absl::StatusOr<Decimal> score = Decimal::Parse(entry.score());
    if (!score.ok()) {
      Add(v1::VIOLATION_CODE_INVALID_NUMBER, indicator.id, entry.line(),
          FormatViolationMessage(ViolationMessage::kInvalidScore, locale_,
                                 {indicator.id, score.status().message()}),
          "", entry.score());
      return std::nullopt;
    }
    if (*score < rules_.score_min_ || *score > rules_.score_max_) {
      Add(v1::VIOLATION_CODE_SCORE_OUT_OF_RANGE, indicator.id, entry.line(),
          FormatViolationMessage(
              ViolationMessage::kScoreOutOfRange, locale_,
              {indicator.id, Quoted(entry.score()), rules_.score_min_text_,
               rules_.score_max_text_}),
          rules_.score_range_text_, entry.score());
    }
    // A score written with extra zeros ("5.00000") is still exact; only one
    // that needs more decimals than the rule set allows is imprecise.
    if (score->scale() > rules_.decimals_ &&
        *score != *score->Rescaled(rules_.decimals_, RoundingMode::kDown)) {
      Add(v1::VIOLATION_CODE_SCORE_PRECISION, indicator.id, entry.line(),
          FormatViolationMessage(ViolationMessage::kScorePrecision, locale_,
                                 {indicator.id, Quoted(entry.score()),
                                  rules_.decimals_text_}),
          absl::StrCat(rules_.decimals_text_,
                       locale_ == Locale::kThai ? " ตำแหน่ง" : " decimals"),
          entry.score());
    }
    return *score;
  }

  // Reads the entry's result and scores it by the indicator's criteria,
  // reporting a result that is unreadable or cannot be scored.
  std::optional<CriteriaScore> ScoreByCriteria(
      const v1::Entry& entry, const RuleSet::Indicator& indicator) {
    absl::StatusOr<Decimal> result = Decimal::Parse(entry.result());
    if (!result.ok()) {
      Add(v1::VIOLATION_CODE_INVALID_NUMBER, indicator.id, entry.line(),
          FormatViolationMessage(ViolationMessage::kInvalidResult, locale_,
                                 {indicator.id, result.status().message()}),
          "", entry.result());
      return std::nullopt;
    }
    absl::StatusOr<CriteriaScore> score =
        indicator.criteria->Score(*result, rules_.decimals_, rules_.rounding_);
    if (score.ok() && (score->rounded_units > INT64_MAX ||
                       score->rounded_units < INT64_MIN)) {
      score = absl::InvalidArgumentError("the score is too large");
    }
    if (!score.ok()) {
      Add(v1::VIOLATION_CODE_INVALID_NUMBER, indicator.id, entry.line(),
          FormatViolationMessage(ViolationMessage::kUnscorableResult, locale_,
                                 {indicator.id, score.status().message()}),
          "", entry.result());
      return std::nullopt;
    }
    return *score;
  }

  // A weighted score the document states must be weight × score / Σ weight,
  // rounded to the rule set's decimals, with the rule set's weights and the
  // score the indicator counts with.
  void CheckWeightedScore(const v1::Entry& entry,
                          const RuleSet::Indicator& indicator,
                          const IndicatorState& state) {
    if (entry.weighted_score().empty()) return;
    absl::StatusOr<Decimal> stated = Decimal::Parse(entry.weighted_score());
    if (!stated.ok()) {
      Add(v1::VIOLATION_CODE_INVALID_NUMBER, indicator.id, entry.line(),
          FormatViolationMessage(ViolationMessage::kInvalidWeightedScore,
                                 locale_,
                                 {indicator.id, stated.status().message()}),
          "", entry.weighted_score());
      return;
    }
    if (!state.score.has_value()) return;  // Its violation says why.
    const int scale = std::max(state.score->scale(), rules_.decimals_);
    Int128 weighted, divisor;
    if (!MultiplyExact(static_cast<Int128>(state.score->units()) *
                           PowerOfTen(scale - state.score->scale()),
                       indicator.weight_units, &weighted) ||
        !MultiplyExact(unit_->weight_sum_units,
                       PowerOfTen(scale - rules_.decimals_), &divisor)) {
      return;  // The total's overflow is reported once, by ComputeTotal.
    }
    const Int128 expected =
        DivideAndRound(weighted, divisor, rules_.rounding_);
    if (CompareScaled(stated->units(), stated->scale(), expected,
                      rules_.decimals_) != 0) {
      const std::string expected_text =
          FormatScaled(expected, rules_.decimals_);
      Add(v1::VIOLATION_CODE_WEIGHTED_SCORE_MISMATCH, indicator.id,
          entry.line(),
          FormatViolationMessage(ViolationMessage::kWeightedScoreMismatch,
                                 locale_,
                                 {indicator.id, Quoted(entry.weighted_score()),
                                  expected_text}),
          expected_text, entry.weighted_score());
    }
  }

  void CheckWeight(const v1::Entry& entry,
                   const RuleSet::Indicator& indicator) {
    if (entry.weight().empty()) {
      ++implicit_weights_;
      return;
    }
    absl::StatusOr<Decimal> weight = Decimal::Parse(entry.weight());
    if (!weight.ok()) {
      ++unreadable_weights_;
      Add(v1::VIOLATION_CODE_INVALID_NUMBER, indicator.id, entry.line(),
          FormatViolationMessage(ViolationMessage::kInvalidWeight, locale_,
                                 {indicator.id, weight.status().message()}),
          "", entry.weight());
      return;
    }
    submitted_weight_sum_.Add(*weight);
    if (*weight != indicator.weight) {
      Add(v1::VIOLATION_CODE_WEIGHT_MISMATCH, indicator.id, entry.line(),
          FormatViolationMessage(
              ViolationMessage::kWeightMismatch, locale_,
              {indicator.id, Quoted(entry.weight()), indicator.weight_text}),
          indicator.weight_text, entry.weight());
    }
  }

  void CheckTitle(const v1::Entry& entry,
                  const RuleSet::Indicator& indicator) {
    if (entry.title().empty() ||
        rules_.title_policy_ == v1::TITLE_POLICY_IGNORED) {
      return;
    }
    // Most titles are submitted as the rules state them: compare the bytes
    // first, and normalise only the rare title that differs.
    const bool same =
        entry.title() == indicator.title ||
        (rules_.title_policy_ != v1::TITLE_POLICY_EXACT &&
         TextKey(entry.title()) == TextKey(indicator.title));
    if (!same) {
      Add(v1::VIOLATION_CODE_TITLE_MISMATCH, indicator.id, entry.line(),
          FormatViolationMessage(ViolationMessage::kTitleMismatch, locale_,
                                 {indicator.id, Quoted(entry.title()),
                                  indicator.title}),
          indicator.title, entry.title());
    }
  }

  void CheckMissingIndicators() {
    for (size_t i = 0; i < states_.size(); ++i) {
      if (states_[i].entry >= 0) continue;
      ++missing_;
      const RuleSet::Indicator& indicator = unit_->indicators[i];
      Add(v1::VIOLATION_CODE_MISSING_INDICATOR, indicator.id,
          scorecard_.line(),
          FormatViolationMessage(ViolationMessage::kMissingIndicator, locale_,
                                 {indicator.id, indicator.title}),
          indicator.id, "");
    }
  }

  // The submitted weights are summed only when each entry names a distinct
  // known indicator with a readable weight of its own: otherwise the
  // violations already found explain the difference.
  void CheckWeightTotals() {
    if (scorecard_.entries_size() > 0 && implicit_weights_ == 0 &&
        unreadable_weights_ == 0 && unknown_or_duplicate_ == 0 &&
        missing_ == 0 && !submitted_weight_sum_.overflowed() &&
        submitted_weight_sum_ != rules_.weight_total_) {
      const std::string sum = submitted_weight_sum_.ToString();
      Add(v1::VIOLATION_CODE_WEIGHT_TOTAL, "", scorecard_.declared_total_line(),
          FormatViolationMessage(ViolationMessage::kWeightSum, locale_,
                                 {sum, rules_.weight_total_text_}),
          rules_.weight_total_text_, sum);
    }
    if (scorecard_.declared_weight_total().empty()) return;
    absl::StatusOr<Decimal> declared =
        Decimal::Parse(scorecard_.declared_weight_total());
    if (!declared.ok()) {
      Add(v1::VIOLATION_CODE_INVALID_NUMBER, "",
          scorecard_.declared_total_line(),
          FormatViolationMessage(ViolationMessage::kInvalidDeclaredWeightTotal,
                                 locale_, {declared.status().message()}),
          "", scorecard_.declared_weight_total());
    } else if (*declared != rules_.weight_total_) {
      Add(v1::VIOLATION_CODE_WEIGHT_TOTAL, "", scorecard_.declared_total_line(),
          FormatViolationMessage(ViolationMessage::kDeclaredWeightTotal,
                                 locale_,
                                 {Quoted(scorecard_.declared_weight_total()),
                                  rules_.weight_total_text_}),
          rules_.weight_total_text_, scorecard_.declared_weight_total());
    }
  }

  // Returns the total in units of the rule set's decimals, or nullopt when a
  // score is missing or unreadable or the numbers overflow; in the full view
  // also fills in contributions and category subtotals.
  std::optional<Int128> ComputeTotal() {
    const int score_scale = CommonScoreScale();
    const std::optional<WeightedSums> sums = SumWeightedScores(score_scale);
    if (!sums.has_value()) {
      Add(v1::VIOLATION_CODE_INVALID_NUMBER, "", scorecard_.line(),
          FormatViolationMessage(ViolationMessage::kTotalTooLarge, locale_, {}),
          "", "");
      return std::nullopt;
    }
    // Weighted sums are at score_scale + weight_scale; dividing by weight
    // units times `unscale` lands at the rule set's decimals.
    const Int128 unscale = PowerOfTen(score_scale - rules_.decimals_);
    if (breakdown_) AddCategorySubtotals(*sums, score_scale, unscale);
    Int128 divisor;
    if (!sums->complete || sums->weight <= 0 ||
        !MultiplyExact(sums->weight, unscale, &divisor)) {
      return std::nullopt;
    }
    const Int128 total =
        DivideAndRound(sums->weighted, divisor, rules_.rounding_);
    result_.set_computed_total(FormatScaled(total, rules_.decimals_));
    return total;
  }

  // The sums the total is made of, over the unit's indicators, in units of
  // the weight scale (weights) and of score scale + weight scale (weighted).
  struct WeightedSums {
    Int128 weight = 0;
    Int128 weighted = 0;
    bool complete = true;  // Every indicator had a readable score.
    absl::InlinedVector<Int128, 8> category_weight;
    absl::InlinedVector<Int128, 8> category_weighted;
    absl::InlinedVector<bool, 8> category_present;
    absl::InlinedVector<bool, 8> category_complete;
  };

  // Returns the scale every score is brought to: the rule set's decimals, or
  // more when a submitted score has more (so nothing is rounded early).
  int CommonScoreScale() const {
    int scale = rules_.decimals_;
    for (const IndicatorState& state : states_) {
      if (state.score) scale = std::max(scale, state.score->scale());
    }
    return scale;
  }

  // Adds up weights and score × weight, overall and per category, and in the
  // full view records each indicator's contribution. Returns nullopt when a
  // sum leaves the exact range.
  std::optional<WeightedSums> SumWeightedScores(int score_scale) {
    const size_t category_count = rules_.categories_.size();
    const int weighted_scale = score_scale + unit_->weight_scale;
    WeightedSums sums;
    sums.category_weight.assign(category_count, 0);
    sums.category_weighted.assign(category_count, 0);
    sums.category_present.assign(category_count, false);
    sums.category_complete.assign(category_count, true);
    bool exact = true;
    for (size_t i = 0; i < states_.size(); ++i) {
      const RuleSet::Indicator& indicator = unit_->indicators[i];
      const int category = indicator.category;
      sums.category_present[category] = true;
      exact &= AddExact(sums.category_weight[category], indicator.weight_units,
                        &sums.category_weight[category]);
      exact &= AddExact(sums.weight, indicator.weight_units, &sums.weight);
      const IndicatorState& state = states_[i];
      if (!state.score) {
        sums.complete = false;
        sums.category_complete[category] = false;
        continue;
      }
      const Int128 score = static_cast<Int128>(state.score->units()) *
                           PowerOfTen(score_scale - state.score->scale());
      Int128 weighted;
      if (!MultiplyExact(score, indicator.weight_units, &weighted)) {
        exact = false;
        continue;
      }
      exact &= AddExact(sums.weighted, weighted, &sums.weighted);
      exact &= AddExact(sums.category_weighted[category], weighted,
                        &sums.category_weighted[category]);
      if (!breakdown_) continue;
      AddContribution(indicator, state, FormatScaled(score, score_scale),
                      FormatScaled(weighted, weighted_scale));
    }
    if (!exact) return std::nullopt;
    return sums;
  }

  void AddContribution(const RuleSet::Indicator& indicator,
                       const IndicatorState& state, std::string score,
                       std::string weighted) {
    v1::Contribution* c = result_.add_contributions();
    c->set_indicator(indicator.id);
    c->set_category(rules_.categories_[indicator.category].id);
    c->set_score(std::move(score));
    c->set_weight(indicator.weight_text);
    c->set_weighted_score(std::move(weighted));
    const v1::Entry& entry = scorecard_.entries(state.entry);
    if (!entry.result().empty()) {
      c->set_result(
          QuoteText(StripWhiteSpace(entry.result()), kMaxEchoedCharacters));
    }
    if (state.criteria_score.has_value()) {
      c->set_explanation(
          indicator.criteria->Explain(*state.criteria_score, locale_));
    }
  }

  // One group's subtotal fields (a category's or a dimension's): weight,
  // weighted score, mean score and contribution to the total.
  struct GroupSums {
    Int128 weight = 0;
    Int128 weighted = 0;
    bool present = false;
    bool complete = true;
  };

  template <typename Subtotal>
  void FillSubtotal(const GroupSums& group, int score_scale, Int128 unscale,
                    Subtotal* s) const {
    const int weighted_scale = score_scale + unit_->weight_scale;
    s->set_weight(FormatScaled(group.weight, unit_->weight_scale));
    s->set_weighted_score(FormatScaled(group.weighted, weighted_scale));
    if (!group.complete) return;
    Int128 divisor;
    if (group.weight > 0 && MultiplyExact(group.weight, unscale, &divisor)) {
      s->set_score(FormatScaled(
          DivideAndRound(group.weighted, divisor, rules_.rounding_),
          rules_.decimals_));
    }
    s->set_contribution(Contribution(group.weighted, score_scale));
  }

  // Returns weighted / Σ weight (the group's share of the unrounded total)
  // at score_scale plus the digits that make it exact when the weight sum
  // allows (Unit::quotient_digits), else rounded at 18 more digits; empty
  // when that overflows.
  std::string Contribution(Int128 weighted, int score_scale) const {
    const int digits = unit_->quotient_digits;
    Int128 scaled;
    if (!MultiplyExact(weighted, PowerOfTen(digits), &scaled)) return "";
    return FormatScaled(
        DivideAndRound(scaled, unit_->weight_sum_units, rules_.rounding_),
        score_scale + digits);
  }

  void AddCategorySubtotals(const WeightedSums& sums, int score_scale,
                            Int128 unscale) {
    std::vector<GroupSums> dimensions(rules_.dimensions_.size());
    for (size_t k = 0; k < rules_.categories_.size(); ++k) {
      if (!sums.category_present[k]) continue;
      const GroupSums category{sums.category_weight[k],
                               sums.category_weighted[k], true,
                               sums.category_complete[k]};
      v1::CategorySubtotal* s = result_.add_category_subtotals();
      s->set_category(rules_.categories_[k].id);
      s->set_title(rules_.categories_[k].title);
      FillSubtotal(category, score_scale, unscale, s);
      const int d = rules_.categories_[k].dimension;
      if (d < 0) continue;
      // Category sums are exact already; so are their sums.
      GroupSums& dimension = dimensions[d];
      dimension.present = true;
      dimension.complete &= category.complete;
      if (!AddExact(dimension.weight, category.weight, &dimension.weight) ||
          !AddExact(dimension.weighted, category.weighted,
                    &dimension.weighted)) {
        dimension.complete = false;
      }
    }
    for (size_t d = 0; d < dimensions.size(); ++d) {
      v1::DimensionSubtotal* s = result_.add_dimension_subtotals();
      s->set_dimension(rules_.dimensions_[d].id);
      s->set_title(rules_.dimensions_[d].title);
      FillSubtotal(dimensions[d], score_scale, unscale, s);
    }
  }

  void CheckDeclaredTotal(const std::optional<Int128>& total) {
    if (scorecard_.declared_total().empty()) return;
    absl::StatusOr<Decimal> declared =
        Decimal::Parse(scorecard_.declared_total());
    if (!declared.ok()) {
      Add(v1::VIOLATION_CODE_INVALID_NUMBER, "",
          scorecard_.declared_total_line(),
          FormatViolationMessage(ViolationMessage::kInvalidDeclaredTotal,
                                 locale_, {declared.status().message()}),
          "", scorecard_.declared_total());
      return;
    }
    if (total && CompareScaled(declared->units(), declared->scale(), *total,
                               rules_.decimals_) != 0) {
      const std::optional<Int128> unrounded = TotalOfUnroundedScores();
      const bool is_unrounded =
          unrounded.has_value() &&
          CompareScaled(declared->units(), declared->scale(), *unrounded,
                        rules_.decimals_) == 0;
      Add(v1::VIOLATION_CODE_TOTAL_MISMATCH, "",
          scorecard_.declared_total_line(),
          is_unrounded
              ? FormatViolationMessage(
                    ViolationMessage::kTotalMismatchUnrounded, locale_,
                    {Quoted(scorecard_.declared_total()),
                     result_.computed_total(), rules_.decimals_text_})
              : FormatViolationMessage(ViolationMessage::kTotalMismatch,
                                       locale_,
                                       {Quoted(scorecard_.declared_total()),
                                        result_.computed_total()}),
          result_.computed_total(), scorecard_.declared_total());
    }
  }

  // Returns the total the scores would give before criteria scores are
  // rounded (in units of the rule set's decimals), when some criteria score
  // was rounded and the exact sum fits; nullopt otherwise.
  std::optional<Int128> TotalOfUnroundedScores() const {
    bool rounded = false;
    FractionSum sum;
    for (size_t i = 0; i < states_.size(); ++i) {
      const IndicatorState& state = states_[i];
      const Int128 weight = unit_->indicators[i].weight_units;
      Int128 term;
      if (state.criteria_score.has_value()) {
        rounded |= !state.criteria_score->exact;
        if (!MultiplyExact(state.criteria_score->numerator, weight, &term)) {
          return std::nullopt;
        }
        sum.Add(term, state.criteria_score->denominator);
      } else if (state.score.has_value()) {
        if (!MultiplyExact(state.score->units(), weight, &term)) {
          return std::nullopt;
        }
        sum.Add(term, PowerOfTen(state.score->scale()));
      }
    }
    Int128 numerator, denominator;
    if (!rounded || !sum.exact() ||
        !MultiplyExact(sum.numerator(), PowerOfTen(rules_.decimals_),
                       &numerator) ||
        !MultiplyExact(sum.denominator(), unit_->weight_sum_units,
                       &denominator)) {
      return std::nullopt;
    }
    return DivideAndRound(numerator, denominator, rules_.rounding_);
  }

  // The grade band the total falls in: the first, highest first, whose min
  // it reaches.
  void SetGrade(Int128 total) {
    for (const RuleSet::GradeBand& band : rules_.grades_) {
      if (CompareScaled(total, rules_.decimals_, band.min.units(),
                        band.min.scale()) >= 0) {
        result_.set_grade(locale_ == Locale::kThai ? band.label
                                                   : band.label_en);
        return;
      }
    }
  }

  void Finish() {
    bool valid = true;
    for (const v1::Violation& v : result_.violations()) {
      if (v.severity() == v1::SEVERITY_ERROR) valid = false;
    }
    result_.set_valid(valid);
  }

  const RuleSet& rules_;
  const v1::Scorecard& scorecard_;
  const Locale locale_;
  const bool breakdown_;
  v1::ValidationResult& result_;
  const RuleSet::Unit* unit_ = nullptr;
  absl::InlinedVector<IndicatorState, 32> states_;
  int implicit_weights_ = 0;
  int unreadable_weights_ = 0;
  int unknown_or_duplicate_ = 0;
  int missing_ = 0;
  DecimalSum submitted_weight_sum_;
  // IndicatorKey of the entry being checked; reused so that keys do not
  // allocate per entry.
  std::string key_;
};

void RuleSet::Validate(const v1::Scorecard& scorecard,
                       const ValidateOptions& options,
                       v1::ValidationResult* result) const {
  ScorecardValidation(*this, scorecard, options, result).Run();
}

}  // namespace scorecard::rules
