#include "rules/criteria.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/substitute.h"

namespace scorecard::rules {
namespace {

namespace v1 = ::scorecard::v1;

constexpr int kNotReached = -1;

// `value` at `scale` (>= its own) as a 128-bit integer; both fit: a Decimal
// has at most 18 digits and the scale is at most 18.
Int128 At(const Decimal& value, int scale) {
  return static_cast<Int128>(value.units()) *
         PowerOfTen(scale - value.scale());
}

absl::Status TooLarge() {
  return absl::InvalidArgumentError(
      "the result and the levels are too large to score exactly");
}

}  // namespace

CriteriaLevels CriteriaLevels::Compile(const v1::Criteria& config,
                                       int64_t first_score) {
  CriteriaLevels criteria;
  criteria.method_ = config.method();
  for (const std::string& level : config.levels()) {
    criteria.levels_.push_back(Decimal::Parse(level).value_or(Decimal()));
  }
  criteria.increasing_ =
      criteria.levels_.size() < 2 || criteria.levels_[0] < criteria.levels_[1];
  criteria.below_level_1_ =
      Decimal::Parse(config.below_level_1()).value_or(Decimal());
  criteria.first_score_ = first_score;
  criteria.result_unit_ = config.result_unit();
  return criteria;
}

absl::StatusOr<CriteriaScore> CriteriaLevels::Score(
    const Decimal& result, int decimals, RoundingMode rounding) const {
  if (method_ == v1::CRITERIA_METHOD_MILESTONE &&
      result != *result.Rescaled(0, RoundingMode::kDown)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "a milestone result counts steps done: a whole number, not ",
        result.ToString()));
  }
  int scale = result.scale();
  for (const Decimal& level : levels_) scale = std::max(scale, level.scale());
  const Int128 x = At(result, scale);
  const auto reaches = [&](size_t i) {
    const Int128 t = At(levels_[i], scale);
    return increasing_ ? x >= t : x <= t;
  };
  CriteriaScore score;
  score.result = result;
  score.decimals = decimals;
  for (size_t i = 0; i < levels_.size() && reaches(i); ++i) {
    score.level = static_cast<int>(i);
  }
  const bool between = score.level != kNotReached &&
                       score.level + 1 < static_cast<int>(levels_.size());
  if (score.level == kNotReached) {
    score.numerator = below_level_1_.units();
    score.denominator = PowerOfTen(below_level_1_.scale());
  } else if (!between || method_ != v1::CRITERIA_METHOD_LINEAR) {
    score.numerator = first_score_ + score.level;
    score.denominator = 1;
  } else {
    // k + (X − Tₖ) / (Tₖ₊₁ − Tₖ) as one fraction; with decreasing levels
    // both differences are negative.
    const Int128 low = At(levels_[score.level], scale);
    const Int128 high = At(levels_[score.level + 1], scale);
    Int128 span = high - low;
    Int128 along = x - low;
    if (span < 0) {
      span = -span;
      along = -along;
    }
    if (!MultiplyExact(first_score_ + score.level, span, &score.numerator) ||
        !AddExact(score.numerator, along, &score.numerator)) {
      return TooLarge();
    }
    score.denominator = span;
  }
  Int128 scaled;
  if (!MultiplyExact(score.numerator, PowerOfTen(decimals), &scaled)) {
    return TooLarge();
  }
  score.rounded_units = DivideAndRound(scaled, score.denominator, rounding);
  score.exact = scaled % score.denominator == 0;
  return score;
}

std::string CriteriaLevels::Explain(const CriteriaScore& score,
                                    Locale locale) const {
  const bool thai = locale == Locale::kThai;
  const std::string x =
      result_unit_.empty()
          ? score.result.ToString()
          : absl::StrCat(score.result.ToString(), " ", result_unit_);
  const std::string value = FormatScaled(score.rounded_units, score.decimals);
  const auto level_name = [&](int i) {
    return absl::StrCat(first_score_ + i);
  };
  const auto threshold = [&](int i) { return levels_[i].ToString(); };
  const int last = static_cast<int>(levels_.size()) - 1;
  if (score.level == kNotReached) {
    return absl::Substitute(thai ? "$0 ไม่ถึงระดับ $1 ($2): $3"
                                 : "$0 does not reach level $1 ($2): $3",
                            x, level_name(0), threshold(0), value);
  }
  if (score.level == last) {
    return absl::Substitute(
        thai ? "$0 ถึงระดับ $1 ($2) ซึ่งเป็นระดับสูงสุด: $3"
             : "$0 reaches level $1 ($2), the highest: $3",
        x, level_name(last), threshold(last), value);
  }
  const int k = score.level;
  if (method_ != v1::CRITERIA_METHOD_LINEAR) {
    return absl::Substitute(
        thai ? "$0 ถึงระดับ $1 ($2) แต่ไม่ถึงระดับ $3 ($4): $5"
             : "$0 reaches level $1 ($2) but not level $3 ($4): $5",
        x, level_name(k), threshold(k), level_name(k + 1), threshold(k + 1),
        value);
  }
  const std::string formula = absl::Substitute(
      "$0 + ($1 − $2) / ($3 − $2) = $4", level_name(k),
      score.result.ToString(), threshold(k), threshold(k + 1), value);
  return absl::Substitute(
      thai ? "$0 อยู่ระหว่างระดับ $1 ($2) และระดับ $3 ($4): $5"
           : "$0 lies between level $1 ($2) and level $3 ($4): $5",
      x, level_name(k), threshold(k), level_name(k + 1), threshold(k + 1),
      formula);
}

}  // namespace scorecard::rules
