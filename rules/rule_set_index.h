// All the rule sets a program holds, looked up by id or fiscal year.
//
// An index is built once (from a folder of rule files, usually) and never
// changes; a reload builds a new one. Safe for concurrent use without
// external locking.
//
//   absl::StatusOr<std::shared_ptr<const RuleSetIndex>> index =
//       RuleSetIndex::Load("/usr/share/scorecard/rules");
//   const RuleSet* rules = (*index)->Find("led-fy2563");

#ifndef SCORECARD_RULES_RULE_SET_INDEX_H_
#define SCORECARD_RULES_RULE_SET_INDEX_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rules/rule_set.h"

namespace scorecard::rules {

// How RuleSetIndex::Load reads the rules.
struct RuleSetLoadOptions {
  // The folder of the cache of parsed rule files (rules/rule_set_cache.h),
  // created when missing. Empty: no cache, the default. It must be
  // protected like the rules: a folder that group or others may write is
  // not used.
  std::string cache_dir;
};

// What one RuleSetIndex::Load did, for logs.
struct RuleSetLoadStats {
  int files = 0;        // Rule files read (parsed or found in the cache).
  int from_cache = 0;   // Of those, found in the cache: not parsed.
  int cache_stored = 0;   // Cache entries written (files parsed).
  int cache_removed = 0;  // Entries removed: of files no longer loaded.
  // Why the cache was not used, or not fully (a folder that cannot be used,
  // an entry that could not be written); empty when all is well or there is
  // no cache. Says so once per load; it never fails the load.
  std::string cache_note;
};

class RuleSetIndex final {
 public:
  // Loads every rule file at `path` (a file or a folder) and compiles each.
  // Fails, naming every problem in every file (as a list: rules/problems.h),
  // when any file cannot be read or compiled, or when two files define the
  // same rule set id: a partial set of rules is never returned.
  //
  // With options.cache_dir, a file whose bytes are in the cache is not
  // parsed again (every rule set is still compiled, so problems and results
  // are the same as without the cache), each file parsed and compiled is
  // stored, and after a load that succeeded the entries of files not loaded
  // are removed. `stats` (optional) is filled in, failed loads included.
  static absl::StatusOr<std::shared_ptr<const RuleSetIndex>> Load(
      const std::string& path, const RuleSetLoadOptions& options = {},
      RuleSetLoadStats* stats = nullptr);

  // Builds an index of `rule_sets`. Fails when two share an id.
  static absl::StatusOr<std::shared_ptr<const RuleSetIndex>> Create(
      std::vector<std::shared_ptr<const RuleSet>> rule_sets);

  // Returns the rule set with id `id`, or null.
  const RuleSet* Find(absl::string_view id) const;

  // Returns the rule sets of fiscal year `fiscal_year`, ordered by id.
  std::vector<const RuleSet*> FindByFiscalYear(int fiscal_year) const;

  // Every rule set, ordered by id.
  const std::vector<std::shared_ptr<const RuleSet>>& rule_sets() const {
    return rule_sets_;
  }

  // Chooses the rule set for a document as ChooseRuleSet does
  // (rule_set_choice.h): `id`, else the one of `fiscal_year`, else the only
  // one.
  absl::StatusOr<const RuleSet*> Choose(absl::string_view id,
                                        int fiscal_year) const;

 private:
  RuleSetIndex() = default;

  std::vector<std::shared_ptr<const RuleSet>> rule_sets_;
  absl::flat_hash_map<std::string, const RuleSet*> by_id_;
};

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_RULE_SET_INDEX_H_
