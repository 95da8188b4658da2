#include "rules/rule_set.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "rules/indicator_id.h"
#include "rules/problems.h"
#include "rules/rule_set_check.h"
#include "rules/rule_set_defaults.h"
#include "rules/thai_text.h"

namespace scorecard::rules {

namespace v1 = ::scorecard::v1;

namespace {

// The rounding rule a checked config names (CheckRuleSetConfig refuses any
// other value, and FillRuleSetDefaults leaves none unspecified).
RoundingMode ToRoundingMode(v1::Rounding rounding) {
  switch (rounding) {
    case v1::ROUNDING_HALF_EVEN:
      return RoundingMode::kHalfEven;
    case v1::ROUNDING_DOWN:
      return RoundingMode::kDown;
    case v1::ROUNDING_HALF_UP:
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
    RuleSetCompiler compiler(*rules);
    rules->config_ = std::move(config);
    rules->source_ = std::string(source);
    compiler.ReadScale();
    compiler.ReadSeverities();
    compiler.ReadCategories();
    compiler.ReadDimensions();
    compiler.ReadGrades();
    compiler.ReadUnits();
    return rules;
  }

 private:
  explicit RuleSetCompiler(RuleSet& rules) : r_(rules) {}

  // The score scale, weight total, rounding and title rules, and their
  // display forms for messages.
  void ReadScale() {
    const v1::RuleSetConfig& c = r_.config_;
    r_.score_min_ = CheckedDecimal(c.score_scale().min());
    r_.score_max_ = CheckedDecimal(c.score_scale().max());
    r_.decimals_ = c.score_scale().decimals();
    r_.weight_total_ = CheckedDecimal(c.weight_total());
    r_.rounding_ = ToRoundingMode(c.rounding());
    r_.title_policy_ = c.title_policy();
    r_.score_min_text_ = r_.score_min_.ToString();
    r_.score_max_text_ = r_.score_max_.ToString();
    r_.score_range_text_ =
        absl::StrCat(r_.score_min_text_, " to ", r_.score_max_text_);
    r_.weight_total_text_ = r_.weight_total_.ToString();
    r_.decimals_text_ = absl::StrCat(r_.decimals_);
    // At the scale scores are written with, most comparisons with the
    // bounds compare units alone. Only widened, never rounded; a bound that
    // would not fit keeps its own scale.
    for (Decimal* bound : {&r_.score_min_, &r_.score_max_}) {
      if (bound->scale() < r_.decimals_) {
        *bound = bound->Rescaled(r_.decimals_, RoundingMode::kDown)
                     .value_or(*bound);
      }
    }
  }

  void ReadSeverities() {
    for (int code = 0; code < v1::ViolationCode_ARRAYSIZE; ++code) {
      r_.severity_[code] =
          DefaultSeverity(static_cast<v1::ViolationCode>(code));
    }
    for (const v1::SeverityOverride& o : r_.config_.severity_overrides()) {
      r_.severity_[o.code()] = o.severity();
    }
  }

  void ReadCategories() {
    for (const v1::Category& category : r_.config_.categories()) {
      r_.categories_[CategoryIndex(IndicatorKey(category.id()))].title =
          category.title();
    }
  }

  void ReadDimensions() {
    for (const v1::Dimension& config : r_.config_.dimensions()) {
      const int index = static_cast<int>(r_.dimensions_.size());
      r_.dimensions_.push_back({config.id(), config.title()});
      for (const std::string& category : config.categories()) {
        r_.categories_[CategoryIndex(IndicatorKey(category))].dimension = index;
      }
    }
  }

  void ReadGrades() {
    for (const v1::GradeBand& band : r_.config_.grades()) {
      r_.grades_.push_back(
          {CheckedDecimal(band.min()), band.label(),
           band.label_en().empty() ? band.label() : band.label_en()});
    }
  }

  void ReadUnits() {
    r_.units_.reserve(r_.config_.units_size());
    for (const v1::Unit& unit_config : r_.config_.units()) {
      const int index = static_cast<int>(r_.units_.size());
      r_.units_.push_back(ReadUnit(unit_config));
      const RuleSet::Unit& unit = r_.units_.back();
      r_.unit_by_key_.emplace(NameKey(unit.id), index);
      r_.unit_by_key_.emplace(NameKey(unit.name), index);
      for (const std::string& alias : unit_config.aliases()) {
        r_.unit_by_key_.emplace(NameKey(alias), index);
      }
    }
  }

  RuleSet::Unit ReadUnit(const v1::Unit& unit_config) {
    RuleSet::Unit unit;
    unit.id = unit_config.id();
    unit.name = unit_config.name();
    // Exactly as many as there are: a national rule set has 100,000.
    unit.indicators.reserve(unit_config.indicators_size());
    for (const v1::Indicator& indicator_config : unit_config.indicators()) {
      RuleSet::Indicator indicator;
      indicator.id = IndicatorKey(indicator_config.id());
      indicator.title = indicator_config.title();
      indicator.weight = CheckedDecimal(indicator_config.weight());
      indicator.weight_text = indicator.weight.ToString();
      unit.weight_scale = std::max(unit.weight_scale, indicator.weight.scale());
      indicator.category = CategoryIndex(CategoryKey(indicator_config));
      if (indicator_config.has_criteria()) {
        // CheckRuleSetConfig made sure the scale's min is a whole number.
        indicator.criteria = std::make_unique<const CriteriaLevels>(
            CriteriaLevels::Compile(
                indicator_config.criteria(),
                r_.score_min_.units() /
                    static_cast<int64_t>(PowerOfTen(r_.score_min_.scale()))));
      }
      unit.indicators_by_id.push_back(static_cast<int>(unit.indicators.size()));
      unit.indicators.push_back(std::move(indicator));
    }
    std::stable_sort(unit.indicators_by_id.begin(), unit.indicators_by_id.end(),
                     [&unit](int a, int b) {
                       return unit.indicators[a].id < unit.indicators[b].id;
                     });
    // Every weight at the unit's finest scale, so weights add as integers.
    for (RuleSet::Indicator& indicator : unit.indicators) {
      indicator.weight_units =
          indicator.weight.UnitsAt(unit.weight_scale).value_or(0);
      unit.weight_sum_units += indicator.weight_units;
    }
    for (int k = 0; k <= 18; ++k) {
      if (PowerOfTen(k) % unit.weight_sum_units == 0) {
        unit.quotient_digits = k;
        break;
      }
    }
    return unit;
  }

  // Returns the index of category `id`, adding it (untitled) when new:
  // categories come in the order first met, declared ones first.
  int CategoryIndex(const std::string& id) {
    auto [it, inserted] =
        category_by_id_.emplace(id, static_cast<int>(r_.categories_.size()));
    if (inserted) r_.categories_.push_back({id, "", -1});
    return it->second;
  }

  RuleSet& r_;
  absl::flat_hash_map<std::string, int> category_by_id_;
};

absl::StatusOr<std::shared_ptr<const RuleSet>> RuleSet::Compile(
    v1::RuleSetConfig config, absl::string_view source) {
  FillRuleSetDefaults(config);
  std::vector<std::string> problems = CheckRuleSetConfig(config);
  if (!problems.empty()) {
    if (!source.empty()) {
      for (std::string& problem : problems) {
        problem = absl::StrCat(source, ": ", problem);
      }
    }
    return ProblemsError(absl::StatusCode::kInvalidArgument,
                         std::move(problems));
  }
  if (config.revision().empty()) config.set_revision(ContentRevision(config));
  return RuleSetCompiler::Build(std::move(config), source);
}

int RuleSet::Unit::FindIndicator(absl::string_view key) const {
  const auto found = std::lower_bound(
      indicators_by_id.begin(), indicators_by_id.end(), key,
      [this](int i, absl::string_view k) { return indicators[i].id < k; });
  if (found == indicators_by_id.end() || indicators[*found].id != key) {
    return -1;
  }
  return *found;
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

std::string ContentRevision(const v1::RuleSetConfig& config) {
  v1::RuleSetConfig content = config;
  content.clear_revision();
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream output(&bytes);
    google::protobuf::io::CodedOutputStream coded(&output);
    coded.SetSerializationDeterministic(true);
    content.SerializeToCodedStream(&coded);
  }
  // 64-bit FNV-1a.
  uint64_t hash = 0xcbf29ce484222325u;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3u;
  }
  return absl::StrFormat("%016x", hash);
}

}  // namespace scorecard::rules
