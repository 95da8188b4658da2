// The cache of parsed rule files (rules/rule_set_cache.h), through
// RuleSetIndex::Load as the service uses it: a hit gives exactly what the
// parser gives and the same verdicts on the seed; changed bytes miss, the
// same bytes under another name hit; a damaged entry is a miss and is
// written over; a folder that cannot be used never fails a load; entries of
// files no longer loaded are removed; a rule file with problems reports
// exactly what it reports without a cache and stores nothing.

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <ostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "rules/document_reader.h"
#include "rules/problems.h"
#include "rules/rule_set_cache.h"
#include "rules/rule_set_index.h"
#include "rules/rule_set_loader.h"
#include "tests/testing/files.h"
#include "tests/testing/seed.h"
#include "tests/testing/temp_dir.h"

namespace scorecard::rules {
namespace {

namespace fs = std::filesystem;
namespace v1 = ::scorecard::v1;
using ::google::protobuf::util::MessageDifferencer;
using ::scorecard::testing::kBundledRules;
using ::scorecard::testing::ReadFile;
using ::scorecard::testing::TempDir;
using ::scorecard::testing::WriteFile;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

const std::string& BundledYaml() {
  static const std::string* const yaml =
      new std::string(ReadFile(absl::StrCat(kBundledRules, "/led-fy2563.yaml")));
  return *yaml;
}

// The names of the cache entries in `folder`, sorted.
std::vector<std::string> Entries(const std::string& folder) {
  std::vector<std::string> names;
  std::error_code error;
  for (fs::directory_iterator it(folder, error), end; !error && it != end;
       it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (absl::StartsWith(name, "rule-set-") && absl::EndsWith(name, ".cache") &&
        name.size() == RuleSetCacheEntryName(std::string(64, '0')).size()) {
      names.push_back(name);
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

struct Loaded {
  absl::StatusOr<std::shared_ptr<const RuleSetIndex>> index;
  RuleSetLoadStats stats;
};

Loaded LoadWithCache(const std::string& rules, const std::string& cache) {
  Loaded loaded;
  loaded.index = RuleSetIndex::Load(rules, RuleSetLoadOptions{cache},
                                    &loaded.stats);
  return loaded;
}

// The verdicts of the rule set `id` of `index` on every scorecard of the
// seed document.
std::vector<v1::ValidationResult> JudgeSeed(const RuleSetIndex& index,
                                            const std::string& id) {
  std::vector<v1::ValidationResult> results;
  const RuleSet* rules = index.Find(id);
  EXPECT_NE(rules, nullptr) << id;
  if (rules == nullptr) return results;
  absl::StatusOr<ScorecardDocument> document = ReadScorecardDocument(
      ReadFile(::scorecard::testing::kSeedDocument), "seed.txt");
  EXPECT_TRUE(document.ok()) << document.status();
  if (!document.ok()) return results;
  for (const DocumentScorecard& item : document->scorecards) {
    results.push_back(rules->Validate(item.scorecard));
  }
  return results;
}

void ExpectSameResults(const std::vector<v1::ValidationResult>& a,
                       const std::vector<v1::ValidationResult>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_TRUE(MessageDifferencer::Equals(a[i], b[i]))
        << "scorecard " << i << ":\n"
        << a[i].DebugString() << "\nversus\n"
        << b[i].DebugString();
  }
}

class RuleSetCacheTest : public ::testing::Test {
 protected:
  RuleSetCacheTest()
      : rules_(dir_ / "rules"), cache_(dir_ / "cache"),
        file_(dir_.Write("rules/led-fy2563.yaml", BundledYaml())) {}

  TempDir dir_;
  const std::string rules_;
  const std::string cache_;
  const std::string file_;
};

TEST_F(RuleSetCacheTest, AHitGivesWhatTheParserGivesAndTheSameVerdicts) {
  const absl::StatusOr<std::shared_ptr<const RuleSetIndex>> uncached =
      RuleSetIndex::Load(rules_);
  ASSERT_TRUE(uncached.ok()) << uncached.status();

  const Loaded first = LoadWithCache(rules_, cache_);
  ASSERT_TRUE(first.index.ok()) << first.index.status();
  EXPECT_EQ(first.stats.files, 1);
  EXPECT_EQ(first.stats.from_cache, 0);
  EXPECT_EQ(first.stats.cache_stored, 1);
  EXPECT_THAT(first.stats.cache_note, IsEmpty());
  ASSERT_THAT(Entries(cache_), SizeIs(1));

  const Loaded second = LoadWithCache(rules_, cache_);
  ASSERT_TRUE(second.index.ok()) << second.index.status();
  EXPECT_EQ(second.stats.files, 1);
  EXPECT_EQ(second.stats.from_cache, 1);
  EXPECT_EQ(second.stats.cache_stored, 0);
  EXPECT_EQ(second.stats.cache_removed, 0);

  // The compiled config (defaults and revision filled in) is the same...
  const RuleSet& parsed = *(*uncached)->rule_sets()[0];
  const RuleSet& cached = *(*second.index)->rule_sets()[0];
  EXPECT_TRUE(MessageDifferencer::Equals(parsed.config(), cached.config()));
  EXPECT_EQ(parsed.revision(), cached.revision());
  EXPECT_EQ(cached.source(), file_);
  // ...and so are the verdicts on the seed, violations and messages too.
  ExpectSameResults(JudgeSeed(**uncached, "led-fy2563"),
                    JudgeSeed(**second.index, "led-fy2563"));

  // The entry itself holds exactly what the parser makes of the file.
  std::unique_ptr<RuleSetCache> cache = RuleSetCache::Open(cache_);
  const RuleSetCache::Lookup found =
      cache->Find(BundledYaml(), RuleFileFormat::kYaml);
  ASSERT_TRUE(found.config.has_value());
  absl::StatusOr<v1::RuleSetConfig> config =
      ParseRuleSetFile(BundledYaml(), RuleFileFormat::kYaml, file_);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_TRUE(MessageDifferencer::Equals(*config, *found.config));
  EXPECT_THAT(Entries(cache_), ElementsAre(RuleSetCacheEntryName(found.key)));
}

TEST_F(RuleSetCacheTest, AnEntryIsPrivateToItsOwner) {
  ASSERT_TRUE(LoadWithCache(rules_, cache_).index.ok());
  struct stat info;
  ASSERT_EQ(::stat(cache_.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777, 0700u);  // Created by the load.
  ASSERT_THAT(Entries(cache_), SizeIs(1));
  const std::string entry = absl::StrCat(cache_, "/", Entries(cache_)[0]);
  ASSERT_EQ(::stat(entry.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777, 0600u);
}

TEST_F(RuleSetCacheTest, ChangedContentMissesAndTheOldEntryGoes) {
  ASSERT_TRUE(LoadWithCache(rules_, cache_).index.ok());
  const std::vector<std::string> before = Entries(cache_);
  ASSERT_THAT(before, SizeIs(1));

  // One more byte (a comment): the same rules, other bytes.
  ASSERT_TRUE(WriteFile(file_, BundledYaml() + "# edited\n"));
  const Loaded edited = LoadWithCache(rules_, cache_);
  ASSERT_TRUE(edited.index.ok()) << edited.index.status();
  EXPECT_EQ(edited.stats.from_cache, 0);
  EXPECT_EQ(edited.stats.cache_stored, 1);
  EXPECT_EQ(edited.stats.cache_removed, 1);
  const std::vector<std::string> after = Entries(cache_);
  ASSERT_THAT(after, SizeIs(1));
  EXPECT_NE(after, before);

  // A change the rule set shows: the cache serves the new one, not the old.
  const std::string renamed = absl::StrReplaceAll(
      BundledYaml(), {{"id: led-fy2563", "id: led-fy2563-b"}});
  ASSERT_NE(renamed, BundledYaml());
  ASSERT_TRUE(WriteFile(file_, renamed));
  const Loaded changed = LoadWithCache(rules_, cache_);
  ASSERT_TRUE(changed.index.ok()) << changed.index.status();
  EXPECT_EQ(changed.stats.from_cache, 0);
  EXPECT_NE((*changed.index)->Find("led-fy2563-b"), nullptr);
  EXPECT_EQ((*changed.index)->Find("led-fy2563"), nullptr);
}

TEST_F(RuleSetCacheTest, TheSameContentUnderAnotherNameHits) {
  ASSERT_TRUE(LoadWithCache(rules_, cache_).index.ok());
  const std::string moved = dir_ / "rules/led-renamed.yaml";
  fs::rename(file_, moved);
  const Loaded loaded = LoadWithCache(rules_, cache_);
  ASSERT_TRUE(loaded.index.ok()) << loaded.index.status();
  EXPECT_EQ(loaded.stats.from_cache, 1);
  EXPECT_EQ(loaded.stats.cache_stored, 0);
  // Messages and sources name the file as it is now.
  EXPECT_EQ((*loaded.index)->rule_sets()[0]->source(), moved);
}

TEST_F(RuleSetCacheTest, AnotherFormatOfTheSameBytesMisses) {
  ASSERT_TRUE(LoadWithCache(rules_, cache_).index.ok());
  std::unique_ptr<RuleSetCache> cache = RuleSetCache::Open(cache_);
  EXPECT_TRUE(cache->Find(BundledYaml(), RuleFileFormat::kYaml)
                  .config.has_value());
  const RuleSetCache::Lookup json =
      cache->Find(BundledYaml(), RuleFileFormat::kJson);
  EXPECT_FALSE(json.config.has_value());
  EXPECT_THAT(json.key, SizeIs(64));
}

// One way of damaging an entry's bytes.
struct Damage {
  const char* name;
  std::function<std::string(std::string)> apply;
};

void PrintTo(const Damage& damage, std::ostream* os) { *os << damage.name; }

class DamagedEntryTest : public RuleSetCacheTest,
                         public ::testing::WithParamInterface<Damage> {};

TEST_P(DamagedEntryTest, IsAMissThatIsWrittenOverAndTheLoadIsRight) {
  const absl::StatusOr<std::shared_ptr<const RuleSetIndex>> uncached =
      RuleSetIndex::Load(rules_);
  ASSERT_TRUE(uncached.ok()) << uncached.status();
  ASSERT_TRUE(LoadWithCache(rules_, cache_).index.ok());
  ASSERT_THAT(Entries(cache_), SizeIs(1));
  const std::string entry = absl::StrCat(cache_, "/", Entries(cache_)[0]);
  const std::string good = ReadFile(entry);
  const std::string damaged = GetParam().apply(good);
  ASSERT_NE(damaged, good);
  ASSERT_TRUE(WriteFile(entry, damaged));

  const Loaded loaded = LoadWithCache(rules_, cache_);
  ASSERT_TRUE(loaded.index.ok()) << loaded.index.status();
  EXPECT_EQ(loaded.stats.from_cache, 0);
  EXPECT_EQ(loaded.stats.cache_stored, 1);
  EXPECT_THAT(loaded.stats.cache_note, IsEmpty());
  EXPECT_TRUE(MessageDifferencer::Equals(
      (*uncached)->rule_sets()[0]->config(),
      (*loaded.index)->rule_sets()[0]->config()));
  EXPECT_EQ(ReadFile(entry), good);  // Written over, whole again.
  EXPECT_EQ(LoadWithCache(rules_, cache_).stats.from_cache, 1);
}

std::string FlipBit(std::string bytes, size_t at) {
  bytes[at] ^= 0x10;
  return bytes;
}

// Changes the last ASCII digit 0-8 of the payload to the next one: the
// entry still parses, as another rule set; only the payload's hash tells.
std::string ChangeADigit(std::string bytes) {
  for (size_t i = bytes.size(); i-- > 88;) {
    if (bytes[i] >= '0' && bytes[i] <= '8') {
      ++bytes[i];
      break;
    }
  }
  return bytes;
}

INSTANTIATE_TEST_SUITE_P(
    Damages, DamagedEntryTest,
    ::testing::Values(
        Damage{"Empty", [](std::string) { return std::string(); }},
        Damage{"TruncatedToHalf",
               [](std::string b) { return b.substr(0, b.size() / 2); }},
        Damage{"TruncatedByOneByte",
               [](std::string b) { return b.substr(0, b.size() - 1); }},
        Damage{"HeaderOnly", [](std::string b) { return b.substr(0, 88); }},
        Damage{"OneByteLonger", [](std::string b) { return b + "x"; }},
        Damage{"BitFlippedInThePayload",
               [](std::string b) { return FlipBit(b, b.size() - 100); }},
        Damage{"DigitChangedInThePayload", ChangeADigit},
        Damage{"BitFlippedInTheMagic",
               [](std::string b) { return FlipBit(b, 0); }},
        Damage{"AnotherVersion",
               [](std::string b) {
                 b[8] = static_cast<char>(kRuleSetCacheVersion + 1);
                 return b;
               }},
        Damage{"BitFlippedInTheKey",
               [](std::string b) { return FlipBit(b, 20); }},
        Damage{"BitFlippedInThePayloadHash",
               [](std::string b) { return FlipBit(b, 60); }}),
    [](const ::testing::TestParamInfo<Damage>& info) {
      return std::string(info.param.name);
    });

// An entry whose hashes are right but whose payload is not a RuleSetConfig:
// only the parse can tell.
TEST_F(RuleSetCacheTest, AWholeEntryOfGarbageIsAMiss) {
  std::string key;
  {
    std::unique_ptr<RuleSetCache> cache = RuleSetCache::Open(cache_);
    key = cache->Find(BundledYaml(), RuleFileFormat::kYaml).key;
    cache->Store(key, "\xff\xff\xff\xff not a RuleSetConfig");
    ASSERT_EQ(cache->stored(), 1) << cache->note();
  }
  const Loaded loaded = LoadWithCache(rules_, cache_);
  ASSERT_TRUE(loaded.index.ok()) << loaded.index.status();
  EXPECT_EQ(loaded.stats.from_cache, 0);
  EXPECT_EQ(loaded.stats.cache_stored, 1);
  EXPECT_EQ(LoadWithCache(rules_, cache_).stats.from_cache, 1);
  EXPECT_THAT(Entries(cache_), ElementsAre(RuleSetCacheEntryName(key)));
}

TEST_F(RuleSetCacheTest, ALinkPlantedAsTheEntryIsNotFollowed) {
  ASSERT_TRUE(LoadWithCache(rules_, cache_).index.ok());
  ASSERT_THAT(Entries(cache_), SizeIs(1));
  const std::string entry = absl::StrCat(cache_, "/", Entries(cache_)[0]);
  // A good entry moved out of the folder and linked back: still not read
  // through the link, and the file it points to is not written.
  const std::string elsewhere = dir_ / "elsewhere";
  fs::rename(entry, elsewhere);
  fs::create_symlink(elsewhere, entry);
  const std::string outside = ReadFile(elsewhere);

  const Loaded loaded = LoadWithCache(rules_, cache_);
  ASSERT_TRUE(loaded.index.ok()) << loaded.index.status();
  EXPECT_EQ(loaded.stats.from_cache, 0);
  EXPECT_EQ(loaded.stats.cache_stored, 1);
  EXPECT_FALSE(fs::is_symlink(entry));  // Replaced by an entry of its own.
  EXPECT_EQ(ReadFile(elsewhere), outside);
  EXPECT_EQ(ReadFile(entry), outside);
}

// Without a usable folder the load succeeds, without a cache, and says why.
void ExpectLoadsWithNote(const std::string& rules, const std::string& cache,
                         absl::string_view note) {
  for (int load = 0; load < 2; ++load) {
    const Loaded loaded = LoadWithCache(rules, cache);
    ASSERT_TRUE(loaded.index.ok()) << loaded.index.status();
    EXPECT_NE((*loaded.index)->Find("led-fy2563"), nullptr);
    EXPECT_EQ(loaded.stats.files, 1);
    EXPECT_EQ(loaded.stats.from_cache, 0);
    EXPECT_EQ(loaded.stats.cache_stored, 0);
    EXPECT_THAT(loaded.stats.cache_note, HasSubstr(note));
    EXPECT_THAT(loaded.stats.cache_note, HasSubstr(cache));
  }
}

TEST_F(RuleSetCacheTest, AFolderGroupOrOthersMayWriteIsNotUsed) {
  ASSERT_TRUE(LoadWithCache(rules_, cache_).index.ok());  // One entry.
  for (const mode_t mode : {0770, 0702}) {
    ASSERT_EQ(::chmod(cache_.c_str(), mode), 0);
    ExpectLoadsWithNote(rules_, cache_, "group or others may write");
  }
  // Its entry was neither read nor removed, and none was written.
  ASSERT_THAT(Entries(cache_), SizeIs(1));
}

TEST_F(RuleSetCacheTest, AFolderThatCannotBeCreatedIsNotUsed) {
  // Only the last folder is made: a missing parent is a mistake to report.
  ExpectLoadsWithNote(rules_, dir_ / "missing/cache",
                      "cannot create the folder");
  const std::string file = dir_.Write("a-file", "not a folder");
  ExpectLoadsWithNote(rules_, file, "not a folder");
  ExpectLoadsWithNote(rules_, file + "/cache", "not a folder");
}

TEST_F(RuleSetCacheTest, AFolderThatCannotBeWrittenIsNotUsedForStoring) {
  if (::geteuid() == 0) {
    GTEST_SKIP() << "root writes a read-only folder; see the tests above";
  }
  ASSERT_EQ(::mkdir(cache_.c_str(), 0500), 0);
  ExpectLoadsWithNote(rules_, cache_, "cannot write an entry");
  ::chmod(cache_.c_str(), 0700);
}

TEST_F(RuleSetCacheTest, EntriesOfFilesNoLongerLoadedAreRemoved) {
  dir_.Write("rules/other.yaml",
             absl::StrReplaceAll(BundledYaml(),
                                 {{"id: led-fy2563", "id: led-other"}}));
  const Loaded both = LoadWithCache(rules_, cache_);
  ASSERT_TRUE(both.index.ok()) << both.index.status();
  EXPECT_EQ(both.stats.cache_stored, 2);
  ASSERT_THAT(Entries(cache_), SizeIs(2));
  // Files of other names are never touched, and neither are a fresh
  // temporary file (a write in progress) or an odd entry-like name.
  const std::string mine = dir_.Write("cache/notes.txt", "mine");
  const std::string odd = dir_.Write("cache/rule-set-xyz.cache", "odd");
  const std::string fresh = dir_.Write(
      absl::StrCat("cache/.", Entries(cache_)[0], ".123-0-1"), "fresh");
  const std::string stale = dir_.Write(
      absl::StrCat("cache/.", Entries(cache_)[0], ".123-1-1"), "stale");
  const struct timespec old_times[2] = {{1, 0}, {1, 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, stale.c_str(), old_times, 0), 0);

  // A load that fails removes nothing.
  dir_.Write("rules/broken.yaml", "id: [");
  EXPECT_FALSE(LoadWithCache(rules_, cache_).index.ok());
  EXPECT_THAT(Entries(cache_), SizeIs(2));
  EXPECT_TRUE(fs::exists(stale));
  fs::remove(dir_ / "rules/broken.yaml");

  fs::remove(dir_ / "rules/other.yaml");
  const Loaded one = LoadWithCache(rules_, cache_);
  ASSERT_TRUE(one.index.ok()) << one.index.status();
  EXPECT_EQ(one.stats.from_cache, 1);
  EXPECT_EQ(one.stats.cache_removed, 2);  // The entry and the stale file.
  EXPECT_THAT(Entries(cache_), SizeIs(1));
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(fresh));
  EXPECT_EQ(ReadFile(mine), "mine");
  EXPECT_EQ(ReadFile(odd), "odd");
}

TEST_F(RuleSetCacheTest, ARuleFileWithProblemsReportsThemAsTodayAndStoresNothing) {
  // One that does not parse, one that parses but does not check (the
  // weights no longer add up), beside the good one.
  dir_.Write("rules/broken.yaml", "id: led-broken\nunits: [\n");
  const std::string unchecked = absl::StrReplaceAll(
      BundledYaml(), {{"id: led-fy2563", "id: led-unchecked"},
                      {"weight_total: \"100\"", "weight_total: \"99\""}});
  ASSERT_NE(unchecked, BundledYaml());
  dir_.Write("rules/unchecked.yaml", unchecked);
  fs::remove(file_);

  const absl::StatusOr<std::shared_ptr<const RuleSetIndex>> uncached =
      RuleSetIndex::Load(rules_);
  ASSERT_FALSE(uncached.ok());
  ASSERT_THAT(Problems(uncached.status()), SizeIs(::testing::Ge(2u)));
  for (int load = 0; load < 2; ++load) {
    const Loaded cached = LoadWithCache(rules_, cache_);
    ASSERT_FALSE(cached.index.ok());
    EXPECT_EQ(cached.index.status().code(), uncached.status().code());
    EXPECT_EQ(Problems(cached.index.status()), Problems(uncached.status()));
    EXPECT_EQ(cached.stats.from_cache, 0);
    EXPECT_EQ(cached.stats.cache_stored, 0);
    EXPECT_THAT(Entries(cache_), IsEmpty());
  }
}

}  // namespace
}  // namespace scorecard::rules
