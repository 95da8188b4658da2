// Fuzzes the rule-set loader: rules::ParseRuleSetFile on YAML, JSON or text
// proto, then RuleSet::Compile, then validation of the rule set's own
// scorecards.
//
// The first input byte chooses the format (its value modulo 3: YAML, JSON,
// text proto); the rest is the rule file.
//
// Properties:
//  - parsing and compiling are deterministic, and their errors are valid
//    UTF-8 and start with the file's name;
//  - every string of a parsed config is valid UTF-8;
//  - a compiled rule set accepts its own scorecards: for each unit (the first
//    four), a scorecard naming the unit by id and listing every indicator
//    with the id, title and weight as the rule file writes them, scored at
//    the scale's max, and the same at its min, has no UNKNOWN_UNIT,
//    UNKNOWN_INDICATOR, MISSING_INDICATOR, DUPLICATE_INDICATOR,
//    WEIGHT_MISMATCH, WEIGHT_TOTAL or TITLE_MISMATCH violation, and passes
//    CheckValidation (fuzz_properties.h).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/util/message_differencer.h"
#include "rules/rule_set.h"
#include "rules/rule_set_loader.h"
#include "scorecard/v1/rule_set_config.pb.h"
#include "scorecard/v1/scorecard.pb.h"
#include "tests/fuzz/fuzz_properties.h"

namespace {

namespace v1 = ::scorecard::v1;
using ::scorecard::fuzz::CheckStringsAreUtf8;
using ::scorecard::fuzz::CheckTextIsUtf8;
using ::scorecard::fuzz::CheckValidation;
using ::scorecard::fuzz::Printable;
using ::scorecard::rules::RuleFileFormat;
using ::scorecard::rules::RuleSet;

constexpr int kUnitsChecked = 4;
constexpr int kIndicatorsPerScorecard = 64;

struct Format {
  RuleFileFormat format;
  absl::string_view source;
};

Format FormatOf(uint8_t selector) {
  switch (selector % 3) {
    case 0:
      return {RuleFileFormat::kYaml, "fuzz.yaml"};
    case 1:
      return {RuleFileFormat::kJson, "fuzz.json"};
    default:
      return {RuleFileFormat::kTextProto, "fuzz.textproto"};
  }
}

void CheckError(const absl::Status& status, absl::string_view source,
                absl::string_view step) {
  CheckTextIsUtf8(status.message(), step);
  FUZZ_CHECK(absl::StartsWith(status.message(), source), step,
             " does not name the file: ", status.message());
}

// A scorecard for `unit` as its rule file states it, every score `score`.
v1::Scorecard OwnScorecard(const v1::Unit& unit, const std::string& score) {
  v1::Scorecard scorecard;
  scorecard.set_unit(unit.id());
  for (const v1::Indicator& indicator : unit.indicators()) {
    v1::Entry* entry = scorecard.add_entries();
    entry->set_indicator(indicator.id());
    entry->set_title(indicator.title());
    entry->set_weight(indicator.weight());
    entry->set_score(score);
  }
  return scorecard;
}

void CheckOwnScorecard(const RuleSet& rules, const v1::Scorecard& scorecard) {
  const v1::ValidationResult result = rules.Validate(scorecard);
  for (const v1::Violation& violation : result.violations()) {
    switch (violation.code()) {
      case v1::VIOLATION_CODE_UNKNOWN_UNIT:
      case v1::VIOLATION_CODE_UNKNOWN_INDICATOR:
      case v1::VIOLATION_CODE_MISSING_INDICATOR:
      case v1::VIOLATION_CODE_DUPLICATE_INDICATOR:
      case v1::VIOLATION_CODE_WEIGHT_MISMATCH:
      case v1::VIOLATION_CODE_WEIGHT_TOTAL:
      case v1::VIOLATION_CODE_TITLE_MISMATCH:
        FUZZ_CHECK(false, "the rule set rejects its own scorecard for unit \"",
                   Printable(scorecard.unit()), "\": ",
                   v1::ViolationCode_Name(violation.code()), " ",
                   Printable(violation.indicator()), " (actual \"",
                   Printable(violation.actual()), "\"): ",
                   violation.message());
      default:
        break;
    }
  }
  CheckValidation(rules, scorecard);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const Format format = FormatOf(data[0]);
  const absl::string_view content(reinterpret_cast<const char*>(data) + 1,
                                  size - 1);

  const absl::StatusOr<v1::RuleSetConfig> config =
      scorecard::rules::ParseRuleSetFile(content, format.format,
                                         format.source);
  const absl::StatusOr<v1::RuleSetConfig> again =
      scorecard::rules::ParseRuleSetFile(content, format.format,
                                         format.source);
  FUZZ_CHECK(config.ok() == again.ok(), "parsing is not deterministic");
  if (!config.ok()) {
    FUZZ_CHECK(config.status() == again.status(),
               "parsing is not deterministic");
    CheckError(config.status(), format.source, "ParseRuleSetFile's error");
    return 0;
  }
  FUZZ_CHECK(google::protobuf::util::MessageDifferencer::Equals(*config,
                                                                *again),
             "parsing is not deterministic");
  CheckStringsAreUtf8(*config, "RuleSetConfig");

  const absl::StatusOr<std::shared_ptr<const RuleSet>> rules =
      RuleSet::Compile(*config, format.source);
  if (!rules.ok()) {
    const absl::Status status =
        RuleSet::Compile(*config, format.source).status();
    FUZZ_CHECK(rules.status() == status, "compiling is not deterministic");
    CheckError(rules.status(), format.source, "RuleSet::Compile's error");
    return 0;
  }
  CheckStringsAreUtf8((*rules)->config(), "the compiled RuleSetConfig");

  const v1::RuleSetConfig& compiled = (*rules)->config();
  for (int u = 0; u < compiled.units_size() && u < kUnitsChecked; ++u) {
    if (compiled.units(u).indicators_size() > kIndicatorsPerScorecard) continue;
    for (const std::string& score :
         {compiled.score_scale().max(), compiled.score_scale().min()}) {
      CheckOwnScorecard(**rules, OwnScorecard(compiled.units(u), score));
    }
  }
  return 0;
}
