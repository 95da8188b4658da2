#include "tests/benchmarks/bench_data.h"

#include <malloc.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/util/json_util.h"
#include "rules/document_reader.h"

#ifndef SCORECARD_SOURCE_DIR
#define SCORECARD_SOURCE_DIR "."
#endif

namespace scorecard::bench {
namespace {

namespace v1 = ::scorecard::v1;

constexpr int kCategories = 7;

// Pieces of indicator titles, in the register of the real agreements.
constexpr absl::string_view kTitleHeads[] = {
    "ร้อยละความสำเร็จของการดำเนินงาน", "ระดับความสำเร็จในการจัดทำแผน",
    "ร้อยละความพึงพอใจของผู้รับบริการ",   "จำนวนการประชุมภายในหน่วยงาน",
    "ระดับความสำเร็จของการพัฒนาระบบ",
};
constexpr absl::string_view kTitleTails[] = {
    "ตามแผนปฏิบัติราชการประจำปีงบประมาณ",
    "เพื่อพิจารณาแนวทางแก้ไขข้อขัดข้องในการปฏิบัติงาน",
    "ที่ดำเนินการได้ภายในระยะเวลาที่กำหนด",
    "ในการบังคับคดีแพ่งและคดีล้มละลาย",
};
// A scorecard's scores: mostly full marks, as in the published document.
constexpr absl::string_view kScores[kCategories] = {
    "5.0000", "5.0000", "5.0000", "4.5000", "5.0000", "3.0000", "5.0000"};

std::string IndicatorId(int index) {
  return absl::StrCat(index % kCategories + 1, ".", index / kCategories + 1);
}

std::string IndicatorTitle(int unit, int index) {
  constexpr int kHeads = sizeof(kTitleHeads) / sizeof(kTitleHeads[0]);
  constexpr int kTails = sizeof(kTitleTails) / sizeof(kTitleTails[0]);
  return absl::StrCat(kTitleHeads[(unit + index) % kHeads], " ",
                      kTitleTails[index % kTails], " ที่ ",
                      AsciiToThaiDigits(absl::StrCat(index + 1)));
}

// Weights in hundredths summing to 100: equal shares, the remainder on the
// first indicator.
std::string Weight(int index, int indicators) {
  const int share = 10000 / indicators;
  const int hundredths = index == 0 ? 10000 - share * (indicators - 1) : share;
  if (hundredths % 100 == 0) return absl::StrCat(hundredths / 100);
  if (hundredths % 10 == 0) {
    return absl::StrFormat("%d.%d", hundredths / 100, hundredths % 100 / 10);
  }
  return absl::StrFormat("%d.%02d", hundredths / 100, hundredths % 100);
}

std::string UnitName(int index) {
  return absl::StrCat("กองทดสอบสังเคราะห์ที่ ",
                      AsciiToThaiDigits(absl::StrCat(index + 1)));
}

// A YAML double-quoted scalar.
std::string YamlQuote(absl::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string ToYaml(const v1::RuleSetConfig& config) {
  std::string out;
  absl::StrAppend(&out, "# Synthetic rule set written by the benchmarks.\n",
                  "id: ", config.id(), "\n",
                  "title: ", YamlQuote(config.title()), "\n",
                  "fiscal_year: ", config.fiscal_year(), "\n");
  if (!config.revision().empty()) {
    absl::StrAppend(&out, "revision: ", YamlQuote(config.revision()), "\n");
  }
  absl::StrAppend(&out, "score_scale:\n  min: \"", config.score_scale().min(),
                  "\"\n  max: \"", config.score_scale().max(),
                  "\"\n  decimals: ", config.score_scale().decimals(), "\n",
                  "weight_total: \"", config.weight_total(), "\"\n",
                  "rounding: ", v1::Rounding_Name(config.rounding()), "\n",
                  "title_policy: ", v1::TitlePolicy_Name(config.title_policy()),
                  "\n", "categories:\n");
  for (const v1::Category& category : config.categories()) {
    absl::StrAppend(&out, "  - id: \"", category.id(), "\"\n");
  }
  out += "units:\n";
  for (const v1::Unit& unit : config.units()) {
    absl::StrAppend(&out, "  - id: ", unit.id(),
                    "\n    name: ", YamlQuote(unit.name()),
                    "\n    indicators:\n");
    for (const v1::Indicator& indicator : unit.indicators()) {
      absl::StrAppend(&out, "      - id: \"", indicator.id(),
                      "\"\n        weight: ", indicator.weight(),
                      "\n        title: ", YamlQuote(indicator.title()), "\n");
    }
  }
  return out;
}

}  // namespace

std::string BenchSourceDir() {
  const char* from_environment = std::getenv("SCORECARD_SOURCE_DIR");
  if (from_environment != nullptr && from_environment[0] != '\0') {
    return from_environment;
  }
  return SCORECARD_SOURCE_DIR;
}

absl::StatusOr<SeedData> LoadSeedData(const std::string& source_dir) {
  SeedData seed;
  absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> index =
      rules::RuleSetIndex::Load(absl::StrCat(source_dir, "/rules/bundled"));
  if (!index.ok()) return index.status();
  seed.index = *std::move(index);
  seed.rule_set = seed.index->Find("led-fy2563");
  if (seed.rule_set == nullptr) {
    return absl::NotFoundError("rules/bundled has no rule set led-fy2563");
  }
  absl::StatusOr<rules::ScorecardDocument> document = rules::ReadScorecardFile(
      absl::StrCat(source_dir, "/tests/data/led-fy2563-scores.txt"));
  if (!document.ok()) return document.status();
  for (rules::DocumentScorecard& read : document->scorecards) {
    read.scorecard.set_rule_set(seed.rule_set->id());
    seed.scorecards.push_back(std::move(read.scorecard));
  }
  return seed;
}

v1::RuleSetConfig SyntheticRuleSet(absl::string_view id, int units,
                                   int indicators) {
  v1::RuleSetConfig config;
  config.set_id(std::string(id));
  config.set_title(absl::StrCat("ชุดกฎสังเคราะห์ ", units, " หน่วยงาน"));
  config.set_fiscal_year(2563);
  config.mutable_score_scale()->set_min("1");
  config.mutable_score_scale()->set_max("5");
  config.mutable_score_scale()->set_decimals(4);
  config.set_weight_total("100");
  config.set_rounding(v1::ROUNDING_HALF_UP);
  config.set_title_policy(v1::TITLE_POLICY_WHITESPACE_NORMALISED);
  for (int c = 1; c <= kCategories; ++c) {
    config.add_categories()->set_id(absl::StrCat(c));
  }
  config.mutable_units()->Reserve(units);
  for (int u = 0; u < units; ++u) {
    v1::Unit* unit = config.add_units();
    unit->set_id(SyntheticUnitId(u));
    unit->set_name(UnitName(u));
    unit->mutable_indicators()->Reserve(indicators);
    for (int i = 0; i < indicators; ++i) {
      v1::Indicator* indicator = unit->add_indicators();
      indicator->set_id(IndicatorId(i));
      indicator->set_title(IndicatorTitle(u, i));
      indicator->set_weight(Weight(i, indicators));
    }
  }
  config.set_revision(rules::ContentRevision(config));
  return config;
}

std::string SyntheticUnitId(int index) {
  return absl::StrFormat("unit-%05d", index);
}

std::string SyntheticUnitNameWithSpaces(int index) {
  return absl::StrCat("กอง ทดสอบ สังเคราะห์ ที่ ",
                      AsciiToThaiDigits(absl::StrCat(index + 1)));
}

v1::Scorecard SyntheticScorecard(const rules::RuleSet& rules, int unit_index) {
  const rules::RuleSet::Unit& unit = rules.units()[unit_index];
  v1::Scorecard scorecard;
  scorecard.set_rule_set(rules.id());
  scorecard.set_unit(unit.name);
  scorecard.set_line(5);
  int line = 7;
  for (size_t i = 0; i < unit.indicators.size(); ++i) {
    const rules::RuleSet::Indicator& indicator = unit.indicators[i];
    v1::Entry* entry = scorecard.add_entries();
    entry->set_indicator(AsciiToThaiDigits(indicator.id));
    entry->set_title(std::string(indicator.title));
    entry->set_score(AsciiToThaiDigits(kScores[i % kCategories]));
    entry->set_weight(AsciiToThaiDigits(indicator.weight.ToString()));
    entry->set_line(line++);
  }
  scorecard.set_declared_weight_total(
      AsciiToThaiDigits(rules.config().weight_total()));
  scorecard.set_declared_total_line(line);
  const v1::ValidationResult result = rules.Validate(scorecard);
  scorecard.set_declared_total(AsciiToThaiDigits(result.computed_total()));
  return scorecard;
}

absl::Status WriteRuleSetFile(const v1::RuleSetConfig& config,
                              rules::RuleFileFormat format,
                              const std::string& path) {
  std::string content;
  switch (format) {
    case rules::RuleFileFormat::kYaml:
      content = ToYaml(config);
      break;
    case rules::RuleFileFormat::kJson: {
      google::protobuf::util::JsonPrintOptions options;
      options.add_whitespace = true;
      const auto status = google::protobuf::util::MessageToJsonString(
          config, &content, options);
      if (!status.ok()) {
        return absl::InternalError(std::string(status.message()));
      }
      break;
    }
    case rules::RuleFileFormat::kTextProto:
      content = config.DebugString();
      break;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) return absl::InternalError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

std::string AsciiToThaiDigits(absl::string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      // U+0E50 + digit, in UTF-8: E0 B9 90+digit.
      out += "\xE0\xB9";
      out.push_back(static_cast<char>(0x90 + (c - '0')));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

int64_t ResidentBytes() {
  std::FILE* statm = std::fopen("/proc/self/statm", "r");
  if (statm == nullptr) return -1;
  long size = 0;
  long resident = 0;
  const int read = std::fscanf(statm, "%ld %ld", &size, &resident);
  std::fclose(statm);
  if (read != 2) return -1;
  return static_cast<int64_t>(resident) * ::sysconf(_SC_PAGESIZE);
}

int64_t HeapInUseBytes() {
  const struct mallinfo2 info = ::mallinfo2();
  return static_cast<int64_t>(info.uordblks + info.hblkhd);
}

bool ResetPeakResident() {
  // Writing 5 to clear_refs resets VmHWM (Linux 4.0 and later).
  std::FILE* clear_refs = std::fopen("/proc/self/clear_refs", "w");
  if (clear_refs == nullptr) return false;
  const bool written = std::fputs("5", clear_refs) >= 0;
  return std::fclose(clear_refs) == 0 && written;
}

int64_t PeakResidentBytes() {
  std::FILE* status = std::fopen("/proc/self/status", "r");
  if (status == nullptr) return -1;
  char line[256];
  int64_t peak = -1;
  while (std::fgets(line, sizeof(line), status) != nullptr) {
    long kib = 0;
    if (std::sscanf(line, "VmHWM: %ld kB", &kib) == 1) {
      peak = static_cast<int64_t>(kib) * 1024;
      break;
    }
  }
  std::fclose(status);
  return peak;
}

void ReleaseFreeHeap() { ::malloc_trim(0); }

}  // namespace scorecard::bench
