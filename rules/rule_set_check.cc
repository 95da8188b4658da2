#include "rules/rule_set_check.h"

#include <algorithm>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "rules/decimal.h"
#include "rules/decimal_sum.h"
#include "rules/indicator_id.h"
#include "rules/rule_set_defaults.h"
#include "rules/thai_text.h"
#include "scorecard/v1/rule_set_config.pb.h"
#include "scorecard/v1/scorecard.pb.h"

namespace scorecard::rules {
namespace {

using ::scorecard::v1::Category;
using ::scorecard::v1::Indicator;
using ::scorecard::v1::RuleSetConfig;
using ::scorecard::v1::SeverityOverride;
using ::scorecard::v1::Unit;

// [a-z0-9][a-z0-9._-]*
bool IsValidRuleSetId(absl::string_view id) {
  if (id.empty()) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool letter_or_digit =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (letter_or_digit) continue;
    if (i > 0 && (c == '.' || c == '_' || c == '-')) continue;
    return false;
  }
  return true;
}


std::string UnitLabel(const Unit& unit, int index) {
  if (!unit.id().empty()) return absl::StrCat("unit \"", unit.id(), "\"");
  if (!unit.name().empty()) {
    return absl::StrCat("unit #", index + 1, " (\"", unit.name(), "\")");
  }
  return absl::StrCat("unit #", index + 1);
}

std::string IndicatorLabel(const Indicator& indicator, int index) {
  if (!StripWhiteSpace(indicator.id()).empty()) {
    return absl::StrCat("indicator ", indicator.id());
  }
  return absl::StrCat("indicator #", index + 1);
}

// Collects the problems of one rule set, each prefixed with its label.
// Returns how many digits the integer part of `number` has (0 for zero).
int IntegerDigits(const Decimal& number) {
  const int64_t units = number.units();
  uint64_t integer = units < 0 ? 0 - static_cast<uint64_t>(units)
                               : static_cast<uint64_t>(units);
  for (int i = 0; i < number.scale(); ++i) integer /= 10;
  int digits = 0;
  for (; integer != 0; integer /= 10) ++digits;
  return digits;
}

class RuleSetChecker final {
 public:
  explicit RuleSetChecker(const RuleSetConfig& config)
      : config_(config),
        label_(config.id().empty()
                   ? std::string("rule set (no id)")
                   : absl::StrCat("rule set \"", config.id(), "\"")) {}

  std::vector<std::string> Run() && {
    CheckId();
    CheckScoreScale();
    weight_total_ = CheckWeightTotal();
    CheckEnums();
    CheckCategories();
    CheckDimensions();
    CheckGrades();
    CheckSeverityOverrides();
    CheckUnitNames();
    if (config_.units_size() == 0) Add("has no units");
    for (int i = 0; i < config_.units_size(); ++i) {
      CheckIndicators(config_.units(i), i);
    }
    return std::move(problems_);
  }

 private:
  template <typename... Parts>
  void Add(const Parts&... parts) {
    problems_.push_back(absl::StrCat(label_, ": ", parts...));
  }

  // A problem's context: text, or a callable that makes it (only when there
  // is a problem to report).
  static absl::string_view ContextText(absl::string_view context) {
    return context;
  }
  template <typename MakeContext>
  static auto ContextText(const MakeContext& make) -> decltype(make()) {
    return make();
  }

  // Parses the decimal `text` called `what`, reporting (under `context`) when
  // it is missing or not a number.
  template <typename Context>
  std::optional<Decimal> ParseNumber(const Context& context,
                                     absl::string_view what,
                                     absl::string_view text) {
    if (StripWhiteSpace(text).empty()) {
      Add(ContextText(context), what, " is missing");
      return std::nullopt;
    }
    absl::StatusOr<Decimal> number = Decimal::Parse(text);
    if (!number.ok()) {
      Add(ContextText(context), what, " \"", text,
          "\" is not a decimal number");
      return std::nullopt;
    }
    return *number;
  }

  void CheckId() {
    if (config_.id().empty()) {
      Add("id is missing");
    } else if (!IsValidRuleSetId(config_.id())) {
      Add("id \"", config_.id(),
          "\" is not valid: use lower-case ASCII letters, digits, '.', '_' "
          "and '-', starting with a letter or digit");
    }
  }

  void CheckScoreScale() {
    const scorecard::v1::ScoreScale& scale = config_.score_scale();
    const absl::string_view min_text = scale.min();
    const absl::string_view max_text = scale.max();
    const int decimals = scale.decimals();
    if (!scale.has_decimals()) {
      Add("score scale: decimals is missing");
    } else if (decimals < 0 || decimals > kMaxDecimals) {
      Add("score scale: decimals ", decimals, " is not between 0 and ",
          kMaxDecimals);
    }
    const std::optional<Decimal> min =
        ParseNumber("score scale: ", "min", min_text);
    const std::optional<Decimal> max =
        ParseNumber("score scale: ", "max", max_text);
    // Scores and totals lie between the bounds and are written with
    // `decimals` decimals: that must fit in a Decimal, or a total could not
    // be read back.
    bool fits = true;
    if (scale.has_decimals() && decimals >= 0 && decimals <= kMaxDecimals) {
      for (const auto& [what, bound, text] :
           {std::tuple("min", min, min_text),
            std::tuple("max", max, max_text)}) {
        if (bound.has_value() &&
            IntegerDigits(*bound) + decimals > Decimal::kMaxDigits) {
          Add("score scale: ", what, " ", text, " with ", decimals,
              " decimals has more than ", Decimal::kMaxDigits,
              " digits, the most a score may have");
          fits = false;
        }
      }
    }
    if (min.has_value() && max.has_value() && !(*min < *max)) {
      Add("score scale: min ", min_text, " is not below max ", max_text);
    } else if (min.has_value() && max.has_value() && fits) {
      score_min_ = min;
      score_max_ = max;
    }
  }

  std::optional<Decimal> CheckWeightTotal() {
    const absl::string_view text = config_.weight_total();
    weight_total_text_ = std::string(text);
    std::optional<Decimal> total = ParseNumber("", "weight total", text);
    if (total.has_value() && *total <= Decimal()) {
      Add("weight total \"", text, "\" is not above zero");
      return std::nullopt;
    }
    return total;
  }

  // Enum fields set from numbers (JSON and text proto allow that) may hold
  // values the schema does not know.
  void CheckEnums() {
    if (!scorecard::v1::Rounding_IsValid(config_.rounding())) {
      Add("rounding ", config_.rounding(), " is not a known rounding rule");
    }
    if (!scorecard::v1::TitlePolicy_IsValid(config_.title_policy())) {
      Add("title policy ", config_.title_policy(),
          " is not a known title policy");
    }
  }

  void CheckCategories() {
    absl::flat_hash_map<std::string, int> first_by_key;
    for (int i = 0; i < config_.categories_size(); ++i) {
      const Category& category = config_.categories(i);
      const std::string key = IndicatorKey(category.id());
      if (key.empty()) {
        Add("category #", i + 1, ": id is missing");
        continue;
      }
      const auto [first, inserted] = first_by_key.try_emplace(key, i);
      if (!inserted) {
        Add("category \"", category.id(), "\" is declared twice (categories #",
            first->second + 1, " and #", i + 1, ")");
        continue;
      }
      category_keys_.push_back(key);
    }
  }

  void CheckSeverityOverrides() {
    absl::flat_hash_map<int, int> first_by_code;
    for (int i = 0; i < config_.severity_overrides_size(); ++i) {
      const SeverityOverride& override = config_.severity_overrides(i);
      const int code = override.code();
      const int severity = override.severity();
      std::string label = absl::StrCat("severity override #", i + 1);
      if (code == scorecard::v1::VIOLATION_CODE_UNSPECIFIED) {
        Add(label, ": code is not set");
      } else if (!scorecard::v1::ViolationCode_IsValid(code)) {
        Add(label, ": code ", code, " is not a known violation code");
      } else {
        absl::StrAppend(&label, " (",
                        scorecard::v1::ViolationCode_Name(override.code()),
                        ")");
        const auto [first, inserted] = first_by_code.try_emplace(code, i);
        if (!inserted) {
          Add(label, ": the code is already overridden by severity override #",
              first->second + 1);
        }
      }
      if (severity == scorecard::v1::SEVERITY_UNSPECIFIED) {
        Add(label, ": severity is not set");
      } else if (!scorecard::v1::Severity_IsValid(severity)) {
        Add(label, ": severity ", severity, " is not a known severity");
      }
    }
  }

  // Ids, official names and aliases all name units (a scorecard may give any
  // of them), so each must name one unit only.
  void CheckUnitNames() {
    struct Owner {
      int unit;
      std::string what;  // For example `alias "สลก."`.
    };
    absl::flat_hash_map<std::string, Owner> owner_by_key;
    for (int i = 0; i < config_.units_size(); ++i) {
      const Unit& unit = config_.units(i);
      const std::string label = UnitLabel(unit, i);
      if (unit.id().empty()) Add(label, ": id is missing");
      if (StripWhiteSpace(unit.name()).empty()) Add(label, ": name is missing");
      std::vector<std::pair<std::string, std::string>> names;  // what, text
      if (!unit.id().empty()) {
        names.emplace_back(absl::StrCat("id \"", unit.id(), "\""), unit.id());
      }
      if (!StripWhiteSpace(unit.name()).empty()) {
        names.emplace_back(absl::StrCat("name \"", unit.name(), "\""),
                           unit.name());
      }
      for (int a = 0; a < unit.aliases_size(); ++a) {
        if (StripWhiteSpace(unit.aliases(a)).empty()) {
          Add(label, ": alias #", a + 1, " is empty");
          continue;
        }
        names.emplace_back(absl::StrCat("alias \"", unit.aliases(a), "\""),
                           unit.aliases(a));
      }
      for (const auto& [what, text] : names) {
        const auto [owner, inserted] =
            owner_by_key.try_emplace(NameKey(text), Owner{i, what});
        // A unit may repeat its own name (an alias equal to the official
        // name); only a name shared by two units is ambiguous.
        if (inserted || owner->second.unit == i) continue;
        Add(label, " (#", i + 1, "): ", what, " already names ",
            UnitLabel(config_.units(owner->second.unit), owner->second.unit),
            " (#", owner->second.unit + 1, "), as its ", owner->second.what);
      }
    }
  }

  void CheckIndicators(const Unit& unit, int unit_index) {
    const std::string unit_label = UnitLabel(unit, unit_index);
    if (unit.indicators_size() == 0) {
      Add(unit_label, ": has no indicators");
      return;
    }
    absl::flat_hash_map<std::string, int> first_by_key;
    first_by_key.reserve(unit.indicators_size());
    std::vector<Decimal> weights;
    weights.reserve(unit.indicators_size());
    bool all_weights_read = true;
    std::vector<DecimalSum> dimension_weights(dimensions_.size());
    for (int j = 0; j < unit.indicators_size(); ++j) {
      const Indicator& indicator = unit.indicators(j);
      // Made only for a problem: a national rule set has 100,000 indicators
      // and, checked, few problems.
      std::string context_text;
      const auto context = [&]() -> const std::string& {
        if (context_text.empty()) {
          context_text = absl::StrCat(unit_label, ": ",
                                      IndicatorLabel(indicator, j), ": ");
        }
        return context_text;
      };
      const std::string key = IndicatorKey(indicator.id());
      if (key.empty()) {
        Add(context(), "id is missing");
      } else {
        const auto [first, inserted] = first_by_key.try_emplace(key, j);
        if (!inserted) {
          Add(unit_label, ": ", IndicatorLabel(indicator, j),
              " is listed twice (indicators #", first->second + 1, " and #",
              j + 1, ")");
        }
      }
      const std::optional<Decimal> weight =
          ParseNumber(context, "weight", indicator.weight());
      if (!weight.has_value()) {
        all_weights_read = false;
      } else if (*weight <= Decimal()) {
        Add(context(), "weight \"", indicator.weight(),
            "\" is not above zero");
        all_weights_read = false;
      } else {
        weights.push_back(*weight);
      }
      if (indicator.has_criteria()) {
        CheckCriteria(indicator.criteria(), context());
      }
      const std::string category = CategoryKey(indicator);
      if (weight.has_value() && *weight > Decimal()) {
        AddToDimension(category, *weight, &dimension_weights);
      }
      if (!category_keys_.empty() && !category.empty()) {
        if (std::find(category_keys_.begin(), category_keys_.end(), category) ==
            category_keys_.end()) {
          Add(context(), "category \"", category,
              "\" is not one of the rule set's categories (",
              absl::StrJoin(category_keys_, ", "), ")");
        }
      }
    }
    if (all_weights_read && weight_total_.has_value()) {
      CheckWeightSum(unit_label, weights);
    }
    if (all_weights_read) CheckDimensionWeights(unit_label, dimension_weights);
  }

  // Criteria levels: one per whole score of the scale, strictly monotonic;
  // below_level_1 0 or the scale's min.
  void CheckCriteria(const scorecard::v1::Criteria& criteria,
                     const std::string& context) {
    const std::string where = absl::StrCat(context, "criteria: ");
    if (!scorecard::v1::CriteriaMethod_IsValid(criteria.method()) ||
        criteria.method() == scorecard::v1::CRITERIA_METHOD_UNSPECIFIED) {
      Add(where, "method ", criteria.method(), " is not a known method");
    }
    std::vector<Decimal> levels;
    for (int i = 0; i < criteria.levels_size(); ++i) {
      const std::optional<Decimal> level = ParseNumber(
          where, absl::StrCat("level ", i + 1), criteria.levels(i));
      if (!level.has_value()) return;
      levels.push_back(*level);
    }
    if (!score_min_.has_value()) return;  // The scale is reported already.
    const std::optional<Decimal> whole_min =
        score_min_->Rescaled(0, RoundingMode::kDown);
    const std::optional<Decimal> whole_max =
        score_max_->Rescaled(0, RoundingMode::kDown);
    if (*whole_min != *score_min_ || *whole_max != *score_max_) {
      Add(where, "criteria levels need a scale of whole scores, not ",
          score_min_->ToString(), " to ", score_max_->ToString());
      return;
    }
    const int64_t wanted = whole_max->units() - whole_min->units() + 1;
    if (static_cast<int64_t>(levels.size()) != wanted) {
      Add(where, "has ", levels.size(), " levels; the scale ",
          whole_min->ToString(), " to ", whole_max->ToString(), " needs ",
          wanted, ", one per whole score");
      return;
    }
    const bool increasing = levels[0] < levels[1];
    for (size_t i = 1; i < levels.size(); ++i) {
      if (increasing ? !(levels[i - 1] < levels[i])
                     : !(levels[i - 1] > levels[i])) {
        Add(where, "levels must strictly increase or strictly decrease: ",
            "level ", i, " is ", criteria.levels(i - 1), " and level ", i + 1,
            " is ", criteria.levels(i));
        return;
      }
    }
    const std::optional<Decimal> below =
        ParseNumber(where, "below_level_1", criteria.below_level_1());
    if (below.has_value() && *below != Decimal() && *below != *score_min_) {
      Add(where, "below_level_1 \"", criteria.below_level_1(),
          "\" is neither 0 nor the scale's min ", score_min_->ToString());
    }
  }

  // Adds `weight` to the sum of the dimension `category` belongs to, if any.
  void AddToDimension(const std::string& category, const Decimal& weight,
                      std::vector<DecimalSum>* sums) const {
    const auto it = dimension_of_category_.find(category);
    if (it != dimension_of_category_.end()) (*sums)[it->second].Add(weight);
  }

  void CheckDimensionWeights(absl::string_view unit_label,
                             const std::vector<DecimalSum>& sums) {
    for (size_t d = 0; d < dimensions_.size(); ++d) {
      const DimensionBounds& bounds = dimensions_[d];
      const DecimalSum& sum = sums[d];
      const bool fits =
          !sum.overflowed() &&
          (!bounds.min.has_value() ||
           CompareScaled(sum.units(), sum.scale(), bounds.min->units(),
                         bounds.min->scale()) >= 0) &&
          (!bounds.max.has_value() ||
           CompareScaled(sum.units(), sum.scale(), bounds.max->units(),
                         bounds.max->scale()) <= 0);
      if (!fits) {
        Add(unit_label, ": dimension \"", bounds.id, "\": weights sum to ",
            sum.ToString(), ", not ", bounds.wanted);
      }
    }
  }

  // Dimensions: ids, their categories (each in at most one dimension, each
  // a declared category when categories are declared), and a weight or a
  // min..max range.
  void CheckDimensions() {
    absl::flat_hash_map<std::string, int> first_by_id;
    for (int d = 0; d < config_.dimensions_size(); ++d) {
      const scorecard::v1::Dimension& dimension = config_.dimensions(d);
      const std::string label =
          dimension.id().empty()
              ? absl::StrCat("dimension #", d + 1)
              : absl::StrCat("dimension \"", dimension.id(), "\"");
      if (dimension.id().empty()) Add(label, ": id is missing");
      if (!dimension.id().empty() &&
          !first_by_id.try_emplace(dimension.id(), d).second) {
        Add(label, " is declared twice");
      }
      if (dimension.categories_size() == 0) Add(label, ": has no categories");
      const int index = static_cast<int>(dimensions_.size());
      for (const std::string& category_id : dimension.categories()) {
        const std::string key = IndicatorKey(category_id);
        if (!category_keys_.empty() &&
            std::find(category_keys_.begin(), category_keys_.end(), key) ==
                category_keys_.end()) {
          Add(label, ": category \"", category_id,
              "\" is not one of the rule set's categories (",
              absl::StrJoin(category_keys_, ", "), ")");
        }
        const auto [owner, inserted] =
            dimension_of_category_.try_emplace(key, index);
        if (!inserted && owner->second != index) {
          Add(label, ": category \"", category_id,
              "\" already belongs to dimension \"",
              dimensions_[owner->second].id, "\"");
        }
      }
      DimensionBounds bounds;
      bounds.id = dimension.id();
      const bool exact = !dimension.weight().empty();
      const bool range = !dimension.min().empty() || !dimension.max().empty();
      if (exact == range) {
        Add(label, ": give either weight, or min and/or max");
      } else if (exact) {
        bounds.min = ParseNumber(label + ": ", "weight", dimension.weight());
        bounds.max = bounds.min;
        bounds.wanted = dimension.weight();
      } else {
        if (!dimension.min().empty()) {
          bounds.min = ParseNumber(label + ": ", "min", dimension.min());
        }
        if (!dimension.max().empty()) {
          bounds.max = ParseNumber(label + ": ", "max", dimension.max());
        }
        bounds.wanted = absl::StrCat(
            "within ", dimension.min().empty() ? "0" : dimension.min(), "..",
            dimension.max().empty() ? "any" : dimension.max());
        if (bounds.min.has_value() && bounds.max.has_value() &&
            *bounds.min > *bounds.max) {
          Add(label, ": min ", dimension.min(), " is above max ",
              dimension.max());
        }
      }
      dimensions_.push_back(std::move(bounds));
    }
  }

  // Grade bands: highest first, mins strictly decreasing, the last at the
  // scale's min, so that bands neither overlap nor leave gaps.
  void CheckGrades() {
    std::optional<Decimal> previous;
    for (int g = 0; g < config_.grades_size(); ++g) {
      const scorecard::v1::GradeBand& band = config_.grades(g);
      const std::string label = absl::StrCat("grade #", g + 1);
      if (StripWhiteSpace(band.label()).empty()) Add(label, ": label is missing");
      const std::optional<Decimal> min =
          ParseNumber(label + ": ", "min", band.min());
      if (!min.has_value()) return;
      if (previous.has_value() && !(*min < *previous)) {
        Add(label, ": min ", band.min(),
            " is not below the min of the band before it, ",
            previous->ToString(), " (bands go highest first)");
        return;
      }
      previous = min;
    }
    if (previous.has_value() && score_min_.has_value() &&
        *previous != *score_min_) {
      Add("grades: the lowest band starts at ", previous->ToString(),
          ", not at the scale's min ", score_min_->ToString(),
          ": every total needs a band");
    }
  }

  void CheckWeightSum(absl::string_view unit_label,
                      const std::vector<Decimal>& weights) {
    DecimalSum sum;
    for (const Decimal& weight : weights) sum.Add(weight);
    if (sum != *weight_total_) {
      Add(unit_label, ": weights sum to ", sum.ToString(),
          ", not the weight total ", weight_total_text_);
    }
  }

  // A dimension's bounds as read: [min, max], either may be open.
  struct DimensionBounds {
    std::string id;
    std::optional<Decimal> min;
    std::optional<Decimal> max;
    std::string wanted;  // "40" or "within 30..50", for messages.
  };

  const RuleSetConfig& config_;
  const std::string label_;
  std::optional<Decimal> score_min_;  // Set when the scale is sound.
  std::optional<Decimal> score_max_;
  std::vector<DimensionBounds> dimensions_;
  absl::flat_hash_map<std::string, int> dimension_of_category_;
  std::optional<Decimal> weight_total_;
  std::string weight_total_text_;
  std::vector<std::string> category_keys_;  // In declaration order.
  std::vector<std::string> problems_;
};

}  // namespace

std::vector<std::string> CheckRuleSetConfig(const RuleSetConfig& config) {
  return RuleSetChecker(config).Run();
}

}  // namespace scorecard::rules
