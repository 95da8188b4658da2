// What the benchmarks validate and load: the real seed document and bundled
// rules, and synthetic rule sets of any size shaped like the real one.
//
//   absl::StatusOr<SeedData> seed = LoadSeedData(BenchSourceDir());
//   scorecard::v1::RuleSetConfig config =
//       SyntheticRuleSet("synthetic", /*units=*/5000, /*indicators=*/20);
//   absl::Status written =
//       WriteRuleSetFile(config, rules::RuleFileFormat::kYaml, path);
//
// A synthetic rule set has `units` units of `indicators` indicators each,
// spread over seven categories like the Legal Execution Department's; unit i
// (from 0) is "unit-0000i" and is named "กองทดสอบสังเคราะห์ที่ <i + 1 in Thai
// digits>", with a space, so a lookup by name takes the white-space-
// insensitive path.
// Titles are Thai and about as long as the real ones; weights sum to 100.
// A synthetic scorecard for a unit is valid, written with Thai digits like
// the published document, and declares the correct total.
//
// Also: a temporary folder that removes itself, and the process's memory
// figures the load benchmarks report.
//
// Thread-safety: free functions with no shared state; TempDir is not shared.

#ifndef SCORECARD_TESTS_BENCHMARKS_BENCH_DATA_H_
#define SCORECARD_TESTS_BENCHMARKS_BENCH_DATA_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rules/rule_set.h"
#include "rules/rule_set_index.h"
#include "rules/rule_set_loader.h"
#include "scorecard/v1/rule_set_config.pb.h"
#include "scorecard/v1/scorecard.pb.h"

namespace scorecard::bench {

// Returns the source tree's root: $SCORECARD_SOURCE_DIR when set, else the
// folder the build was configured from.
std::string BenchSourceDir();

// The bundled rules and the published LED FY2563 document.
struct SeedData {
  // rules/bundled, loaded.
  std::shared_ptr<const rules::RuleSetIndex> index;
  // The rule set the document is judged by ("led-fy2563").
  const rules::RuleSet* rule_set = nullptr;
  // The document's six scorecards, rule_set filled in, in document order.
  std::vector<scorecard::v1::Scorecard> scorecards;
};

// Loads rules/bundled and tests/data/led-fy2563-scores.txt under
// `source_dir`.
absl::StatusOr<SeedData> LoadSeedData(const std::string& source_dir);

// Returns a rule set `id` of `units` units with `indicators` indicators each
// (see the top of this file). Its revision is set, as a loaded file's would
// be, so RuleSet::Compile does not hash it again.
scorecard::v1::RuleSetConfig SyntheticRuleSet(absl::string_view id, int units,
                                              int indicators);

// Returns the id of synthetic unit `index`: "unit-00042".
std::string SyntheticUnitId(int index);

// Returns the name of synthetic unit `index` as a submitter might type it:
// the official name with extra spaces ("กอง ทดสอบ สังเคราะห์ ที่ ๔๒").
std::string SyntheticUnitNameWithSpaces(int index);

// Returns a valid scorecard for unit `unit_index` of `rules`, scores and
// weights in Thai digits, with the correct declared total.
scorecard::v1::Scorecard SyntheticScorecard(const rules::RuleSet& rules,
                                            int unit_index);

// Writes `config` to `path` in `format` (YAML as rules/bundled writes it, or
// the proto3 JSON mapping).
absl::Status WriteRuleSetFile(const scorecard::v1::RuleSetConfig& config,
                              rules::RuleFileFormat format,
                              const std::string& path);

// Returns `text` with ASCII digits written as Thai digits.
std::string AsciiToThaiDigits(absl::string_view text);

// Returns the process's resident set size in bytes (/proc/self/statm).
int64_t ResidentBytes();

// Returns the bytes malloc has handed out and not had back (mallinfo2).
int64_t HeapInUseBytes();

// Resets the process's peak resident size (VmHWM) to its current resident
// size. Returns false when the kernel does not allow it.
bool ResetPeakResident();

// Returns the process's peak resident size in bytes (VmHWM), or -1.
int64_t PeakResidentBytes();

// Gives free heap memory back to the system (malloc_trim), so that a
// resident-size delta measured next counts new memory only.
void ReleaseFreeHeap();

}  // namespace scorecard::bench

#endif  // SCORECARD_TESTS_BENCHMARKS_BENCH_DATA_H_
