#include "rules/rule_set_index.h"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "rules/problems.h"
#include "rules/rule_set_cache.h"
#include "rules/rule_set_choice.h"
#include "rules/rule_set_loader.h"

namespace scorecard::rules {

namespace {

// Fills in `stats` (when not null) from what `cache` (when not null) did.
void Report(const RuleSetCache* cache, int files, int from_cache,
            RuleSetLoadStats* stats) {
  if (stats == nullptr) return;
  *stats = RuleSetLoadStats();
  stats->files = files;
  stats->from_cache = from_cache;
  if (cache != nullptr) {
    stats->cache_stored = cache->stored();
    stats->cache_removed = cache->removed();
    stats->cache_note = cache->note();
  }
}

}  // namespace

// A file is stored in the cache only once it has compiled: a rule file with
// problems reports them on every load, exactly as without a cache. What is
// stored is the parser's output, serialized before Compile fills in
// defaults and the revision.
absl::StatusOr<std::shared_ptr<const RuleSetIndex>> RuleSetIndex::Load(
    const std::string& path, const RuleSetLoadOptions& options,
    RuleSetLoadStats* stats) {
  std::unique_ptr<RuleSetCache> cache;
  if (!options.cache_dir.empty()) cache = RuleSetCache::Open(options.cache_dir);
  absl::StatusOr<RuleSetFiles> read = ReadRuleSetFiles(path, cache.get());
  if (!read.ok()) {
    Report(cache.get(), 0, 0, stats);
    return read.status();
  }
  std::vector<std::shared_ptr<const RuleSet>> rule_sets;
  std::vector<std::string> problems = std::move(read->problems);
  absl::flat_hash_map<std::string, std::string> source_by_id;
  int from_cache = 0;
  for (RuleSetFile& file : read->files) {
    if (file.from_cache) ++from_cache;
    std::string entry;
    const bool store = cache != nullptr && cache->enabled() &&
                       !file.from_cache && !file.cache_key.empty();
    if (store) entry = file.config.SerializeAsString();
    absl::StatusOr<std::shared_ptr<const RuleSet>> compiled =
        RuleSet::Compile(std::move(file.config), file.path);
    if (!compiled.ok()) {
      AppendProblems(compiled.status(), &problems);
      continue;
    }
    if (store) cache->Store(file.cache_key, entry);
    auto [it, inserted] =
        source_by_id.emplace((*compiled)->id(), file.path);
    if (!inserted) {
      problems.push_back(absl::StrCat(file.path, ": rule set \"",
                                      (*compiled)->id(),
                                      "\" is already defined in ", it->second));
      continue;
    }
    rule_sets.push_back(*std::move(compiled));
  }
  const int files = static_cast<int>(read->files.size());
  if (!problems.empty()) {
    Report(cache.get(), files, from_cache, stats);
    return ProblemsError(absl::StatusCode::kInvalidArgument,
                         std::move(problems));
  }
  absl::StatusOr<std::shared_ptr<const RuleSetIndex>> index =
      Create(std::move(rule_sets));
  if (index.ok() && cache != nullptr) cache->RemoveUnused();
  Report(cache.get(), files, from_cache, stats);
  return index;
}

absl::StatusOr<std::shared_ptr<const RuleSetIndex>> RuleSetIndex::Create(
    std::vector<std::shared_ptr<const RuleSet>> rule_sets) {
  std::shared_ptr<RuleSetIndex> index(new RuleSetIndex());
  std::sort(rule_sets.begin(), rule_sets.end(),
            [](const auto& a, const auto& b) { return a->id() < b->id(); });
  for (const auto& rules : rule_sets) {
    if (!index->by_id_.emplace(rules->id(), rules.get()).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("rule set id \"", rules->id(), "\" is defined twice"));
    }
  }
  index->rule_sets_ = std::move(rule_sets);
  return index;
}

const RuleSet* RuleSetIndex::Find(absl::string_view id) const {
  const auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

std::vector<const RuleSet*> RuleSetIndex::FindByFiscalYear(
    int fiscal_year) const {
  std::vector<const RuleSet*> found;
  for (const auto& rules : rule_sets_) {
    if (rules->fiscal_year() == fiscal_year) found.push_back(rules.get());
  }
  return found;
}

absl::StatusOr<const RuleSet*> RuleSetIndex::Choose(absl::string_view id,
                                                    int fiscal_year) const {
  std::vector<RuleSetCandidate> candidates;
  candidates.reserve(rule_sets_.size());
  for (const auto& rules : rule_sets_) {
    candidates.push_back({rules->id(), rules->fiscal_year()});
  }
  absl::StatusOr<std::string> chosen =
      ChooseRuleSet(candidates, id, fiscal_year);
  if (!chosen.ok()) return chosen.status();
  return Find(*chosen);
}

}  // namespace scorecard::rules
