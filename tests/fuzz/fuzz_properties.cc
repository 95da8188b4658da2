#include "tests/fuzz/fuzz_properties.h"

#include <cstdio>
#include <cstdlib>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/util/message_differencer.h"
#include "rules/decimal.h"
#include "rules/indicator_id.h"
#include "rules/rule_set_index.h"
#include "rules/violation_messages.h"

namespace scorecard::fuzz {
namespace {

namespace pb = ::google::protobuf;
namespace v1 = ::scorecard::v1;
using ::scorecard::rules::Locale;
using ::scorecard::rules::RuleSet;
using ::scorecard::rules::ValidateOptions;

void CheckStringsAt(const pb::Message& message, const std::string& path) {
  const pb::Reflection* reflection = message.GetReflection();
  std::vector<const pb::FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const pb::FieldDescriptor* field : fields) {
    const std::string here = absl::StrCat(path, ".", field->name());
    if (field->type() == pb::FieldDescriptor::TYPE_STRING) {
      if (field->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
          const std::string value =
              reflection->GetRepeatedString(message, field, i);
          FUZZ_CHECK(IsWellFormedUtf8(value), here, "[", i, "] is not UTF-8: \"",
                     Printable(value), "\"");
        }
      } else {
        const std::string value = reflection->GetString(message, field);
        FUZZ_CHECK(IsWellFormedUtf8(value), here, " is not UTF-8: \"",
                   Printable(value), "\"");
      }
    } else if (field->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE) {
      if (field->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
          CheckStringsAt(reflection->GetRepeatedMessage(message, field, i),
                         absl::StrCat(here, "[", i, "]"));
        }
      } else {
        CheckStringsAt(reflection->GetMessage(message, field), here);
      }
    }
  }
}

bool Equal(const pb::Message& a, const pb::Message& b) {
  return pb::util::MessageDifferencer::Equals(a, b);
}

// The result with its wording left out: violation messages, the expected
// text of SCORE_PRECISION (which names "decimals" in the caller's language),
// the grade and the explanations of contributions.
v1::ValidationResult WithoutWording(v1::ValidationResult result) {
  result.clear_grade();
  for (v1::Contribution& contribution : *result.mutable_contributions()) {
    contribution.clear_explanation();
  }
  for (v1::Violation& violation : *result.mutable_violations()) {
    violation.clear_message();
    if (violation.code() == v1::VIOLATION_CODE_SCORE_PRECISION) {
      violation.clear_expected();
    }
  }
  return result;
}

void CheckFormatted(absl::string_view number, absl::string_view what) {
  FUZZ_CHECK(IsFormattedNumber(number), what, " is not a formatted number: \"",
             Printable(number), "\"");
}

// The properties of one result on its own.
void CheckResult(const RuleSet& rules, const v1::Scorecard& scorecard,
                 const v1::ValidationResult& result, absl::string_view view) {
  CheckStringsAreUtf8(result, absl::StrCat("ValidationResult (", view, ")"));

  bool any_error = false;
  for (const v1::Violation& violation : result.violations()) {
    if (violation.severity() == v1::SEVERITY_ERROR) any_error = true;
  }
  FUZZ_CHECK(result.valid() == !any_error, view, ": valid is ", result.valid(),
             " but ", any_error ? "an" : "no", " error was reported");

  if (!result.computed_total().empty()) {
    CheckFormatted(result.computed_total(),
                   absl::StrCat(view, ": computed_total"));
    const absl::StatusOr<rules::Decimal> total =
        rules::Decimal::Parse(result.computed_total());
    FUZZ_CHECK(total.ok(), view, ": computed_total \"",
               result.computed_total(), "\" does not parse back");
    FUZZ_CHECK(total->scale() == rules.config().score_scale().decimals(), view,
               ": computed_total \"", result.computed_total(),
               "\" does not have the rule set's ",
               rules.config().score_scale().decimals(), " decimals");
    FUZZ_CHECK(total->ToString() == result.computed_total(), view,
               ": computed_total \"", result.computed_total(),
               "\" does not round-trip");
  }
  for (const v1::Contribution& c : result.contributions()) {
    CheckFormatted(c.score(), absl::StrCat(view, ": contribution score"));
    CheckFormatted(c.weight(), absl::StrCat(view, ": contribution weight"));
    CheckFormatted(c.weighted_score(),
                   absl::StrCat(view, ": contribution weighted_score"));
  }
  const auto check_subtotal = [&](const auto& s, absl::string_view what) {
    CheckFormatted(s.weight(), absl::StrCat(view, ": ", what, " weight"));
    CheckFormatted(s.weighted_score(),
                   absl::StrCat(view, ": ", what, " weighted_score"));
    if (!s.score().empty()) {
      CheckFormatted(s.score(), absl::StrCat(view, ": ", what, " score"));
    }
    if (!s.contribution().empty()) {
      CheckFormatted(s.contribution(),
                     absl::StrCat(view, ": ", what, " contribution"));
    }
  };
  for (const v1::CategorySubtotal& s : result.category_subtotals()) {
    check_subtotal(s, "category subtotal");
  }
  for (const v1::DimensionSubtotal& s : result.dimension_subtotals()) {
    check_subtotal(s, "dimension subtotal");
  }

  // A readable declared total that is not reported as a mismatch is the
  // computed one.
  bool total_mismatch = false;
  for (const v1::Violation& violation : result.violations()) {
    if (violation.code() == v1::VIOLATION_CODE_TOTAL_MISMATCH) {
      total_mismatch = true;
    }
  }
  const absl::StatusOr<rules::Decimal> declared =
      rules::Decimal::Parse(scorecard.declared_total());
  if (declared.ok() && !result.computed_total().empty() && !total_mismatch) {
    FUZZ_CHECK(*declared == *rules::Decimal::Parse(result.computed_total()),
               view, ": declared total \"", Printable(scorecard.declared_total()),
               "\" differs from computed_total \"", result.computed_total(),
               "\" but no TOTAL_MISMATCH was reported");
  }

  // Unknown units and indicators, against the documented matching rules.
  int unknown_units = 0;
  int unknown_indicators = 0;
  for (const v1::Violation& violation : result.violations()) {
    if (violation.code() == v1::VIOLATION_CODE_UNKNOWN_UNIT) ++unknown_units;
    if (violation.code() == v1::VIOLATION_CODE_UNKNOWN_INDICATOR) {
      ++unknown_indicators;
    }
  }
  const RuleSet::Unit* unit = rules.FindUnit(scorecard.unit());
  FUZZ_CHECK(unknown_units == (unit == nullptr ? 1 : 0), view,
             ": UNKNOWN_UNIT reported ", unknown_units,
             " times, FindUnit found ", unit == nullptr ? "no unit" : unit->id,
             " for \"", Printable(scorecard.unit()), "\"");
  if (unit == nullptr) return;
  int expected_unknown = 0;
  for (const v1::Entry& entry : scorecard.entries()) {
    const std::string key = rules::IndicatorKey(entry.indicator());
    if (unit->FindIndicator(key) < 0) ++expected_unknown;
  }
  FUZZ_CHECK(unknown_indicators == expected_unknown, view,
             ": UNKNOWN_INDICATOR reported ", unknown_indicators,
             " times, but IndicatorKey finds ", expected_unknown,
             " entries naming no indicator of unit ", unit->id);
}

}  // namespace

void FailProperty(const char* file, int line, const std::string& what) {
  std::fprintf(stderr, "%s:%d: fuzz property violated: %s\n", file, line,
               what.c_str());
  std::fflush(stderr);
  std::abort();
}

std::string Printable(absl::string_view text) {
  std::string out;
  for (const char c : text) {
    const unsigned char b = static_cast<unsigned char>(c);
    if (b >= 0x20 && b < 0x7F && b != '\\') {
      out.push_back(c);
    } else {
      absl::StrAppendFormat(&out, "\\x%02X", b);
    }
  }
  return out;
}

bool IsWellFormedUtf8(absl::string_view text) {
  // RFC 3629, section 4 (the UTF8-octets grammar).
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  const auto tail = [&](size_t i) { return i < n && (s[i] & 0xC0) == 0x80; };
  for (size_t i = 0; i < n;) {
    const unsigned char b = s[i];
    if (b < 0x80) {
      i += 1;
    } else if (b >= 0xC2 && b <= 0xDF) {
      if (!tail(i + 1)) return false;
      i += 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      if (!tail(i + 1) || !tail(i + 2)) return false;
      if (b == 0xE0 && s[i + 1] < 0xA0) return false;   // overlong
      if (b == 0xED && s[i + 1] >= 0xA0) return false;  // surrogate
      i += 3;
    } else if (b >= 0xF0 && b <= 0xF4) {
      if (!tail(i + 1) || !tail(i + 2) || !tail(i + 3)) return false;
      if (b == 0xF0 && s[i + 1] < 0x90) return false;   // overlong
      if (b == 0xF4 && s[i + 1] >= 0x90) return false;  // above U+10FFFF
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

void CheckStringsAreUtf8(const pb::Message& message, absl::string_view what) {
  CheckStringsAt(message, std::string(what));
}

void CheckTextIsUtf8(absl::string_view text, absl::string_view what) {
  FUZZ_CHECK(IsWellFormedUtf8(text), what, " is not UTF-8: \"",
             Printable(text), "\"");
}

bool IsFormattedNumber(absl::string_view text) {
  size_t i = 0;
  if (i < text.size() && text[i] == '-') ++i;
  const size_t digits_start = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  if (i == digits_start) return false;
  if (i == text.size()) return true;
  if (text[i] != '.') return false;
  const size_t decimals_start = ++i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  return i == text.size() && i > decimals_start;
}

void CheckValidation(const RuleSet& rules, const v1::Scorecard& scorecard) {
  v1::ValidationResult english_full;
  for (const Locale locale : {Locale::kEnglish, Locale::kThai}) {
    const char* language = locale == Locale::kThai ? "th" : "en";
    const v1::ValidationResult full =
        rules.Validate(scorecard, ValidateOptions{locale, true});
    const v1::ValidationResult basic =
        rules.Validate(scorecard, ValidateOptions{locale, false});
    const std::string full_view = absl::StrCat(language, " full");
    const std::string basic_view = absl::StrCat(language, " basic");
    CheckResult(rules, scorecard, full, full_view);
    CheckResult(rules, scorecard, basic, basic_view);

    v1::ValidationResult again;
    rules.Validate(scorecard, ValidateOptions{locale, true}, &again);
    FUZZ_CHECK(Equal(full, again), full_view,
               ": validating twice gave different results:\n",
               full.DebugString(), "\n", again.DebugString());
    // Into a result that held something else: Validate replaces it.
    again = full;
    rules.Validate(scorecard, ValidateOptions{locale, false}, &again);
    FUZZ_CHECK(Equal(basic, again), basic_view,
               ": validating twice gave different results:\n",
               basic.DebugString(), "\n", again.DebugString());

    FUZZ_CHECK(full.valid() == basic.valid(), language,
               ": basic and full views disagree on the verdict");
    FUZZ_CHECK(full.computed_total() == basic.computed_total(), language,
               ": basic view total \"", basic.computed_total(),
               "\", full view total \"", full.computed_total(), "\"");
    FUZZ_CHECK(full.violations_size() == basic.violations_size(), language,
               ": basic view has ", basic.violations_size(),
               " violations, full view ", full.violations_size());
    v1::ValidationResult full_without_breakdown = full;
    full_without_breakdown.clear_contributions();
    full_without_breakdown.clear_category_subtotals();
    full_without_breakdown.clear_dimension_subtotals();
    FUZZ_CHECK(Equal(full_without_breakdown, basic), language,
               ": basic view is not the full view less its breakdown:\n",
               full.DebugString(), "\n", basic.DebugString());

    if (locale == Locale::kEnglish) {
      english_full = full;
    } else {
      FUZZ_CHECK(Equal(WithoutWording(english_full), WithoutWording(full)),
                 "English and Thai results differ beyond their wording:\n",
                 english_full.DebugString(), "\n", full.DebugString());
    }
  }
}

std::vector<std::shared_ptr<const RuleSet>> LoadRuleSetsOrDie(
    const std::string& path) {
  absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> index =
      rules::RuleSetIndex::Load(path);
  if (!index.ok()) {
    std::fprintf(stderr, "fuzz setup: cannot load the rules at %s: %s\n",
                 path.c_str(), std::string(index.status().message()).c_str());
    std::abort();
  }
  return (*index)->rule_sets();
}

std::string BundledRulesPath() {
  const char* path = std::getenv("SCORECARD_FUZZ_BUNDLED_RULES");
  return path != nullptr && *path != '\0'
             ? path
             : SCORECARD_SOURCE_DIR "/rules/bundled";
}

}  // namespace scorecard::fuzz
