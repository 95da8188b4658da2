#include "rules/yaml_parser.h"

#include <yaml.h>

#include <algorithm>
#include <new>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "rules/utf8.h"

namespace scorecard::rules {
namespace {

using Kind = YamlNode::Kind;

// How much of a parser's message an error keeps (yaml_to_proto.cc cuts it
// further).
constexpr size_t kMaxMessageCharacters = 400;

constexpr absl::string_view kNullTag = "tag:yaml.org,2002:null";

bool IsNullSpelling(absl::string_view text) {
  return text.empty() || text == "~" || text == "null" || text == "Null" ||
         text == "NULL";
}

YamlSyntaxError SyntaxError(int line, int column, absl::string_view what) {
  return YamlSyntaxError{line, column, QuoteText(what, kMaxMessageCharacters)};
}

// Turns a parser's positions into 1-based line and byte column, the way
// the JSON and text-format readers count columns. Parsers give character
// positions; the cursor scans the text once, forwards, keeping the byte
// offset where the current line starts. Positions come in document order,
// so the scan is linear in the text; a position before the cursor (only
// ever an error's context) restarts it.
class PositionCursor final {
 public:
  explicit PositionCursor(absl::string_view text) : text_(text) {
    if (absl::StartsWith(text_, "\xEF\xBB\xBF")) {
      start_ = 3;  // Parsers skip a byte-order mark without counting it.
    }
    Restart();
  }

  // Moves to the character at `char_index` (counted from the start of the
  // text, after any byte-order mark).
  void MoveToCharacter(size_t char_index) {
    if (char_index < char_index_) Restart();
    while (char_index_ < char_index && byte_ < text_.size()) Step();
  }

  // Moves to byte `offset` of the text.
  void MoveToByte(size_t offset) {
    if (offset < byte_) Restart();
    while (byte_ < offset && byte_ < text_.size()) Step();
  }

  // The 1-based line and byte column of where the cursor is.
  int line() const { return line_; }
  int column() const { return static_cast<int>(byte_ - line_start_) + 1; }

 private:
  void Restart() {
    char_index_ = 0;
    byte_ = start_;
    line_start_ = start_;
    line_ = 1;
  }

  // Steps over one character, noting a line break: LF, CR (alone or before
  // LF), and YAML 1.1's NEL, LS and PS.
  void Step() {
    const unsigned char c = static_cast<unsigned char>(text_[byte_]);
    ++char_index_;
    if (c < 0x80) {
      ++byte_;
      if (c == '\n' ||
          (c == '\r' && (byte_ == text_.size() || text_[byte_] != '\n'))) {
        NewLine();
      }
      return;
    }
    const absl::string_view rest = text_.substr(byte_);
    size_t width = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    width = std::min(width, rest.size());
    byte_ += width;
    if (absl::StartsWith(rest, "\xC2\x85") ||
        absl::StartsWith(rest, "\xE2\x80\xA8") ||
        absl::StartsWith(rest, "\xE2\x80\xA9")) {
      NewLine();
    }
  }

  void NewLine() {
    line_start_ = byte_;
    ++line_;
  }

  const absl::string_view text_;
  size_t start_ = 0;
  size_t char_index_ = 0;
  size_t byte_ = 0;
  size_t line_start_ = 0;
  int line_ = 1;
};

// Builds a YamlDocument from a parser's events, resolving anchors and
// aliases and bounding the nesting. Positions are 1-based; 0 when unknown.
//
// Every node, text and list of children is allocated from the document's
// monotonic memory: a rule file of 5,000 units has ~700,000 nodes, and one
// allocation each (plus one per text and per list) cost more than parsing.
// The children of the collections being read wait on one stack; when a
// collection ends, its children are copied from the stack's top into one
// array of their own.
class TreeBuilder final {
 public:
  explicit TreeBuilder(YamlDocument* document) : document_(document) {}

  void StartDocument(int line, int column) {
    ++document_->document_count;
    anchors_.clear();
    if (document_->document_count == 2) {
      document_->second_document_line = line;
      document_->second_document_column = column;
    }
  }

  std::optional<YamlSyntaxError> StartCollection(Kind kind, int line,
                                                 int column,
                                                 absl::string_view anchor) {
    if (++nesting_ > kMaxYamlNesting) {
      return SyntaxError(line, column,
                         absl::StrCat("maps and lists nested more than ",
                                      kMaxYamlNesting, " deep"));
    }
    YamlNode* node = AddNode(kind, line, column, anchor);
    if (node != nullptr) open_.push_back(OpenCollection{node, waiting_.size()});
    return std::nullopt;
  }

  void EndCollection() {
    --nesting_;
    if (!building() || open_.empty()) return;
    const OpenCollection collection = open_.back();
    open_.pop_back();
    const size_t count = waiting_.size() - collection.first_child;
    if (count == 0) return;
    auto* children = static_cast<const YamlNode**>(document_->memory.allocate(
        count * sizeof(const YamlNode*), alignof(const YamlNode*)));
    std::copy(waiting_.begin() + collection.first_child, waiting_.end(),
              children);
    collection.node->children = absl::MakeConstSpan(children, count);
    waiting_.resize(collection.first_child);
  }

  // `plain` when the scalar is plain (unquoted, not a block scalar); `tag`
  // is the resolved tag, empty when there is none.
  void AddScalar(absl::string_view text, bool plain, absl::string_view tag,
                 int line, int column, absl::string_view anchor) {
    const bool null =
        tag == kNullTag || (tag.empty() && plain && IsNullSpelling(text));
    YamlNode* node =
        AddNode(null ? Kind::kNull : Kind::kScalar, line, column, anchor);
    if (node == nullptr || text.empty()) return;
    char* copy = static_cast<char*>(document_->memory.allocate(text.size(), 1));
    std::copy(text.begin(), text.end(), copy);
    node->text = absl::string_view(copy, text.size());
  }

  std::optional<YamlSyntaxError> AddAlias(absl::string_view anchor, int line,
                                          int column) {
    if (!building()) return std::nullopt;
    const auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      return SyntaxError(
          line, column,
          absl::StrCat("the alias *", anchor,
                       " names no anchor (&name) given before it"));
    }
    Attach(it->second);
    return std::nullopt;
  }

 private:
  struct OpenCollection {
    YamlNode* node;
    size_t first_child;  // Where its children start in waiting_.
  };

  // Only the first document is built; later ones are only counted.
  bool building() const { return document_->document_count == 1; }

  YamlNode* AddNode(Kind kind, int line, int column,
                    absl::string_view anchor) {
    if (document_->document_count == 2 &&
        document_->second_document_line == 0) {
      // The second document's start had no position of its own.
      document_->second_document_line = line;
      document_->second_document_column = column;
    }
    if (!building()) return nullptr;
    YamlNode* node = new (document_->memory.allocate(
        sizeof(YamlNode), alignof(YamlNode))) YamlNode();
    static_assert(std::is_trivially_destructible_v<YamlNode>,
                  "nodes are freed with the memory they live in");
    ++document_->node_count;
    node->kind = kind;
    node->line = line;
    node->column = column;
    // Registered before the node's content is read, so that an alias
    // inside the node may name it (a cycle; readers bound their walks).
    if (!anchor.empty()) anchors_[anchor] = node;
    Attach(node);
    return node;
  }

  void Attach(const YamlNode* node) {
    if (open_.empty()) {
      if (document_->root == nullptr) document_->root = node;
    } else {
      waiting_.push_back(node);
    }
  }

  YamlDocument* const document_;
  std::vector<OpenCollection> open_;  // Innermost last.
  std::vector<const YamlNode*> waiting_;  // Children of open_, in order.
  int nesting_ = 0;
  absl::flat_hash_map<std::string, const YamlNode*> anchors_;
};

// --- libyaml ----------------------------------------------------------------

absl::string_view Text(const yaml_char_t* text) {
  return text == nullptr ? absl::string_view()
                         : absl::string_view(reinterpret_cast<const char*>(text));
}

// Owns a libyaml parser.
class LibyamlParser final {
 public:
  LibyamlParser() { initialized_ = yaml_parser_initialize(&parser_) != 0; }
  ~LibyamlParser() {
    if (initialized_) yaml_parser_delete(&parser_);
  }
  LibyamlParser(const LibyamlParser&) = delete;
  LibyamlParser& operator=(const LibyamlParser&) = delete;

  bool initialized() const { return initialized_; }
  yaml_parser_t* get() { return &parser_; }

 private:
  yaml_parser_t parser_;
  bool initialized_ = false;
};

// The parser's error, with its position (and its context's, the construct
// it was reading, as libyaml words it: "while parsing a flow sequence").
YamlSyntaxError ParserError(const yaml_parser_t& parser,
                            PositionCursor* cursor) {
  if (parser.error == YAML_MEMORY_ERROR) {
    return SyntaxError(0, 0, "out of memory");
  }
  std::string what = parser.problem != nullptr ? parser.problem : "";
  if (parser.error == YAML_READER_ERROR) {
    // A byte that is not UTF-8 text, or a control character: the reader
    // gives a byte offset rather than a mark.
    cursor->MoveToByte(parser.problem_offset);
    return SyntaxError(cursor->line(), cursor->column(), what);
  }
  if (parser.context != nullptr) {
    cursor->MoveToCharacter(parser.context_mark.index);
    absl::StrAppend(&what, " (", parser.context, " at ",
                    parser.context_mark.line + 1, ":", cursor->column(), ")");
  }
  cursor->MoveToCharacter(parser.problem_mark.index);
  return SyntaxError(static_cast<int>(parser.problem_mark.line) + 1,
                     cursor->column(), what);
}

// Reads one event into the tree; returns a problem that ends the parse.
std::optional<YamlSyntaxError> AddEvent(const yaml_event_t& event,
                                        PositionCursor* cursor,
                                        TreeBuilder* builder) {
  cursor->MoveToCharacter(event.start_mark.index);
  const int line = static_cast<int>(event.start_mark.line) + 1;
  const int column = cursor->column();
  switch (event.type) {
    case YAML_DOCUMENT_START_EVENT:
      builder->StartDocument(line, column);
      return std::nullopt;
    case YAML_MAPPING_START_EVENT:
      return builder->StartCollection(
          Kind::kMap, line, column, Text(event.data.mapping_start.anchor));
    case YAML_SEQUENCE_START_EVENT:
      return builder->StartCollection(
          Kind::kList, line, column, Text(event.data.sequence_start.anchor));
    case YAML_MAPPING_END_EVENT:
    case YAML_SEQUENCE_END_EVENT:
      builder->EndCollection();
      return std::nullopt;
    case YAML_SCALAR_EVENT:
      builder->AddScalar(
          absl::string_view(
              reinterpret_cast<const char*>(event.data.scalar.value),
              event.data.scalar.length),
          event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE,
          Text(event.data.scalar.tag), line, column,
          Text(event.data.scalar.anchor));
      return std::nullopt;
    case YAML_ALIAS_EVENT:
      return builder->AddAlias(Text(event.data.alias.anchor), line, column);
    default:
      return std::nullopt;
  }
}

}  // namespace

std::optional<YamlSyntaxError> ParseYamlDocument(absl::string_view yaml,
                                                 YamlDocument* document) {
  LibyamlParser parser;
  if (!parser.initialized()) return SyntaxError(0, 0, "out of memory");
  static const unsigned char kEmpty[] = "";
  yaml_parser_set_input_string(
      parser.get(),
      yaml.empty() ? kEmpty : reinterpret_cast<const unsigned char*>(yaml.data()),
      yaml.size());
  yaml_parser_set_encoding(parser.get(), YAML_UTF8_ENCODING);
  TreeBuilder builder(document);
  PositionCursor cursor(yaml);
  while (true) {
    yaml_event_t event;
    if (yaml_parser_parse(parser.get(), &event) == 0) {
      return ParserError(*parser.get(), &cursor);
    }
    std::optional<YamlSyntaxError> problem =
        AddEvent(event, &cursor, &builder);
    const bool end = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    if (problem.has_value()) return problem;
    if (end) return std::nullopt;
  }
}

}  // namespace scorecard::rules
