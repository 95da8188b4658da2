// Benchmarks of the rules engine on one core: validating a scorecard, parsing
// decimals, finding a unit, compiling and loading rule sets.
//
//   build/tests/benchmarks/engine_benchmark
//   build/tests/benchmarks/engine_benchmark --benchmark_filter=Validate
//
// The time column of a validation benchmark is the cost of one scorecard;
// items_per_second is scorecards (or units, for compile and load) per second.
// Ranges show how cost grows: with indicators per scorecard (20 to 200) and
// with units per rule set (1 to 5,000). Synthetic rule sets are shaped like
// the real one (see bench_data.h); their files are written to a temporary
// folder the first time a load benchmark needs them.
//
// Validation is measured three ways, because a server can hold the result
// three ways: reusing one ValidationResult (Validate clears it, keeping its
// allocations), a fresh one per call (as a naive handler would), and a fresh
// one on a protobuf arena reset between calls (as a server with arenas).

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "benchmark/benchmark.h"
#include "google/protobuf/arena.h"
#include "rules/decimal.h"
#include "rules/rule_set.h"
#include "rules/rule_set_index.h"
#include "rules/rule_set_loader.h"
#include "tests/benchmarks/bench_data.h"
#include "tests/testing/temp_dir.h"

namespace scorecard::bench {
namespace {

namespace v1 = ::scorecard::v1;

// Indicators per unit in the synthetic rule sets used for unit lookup,
// compile and load: about the real units' 17 to 21.
constexpr int kIndicatorsPerUnit = 20;

[[noreturn]] void Die(const absl::Status& status) {
  std::fprintf(stderr, "engine_benchmark: %s\n", status.ToString().c_str());
  std::exit(1);
}

// The fixtures, built the first time a benchmark needs them and kept for the
// whole run (benchmarks run one at a time, on one thread).
class Fixtures final {
 public:
  static Fixtures& Get() {
    std::unique_ptr<Fixtures>& fixtures = Instance();
    if (fixtures == nullptr) fixtures.reset(new Fixtures());
    return *fixtures;
  }

  // Drops every fixture and removes the temporary rule files.
  static void Release() { Instance().reset(); }

  const SeedData& seed() {
    if (seed_ == nullptr) {
      absl::StatusOr<SeedData> seed = LoadSeedData(BenchSourceDir());
      if (!seed.ok()) Die(seed.status());
      seed_ = std::make_unique<SeedData>(*std::move(seed));
    }
    return *seed_;
  }

  // A rule set of `units` units of `indicators` indicators each, compiled.
  const rules::RuleSet& rule_set(int units, int indicators) {
    std::shared_ptr<const rules::RuleSet>& slot =
        rule_sets_[{units, indicators}];
    if (slot == nullptr) {
      absl::StatusOr<std::shared_ptr<const rules::RuleSet>> compiled =
          rules::RuleSet::Compile(config(units, indicators));
      if (!compiled.ok()) Die(compiled.status());
      slot = *std::move(compiled);
    }
    return *slot;
  }

  const v1::RuleSetConfig& config(int units, int indicators) {
    std::unique_ptr<v1::RuleSetConfig>& slot = configs_[{units, indicators}];
    if (slot == nullptr) {
      slot = std::make_unique<v1::RuleSetConfig>(
          SyntheticRuleSet(absl::StrCat("synthetic-", units, "x", indicators),
                           units, indicators));
    }
    return *slot;
  }

  // A folder holding one rule file: the synthetic rule set of `units` units
  // written in `format`.
  const std::string& rule_folder(int units, rules::RuleFileFormat format) {
    std::string& slot = folders_[{units, static_cast<int>(format)}];
    if (slot.empty()) {
      if (temp_ == nullptr) {
        temp_ = std::make_unique<::scorecard::testing::TempDir>("scorecard-bench-");
      }
      const bool yaml = format == rules::RuleFileFormat::kYaml;
      const std::string folder =
          absl::StrCat(temp_->path(), "/", units, yaml ? "-yaml" : "-json");
      const std::string file =
          absl::StrCat(folder, "/synthetic", yaml ? ".yaml" : ".json");
      std::filesystem::create_directory(folder);
      // Written from a config that is dropped again, so that a 5,000-unit
      // config does not stay resident through the memory measurements.
      const absl::Status written =
          WriteRuleSetFile(SyntheticRuleSet(absl::StrCat("synthetic-", units),
                                            units, kIndicatorsPerUnit),
                           format, file);
      if (!written.ok()) Die(written);
      slot = folder;
      file_bytes_[slot] =
          static_cast<int64_t>(std::filesystem::file_size(file));
    }
    return slot;
  }

  int64_t file_bytes(const std::string& folder) { return file_bytes_[folder]; }

 private:
  Fixtures() = default;

  static std::unique_ptr<Fixtures>& Instance() {
    static std::unique_ptr<Fixtures> fixtures;
    return fixtures;
  }

  std::unique_ptr<SeedData> seed_;
  std::map<std::pair<int, int>, std::unique_ptr<v1::RuleSetConfig>> configs_;
  std::map<std::pair<int, int>, std::shared_ptr<const rules::RuleSet>>
      rule_sets_;
  std::unique_ptr<::scorecard::testing::TempDir> temp_;
  std::map<std::pair<int, int>, std::string> folders_;
  std::map<std::string, int64_t> file_bytes_;
};

// How the benchmark holds the ValidationResult between calls.
enum class ResultHolding {
  kReused,  // One object for every call; Validate clears it.
  kFresh,   // A new heap object per call, destroyed after it.
  kArena,   // A new object on an arena that is reset after each call.
};

// Validates `scorecard` by `rules` over and over, holding the result as
// `holding` says.
void RunValidate(benchmark::State& state, const rules::RuleSet& rules,
                 const v1::Scorecard& scorecard, ResultHolding holding,
                 const rules::ValidateOptions& options = {}) {
  {
    const v1::ValidationResult check = rules.Validate(scorecard, options);
    if (check.computed_total().empty()) {
      state.SkipWithError("the benchmark's scorecard does not validate");
      return;
    }
    state.counters["violations"] = check.violations_size();
    state.counters["response_bytes"] =
        static_cast<double>(check.ByteSizeLong());
  }
  switch (holding) {
    case ResultHolding::kReused: {
      v1::ValidationResult result;
      for (auto _ : state) {
        rules.Validate(scorecard, options, &result);
        benchmark::DoNotOptimize(result.valid());
      }
      break;
    }
    case ResultHolding::kFresh:
      for (auto _ : state) {
        v1::ValidationResult result;
        rules.Validate(scorecard, options, &result);
        benchmark::DoNotOptimize(result.valid());
      }
      break;
    case ResultHolding::kArena: {
      // A first block big enough for a whole result, as a server would give
      // each call, so that steady state allocates no blocks.
      std::vector<char> first_block(64 << 10);
      google::protobuf::ArenaOptions arena_options;
      arena_options.initial_block = first_block.data();
      arena_options.initial_block_size = first_block.size();
      google::protobuf::Arena arena(arena_options);
      for (auto _ : state) {
        auto* result =
            google::protobuf::Arena::CreateMessage<v1::ValidationResult>(
                &arena);
        rules.Validate(scorecard, options, result);
        benchmark::DoNotOptimize(result->valid());
        arena.Reset();
      }
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}

// The secretariat's scorecard from the published document: 21 indicators,
// Thai digits, valid.
void BM_ValidateSeed(benchmark::State& state, ResultHolding holding) {
  const SeedData& seed = Fixtures::Get().seed();
  RunValidate(state, *seed.rule_set, seed.scorecards[0], holding);
}
BENCHMARK_CAPTURE(BM_ValidateSeed, reused_result, ResultHolding::kReused);
BENCHMARK_CAPTURE(BM_ValidateSeed, fresh_result, ResultHolding::kFresh);
BENCHMARK_CAPTURE(BM_ValidateSeed, arena_result, ResultHolding::kArena);

// The same in the basic view (ResultView BASIC): no contributions or
// category subtotals in the result.
void BM_ValidateSeedBasic(benchmark::State& state, ResultHolding holding) {
  const SeedData& seed = Fixtures::Get().seed();
  RunValidate(state, *seed.rule_set, seed.scorecards[0], holding,
              {rules::Locale::kEnglish, /*breakdown=*/false});
}
BENCHMARK_CAPTURE(BM_ValidateSeedBasic, reused_result, ResultHolding::kReused);
BENCHMARK_CAPTURE(BM_ValidateSeedBasic, fresh_result, ResultHolding::kFresh);
BENCHMARK_CAPTURE(BM_ValidateSeedBasic, arena_result, ResultHolding::kArena);

// All six scorecards of the published document in turn (17 to 21
// indicators); one item is one scorecard.
void BM_ValidateSeedDocument(benchmark::State& state) {
  const SeedData& seed = Fixtures::Get().seed();
  const rules::ValidateOptions options;
  v1::ValidationResult result;
  for (auto _ : state) {
    for (const v1::Scorecard& scorecard : seed.scorecards) {
      seed.rule_set->Validate(scorecard, options, &result);
      benchmark::DoNotOptimize(result.valid());
    }
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(seed.scorecards.size()));
}
BENCHMARK(BM_ValidateSeedDocument);

// The secretariat's scorecard with five things wrong (a wrong total, a
// weight, a title, an unreadable score, a missing indicator), messages in
// Thai: the cost of finding and explaining violations.
void BM_ValidateSeedWithViolations(benchmark::State& state) {
  const SeedData& seed = Fixtures::Get().seed();
  v1::Scorecard scorecard = seed.scorecards[0];
  scorecard.set_declared_total("๔.๙๗๐๐");
  scorecard.mutable_entries(1)->set_weight("๖");
  scorecard.mutable_entries(2)->set_title("ร้อยละของผู้รับบริการ");
  scorecard.mutable_entries(3)->set_score("๕.๐o๐๐");
  scorecard.mutable_entries()->RemoveLast();
  rules::ValidateOptions options;
  options.locale = rules::Locale::kThai;
  v1::ValidationResult result;
  seed.rule_set->Validate(scorecard, options, &result);
  state.counters["violations"] = result.violations_size();
  for (auto _ : state) {
    seed.rule_set->Validate(scorecard, options, &result);
    benchmark::DoNotOptimize(result.valid());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ValidateSeedWithViolations);

// A synthetic valid scorecard of state.range(0) indicators.
void BM_ValidateIndicators(benchmark::State& state, ResultHolding holding) {
  const int indicators = static_cast<int>(state.range(0));
  const rules::RuleSet& rules = Fixtures::Get().rule_set(6, indicators);
  const v1::Scorecard scorecard = SyntheticScorecard(rules, 0);
  RunValidate(state, rules, scorecard, holding);
  state.SetComplexityN(indicators);
}
BENCHMARK_CAPTURE(BM_ValidateIndicators, reused_result, ResultHolding::kReused)
    ->Arg(20)
    ->Arg(50)
    ->Arg(100)
    ->Arg(200)
    ->Complexity(benchmark::oN);
BENCHMARK_CAPTURE(BM_ValidateIndicators, fresh_result, ResultHolding::kFresh)
    ->Arg(20)
    ->Arg(50)
    ->Arg(100)
    ->Arg(200)
    ->Complexity(benchmark::oN);
BENCHMARK_CAPTURE(BM_ValidateIndicators, arena_result, ResultHolding::kArena)
    ->Arg(20)
    ->Arg(50)
    ->Arg(100)
    ->Arg(200)
    ->Complexity(benchmark::oN);

// The scorecard of unit 0 of a rule set of state.range(0) units: validation
// must not grow with the number of units.
void BM_ValidateAmongUnits(benchmark::State& state) {
  const int units = static_cast<int>(state.range(0));
  const rules::RuleSet& rules =
      Fixtures::Get().rule_set(units, kIndicatorsPerUnit);
  const v1::Scorecard scorecard = SyntheticScorecard(rules, units / 2);
  RunValidate(state, rules, scorecard, ResultHolding::kReused);
  state.SetComplexityN(units);
}
BENCHMARK(BM_ValidateAmongUnits)
    ->Arg(1)
    ->Arg(100)
    ->Arg(5000)
    ->Complexity(benchmark::o1);

void BM_DecimalParse(benchmark::State& state, const char* text) {
  for (auto _ : state) {
    absl::StatusOr<rules::Decimal> parsed = rules::Decimal::Parse(text);
    benchmark::DoNotOptimize(parsed);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_DecimalParse, ascii_score, "4.9600");
BENCHMARK_CAPTURE(BM_DecimalParse, thai_score, "๔.๙๖๐๐");
BENCHMARK_CAPTURE(BM_DecimalParse, ascii_weight, "10");
BENCHMARK_CAPTURE(BM_DecimalParse, thai_weight, "๑๐");

// How a benchmark names the unit it looks for.
enum class UnitName {
  kId,                  // "unit-02500": found by the first hash lookup.
  kOfficialName,        // As the rule set writes it.
  kThaiNameWithSpaces,  // Needs NameKey() before the second lookup.
};

void BM_FindUnit(benchmark::State& state, UnitName how) {
  const int units = static_cast<int>(state.range(0));
  const rules::RuleSet& rules =
      Fixtures::Get().rule_set(units, kIndicatorsPerUnit);
  const int wanted = units / 2;
  std::string name;
  switch (how) {
    case UnitName::kId:
      name = SyntheticUnitId(wanted);
      break;
    case UnitName::kOfficialName:
      name = rules.units()[wanted].name;
      break;
    case UnitName::kThaiNameWithSpaces:
      name = SyntheticUnitNameWithSpaces(wanted);
      break;
  }
  if (rules.FindUnit(name) != &rules.units()[wanted]) {
    state.SkipWithError("the unit is not found");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(rules.FindUnit(name));
  }
  state.SetItemsProcessed(state.iterations());
  state.SetComplexityN(units);
}
BENCHMARK_CAPTURE(BM_FindUnit, by_id, UnitName::kId)
    ->Arg(1)
    ->Arg(100)
    ->Arg(5000)
    ->Complexity(benchmark::o1);
BENCHMARK_CAPTURE(BM_FindUnit, by_official_name, UnitName::kOfficialName)
    ->Arg(1)
    ->Arg(100)
    ->Arg(5000)
    ->Complexity(benchmark::o1);
BENCHMARK_CAPTURE(BM_FindUnit, by_thai_name_with_spaces,
                  UnitName::kThaiNameWithSpaces)
    ->Arg(1)
    ->Arg(100)
    ->Arg(5000)
    ->Complexity(benchmark::o1);

// RuleSet::Compile of a parsed config (check, fill defaults, build indexes)
// of state.range(0) units. The copy Compile consumes is made outside the
// timing.
void BM_Compile(benchmark::State& state) {
  const int units = static_cast<int>(state.range(0));
  const v1::RuleSetConfig& config =
      Fixtures::Get().config(units, kIndicatorsPerUnit);
  for (auto _ : state) {
    state.PauseTiming();
    v1::RuleSetConfig copy = config;
    state.ResumeTiming();
    absl::StatusOr<std::shared_ptr<const rules::RuleSet>> compiled =
        rules::RuleSet::Compile(std::move(copy));
    if (!compiled.ok()) {
      state.SkipWithError(compiled.status().ToString().c_str());
      break;
    }
    state.PauseTiming();
    compiled->reset();  // Freeing is a reload's cost too, but not compile's.
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * units);
  state.SetComplexityN(units);
}
BENCHMARK(BM_Compile)
    ->Arg(1)
    ->Arg(100)
    ->Arg(5000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);

// The options of a load: with `cached`, a cache of parsed rule files beside
// the rule folder (rules/rule_set_cache.h), warmed by one load first so that
// every timed load finds the file there. Returns false (and skips the
// benchmark) when the warming load fails or a second load misses.
bool PrepareLoad(benchmark::State& state, const std::string& folder,
                 bool cached, rules::RuleSetLoadOptions* options) {
  if (!cached) return true;
  options->cache_dir = folder + "-cache";
  for (int load = 0; load < 2; ++load) {
    rules::RuleSetLoadStats stats;
    absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> index =
        rules::RuleSetIndex::Load(folder, *options, &stats);
    if (!index.ok() || !stats.cache_note.empty() ||
        (load == 1 && stats.from_cache != stats.files)) {
      state.SkipWithError(
          absl::StrCat("the cache does not work: ", index.status().ToString(),
                       " ", stats.cache_note)
              .c_str());
      return false;
    }
  }
  return true;
}

// RuleSetIndex::Load of a folder with one rule file of state.range(0) units:
// read, parse, check, compile. What a reload costs. "_cached": the same with
// the parsed file found in the cache (read, hash, check the entry, parse its
// binary protobuf, check, compile).
void BM_Load(benchmark::State& state, rules::RuleFileFormat format,
             bool cached) {
  const int units = static_cast<int>(state.range(0));
  const std::string& folder = Fixtures::Get().rule_folder(units, format);
  rules::RuleSetLoadOptions options;
  if (!PrepareLoad(state, folder, cached, &options)) return;
  for (auto _ : state) {
    absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> index =
        rules::RuleSetIndex::Load(folder, options);
    if (!index.ok()) {
      state.SkipWithError(index.status().ToString().c_str());
      break;
    }
    benchmark::DoNotOptimize(index->get());
  }
  state.SetItemsProcessed(state.iterations() * units);
  state.SetBytesProcessed(state.iterations() *
                          Fixtures::Get().file_bytes(folder));
  state.counters["file_MiB"] =
      static_cast<double>(Fixtures::Get().file_bytes(folder)) / (1 << 20);
  state.SetComplexityN(units);
}
BENCHMARK_CAPTURE(BM_Load, yaml, rules::RuleFileFormat::kYaml, false)
    ->Arg(1)
    ->Arg(100)
    ->Arg(5000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);
BENCHMARK_CAPTURE(BM_Load, json, rules::RuleFileFormat::kJson, false)
    ->Arg(1)
    ->Arg(100)
    ->Arg(5000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);
BENCHMARK_CAPTURE(BM_Load, yaml_cached, rules::RuleFileFormat::kYaml, true)
    ->Arg(1)
    ->Arg(100)
    ->Arg(5000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);
BENCHMARK_CAPTURE(BM_Load, json_cached, rules::RuleFileFormat::kJson, true)
    ->Arg(5000)
    ->Unit(benchmark::kMillisecond);

// What a load would cost if rule files were binary protobuf: parse the
// serialized RuleSetConfig of state.range(0) units, then compile it. Not a
// format the service reads today; a yardstick for the load goal.
void BM_LoadBinaryProto(benchmark::State& state) {
  const int units = static_cast<int>(state.range(0));
  const std::string serialized =
      Fixtures::Get().config(units, kIndicatorsPerUnit).SerializeAsString();
  for (auto _ : state) {
    v1::RuleSetConfig config;
    if (!config.ParseFromString(serialized)) {
      state.SkipWithError("cannot parse");
      break;
    }
    absl::StatusOr<std::shared_ptr<const rules::RuleSet>> compiled =
        rules::RuleSet::Compile(std::move(config));
    if (!compiled.ok()) {
      state.SkipWithError(compiled.status().ToString().c_str());
      break;
    }
    benchmark::DoNotOptimize(compiled->get());
  }
  state.SetItemsProcessed(state.iterations() * units);
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(serialized.size()));
  state.counters["file_MiB"] =
      static_cast<double>(serialized.size()) / (1 << 20);
}
BENCHMARK(BM_LoadBinaryProto)
    ->Arg(1)
    ->Arg(100)
    ->Arg(5000)
    ->Unit(benchmark::kMillisecond);

// The memory a loaded rule set of state.range(0) units holds, and the peak
// while loading it. Counters, in MiB: heap_MiB is what malloc has handed out
// for the index (mallinfo2), resident_MiB the resident-size growth while the
// index is held, peak_MiB the resident-size growth at the peak of the load
// (the YAML tree and the parsed config are alive then), config_MiB the part
// of heap_MiB that is the RuleSetConfig the rule set keeps (for GetRuleSet),
// free_ms how long freeing the index takes.
void BM_LoadMemory(benchmark::State& state, rules::RuleFileFormat format,
                   bool cached) {
  const int units = static_cast<int>(state.range(0));
  const std::string& folder = Fixtures::Get().rule_folder(units, format);
  rules::RuleSetLoadOptions options;
  if (!PrepareLoad(state, folder, cached, &options)) return;
  constexpr double kMiB = 1 << 20;
  double heap = 0, resident = 0, peak = 0, config = 0, free_ms = 0;
  for (auto _ : state) {
    state.PauseTiming();
    ReleaseFreeHeap();
    const int64_t heap_before = HeapInUseBytes();
    const int64_t resident_before = ResidentBytes();
    const bool peak_known = ResetPeakResident();
    state.ResumeTiming();
    absl::StatusOr<std::shared_ptr<const rules::RuleSetIndex>> index =
        rules::RuleSetIndex::Load(folder, options);
    state.PauseTiming();
    if (!index.ok()) {
      state.SkipWithError(index.status().ToString().c_str());
      break;
    }
    heap = static_cast<double>(HeapInUseBytes() - heap_before) / kMiB;
    config = static_cast<double>(
                 (*index)->rule_sets()[0]->config().SpaceUsedLong()) /
             kMiB;
    ReleaseFreeHeap();
    resident = static_cast<double>(ResidentBytes() - resident_before) / kMiB;
    peak =
        peak_known
            ? static_cast<double>(PeakResidentBytes() - resident_before) / kMiB
            : -1;
    // Freeing is timed too: whichever thread drops the last reference to a
    // replaced rule set pays it.
    const absl::Time free_start = absl::Now();
    index->reset();
    free_ms = absl::ToDoubleMilliseconds(absl::Now() - free_start);
    state.ResumeTiming();
  }
  state.counters["heap_MiB"] = heap;
  state.counters["resident_MiB"] = resident;
  state.counters["peak_MiB"] = peak;
  state.counters["config_MiB"] = config;
  state.counters["free_ms"] = free_ms;
  state.SetItemsProcessed(state.iterations() * units);
}
BENCHMARK_CAPTURE(BM_LoadMemory, yaml, rules::RuleFileFormat::kYaml, false)
    ->Arg(5000)
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadMemory, json, rules::RuleFileFormat::kJson, false)
    ->Arg(5000)
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadMemory, yaml_cached, rules::RuleFileFormat::kYaml,
                  true)
    ->Arg(5000)
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace scorecard::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::AddCustomContext("source_dir", scorecard::bench::BenchSourceDir());
  benchmark::RunSpecifiedBenchmarks();
  scorecard::bench::Fixtures::Release();
  benchmark::Shutdown();
  return 0;
}
