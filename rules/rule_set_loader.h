// Reads rule files: one rule set per file, in YAML, JSON (the proto3 JSON
// mapping) or text proto, all into scorecard.v1.RuleSetConfig. The format
// follows the file's extension. A folder of rule files (for example a
// Kubernetes ConfigMap mounted as a volume) loads in one call.
//
//   absl::StatusOr<std::vector<RuleSetFile>> files =
//       LoadRuleSetFiles("/etc/scorecard/rules");
//   for (const RuleSetFile& file : *files) { ... file.config ... }
//
// Every problem of every file is reported at once, each starting with the
// file it is in (and line:column where the format tells), as a list
// (rules/problems.h) in the status.
//
// Thread-safety: free functions with no shared state, safe for concurrent
// use. LoadRuleSetFiles reads the file system, which may change under it; a
// file replaced mid-read is read either before or after (files are read
// whole, once).

#ifndef SCORECARD_RULES_RULE_SET_LOADER_H_
#define SCORECARD_RULES_RULE_SET_LOADER_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "scorecard/v1/rule_set_config.pb.h"

namespace scorecard::rules {

// The languages a rule file may be written in.
enum class RuleFileFormat {
  kYaml,       // .yaml, .yml; see yaml_to_proto.h.
  kJson,       // .json; the proto3 JSON mapping, unknown fields rejected.
  kTextProto,  // .textproto, .txtpb, .pbtxt; protobuf text format.
};

// Returns the format a file's extension names (ASCII case ignored), or
// nullopt when it names none of the formats above.
std::optional<RuleFileFormat> RuleFileFormatForPath(absl::string_view path);

// The largest rule file read, in bytes (256 MiB: a national rule set of
// 5,000 units is a few MiB).
inline constexpr size_t kMaxRuleFileBytes = size_t{256} << 20;

// Parses the rule file `content` written in `format`. `source` names the file
// in error messages, each of which starts with it. Content that is not UTF-8
// text (a binary file, another encoding) is rejected (text_file.h). A leading
// UTF-8 byte-order mark is ignored. Does not check the rule set itself (see
// rule_set_check.h; RuleSet::Compile does) nor fill in its revision (Compile
// does, after filling in defaults). Errors are INVALID_ARGUMENT, carrying
// every problem (rules/problems.h).
absl::StatusOr<scorecard::v1::RuleSetConfig> ParseRuleSetFile(
    absl::string_view content, RuleFileFormat format, absl::string_view source);

class RuleSetCache;  // rule_set_cache.h

// A rule set and the file it came from.
struct RuleSetFile {
  std::string path;  // As found: a folder's path joined with the file's name.
  scorecard::v1::RuleSetConfig config;
  // With a cache: the file's entry key (RuleSetCache::Lookup::key), and
  // whether `config` came from the entry rather than the parser. Without
  // one: empty and false.
  std::string cache_key;
  bool from_cache = false;
};

// The rule files found at a path: those that parsed, and one problem line
// (naming the file) for each that did not.
struct RuleSetFiles {
  std::vector<RuleSetFile> files;
  std::vector<std::string> problems;
};

// Reads the rule file `path`, or every rule file in the folder `path`, and
// parses each (ParseRuleSetFile), going on past files that fail.
//
// A folder's files load in order of name (byte order); not recursively;
// files with none of the extensions above are left alone, and so are names
// starting with '.' (a ConfigMap volume's "..data" and its timestamped
// folders) and rule-set test suites, whose names end in _test.yaml or
// _test.yml (scorecardctl rules test; they may sit beside the rules they
// test). A test suite given as `path` itself is INVALID_ARGUMENT. Symbolic links are followed, so a ConfigMap's top-level links
// load as the files they point to.
//
// Fails only for the path itself: a missing `path` is NOT_FOUND, and so is a
// folder with no rule file; both name the path. RuleSetIndex::Load compiles
// what this reads and adds the rule sets' own problems.
//
// With a `cache` (optional, not owned), each file's bytes are looked up in
// it once read: on a hit the parser and the text check are skipped (the
// entry was stored from a file of the same bytes that passed them); on a
// miss the file is parsed as without one. Nothing is stored here: see
// RuleSetIndex::Load.
absl::StatusOr<RuleSetFiles> ReadRuleSetFiles(const std::string& path,
                                              RuleSetCache* cache = nullptr);

// Like ReadRuleSetFiles, but any file's problem fails the whole load: every
// problem of every file in one INVALID_ARGUMENT status (rules/problems.h).
absl::StatusOr<std::vector<RuleSetFile>> LoadRuleSetFiles(
    const std::string& path);

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_RULE_SET_LOADER_H_
