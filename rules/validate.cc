// RuleSet::Validate: one pass over a scorecard that finds every violation and
// computes the total exactly.

#include <optional>
#include <string>

#include "absl/container/inlined_vector.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
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
  std::optional<Decimal> score;  // Set when the score was readable.
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
    CheckTitle(entry, indicator);
  }

  void CheckScore(const v1::Entry& entry, const RuleSet::Indicator& indicator,
                  IndicatorState& state) {
    absl::StatusOr<Decimal> score = Decimal::Parse(entry.score());
    if (!score.ok()) {
      Add(v1::VIOLATION_CODE_INVALID_NUMBER, indicator.id, entry.line(),
          FormatViolationMessage(ViolationMessage::kInvalidScore, locale_,
                                 {indicator.id, score.status().message()}),
          "", entry.score());
      return;
    }
    state.score = *score;
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
      v1::Contribution* c = result_.add_contributions();
      c->set_indicator(indicator.id);
      c->set_category(rules_.categories_[category].id);
      c->set_score(FormatScaled(score, score_scale));
      c->set_weight(indicator.weight_text);
      c->set_weighted_score(FormatScaled(weighted, weighted_scale));
    }
    if (!exact) return std::nullopt;
    return sums;
  }

  void AddCategorySubtotals(const WeightedSums& sums, int score_scale,
                            Int128 unscale) {
    const int weighted_scale = score_scale + unit_->weight_scale;
    for (size_t k = 0; k < rules_.categories_.size(); ++k) {
      if (!sums.category_present[k]) continue;
      v1::CategorySubtotal* s = result_.add_category_subtotals();
      s->set_category(rules_.categories_[k].id);
      s->set_title(rules_.categories_[k].title);
      s->set_weight(
          FormatScaled(sums.category_weight[k], unit_->weight_scale));
      s->set_weighted_score(
          FormatScaled(sums.category_weighted[k], weighted_scale));
      Int128 divisor;
      if (sums.category_complete[k] && sums.category_weight[k] > 0 &&
          MultiplyExact(sums.category_weight[k], unscale, &divisor)) {
        s->set_score(FormatScaled(
            DivideAndRound(sums.category_weighted[k], divisor,
                           rules_.rounding_),
            rules_.decimals_));
      }
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
      Add(v1::VIOLATION_CODE_TOTAL_MISMATCH, "",
          scorecard_.declared_total_line(),
          FormatViolationMessage(ViolationMessage::kTotalMismatch, locale_,
                                 {Quoted(scorecard_.declared_total()),
                                  result_.computed_total()}),
          result_.computed_total(), scorecard_.declared_total());
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
