// A cache of parsed rule files, kept in a folder beside the rules, so that a
// large rule set (a national one of 5,000 units is 26 MiB of YAML) is not
// parsed again on every start and every reload when its file has not
// changed.
//
// An entry holds the scorecard.v1.RuleSetConfig a rule file parsed into, in
// binary protobuf, under a key that is the SHA-256 of the file's exact bytes,
// its format and what this build makes of them (kRuleSetCacheVersion, the
// schema of RuleSetConfig, the release and commit): the same bytes under
// another file name find the same entry, and changed bytes, another format
// or another build never do. Only what the parser makes is cached: every
// load still compiles (RuleSet::Compile: checks, defaults, revision), so
// every check and every message is the same with or without the cache.
//
//   std::unique_ptr<RuleSetCache> cache = RuleSetCache::Open(folder);
//   RuleSetCache::Lookup found = cache->Find(content, RuleFileFormat::kYaml);
//   if (found.config.has_value()) { ... use *found.config ... }
//   else { ... parse, compile, then cache->Store(found.key, serialized); }
//   ...after the whole load succeeded: cache->RemoveUnused();
//
// Whoever can write the folder can change the rules served: it must be
// protected like the rules themselves. Open refuses (the cache is then off)
// a folder that group or others may write, or that belongs to another user.
// A cache never fails a load and never gives a wrong rule set: an entry that
// is damaged, truncated, of another version or unreadable is a miss (and is
// written over); a folder that cannot be used turns the cache off, and
// note() says why.
//
// An entry is a file named rule-set-<64 hex digits of the key>.cache, mode
// 0600, written to a temporary file in the folder (created with O_EXCL, so
// never through a planted link) and renamed into place; it is read with
// O_NOFOLLOW. Entries are not synced to disk: one torn by a crash fails its
// own checks and is a miss.
//
// Thread-safety: a RuleSetCache is for one load at a time (not safe for
// concurrent use). Any number of caches, in this process or others, may use
// the same folder: entries appear whole or not at all, and one removed by
// another load is a miss.

#ifndef SCORECARD_RULES_RULE_SET_CACHE_H_
#define SCORECARD_RULES_RULE_SET_CACHE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "rules/rule_set_loader.h"
#include "scorecard/v1/rule_set_config.pb.h"

namespace scorecard::rules {

// The version of the cache: of an entry's layout and of what the parsers make
// of a rule file. Bump it whenever either could change (yaml_to_proto.cc,
// the JSON and text-proto parsing of rule_set_loader.cc, the entry layout in
// rule_set_cache.cc): an entry of another version is never read. Changes to
// the RuleSetConfig schema, and every new release or commit, change the keys
// by themselves (see the header comment).
inline constexpr uint32_t kRuleSetCacheVersion = 1;

class RuleSetCache final {
 public:
  // What Find found.
  struct Lookup {
    // The entry's key, 64 lower-case hex digits; empty when the cache is off.
    std::string key;
    // The parsed rule file, on a hit.
    std::optional<scorecard::v1::RuleSetConfig> config;
  };

  // Opens the cache in `folder`, creating the folder (mode 0700) when it is
  // missing but its parent is not. Never fails: a folder that cannot be
  // created or opened, is not a folder, belongs to another user or may be
  // written by group or others gives a cache that is off (enabled() false),
  // with note() saying why. Never null.
  static std::unique_ptr<RuleSetCache> Open(const std::string& folder);

  ~RuleSetCache();
  RuleSetCache(const RuleSetCache&) = delete;
  RuleSetCache& operator=(const RuleSetCache&) = delete;

  // Looks up the entry for the rule file `content` written in `format`. A
  // hit returns the RuleSetConfig the file parsed into when the entry was
  // stored; anything else is a miss. Never touches the rule file.
  Lookup Find(absl::string_view content, RuleFileFormat format);

  // Stores `serialized_config` (RuleSetConfig::SerializeAsString() of what
  // the rule file parsed into) as the entry `key` (from Find), replacing
  // what was there. A failure to write sets note() and stops storing for
  // the rest of the load (entries are still found and removed). Does nothing
  // when the cache is off or `key` is empty.
  void Store(const std::string& key, absl::string_view serialized_config);

  // Removes the entries this cache neither found nor stored, and temporary
  // files left by writes interrupted more than an hour ago: call it after a
  // load succeeded, so that the folder holds the entries of the rules in
  // force and no more. Leaves every other file alone.
  void RemoveUnused();

  // Whether the cache is in use.
  bool enabled() const { return dir_fd_ >= 0; }
  // Why the cache is not in use, or a write failed; empty when all is well.
  const std::string& note() const { return note_; }
  // Entries found, entries stored, entries removed, since Open.
  int hits() const { return hits_; }
  int stored() const { return stored_; }
  int removed() const { return removed_; }

 private:
  RuleSetCache(std::string folder, int dir_fd, std::string note);

  // Reads and checks the entry named `name`; nullopt when it is not a whole,
  // valid entry with key `key`.
  std::optional<scorecard::v1::RuleSetConfig> ReadEntry(
      const std::string& name, const std::string& key) const;

  // Keeps `note` unless there is one already: the first reason is the one
  // said.
  void Note(std::string note);

  const std::string folder_;
  int dir_fd_;  // The folder, opened; -1 when off.
  std::string note_;
  bool storing_ = true;  // False once a write failed.
  absl::flat_hash_set<std::string> used_;  // Keys found or stored.
  int hits_ = 0;
  int stored_ = 0;
  int removed_ = 0;
};

// Returns the name of the entry with key `key` (for tests and docs).
std::string RuleSetCacheEntryName(absl::string_view key);

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_RULE_SET_CACHE_H_
