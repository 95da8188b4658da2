#include "rules/yaml_parser.h"

#include <libfyaml.h>

#include <algorithm>
#include <optional>
#include <string>
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

  // The 1-based byte column of where the cursor is.
  int column() const { return static_cast<int>(byte_ - line_start_) + 1; }

 private:
  void Restart() {
    char_index_ = 0;
    byte_ = start_;
    line_start_ = start_;
  }

  // Steps over one character, noting a line break: LF, CR (alone or before
  // LF), and YAML 1.1's NEL, LS and PS.
  void Step() {
    const unsigned char c = static_cast<unsigned char>(text_[byte_]);
    size_t width = 1;
    if (c >= 0xF0) {
      width = 4;
    } else if (c >= 0xE0) {
      width = 3;
    } else if (c >= 0xC0) {
      width = 2;
    }
    width = std::min(width, text_.size() - byte_);
    const absl::string_view character = text_.substr(byte_, width);
    byte_ += width;
    ++char_index_;
    if (c == '\n' || (c == '\r' && !absl::StartsWith(text_.substr(byte_), "\n")) ||
        character == "\xC2\x85" || character == "\xE2\x80\xA8" ||
        character == "\xE2\x80\xA9") {
      line_start_ = byte_;
    }
  }

  const absl::string_view text_;
  size_t start_ = 0;
  size_t char_index_ = 0;
  size_t byte_ = 0;
  size_t line_start_ = 0;
};

// Builds a YamlDocument from a parser's events, resolving anchors and
// aliases and bounding the nesting. Positions are 1-based; 0 when unknown.
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
    if (node != nullptr) open_.push_back(node);
    return std::nullopt;
  }

  void EndCollection() {
    --nesting_;
    if (building() && !open_.empty()) open_.pop_back();
  }

  // `plain` when the scalar is plain (unquoted, not a block scalar); `tag`
  // is the resolved tag, empty when there is none.
  void AddScalar(absl::string_view text, bool plain, absl::string_view tag,
                 int line, int column, absl::string_view anchor) {
    const bool null =
        tag == kNullTag || (tag.empty() && plain && IsNullSpelling(text));
    YamlNode* node =
        AddNode(null ? Kind::kNull : Kind::kScalar, line, column, anchor);
    if (node != nullptr) node->text = std::string(text);
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

  // Where the second document starts, when its start event had no position
  // of its own: where its first node does.
  void LocateSecondDocument(int line, int column) {
    if (document_->document_count == 2 &&
        document_->second_document_line == 0) {
      document_->second_document_line = line;
      document_->second_document_column = column;
    }
  }

 private:
  // Only the first document is built; later ones are only counted.
  bool building() const { return document_->document_count == 1; }

  YamlNode* AddNode(Kind kind, int line, int column,
                    absl::string_view anchor) {
    LocateSecondDocument(line, column);
    if (!building()) return nullptr;
    YamlNode& node = document_->nodes.emplace_back();
    node.kind = kind;
    node.line = line;
    node.column = column;
    // Registered before the node's content is read, so that an alias
    // inside the node may name it (a cycle; readers bound their walks).
    if (!anchor.empty()) anchors_[anchor] = &node;
    Attach(&node);
    return &node;
  }

  void Attach(const YamlNode* node) {
    if (open_.empty()) {
      if (document_->root == nullptr) document_->root = node;
    } else {
      open_.back()->children.push_back(node);
    }
  }

  YamlDocument* const document_;
  std::vector<YamlNode*> open_;  // The collections being read, innermost last.
  int nesting_ = 0;
  absl::flat_hash_map<std::string, const YamlNode*> anchors_;
};

// --- libfyaml ---------------------------------------------------------------

absl::string_view TokenText(fy_token* token) {
  if (token == nullptr) return {};
  size_t length = 0;
  const char* text = fy_token_get_text(token, &length);
  return text == nullptr ? absl::string_view() : absl::string_view(text, length);
}

// Owns a parser and the diagnostics object that collects its errors (rather
// than printing them).
class FyParser final {
 public:
  FyParser() {
    fy_diag_cfg diag_config;
    fy_diag_cfg_default(&diag_config);
    diag_config.fp = nullptr;
    diag_config.output_fn = [](fy_diag*, void*, const char*, size_t) {};
    diag_config.colorize = false;
    diag_ = fy_diag_create(&diag_config);
    if (diag_ == nullptr) return;
    fy_diag_set_collect_errors(diag_, true);
    fy_parse_cfg config{};
    config.flags = static_cast<fy_parse_cfg_flags>(FYPCF_QUIET |
                                                   FYPCF_JSON_NONE);
    config.diag = diag_;
    parser_ = fy_parser_create(&config);
  }
  ~FyParser() {
    if (parser_ != nullptr) fy_parser_destroy(parser_);
    if (diag_ != nullptr) fy_diag_destroy(diag_);
  }
  FyParser(const FyParser&) = delete;
  FyParser& operator=(const FyParser&) = delete;

  fy_parser* get() const { return parser_; }

  // The first error the parser reported.
  YamlSyntaxError FirstError() const {
    void* iterator = nullptr;
    if (const fy_diag_error* error =
            fy_diag_errors_iterate(diag_, &iterator)) {
      return SyntaxError(error->line > 0 ? error->line : 0,
                         error->line > 0 ? error->column : 0,
                         error->msg != nullptr ? error->msg : "");
    }
    return SyntaxError(0, 0, "the YAML parser failed");
  }

 private:
  fy_diag* diag_ = nullptr;
  fy_parser* parser_ = nullptr;
};

// Reads one event into the tree; returns a problem that ends the parse.
std::optional<YamlSyntaxError> AddEvent(fy_event& event,
                                        PositionCursor* cursor,
                                        TreeBuilder* builder) {
  const fy_mark* mark = fy_event_start_mark(&event);
  const bool known = mark != nullptr && mark->line >= 0;
  if (known) cursor->MoveToByte(mark->input_pos);
  const int line = known ? mark->line + 1 : 0;
  const int column = known ? cursor->column() : 0;
  switch (event.type) {
    case FYET_DOCUMENT_START:
      builder->StartDocument(line, column);
      return std::nullopt;
    case FYET_MAPPING_START:
      return builder->StartCollection(Kind::kMap, line, column,
                                      TokenText(event.mapping_start.anchor));
    case FYET_SEQUENCE_START:
      return builder->StartCollection(Kind::kList, line, column,
                                      TokenText(event.sequence_start.anchor));
    case FYET_MAPPING_END:
    case FYET_SEQUENCE_END:
      builder->EndCollection();
      return std::nullopt;
    case FYET_SCALAR:
      builder->AddScalar(
          TokenText(event.scalar.value),
          fy_token_scalar_style(event.scalar.value) == FYSS_PLAIN,
          TokenText(event.scalar.tag), line, column,
          TokenText(event.scalar.anchor));
      return std::nullopt;
    case FYET_ALIAS:
      return builder->AddAlias(TokenText(event.alias.anchor), line, column);
    default:
      return std::nullopt;
  }
}

}  // namespace

std::optional<YamlSyntaxError> ParseYamlDocument(absl::string_view yaml,
                                                 YamlDocument* document) {
  FyParser parser;
  if (parser.get() == nullptr ||
      fy_parser_set_string(parser.get(), yaml.empty() ? "" : yaml.data(),
                           yaml.size()) != 0) {
    return SyntaxError(0, 0, "cannot start the YAML parser");
  }
  TreeBuilder builder(document);
  PositionCursor cursor(yaml);
  while (fy_event* event = fy_parser_parse(parser.get())) {
    std::optional<YamlSyntaxError> problem =
        AddEvent(*event, &cursor, &builder);
    fy_parser_event_free(parser.get(), event);
    if (problem.has_value()) return problem;
  }
  if (fy_parser_get_stream_error(parser.get())) return parser.FirstError();
  return std::nullopt;
}

}  // namespace scorecard::rules
