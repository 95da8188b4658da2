#include "rules/violation_messages.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/substitute.h"
#include "rules/utf8.h"

namespace scorecard::rules {
namespace {

struct Sentence {
  const char* english;
  const char* thai;
};

// Indexed by ViolationMessage.
constexpr Sentence kSentences[] = {
    // kUnknownUnit
    {"Unit \"$0\" is not in rule set $1 (by id, official name or alias).",
     "ไม่พบหน่วยงาน \"$0\" ในชุดกฎ $1 (ทั้งรหัส ชื่อทางการ และชื่อย่อ)"},
    // kUnknownIndicator
    {"Indicator $0 is not an indicator of unit $1.",
     "ตัวชี้วัด $0 ไม่ใช่ตัวชี้วัดของหน่วยงาน $1"},
    // kMissingIndicator
    {"Indicator $0 ($1) has no entry.",
     "ไม่มีรายการของตัวชี้วัด $0 ($1)"},
    // kDuplicateIndicator
    {"Indicator $0 is entered more than once; only the first entry$1 counts.",
     "ตัวชี้วัด $0 มีมากกว่าหนึ่งรายการ ใช้เฉพาะรายการแรก$1"},
    // kInvalidScore
    {"The score of indicator $0 is not a decimal number: $1.",
     "คะแนนของตัวชี้วัด $0 ไม่ใช่ตัวเลขทศนิยม: $1"},
    // kInvalidWeight
    {"The weight of indicator $0 is not a decimal number: $1.",
     "น้ำหนักของตัวชี้วัด $0 ไม่ใช่ตัวเลขทศนิยม: $1"},
    // kInvalidDeclaredTotal
    {"The declared total is not a decimal number: $0.",
     "คะแนนรวมที่แจ้งไม่ใช่ตัวเลขทศนิยม: $0"},
    // kInvalidDeclaredWeightTotal
    {"The declared weight total is not a decimal number: $0.",
     "น้ำหนักรวมที่แจ้งไม่ใช่ตัวเลขทศนิยม: $0"},
    // kTotalTooLarge
    {"The numbers are too large to compute a total exactly.",
     "ตัวเลขมีค่ามากเกินกว่าจะคำนวณคะแนนรวมได้อย่างแม่นยำ"},
    // kScoreOutOfRange
    {"The score $1 of indicator $0 is outside the scale $2 to $3.",
     "คะแนน $1 ของตัวชี้วัด $0 อยู่นอกช่วง $2 ถึง $3"},
    // kScorePrecision
    {"The score $1 of indicator $0 has more than $2 decimals.",
     "คะแนน $1 ของตัวชี้วัด $0 มีทศนิยมเกิน $2 ตำแหน่ง"},
    // kWeightMismatch
    {"The weight $1 of indicator $0 differs from the rule set's weight $2.",
     "น้ำหนัก $1 ของตัวชี้วัด $0 ไม่ตรงกับน้ำหนักตามชุดกฎ $2"},
    // kWeightSum
    {"The submitted weights sum to $0, not $1.",
     "น้ำหนักที่แจ้งรวมกันได้ $0 ไม่ใช่ $1"},
    // kDeclaredWeightTotal
    {"The declared weight total is $0, not $1.",
     "น้ำหนักรวมที่แจ้งคือ $0 ไม่ใช่ $1"},
    // kTotalMismatch
    {"The declared total $0 differs from the computed total $1.",
     "คะแนนรวมที่แจ้ง $0 ไม่ตรงกับคะแนนรวมที่คำนวณได้ $1"},
    // kTitleMismatch
    {"The title of indicator $0 differs from the rule set's title \"$2\".",
     "ชื่อตัวชี้วัด $0 ไม่ตรงกับชื่อตามชุดกฎ \"$2\""},
    // kInvalidResult
    {"The result of indicator $0 is not a decimal number: $1.",
     "ผลการดำเนินงานของตัวชี้วัด $0 ไม่ใช่ตัวเลขทศนิยม: $1"},
    // kUnscorableResult
    {"The result of indicator $0 cannot be scored by its criteria: $1.",
     "ผลการดำเนินงานของตัวชี้วัด $0 คิดคะแนนตามเกณฑ์ไม่ได้: $1"},
    // kScoreCriteriaMismatch
    {"The score $1 of indicator $0 differs from the score its criteria give "
     "its result, $2 ($3).",
     "คะแนน $1 ของตัวชี้วัด $0 ไม่ตรงกับคะแนนตามเกณฑ์จากผลการดำเนินงาน $2 "
     "($3)"},
    // kInvalidWeightedScore
    {"The weighted score of indicator $0 is not a decimal number: $1.",
     "คะแนนถ่วงน้ำหนักของตัวชี้วัด $0 ไม่ใช่ตัวเลขทศนิยม: $1"},
    // kWeightedScoreMismatch
    {"The weighted score $1 of indicator $0 differs from weight × score / "
     "Σ weight, $2.",
     "คะแนนถ่วงน้ำหนัก $1 ของตัวชี้วัด $0 ไม่ตรงกับ น้ำหนัก × คะแนน / "
     "น้ำหนักรวม ซึ่งเท่ากับ $2"},
    // kFiscalYearMismatch
    {"The document is for fiscal year $0, but rule set $1 is for fiscal year "
     "$2.",
     "เอกสารเป็นของปีงบประมาณ $0 แต่ชุดกฎ $1 เป็นของปีงบประมาณ $2"},
    // kTotalMismatchUnrounded
    {"The declared total $0 differs from the computed total $1. $0 is the "
     "total of the unrounded criteria scores; scores are rounded to $2 "
     "decimals before they are totalled.",
     "คะแนนรวมที่แจ้ง $0 ไม่ตรงกับคะแนนรวมที่คำนวณได้ $1 โดย $0 "
     "เป็นคะแนนรวมจากคะแนนตามเกณฑ์ที่ยังไม่ปัดเศษ "
     "แต่คะแนนของแต่ละตัวชี้วัดต้องปัดเป็นทศนิยม $2 ตำแหน่งก่อนนำมารวม"},
};

static_assert(sizeof(kSentences) / sizeof(kSentences[0]) ==
                  static_cast<size_t>(
                      ViolationMessage::kTotalMismatchUnrounded) +
                      1,
              "one sentence per ViolationMessage");

}  // namespace

absl::StatusOr<Locale> ParseLocale(absl::string_view text) {
  const std::string lower = absl::AsciiStrToLower(text);
  const auto is = [&](absl::string_view language) {
    return lower == language || absl::StartsWith(lower, absl::StrCat(language, "-")) ||
           absl::StartsWith(lower, absl::StrCat(language, "_"));
  };
  if (lower.empty() || is("en")) return Locale::kEnglish;
  if (is("th")) return Locale::kThai;
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown locale \"", QuoteText(text),
      "\": use \"en\" (English) or \"th\" (Thai)"));
}

std::string FormatViolationMessage(
    ViolationMessage message, Locale locale,
    std::initializer_list<absl::string_view> args) {
  const Sentence& sentence = kSentences[static_cast<size_t>(message)];
  const char* format =
      locale == Locale::kThai ? sentence.thai : sentence.english;
  std::vector<absl::string_view> values(args);
  values.resize(6);  // Missing arguments substitute as empty.
  return absl::Substitute(format, values[0], values[1], values[2], values[3],
                          values[4], values[5]);
}

}  // namespace scorecard::rules
