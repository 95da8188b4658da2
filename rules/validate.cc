// RuleSet::Validate: one pass over a scorecard that finds every violation and
// computes the total exactly.

#include <optional>
#include <string>
#include <utility>

#include "absl/base/attributes.h"
#include "absl/container/inlined_vector.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "rules/criteria.h"
#include "rules/decimal.h"
#include "rules/decimal_sum.h"
#include "rules/indicator_id.h"
#include "rules/rule_set.h"
#include "rules/same_text.h"
#include "rules/thai_text.h"
#include "rules/utf8.h"

namespace scorecard::rules {

namespace v1 = ::scorecard::v1;

namespace {

// What the validation learned about one of the unit's indicators.
struct IndicatorState {
  int entry = -1;  // Index of the first entry naming it; -1 when none does.
  // When the score was read off the entry's result by the criteria: its
  // index in ScorecardValidation::criteria_scores_; else -1.
  int criteria_score = -1;
  std::optional<Decimal> score;  // The score used, when there is one.
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

// Replaces `*text` with `value`. Out of line: a reused result seldom
// differs. Into an empty text (every field of a fresh result), appending
// skips the overlap handling of assign.
ABSL_ATTRIBUTE_NOINLINE void WriteText(std::string* text,
                                       absl::string_view value) {
  if (text->empty()) {
    text->append(value.data(), value.size());
  } else {
    text->assign(value.data(), value.size());
  }
}

// Writes `value` into a string field unless the field holds it already.
// `current` is the field's value and `field` its mutable_ accessor. A result
// reused from one scorecard to the next keeps most of its texts (rule set,
// unit, indicators, weights), and comparing costs far less than protobuf's
// setter. Inline everywhere: a breakdown has some 150 fields.
template <typename Message>
inline ABSL_ATTRIBUTE_ALWAYS_INLINE void SetText(
    Message* message, const std::string& current,
    std::string* (Message::*field)(), absl::string_view value) {
  if (!SameText(current, value)) WriteText((message->*field)(), value);
}

// The same for a text the rule set holds, through the field's setter: into
// a fresh field (an empty one), copying a std::string is protobuf's
// cheapest way in.
template <typename Message>
void SetText(Message* message, const std::string& current,
             void (Message::*set)(const std::string&),
             const std::string& value) {
  if (!SameText(current, value)) (message->*set)(value);
}

// Writes QuoteText(text, kMaxEchoedCharacters) into a string field as
// SetText does; short valid text, the usual echo, is not copied first.
template <typename Message>
void SetEcho(Message* message, const std::string& current,
             std::string* (Message::*field)(), absl::string_view text) {
  if (text.size() <= kMaxEchoedCharacters && IsValidUtf8(text)) {
    SetText(message, current, field, text);  // QuoteText would not change it.
  } else {
    SetText(message, current, field, QuoteText(text, kMaxEchoedCharacters));
  }
}

// Whether `message` holds fields this build does not know (as one parsed
// from a newer peer's bytes may): a message written over field by field
// must drop them.
template <typename Message>
bool HasUnknownFields(const Message& message) {
  // Once per type: GetReflection() itself goes through descriptor set-up.
  static const google::protobuf::Reflection* const reflection =
      Message::GetReflection();
  return !reflection->GetUnknownFields(message).empty();
}

// Makes `list` hold its first `size` elements. The others are cleared and
// kept for the next Add, as protobuf keeps cleared elements.
template <typename Element>
void Truncate(google::protobuf::RepeatedPtrField<Element>* list, int size) {
  while (list->size() > size) list->RemoveLast();
}

// Returns element `index` of `list` for the caller to overwrite whole: one
// the list holds already (index < size), else a new one.
template <typename Element>
Element* Overwritten(google::protobuf::RepeatedPtrField<Element>* list,
                     int index) {
  if (index >= list->size()) return list->Add();
  Element* element = list->Mutable(index);
  if (HasUnknownFields(*element)) element->Clear();
  return element;
}

// One group's sums (a category's or a dimension's): in units of the unit's
// weight scale (weight) and of score scale + weight scale (weighted).
struct GroupSums {
  Int128 weight = 0;
  Int128 weighted = 0;
  bool present = false;   // The unit has an indicator in the group.
  bool complete = true;   // Every one of them had a readable score.
};

// The text of the number one kind of field got last. In a scorecard most
// indicators have the same score (full marks, as a rule), and so have many
// weighted scores and subtotals: a number written as the one before takes
// its text again instead of writing its digits anew.
class RecentNumber {
 public:
  // Returns ScaledText(units, scale).view(), valid until the next call.
  absl::string_view Text(Int128 units, int scale) {
    if (!text_.has_value() || units != units_ || scale != scale_) {
      units_ = units;
      scale_ = scale;
      text_.emplace(units, scale);
    }
    return text_->view();
  }

 private:
  Int128 units_ = 0;
  int scale_ = 0;
  std::optional<ScaledText> text_;
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

  // The result is written over what it held, field by field, rather than
  // cleared first (see SetText); Finish() drops what this scorecard did not
  // write.
  void Run() {
    if (HasUnknownFields(result_)) result_.Clear();
    result_.mutable_violations()->Clear();
    SetText(&result_, result_.rule_set(),
            &v1::ValidationResult::set_rule_set, rules_.id());
    SetText(&result_, result_.rule_set_revision(),
            &v1::ValidationResult::set_rule_set_revision,
            rules_.revision());
    SetEcho(&result_, result_.declared_total(),
            &v1::ValidationResult::mutable_declared_total,
            scorecard_.declared_total());
    CheckFiscalYear();
    unit_ = rules_.FindUnit(scorecard_.unit());
    if (unit_ == nullptr) {
      Add(v1::VIOLATION_CODE_UNKNOWN_UNIT, "", scorecard_.line(),
          FormatViolationMessage(ViolationMessage::kUnknownUnit, locale_,
                                 {Quoted(scorecard_.unit()), rules_.id()}),
          "", scorecard_.unit());
      result_.clear_unit();
      result_.clear_unit_name();
      result_.clear_computed_total();
      result_.clear_grade();
      Finish();
      return;
    }
    SetText(&result_, result_.unit(), &v1::ValidationResult::set_unit,
            unit_->id);
    SetText(&result_, result_.unit_name(),
            &v1::ValidationResult::set_unit_name, unit_->name);
    states_.resize(unit_->indicators.size());

    for (int e = 0; e < scorecard_.entries_size(); ++e) CheckEntry(e);
    CheckMissingIndicators();
    CheckWeightTotals();
    const std::optional<Int128> total = ComputeTotal();
    if (total.has_value()) {
      SetText(&result_, result_.computed_total(),
              &v1::ValidationResult::mutable_computed_total,
              ScaledText(*total, rules_.decimals_).view());
    } else {
      result_.clear_computed_total();
    }
    CheckDeclaredTotal(total);
    SetGrade(total);
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

  // The checks of one entry. The usual entry (its indicator in its place,
  // readable numbers that agree with the rules, the title as the rules
  // state it) passes through the inline part; each violation is reported by
  // a function of its own, out of line.
  void CheckEntry(int e) {
    const v1::Entry& entry = scorecard_.entries(e);
    // Entries usually come in the rule set's order: try the e-th indicator
    // before building the key.
    const int found =
        static_cast<size_t>(e) < unit_->indicators.size() &&
                IndicatorKeyEquals(entry.indicator(), unit_->indicators[e].id)
            ? e
            : FindIndicatorByKey(entry);
    if (found < 0) return;
    const RuleSet::Indicator& indicator = unit_->indicators[found];
    IndicatorState& state = states_[found];
    if (state.entry >= 0) {
      ReportDuplicate(entry, indicator, state);
      return;
    }
    state.entry = e;
    if (indicator.criteria != nullptr && !entry.result().empty()) {
      ScoreByCriteria(entry, indicator, state);
    } else {
      state.score = ReadSubmittedScore(entry, indicator);
    }
    CheckWeight(entry, indicator);
    if (!entry.weighted_score().empty()) {
      CheckWeightedScore(entry, indicator, state);
    }
    // Most titles are submitted as the rules state them: compare the bytes
    // first, and normalise only the rare title that differs.
    if (!entry.title().empty() &&
        rules_.title_policy_ != v1::TITLE_POLICY_IGNORED &&
        entry.title() != indicator.title) {
      CheckDifferingTitle(entry, indicator);
    }
  }

  // Returns the index of the unit's indicator whose id has the key of the
  // entry's, or -1 (reported) when none has.
  ABSL_ATTRIBUTE_NOINLINE int FindIndicatorByKey(const v1::Entry& entry) {
    IndicatorKeyInto(entry.indicator(), &key_);
    const int found = unit_->FindIndicator(key_);
    if (found >= 0) return found;
    ++unknown_or_duplicate_;
    Add(v1::VIOLATION_CODE_UNKNOWN_INDICATOR, key_, entry.line(),
        FormatViolationMessage(ViolationMessage::kUnknownIndicator, locale_,
                               {Quoted(key_), unit_->id}),
        "", entry.indicator());
    return -1;
  }

  ABSL_ATTRIBUTE_NOINLINE void ReportDuplicate(
      const v1::Entry& entry, const RuleSet::Indicator& indicator,
      const IndicatorState& state) {
    ++unknown_or_duplicate_;
    const int first_line = scorecard_.entries(state.entry).line();
    const std::string where =
        first_line > 0 ? (locale_ == Locale::kThai
                              ? absl::StrCat(" (บรรทัด ", first_line, ")")
                              : absl::StrCat(" (line ", first_line, ")"))
                       : "";
    Add(v1::VIOLATION_CODE_DUPLICATE_INDICATOR, indicator.id, entry.line(),
        FormatViolationMessage(ViolationMessage::kDuplicateIndicator, locale_,
                               {indicator.id, where}),
        "", entry.indicator());
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

  // Scores an entry whose indicator has criteria by its result; a submitted
  // score must then agree. When the result cannot be scored, the submitted
  // score (if any) counts.
  ABSL_ATTRIBUTE_NOINLINE void ScoreByCriteria(
      const v1::Entry& entry, const RuleSet::Indicator& indicator,
      IndicatorState& state) {
    std::optional<Decimal> submitted;
    if (!entry.score().empty()) submitted = ReadSubmittedScore(entry, indicator);
    const std::optional<CriteriaScore> computed =
        ReadAndScoreResult(entry, indicator);
    if (!computed.has_value()) {
      state.score = submitted;
      return;
    }
    state.criteria_score = static_cast<int>(criteria_scores_.size());
    criteria_scores_.push_back(*computed);
    state.score = Decimal::FromUnits(static_cast<int64_t>(computed->rounded_units),
                                     computed->decimals);
    if (submitted.has_value() && *submitted != *state.score) {
      Add(v1::VIOLATION_CODE_SCORE_CRITERIA_MISMATCH, indicator.id,
          entry.line(),
          FormatViolationMessage(
              ViolationMessage::kScoreCriteriaMismatch, locale_,
              {indicator.id, Quoted(entry.score()), state.score->ToString(),
               indicator.criteria->Explain(*computed, locale_)}),
          state.score->ToString(), entry.score());
    }
  }

  // The criteria score of `state`'s indicator; null when its score is not
  // read off a result.
  const CriteriaScore* CriteriaScoreOf(const IndicatorState& state) const {
    return state.criteria_score < 0 ? nullptr
                                    : &criteria_scores_[state.criteria_score];
  }

  // Reads the submitted score, reporting it when it is unreadable, out of
  // the scale or too precise.
  std::optional<Decimal> ReadSubmittedScore(
      const v1::Entry& entry, const RuleSet::Indicator& indicator) {
    const absl::StatusOr<Decimal> score = Decimal::Parse(entry.score());
    if (!score.ok()) {
      ReportInvalidScore(entry, indicator, score.status());
      return std::nullopt;
    }
    if (*score < rules_.score_min_ || *score > rules_.score_max_) {
      ReportScoreOutOfRange(entry, indicator);
    }
    // A score written with extra zeros ("5.00000") is still exact; only one
    // that needs more decimals than the rule set allows is imprecise.
    if (score->scale() > rules_.decimals_ &&
        *score != *score->Rescaled(rules_.decimals_, RoundingMode::kDown)) {
      ReportScorePrecision(entry, indicator);
    }
    return *score;
  }

  ABSL_ATTRIBUTE_NOINLINE void ReportInvalidScore(
      const v1::Entry& entry, const RuleSet::Indicator& indicator,
      const absl::Status& why) {
    Add(v1::VIOLATION_CODE_INVALID_NUMBER, indicator.id, entry.line(),
        FormatViolationMessage(ViolationMessage::kInvalidScore, locale_,
                               {indicator.id, why.message()}),
        "", entry.score());
  }

  ABSL_ATTRIBUTE_NOINLINE void ReportScoreOutOfRange(
      const v1::Entry& entry, const RuleSet::Indicator& indicator) {
    Add(v1::VIOLATION_CODE_SCORE_OUT_OF_RANGE, indicator.id, entry.line(),
        FormatViolationMessage(
            ViolationMessage::kScoreOutOfRange, locale_,
            {indicator.id, Quoted(entry.score()), rules_.score_min_text_,
             rules_.score_max_text_}),
        rules_.score_range_text_, entry.score());
  }

  ABSL_ATTRIBUTE_NOINLINE void ReportScorePrecision(
      const v1::Entry& entry, const RuleSet::Indicator& indicator) {
    Add(v1::VIOLATION_CODE_SCORE_PRECISION, indicator.id, entry.line(),
        FormatViolationMessage(ViolationMessage::kScorePrecision, locale_,
                               {indicator.id, Quoted(entry.score()),
                                rules_.decimals_text_}),
        absl::StrCat(rules_.decimals_text_,
                     locale_ == Locale::kThai ? " ตำแหน่ง" : " decimals"),
        entry.score());
  }

  // Reads the entry's result and scores it by the indicator's criteria,
  // reporting a result that is unreadable or cannot be scored.
  std::optional<CriteriaScore> ReadAndScoreResult(
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
  ABSL_ATTRIBUTE_NOINLINE void CheckWeightedScore(
      const v1::Entry& entry, const RuleSet::Indicator& indicator,
      const IndicatorState& state) {
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
    const absl::StatusOr<Decimal> weight = Decimal::Parse(entry.weight());
    if (!weight.ok()) {
      ReportInvalidWeight(entry, indicator, weight.status());
      return;
    }
    submitted_weight_sum_.Add(*weight);
    if (*weight != indicator.weight) ReportWeightMismatch(entry, indicator);
  }

  ABSL_ATTRIBUTE_NOINLINE void ReportInvalidWeight(
      const v1::Entry& entry, const RuleSet::Indicator& indicator,
      const absl::Status& why) {
    ++unreadable_weights_;
    Add(v1::VIOLATION_CODE_INVALID_NUMBER, indicator.id, entry.line(),
        FormatViolationMessage(ViolationMessage::kInvalidWeight, locale_,
                               {indicator.id, why.message()}),
        "", entry.weight());
  }

  ABSL_ATTRIBUTE_NOINLINE void ReportWeightMismatch(
      const v1::Entry& entry, const RuleSet::Indicator& indicator) {
    Add(v1::VIOLATION_CODE_WEIGHT_MISMATCH, indicator.id, entry.line(),
        FormatViolationMessage(
            ViolationMessage::kWeightMismatch, locale_,
            {indicator.id, Quoted(entry.weight()), indicator.weight_text}),
        indicator.weight_text, entry.weight());
  }

  // A title that is not byte for byte the rules' one still matches when the
  // policy ignores white space and the two agree once normalised.
  ABSL_ATTRIBUTE_NOINLINE void CheckDifferingTitle(
      const v1::Entry& entry, const RuleSet::Indicator& indicator) {
    if (rules_.title_policy_ != v1::TITLE_POLICY_EXACT &&
        TextKey(entry.title()) == TextKey(indicator.title)) {
      return;
    }
    Add(v1::VIOLATION_CODE_TITLE_MISMATCH, indicator.id, entry.line(),
        FormatViolationMessage(ViolationMessage::kTitleMismatch, locale_,
                               {indicator.id, Quoted(entry.title()),
                                indicator.title}),
        indicator.title, entry.title());
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
  // also writes contributions and category and dimension subtotals.
  std::optional<Int128> ComputeTotal() {
    const int score_scale = CommonScoreScale();
    GroupSums all;
    if (!(breakdown_ ? SumWeightedScores<true, true>(score_scale, &all)
                     : SumWeightedScores<false, false>(score_scale, &all))) {
      Add(v1::VIOLATION_CODE_INVALID_NUMBER, "", scorecard_.line(),
          FormatViolationMessage(ViolationMessage::kTotalTooLarge, locale_, {}),
          "", "");
      return std::nullopt;
    }
    // Weighted sums are at score_scale + weight_scale; dividing by weight
    // units times `unscale` lands at the rule set's decimals.
    const Int128 unscale = PowerOfTen(score_scale - rules_.decimals_);
    if (breakdown_) AddSubtotals(score_scale, unscale);
    Int128 divisor;
    if (!all.complete || all.weight <= 0 ||
        !MultiplyExact(all.weight, unscale, &divisor)) {
      return std::nullopt;
    }
    const Int128 total = DivideAndRound(all.weighted, divisor, rules_.rounding_);
    // A total is reported as a decimal that reads back (Decimal::kMaxDigits
    // significant digits at most).
    if (total >= PowerOfTen(Decimal::kMaxDigits) ||
        total <= -PowerOfTen(Decimal::kMaxDigits)) {
      Add(v1::VIOLATION_CODE_INVALID_NUMBER, "", scorecard_.line(),
          FormatViolationMessage(ViolationMessage::kTotalTooLarge, locale_, {}),
          "", "");
      return std::nullopt;
    }
    return total;
  }

  // Returns the scale every score is brought to: the rule set's decimals, or
  // more when a submitted score has more (so nothing is rounded early).
  int CommonScoreScale() const {
    int scale = rules_.decimals_;
    for (const IndicatorState& state : states_) {
      if (state.score) scale = std::max(scale, state.score->scale());
    }
    return scale;
  }

  // Adds up weights and score × weight into *all and, with kCategories, per
  // category into categories_; with kContributions (the full view, which
  // needs kCategories) records each indicator's contribution. Returns false
  // when a product or a sum leaves the exact range. The total alone
  // (kCategories false) takes the unchecked terms only, and at the first
  // other term starts again with the categories, whose sums are checked too:
  // every view refuses the same numbers.
  template <bool kCategories, bool kContributions>
  bool SumWeightedScores(int score_scale, GroupSums* all) {
    static_assert(kCategories || !kContributions);
    const int weighted_scale = score_scale + unit_->weight_scale;
    *all = GroupSums();
    // Weights need no overflow check: fewer than 2^31 indicators of less
    // than 2^63 units each stay below 2^94.
    all->weight = unit_->weight_sum_units;
    if (kCategories) categories_.assign(rules_.categories_.size(), GroupSums());
    if (kContributions) ReserveBreakdown();
    // Products of a score that fits 64 bits and a weight below 2^32 are
    // below 2^95, and fewer than 2^31 of them sum to less than 2^126: such
    // terms are added unchecked as long as every term before was one too.
    // From the first other term on, every sum is checked.
    constexpr int64_t kSmallWeight = int64_t{1} << 32;
    bool checked = false;
    bool exact = true;
    Int128 weighted_sum = 0;
    for (size_t i = 0; i < states_.size(); ++i) {
      const RuleSet::Indicator& indicator = unit_->indicators[i];
      GroupSums* const category =
          kCategories ? &categories_[indicator.category] : nullptr;
      if (kCategories) {
        category->present = true;
        category->weight += indicator.weight_units;
      }
      const IndicatorState& state = states_[i];
      if (!state.score) {
        all->complete = false;
        if (kCategories) category->complete = false;
        continue;
      }
      const int64_t units = state.score->units();
      const int scale = state.score->scale();
      const bool small_weight = indicator.weight_units < kSmallWeight &&
                                indicator.weight_units > -kSmallWeight;
      // The usual score is at the common scale already.
      if (!checked && scale == score_scale && small_weight) {
        const Int128 weighted =
            static_cast<Int128>(units) * indicator.weight_units;
        weighted_sum += weighted;
        if (!kCategories) continue;
        category->weighted += weighted;
        if (kContributions) {
          AddContribution(indicator, state, units, score_scale, weighted,
                          weighted_scale);
        }
        continue;
      }
      // At most 10^18 × 10^18 < 2^127: exact.
      const Int128 score =
          static_cast<Int128>(units) * PowerOfTen(score_scale - scale);
      Int128 weighted;
      if (!checked && score >= INT64_MIN && score <= INT64_MAX &&
          small_weight) {
        weighted = static_cast<Int128>(static_cast<int64_t>(score)) *
                   indicator.weight_units;
        weighted_sum += weighted;
        if (kCategories) category->weighted += weighted;
      } else {
        if (!kCategories) return SumWeightedScores<true, false>(score_scale, all);
        checked = true;
        if (!MultiplyExact(score, indicator.weight_units, &weighted)) {
          exact = false;
          continue;
        }
        exact &= AddExact(weighted_sum, weighted, &weighted_sum);
        exact &= AddExact(category->weighted, weighted, &category->weighted);
      }
      if (kContributions) {
        AddContribution(indicator, state, score, score_scale, weighted,
                        weighted_scale);
      }
    }
    all->weighted = weighted_sum;
    return exact;
  }

  // Makes room in the result's breakdown lists for as many elements as this
  // unit can write, so that a fresh result grows each list once.
  void ReserveBreakdown() {
    const auto reserve = [](auto* list, size_t size) {
      if (static_cast<size_t>(list->Capacity()) < size) {
        list->Reserve(static_cast<int>(size));
      }
    };
    reserve(result_.mutable_contributions(), unit_->indicators.size());
    reserve(result_.mutable_category_subtotals(), rules_.categories_.size());
    reserve(result_.mutable_dimension_subtotals(), rules_.dimensions_.size());
  }

  // Inline into both of SumWeightedScores' paths: called once per
  // indicator, its call's set-up cost a tenth of what it does.
  ABSL_ATTRIBUTE_ALWAYS_INLINE void AddContribution(
      const RuleSet::Indicator& indicator, const IndicatorState& state,
      Int128 score, int score_scale, Int128 weighted, int weighted_scale) {
    using C = v1::Contribution;
    C* c = Overwritten(result_.mutable_contributions(), contributions_++);
    SetText(c, c->indicator(), &C::set_indicator, indicator.id);
    SetText(c, c->category(), &C::set_category,
            rules_.categories_[indicator.category].id);
    SetText(c, c->score(), &C::mutable_score,
            contribution_score_.Text(score, score_scale));
    SetText(c, c->weight(), &C::set_weight, indicator.weight_text);
    SetText(c, c->weighted_score(), &C::mutable_weighted_score,
            contribution_weighted_.Text(weighted, weighted_scale));
    const v1::Entry& entry = scorecard_.entries(state.entry);
    if (!entry.result().empty()) {
      SetEcho(c, c->result(), &C::mutable_result,
              StripWhiteSpace(entry.result()));
    } else if (!c->result().empty()) {
      c->clear_result();
    }
    if (const CriteriaScore* criteria_score = CriteriaScoreOf(state)) {
      c->set_explanation(indicator.criteria->Explain(*criteria_score, locale_));
    } else if (!c->explanation().empty()) {
      c->clear_explanation();
    }
  }

  // Writes one group's subtotal fields (a category's or a dimension's):
  // weight, weighted score, mean score and contribution to the total.
  template <typename Subtotal>
  void FillSubtotal(const GroupSums& group, int score_scale, Int128 unscale,
                    Subtotal* s) {
    const int weighted_scale = score_scale + unit_->weight_scale;
    SetText(s, s->weight(), &Subtotal::mutable_weight,
            subtotal_weight_.Text(group.weight, unit_->weight_scale));
    SetText(s, s->weighted_score(), &Subtotal::mutable_weighted_score,
            subtotal_weighted_.Text(group.weighted, weighted_scale));
    Int128 divisor;
    if (group.complete && group.weight > 0 &&
        MultiplyExact(group.weight, unscale, &divisor)) {
      SetText(s, s->score(), &Subtotal::mutable_score,
              subtotal_score_.Text(
                  DivideAndRound(group.weighted, divisor, rules_.rounding_),
                  rules_.decimals_));
    } else if (!s->score().empty()) {
      s->clear_score();
    }
    SetContribution(group, score_scale, s);
  }

  // Writes weighted / Σ weight (the group's share of the unrounded total) at
  // score_scale plus the digits that make it exact when the weight sum
  // allows (Unit::quotient_digits), else rounded at 18 more digits; nothing
  // when the group is incomplete or that overflows.
  template <typename Subtotal>
  void SetContribution(const GroupSums& group, int score_scale,
                       Subtotal* s) {
    const int digits = unit_->quotient_digits;
    Int128 scaled;
    if (!group.complete ||
        !MultiplyExact(group.weighted, PowerOfTen(digits), &scaled)) {
      if (!s->contribution().empty()) s->clear_contribution();
      return;
    }
    SetText(s, s->contribution(), &Subtotal::mutable_contribution,
            subtotal_contribution_.Text(
                DivideAndRound(scaled, unit_->weight_sum_units,
                               rules_.rounding_),
                score_scale + digits));
  }

  void AddSubtotals(int score_scale, Int128 unscale) {
    using C = v1::CategorySubtotal;
    using D = v1::DimensionSubtotal;
    dimensions_.assign(rules_.dimensions_.size(), GroupSums());
    for (size_t k = 0; k < rules_.categories_.size(); ++k) {
      const GroupSums& category = categories_[k];
      if (!category.present) continue;
      C* s = Overwritten(result_.mutable_category_subtotals(),
                         category_subtotals_++);
      SetText(s, s->category(), &C::set_category,
              rules_.categories_[k].id);
      SetText(s, s->title(), &C::set_title, rules_.categories_[k].title);
      FillSubtotal(category, score_scale, unscale, s);
      const int d = rules_.categories_[k].dimension;
      if (d < 0) continue;
      // Category sums are exact already; so are their sums.
      GroupSums& dimension = dimensions_[d];
      dimension.present = true;
      dimension.complete &= category.complete;
      if (!AddExact(dimension.weight, category.weight, &dimension.weight) ||
          !AddExact(dimension.weighted, category.weighted,
                    &dimension.weighted)) {
        dimension.complete = false;
      }
    }
    for (size_t d = 0; d < dimensions_.size(); ++d) {
      D* s = Overwritten(result_.mutable_dimension_subtotals(),
                         dimension_subtotals_++);
      SetText(s, s->dimension(), &D::set_dimension,
              rules_.dimensions_[d].id);
      SetText(s, s->title(), &D::set_title, rules_.dimensions_[d].title);
      FillSubtotal(dimensions_[d], score_scale, unscale, s);
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
      if (const CriteriaScore* criteria_score = CriteriaScoreOf(state)) {
        rounded |= !criteria_score->exact;
        if (!MultiplyExact(criteria_score->numerator, weight, &term)) {
          return std::nullopt;
        }
        sum.Add(term, criteria_score->denominator);
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
  // it reaches; none without a total.
  void SetGrade(const std::optional<Int128>& total) {
    if (total.has_value()) {
      for (const RuleSet::GradeBand& band : rules_.grades_) {
        if (CompareScaled(*total, rules_.decimals_, band.min.units(),
                          band.min.scale()) >= 0) {
          SetText(&result_, result_.grade(),
                  &v1::ValidationResult::set_grade,
                  locale_ == Locale::kThai ? band.label : band.label_en);
          return;
        }
      }
    }
    if (!result_.grade().empty()) result_.clear_grade();
  }

  void Finish() {
    bool valid = true;
    for (const v1::Violation& v : result_.violations()) {
      if (v.severity() == v1::SEVERITY_ERROR) valid = false;
    }
    result_.set_valid(valid);
    Truncate(result_.mutable_contributions(), contributions_);
    Truncate(result_.mutable_category_subtotals(), category_subtotals_);
    Truncate(result_.mutable_dimension_subtotals(), dimension_subtotals_);
  }

  const RuleSet& rules_;
  const v1::Scorecard& scorecard_;
  const Locale locale_;
  const bool breakdown_;
  v1::ValidationResult& result_;
  const RuleSet::Unit* unit_ = nullptr;
  absl::InlinedVector<IndicatorState, 32> states_;
  absl::InlinedVector<CriteriaScore, 4> criteria_scores_;
  int implicit_weights_ = 0;
  int unreadable_weights_ = 0;
  int unknown_or_duplicate_ = 0;
  int missing_ = 0;
  DecimalSum submitted_weight_sum_;
  // Per category (in the rule set's order) and per dimension.
  absl::InlinedVector<GroupSums, 8> categories_;
  absl::InlinedVector<GroupSums, 8> dimensions_;
  // How many of the result's contributions and subtotals this scorecard has
  // written.
  int contributions_ = 0;
  int category_subtotals_ = 0;
  int dimension_subtotals_ = 0;
  // IndicatorKey of the entry being checked; reused so that keys do not
  // allocate per entry.
  std::string key_;
  // The texts of the breakdown's numbers, each kind apart.
  RecentNumber contribution_score_;
  RecentNumber contribution_weighted_;
  RecentNumber subtotal_weight_;
  RecentNumber subtotal_weighted_;
  RecentNumber subtotal_score_;
  RecentNumber subtotal_contribution_;
};

void RuleSet::Validate(const v1::Scorecard& scorecard,
                       const ValidateOptions& options,
                       v1::ValidationResult* result) const {
  ScorecardValidation(*this, scorecard, options, result).Run();
}

}  // namespace scorecard::rules
