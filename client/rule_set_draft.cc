#include "client/rule_set_draft.h"

#include <algorithm>
#include <map>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "rules/decimal.h"
#include "rules/decimal_sum.h"
#include "rules/indicator_id.h"
#include "rules/thai_text.h"
#include "rules/utf8.h"

namespace scorecard::client {
namespace {

namespace v1 = ::scorecard::v1;
using rules::Decimal;

constexpr int kDefaultDecimals = 4;

// "๑๐" -> "10", trimmed.
std::string AsciiNumber(const std::string& text) {
  return rules::ThaiDigitsToAscii(rules::StripWhiteSpace(text));
}

// The decimals `text` is written with, or nullopt when it is no number.
std::optional<int> DecimalsOf(const std::string& text) {
  absl::StatusOr<Decimal> value = Decimal::Parse(text);
  if (!value.ok()) return std::nullopt;
  return value->scale();
}

// Categories in numeric order when they are numbers ("2" before "10").
bool CategoryLess(const std::string& a, const std::string& b) {
  int x = 0;
  int y = 0;
  if (absl::SimpleAtoi(a, &x) && absl::SimpleAtoi(b, &y) && x != y) {
    return x < y;
  }
  return a < b;
}

class Drafter final {
 public:
  Drafter(const rules::ScorecardDocument& document, RuleSetDraft& draft)
      : document_(document), draft_(draft) {}

  void Run(const std::string& id, const std::string& title) {
    v1::RuleSetConfig& config = draft_.config;
    config.set_id(id);
    if (!title.empty()) config.set_title(title);
    config.set_fiscal_year(FiscalYear());
    v1::ScoreScale& scale = *config.mutable_score_scale();
    scale.set_min("1");
    scale.set_max("5");
    scale.set_decimals(ScoreDecimals());
    config.set_weight_total(WeightTotal());
    weight_total_ = *Decimal::Parse(config.weight_total());
    std::map<std::string, bool> seen_names;
    for (size_t u = 0; u < document_.scorecards.size(); ++u) {
      AddUnit(static_cast<int>(u), document_.scorecards[u].scorecard,
              seen_names);
    }
    std::sort(categories_.begin(), categories_.end(), CategoryLess);
    for (const std::string& category : categories_) {
      config.add_categories()->set_id(category);
    }
  }

 private:
  int FiscalYear() const {
    if (document_.fiscal_year != 0) return document_.fiscal_year;
    for (const rules::DocumentScorecard& s : document_.scorecards) {
      if (s.fiscal_year != 0) return s.fiscal_year;
    }
    return 0;
  }

  int ScoreDecimals() const {
    std::optional<int> decimals;
    for (const rules::DocumentScorecard& s : document_.scorecards) {
      for (const v1::Entry& e : s.scorecard.entries()) {
        const std::optional<int> d = DecimalsOf(e.score());
        if (d.has_value()) decimals = std::max(decimals.value_or(0), *d);
      }
    }
    return std::min(decimals.value_or(kDefaultDecimals), 9);
  }

  std::string WeightTotal() const {
    for (const rules::DocumentScorecard& s : document_.scorecards) {
      const std::string declared =
          AsciiNumber(s.scorecard.declared_weight_total());
      absl::StatusOr<Decimal> value = Decimal::Parse(declared);
      if (!declared.empty() && value.ok() && value->units() > 0) {
        return declared;
      }
    }
    return "100";
  }

  void Problem(const std::string& path, int line, const std::string& text) {
    const std::string where =
        line > 0 ? absl::StrCat(document_.source, ":", line, ": ")
                 : absl::StrCat(document_.source, ": ");
    draft_.problems.push_back(where + text);
    draft_.comments[path].push_back("PROBLEM: " + text);
  }

  void AddUnit(int u, const v1::Scorecard& scorecard,
               std::map<std::string, bool>& seen_names) {
    v1::Unit& unit = *draft_.config.add_units();
    const std::string path = absl::StrCat("units[", u, "]");
    unit.set_id(absl::StrCat("unit-", u + 1));
    unit.set_name(std::string(rules::StripWhiteSpace(scorecard.unit())));
    if (seen_names[rules::NameKey(unit.name())]) {
      Problem(
          path, scorecard.line(),
          absl::StrCat("unit \"", rules::QuoteText(unit.name()),
                       "\" appears twice; a rule set names each unit once"));
    }
    seen_names[rules::NameKey(unit.name())] = true;
    std::map<std::string, int> first_line;
    rules::DecimalSum sum;
    bool weights_complete = true;
    for (const v1::Entry& entry : scorecard.entries()) {
      const int i = unit.indicators_size();
      const std::string item = absl::StrCat(path, ".indicators[", i, "]");
      v1::Indicator& indicator = *unit.add_indicators();
      indicator.set_id(rules::IndicatorKey(entry.indicator()));
      indicator.set_title(std::string(rules::StripWhiteSpace(entry.title())));
      indicator.set_weight(AsciiNumber(entry.weight()));
      const std::string category = rules::CategoryKey(indicator);
      if (std::find(categories_.begin(), categories_.end(), category) ==
          categories_.end()) {
        categories_.push_back(category);
      }
      const auto [it, fresh] = first_line.emplace(indicator.id(), entry.line());
      if (!fresh) {
        Problem(item, entry.line(),
                absl::StrCat("indicator ", indicator.id(), " of unit ",
                             unit.id(), " appears twice (first on line ",
                             it->second, "); keep one"));
      }
      absl::StatusOr<Decimal> weight = Decimal::Parse(indicator.weight());
      if (indicator.weight().empty() || !weight.ok() || weight->units() <= 0) {
        weights_complete = false;
        Problem(item, entry.line(),
                indicator.weight().empty()
                    ? absl::StrCat("indicator ", indicator.id(),
                                   " has no weight in the document")
                    : absl::StrCat("indicator ", indicator.id(), "'s weight \"",
                                   rules::QuoteText(indicator.weight()),
                                   "\" is not a positive number"));
        continue;
      }
      sum.Add(*weight);
    }
    if (weights_complete && sum != weight_total_) {
      Problem(
          path, scorecard.line(),
          absl::StrCat("the weights of unit ", unit.id(), " sum to ",
                       sum.ToString(), ", not ", draft_.config.weight_total()));
    }
  }

  const rules::ScorecardDocument& document_;
  RuleSetDraft& draft_;
  Decimal weight_total_;
  std::vector<std::string> categories_;
};

}  // namespace

RuleSetDraft DraftRuleSet(const rules::ScorecardDocument& document,
                          const std::string& id, const std::string& title) {
  RuleSetDraft draft;
  draft.source = document.source;
  Drafter(document, draft).Run(id, title);
  return draft;
}

std::string DraftToYaml(const RuleSetDraft& draft) {
  YamlComments comments = draft.comments;
  std::vector<std::string>& header = comments[""];
  header.insert(
      header.begin(),
      {absl::StrCat("A rule set drafted by `scorecardctl rules infer` from ",
                    draft.source, "."),
       "Unit ids are unit-1, unit-2, ... in document order: give them stable "
       "ids.",
       "Check every title and weight against the agreement before use "
       "(docs/rule-sets.md)."});
  if (!draft.problems.empty()) {
    header.push_back(absl::StrCat(draft.problems.size(),
                                  " problems, each marked PROBLEM below: "
                                  "`rules check` refuses the draft until "
                                  "they are fixed."));
  }
  return MessageToYaml(draft.config, comments);
}

}  // namespace scorecard::client
