#include "rules/rule_set.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "rules/indicator_id.h"
#include "rules/rule_set_check.h"
#include "rules/rule_set_defaults.h"
#include "rules/rule_set_loader.h"
#include "rules/thai_text.h"

namespace scorecard::rules {

namespace v1 = ::scorecard::v1;

namespace {

RoundingMode ToRoundingMode(v1::Rounding rounding) {
  switch (rounding) {
    case v1::ROUNDING_HALF_EVEN:
      return RoundingMode::kHalfEven;
    case v1::ROUNDING_DOWN:
      return RoundingMode::kDown;
    default:
      return RoundingMode::kHalfUp;
  }
}

// Parses a number that CheckRuleSetConfig has already accepted.
Decimal CheckedDecimal(absl::string_view text) {
  absl::StatusOr<Decimal> value = Decimal::Parse(text);
  return value.ok() ? *value : Decimal();
}

}  // namespace

// Builds a RuleSet from a config that passed CheckRuleSetConfig.
class RuleSetCompiler {
 public:
  static std::shared_ptr<const RuleSet> Build(v1::RuleSetConfig config,
                                              absl::string_view source) {
    std::shared_ptr<RuleSet> rules(new RuleSet());
    RuleSet& r = *rules;
    r.config_ = std::move(config);
    r.source_ = std::string(source);
    const v1::RuleSetConfig& c = r.config_;
    r.score_min_ = CheckedDecimal(c.score_scale().min());
    r.score_max_ = CheckedDecimal(c.score_scale().max());
    r.decimals_ = c.score_scale().decimals();
    r.weight_total_ = CheckedDecimal(c.weight_total());
    r.rounding_ = ToRoundingMode(c.rounding());
    r.title_policy_ = c.title_policy();
    r.score_min_text_ = r.score_min_.ToString();
    r.score_max_text_ = r.score_max_.ToString();
    r.score_range_text_ =
        absl::StrCat(r.score_min_text_, " to ", r.score_max_text_);
    r.weight_total_text_ = r.weight_total_.ToString();
    r.decimals_text_ = absl::StrCat(r.decimals_);

    for (int code = 0; code < v1::ViolationCode_ARRAYSIZE; ++code) {
      r.severity_[code] = code == v1::VIOLATION_CODE_TITLE_MISMATCH
                              ? v1::SEVERITY_WARNING
                              : v1::SEVERITY_ERROR;
    }
    for (const v1::SeverityOverride& o : c.severity_overrides()) {
      r.severity_[o.code()] = o.severity();
    }

    absl::flat_hash_map<std::string, int> category_by_id;
    const auto category_index = [&](const std::string& id) {
      auto [it, inserted] =
          category_by_id.emplace(id, static_cast<int>(r.categories_.size()));
      if (inserted) r.categories_.push_back({id, ""});
      return it->second;
    };
    for (const v1::Category& category : c.categories()) {
      r.categories_[category_index(IndicatorKey(category.id()))].title =
          category.title();
    }

    r.units_.reserve(c.units_size());
    for (const v1::Unit& unit_config : c.units()) {
      RuleSet::Unit unit;
      unit.id = unit_config.id();
      unit.name = unit_config.name();
      for (const v1::Indicator& indicator_config : unit_config.indicators()) {
        RuleSet::Indicator indicator;
        indicator.id = IndicatorKey(indicator_config.id());
        indicator.title = indicator_config.title();
        indicator.weight = CheckedDecimal(indicator_config.weight());
        indicator.weight_text = indicator.weight.ToString();
        unit.weight_scale = std::max(unit.weight_scale, indicator.weight.scale());
        indicator.category = category_index(CategoryKey(indicator_config));
        unit.indicator_by_id.emplace(indicator.id,
                                     static_cast<int>(unit.indicators.size()));
        unit.indicators.push_back(std::move(indicator));
      }
      for (RuleSet::Indicator& indicator : unit.indicators) {
        indicator.weight_units =
            indicator.weight.UnitsAt(unit.weight_scale).value_or(0);
      }
      const int index = static_cast<int>(r.units_.size());
      r.unit_by_key_.emplace(NameKey(unit.id), index);
      r.unit_by_key_.emplace(NameKey(unit.name), index);
      for (const std::string& alias : unit_config.aliases()) {
        r.unit_by_key_.emplace(NameKey(alias), index);
      }
      r.units_.push_back(std::move(unit));
    }
    return rules;
  }
};

absl::StatusOr<std::shared_ptr<const RuleSet>> RuleSet::Compile(
    v1::RuleSetConfig config, absl::string_view source) {
  FillRuleSetDefaults(config);
  const std::vector<std::string> problems = CheckRuleSetConfig(config);
  if (!problems.empty()) {
    std::string message;
    for (const std::string& problem : problems) {
      if (!message.empty()) message.push_back('\n');
      absl::StrAppend(&message, source.empty() ? "" : source,
                      source.empty() ? "" : ": ", problem);
    }
    return absl::InvalidArgumentError(message);
  }
  if (config.revision().empty()) config.set_revision(ContentRevision(config));
  return RuleSetCompiler::Build(std::move(config), source);
}

const RuleSet::Unit* RuleSet::FindUnit(absl::string_view name) const {
  auto it = unit_by_key_.find(name);
  if (it == unit_by_key_.end()) it = unit_by_key_.find(NameKey(name));
  return it == unit_by_key_.end() ? nullptr : &units_[it->second];
}

v1::ValidationResult RuleSet::Validate(const v1::Scorecard& scorecard,
                                       const ValidateOptions& options) const {
  v1::ValidationResult result;
  Validate(scorecard, options, &result);
  return result;
}

}  // namespace scorecard::rules
