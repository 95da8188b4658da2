// Fuzzes RuleSet::Validate on arbitrary scorecards: the input is a serialized
// scorecard.v1.Scorecard (as a gRPC request carries one); input that does
// not parse as one is skipped. Each scorecard is validated against every
// bundled rule set (rules/bundled) and against tests/fuzz/rules/: fuzz-edge,
// whose extreme weights and scales reach the edges of the engine's 128-bit
// arithmetic, and fuzz-criteria, with criteria levels of every method,
// dimensions and grades. Each result must pass CheckValidation
// (fuzz_properties.h).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "rules/rule_set.h"
#include "scorecard/v1/scorecard.pb.h"
#include "tests/fuzz/fuzz_properties.h"

namespace {

using ::scorecard::rules::RuleSet;

const std::vector<std::shared_ptr<const RuleSet>>& RuleSets() {
  static const auto* rules = [] {
    auto* all = new std::vector<std::shared_ptr<const RuleSet>>(
        scorecard::fuzz::LoadRuleSetsOrDie(
            scorecard::fuzz::BundledRulesPath()));
    for (auto& rule_set :
         scorecard::fuzz::LoadRuleSetsOrDie(SCORECARD_FUZZ_DIR "/rules")) {
      all->push_back(std::move(rule_set));
    }
    return all;
  }();
  return *rules;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  RuleSets();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  scorecard::v1::Scorecard scorecard;
  if (!scorecard.ParseFromArray(data, static_cast<int>(size))) return 0;
  for (const auto& rules : RuleSets()) {
    scorecard::fuzz::CheckValidation(*rules, scorecard);
  }
  return 0;
}
