// YAML text as a tree of nodes that know where they were written: the parser
// behind yaml_to_proto.h, kept apart from what the nodes mean to a message.
//
//   YamlDocument document;
//   if (std::optional<YamlSyntaxError> error =
//           ParseYamlDocument(text, &document)) { ... error->line ... }
//   if (document.root != nullptr) { ... document.root->children ... }
//
// The syntax is YAML 1.1 as libyaml reads it (the parser PyYAML uses, also
// what Kubernetes' YAML 1.1 tools expect); a rule file's YAML is the common
// subset of 1.1 and 1.2. Scalars keep their text: what a scalar means (a
// number, a bool) is for the reader of the tree to decide by the field it
// fills. Only null is resolved here (see YamlNode::Kind::kNull).
//
// Aliases are resolved while parsing: an alias's place in the tree holds the
// very node its anchor named, so a node may have several parents, and an
// alias inside the node its anchor names makes a cycle. A reader of the tree
// must bound its walk (yaml_to_proto.h does). Nothing here recurses, so
// deep nesting cannot exhaust the stack; nesting beyond kMaxYamlNesting is a
// syntax error all the same, to keep readers' recursion bounded too.
//
// Thread-safety: ParseYamlDocument is a pure function. A YamlDocument is
// not changed after parsing and may then be read from several threads.

#ifndef SCORECARD_RULES_YAML_PARSER_H_
#define SCORECARD_RULES_YAML_PARSER_H_

#include <cstdint>
#include <memory_resource>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace scorecard::rules {

// How deep maps and lists may nest.
inline constexpr int kMaxYamlNesting = 130;

// One node of a YAML document. Nodes, their text and their lists of
// children live in the YamlDocument's memory.
struct YamlNode {
  enum class Kind : uint8_t {
    // An untagged plain scalar that is empty, "~", "null", "Null" or
    // "NULL", or any scalar tagged !!null. A quoted "null" is a kScalar.
    kNull,
    kScalar,
    kList,
    kMap,
  };

  Kind kind = Kind::kNull;
  // Where the node starts: 1-based line and byte column.
  int line = 0;
  int column = 0;
  // A scalar's text (a kNull's too, as written), escapes and folding
  // applied.
  absl::string_view text;
  // kList: the elements in order. kMap: keys and values alternating (key,
  // value, key, value, ...), in order; a key given twice is kept twice.
  absl::Span<const YamlNode* const> children;
};

// A parsed YAML stream: its first document's tree, and how many documents
// the stream holds. Not copyable or movable: nodes point into its memory.
struct YamlDocument {
  YamlDocument() = default;
  YamlDocument(const YamlDocument&) = delete;
  YamlDocument& operator=(const YamlDocument&) = delete;

  // The first document's root; null when the stream holds no document (it
  // is empty, or only comments).
  const YamlNode* root = nullptr;
  // How many nodes the first document writes out (an alias is not a node:
  // it names one). Later documents are only counted, not kept.
  int64_t node_count = 0;
  // How many documents the stream holds.
  int document_count = 0;
  // Where the second document starts, when there is one.
  int second_document_line = 0;
  int second_document_column = 0;
  // Holds every node, text and list of children, freed all at once.
  std::pmr::monotonic_buffer_resource memory;
};

// A YAML syntax error, and where it is (1-based; line 0 when the parser
// gave no position).
struct YamlSyntaxError {
  int line = 0;
  int column = 0;
  // What is wrong, in the parser's words; valid UTF-8, bounded in length.
  std::string what;
};

// Parses `yaml` into `*document` (which should be empty). Returns the first
// syntax error, if any; `*document` then holds what was read before it.
std::optional<YamlSyntaxError> ParseYamlDocument(absl::string_view yaml,
                                                 YamlDocument* document);

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_YAML_PARSER_H_
