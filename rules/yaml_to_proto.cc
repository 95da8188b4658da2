#include "rules/yaml_to_proto.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "rules/problems.h"
#include "rules/thai_text.h"
#include "rules/utf8.h"
#include "rules/yaml_parser.h"

namespace scorecard::rules {
namespace {

using ::google::protobuf::Descriptor;
using ::google::protobuf::EnumDescriptor;
using ::google::protobuf::EnumValueDescriptor;
using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::OneofDescriptor;
using ::google::protobuf::Reflection;

using Kind = YamlNode::Kind;

// How much of a parser's description of a syntax error a message keeps.
constexpr size_t kMaxSyntaxErrorCharacters = 200;

// Messages nested kMaxYamlDepth deep, each a map in a list, must parse, so
// that the depth limit is the reader's, reported with the field's path.
static_assert(kMaxYamlNesting >= 2 * kMaxYamlDepth + 2);

// Returns the document's `text` as a message quotes it: cut short
// (QuoteText), with control characters escaped ("\n", "\t", "\x1b"), so
// that a scalar holding a line break cannot split an error line in two.
std::string Quote(absl::string_view text,
                  size_t max_characters = kMaxQuotedCharacters) {
  const std::string cut = QuoteText(text, max_characters);
  std::string out;
  out.reserve(cut.size());
  for (const char c : cut) {
    const unsigned char byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7F) {
      absl::StrAppend(&out, "\\x", absl::Hex(byte, absl::kZeroPad2));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string KindOf(const YamlNode& node) {
  switch (node.kind) {
    case Kind::kMap:
      return "a map";
    case Kind::kList:
      return "a list";
    case Kind::kScalar:
      return absl::StrCat("the scalar \"", Quote(node.text), "\"");
    case Kind::kNull:
      break;
  }
  return "null";
}

// Where a value sits in the message being read: a chain from the value up
// to the document's top, rendered ("units[0].indicators[3].weight",
// `targets["2.1"]`) only when a problem is reported there. Lives on the
// reader's stack.
struct FieldPath {
  const FieldPath* parent = nullptr;
  absl::string_view field;        // A field's name, or empty.
  int index = -1;                 // A list element's index, or -1.
  const YamlNode* key = nullptr;  // A map entry's key, or null.
};

std::string Render(const FieldPath* path) {
  std::vector<const FieldPath*> steps;
  for (; path != nullptr; path = path->parent) steps.push_back(path);
  std::string out;
  for (auto step = steps.rbegin(); step != steps.rend(); ++step) {
    if (!(*step)->field.empty()) {
      absl::StrAppend(&out, out.empty() ? "" : ".", (*step)->field);
    }
    if ((*step)->index >= 0) absl::StrAppend(&out, "[", (*step)->index, "]");
    if ((*step)->key != nullptr) {
      absl::StrAppend(&out, "[\"", Quote((*step)->key->text), "\"]");
    }
  }
  return out;
}

// "TitlePolicy" -> "TITLE_POLICY_": the prefix AIP-126 puts on every value.
std::string EnumValuePrefix(const EnumDescriptor& enum_type) {
  std::string prefix;
  const std::string& name = enum_type.name();
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (i > 0 && absl::ascii_isupper(c) &&
        (absl::ascii_islower(name[i - 1]) ||
         absl::ascii_isdigit(name[i - 1]))) {
      prefix.push_back('_');
    }
    prefix.push_back(absl::ascii_toupper(c));
  }
  prefix.push_back('_');
  return prefix;
}

// Finds the enum value named `text`: its exact name, or its name with or
// without the enum's prefix ignoring case ("half_up" for ROUNDING_HALF_UP).
const EnumValueDescriptor* FindEnumValue(const EnumDescriptor& enum_type,
                                         absl::string_view text) {
  if (const EnumValueDescriptor* exact =
          enum_type.FindValueByName(std::string(text))) {
    return exact;
  }
  const std::string prefix = EnumValuePrefix(enum_type);
  for (int i = 0; i < enum_type.value_count(); ++i) {
    const EnumValueDescriptor* value = enum_type.value(i);
    absl::string_view name = value->name();
    if (absl::EqualsIgnoreCase(name, text)) return value;
    if (absl::StartsWith(name, prefix) &&
        absl::EqualsIgnoreCase(name.substr(prefix.size()), text)) {
      return value;
    }
  }
  return nullptr;
}

// Descriptor::FindFieldByJsonName arrived after protobuf 3.21.
const FieldDescriptor* FindFieldByJsonName(const Descriptor& descriptor,
                                           absl::string_view name) {
  for (int i = 0; i < descriptor.field_count(); ++i) {
    if (descriptor.field(i)->json_name() == name) return descriptor.field(i);
  }
  return nullptr;
}

bool ParseYamlDouble(absl::string_view text, double* out) {
  const std::string lower = absl::AsciiStrToLower(text);
  if (lower == ".inf" || lower == "+.inf") {
    *out = std::numeric_limits<double>::infinity();
    return true;
  }
  if (lower == "-.inf") {
    *out = -std::numeric_limits<double>::infinity();
    return true;
  }
  if (lower == ".nan") {
    *out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  return absl::SimpleAtod(text, out);
}

// Walks a parsed YAML document and a message together, recording every
// problem. Counts the nodes it visits: aliases can make a small document's
// graph expand into an exponential number of visits, so the walk stops once
// aliases have added as many visits as the document has nodes, or
// kMaxYamlAliasedNodes if that is more.
class YamlReader final {
 public:
  YamlReader(absl::string_view source, int64_t document_nodes)
      : source_(source),
        alias_allowance_(std::max(document_nodes, kMaxYamlAliasedNodes)),
        visit_budget_(document_nodes + alias_allowance_) {}

  // Records a problem at 1-based `line`:`column` (no position when line is
  // 0) in the field at `path` (none when null).
  void AddError(int line, int column, const FieldPath* path,
                absl::string_view what) {
    if (errors_.size() >= kMaxYamlProblems) {
      ++errors_left_out_;
      return;
    }
    std::string error = std::string(source_);
    if (line > 0) absl::StrAppend(&error, ":", line, ":", column);
    absl::StrAppend(&error, ": ");
    if (path != nullptr) absl::StrAppend(&error, Render(path), ": ");
    absl::StrAppend(&error, what);
    errors_.push_back(std::move(error));
  }

  void AddError(const YamlNode& node, const FieldPath* path,
                absl::string_view what) {
    AddError(node.line, node.column, path, what);
  }

  // Returns the problems recorded, or OK when there were none.
  absl::Status Result() const {
    if (errors_.empty()) return absl::OkStatus();
    std::vector<std::string> problems = errors_;
    if (errors_left_out_ > 0) {
      problems.push_back(absl::StrCat(source_, ": and ", errors_left_out_,
                                      " more problem",
                                      errors_left_out_ == 1 ? "" : "s",
                                      " not listed"));
    }
    return ProblemsError(absl::StatusCode::kInvalidArgument,
                         std::move(problems));
  }

  // Reads the map `node` into `*message`.
  void ReadMessage(const YamlNode& node, const FieldPath* path, int depth,
                   Message* message) {
    if (!Visit(node)) return;
    if (depth > kMaxYamlDepth) {
      AddError(node, path,
               absl::StrCat("nested more than ", kMaxYamlDepth,
                            " levels deep"));
      return;
    }
    if (node.kind == Kind::kNull) return;
    const Descriptor& descriptor = *message->GetDescriptor();
    if (node.kind != Kind::kMap) {
      AddError(node, path,
               absl::StrCat("expected a map of ", descriptor.full_name(),
                            " fields, found ", KindOf(node)));
      return;
    }
    // The line where each field was first given, to report it being given
    // twice (also as "fiscal_year" and "fiscalYear").
    absl::InlinedVector<int, 32> first_given_at(descriptor.field_count(), 0);
    for (size_t i = 0; i + 1 < node.children.size() && !stopped_; i += 2) {
      const YamlNode& key = *node.children[i];
      const YamlNode& value = *node.children[i + 1];
      if (!Visit(key)) return;
      if (key.kind != Kind::kScalar) {
        AddError(key, path,
                 absl::StrCat("expected a field name, found ", KindOf(key)));
        continue;
      }
      const absl::string_view name = key.text;
      const FieldDescriptor* field =
          descriptor.FindFieldByName(std::string(name));
      if (field == nullptr) field = FindFieldByJsonName(descriptor, name);
      if (field == nullptr) {
        std::vector<std::string> names;
        for (int f = 0; f < descriptor.field_count(); ++f) {
          names.push_back(descriptor.field(f)->name());
        }
        AddError(key, path,
                 absl::StrCat("unknown field \"", Quote(name), "\" in ",
                              descriptor.full_name(), " (its fields: ",
                              absl::StrJoin(names, ", "), ")"));
        continue;
      }
      const FieldPath field_path{path, field->name()};
      int& first_line = first_given_at[field->index()];
      if (first_line > 0) {
        AddError(key, &field_path,
                 absl::StrCat("given twice (first at line ", first_line,
                              ")"));
        continue;
      }
      first_line = key.line;
      ReadField(value, &field_path, field, depth, message);
    }
  }

 private:
  // Counts a visit to `node`; returns false (once recording why) when the
  // walk has run out of visits and must stop.
  bool Visit(const YamlNode& node) {
    if (stopped_) return false;
    if (++visits_ <= visit_budget_) return true;
    stopped_ = true;
    AddError(node, nullptr,
             absl::StrCat("aliases expand the document by more than ",
                          alias_allowance_,
                          " nodes; write the repeated parts out, or repeat "
                          "them less"));
    return false;
  }

  void ReadField(const YamlNode& value, const FieldPath* path,
                 const FieldDescriptor* field, int depth, Message* message) {
    if (value.kind == Kind::kNull) return;  // As in proto3 JSON: not set.
    if (const OneofDescriptor* oneof = field->real_containing_oneof()) {
      const Reflection& reflection = *message->GetReflection();
      if (reflection.HasOneof(*message, oneof)) {
        AddError(
            value, path,
            absl::StrCat(
                "cannot be given together with \"",
                reflection.GetOneofFieldDescriptor(*message, oneof)->name(),
                "\": both belong to oneof \"", oneof->name(), "\""));
        return;
      }
    }
    if (field->is_map()) {
      ReadMapField(value, path, field, depth, message);
    } else if (field->is_repeated()) {
      if (value.kind != Kind::kList) {
        AddError(value, path,
                 absl::StrCat("expected a list, found ", KindOf(value)));
        return;
      }
      int index = 0;
      for (const YamlNode* element : value.children) {
        if (stopped_) return;
        const FieldPath element_path{path, {}, index++};
        if (element->kind == Kind::kNull) {
          AddError(*element, &element_path, "null is not allowed in a list");
          continue;
        }
        ReadValue(*element, &element_path, field, depth, message);
      }
    } else {
      ReadValue(value, path, field, depth, message);
    }
  }

  void ReadMapField(const YamlNode& value, const FieldPath* path,
                    const FieldDescriptor* field, int depth,
                    Message* message) {
    if (value.kind != Kind::kMap) {
      AddError(value, path,
               absl::StrCat("expected a map, found ", KindOf(value)));
      return;
    }
    const Descriptor& entry_type = *field->message_type();
    const FieldDescriptor* key_field = entry_type.map_key();
    const FieldDescriptor* value_field = entry_type.map_value();
    const Reflection& reflection = *message->GetReflection();
    for (size_t i = 0; i + 1 < value.children.size() && !stopped_; i += 2) {
      const YamlNode& key = *value.children[i];
      const YamlNode& entry_value = *value.children[i + 1];
      if (key.kind != Kind::kScalar) {
        if (!Visit(key)) return;
        AddError(key, path,
                 absl::StrCat("expected a scalar map key, found ",
                              KindOf(key)));
        continue;
      }
      const FieldPath entry_path{path, {}, -1, &key};
      Message* map_entry = reflection.AddMessage(message, field);
      ReadValue(key, &entry_path, key_field, depth, map_entry);
      if (entry_value.kind != Kind::kNull) {
        ReadValue(entry_value, &entry_path, value_field, depth, map_entry);
      }
    }
  }

  // Converts one YAML value and sets `field` of `*message` to it, or adds it
  // when the field is repeated.
  void ReadValue(const YamlNode& value, const FieldPath* path,
                 const FieldDescriptor* field, int depth, Message* message) {
    const Reflection& reflection = *message->GetReflection();
    const bool repeated = field->is_repeated();
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      Message* child = repeated ? reflection.AddMessage(message, field)
                                : reflection.MutableMessage(message, field);
      ReadMessage(value, path, depth + 1, child);
      return;
    }
    if (!Visit(value)) return;
    if (value.kind != Kind::kScalar) {
      AddError(value, path,
               absl::StrCat("expected a scalar (", field->type_name(),
                            "), found ", KindOf(value)));
      return;
    }
    const absl::string_view text = value.text;
    const auto bad = [&](absl::string_view expected) {
      AddError(value, path,
               absl::StrCat("\"", Quote(text), "\" is not ", expected));
    };
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        if (field->type() == FieldDescriptor::TYPE_STRING &&
            !IsValidUtf8(text)) {
          bad("valid UTF-8 text");
          return;
        }
        repeated ? reflection.AddString(message, field, std::string(text))
                 : reflection.SetString(message, field, std::string(text));
        return;
      case FieldDescriptor::CPPTYPE_INT32: {
        int32_t v;
        if (!absl::SimpleAtoi(text, &v)) return bad("a 32-bit integer");
        repeated ? reflection.AddInt32(message, field, v)
                 : reflection.SetInt32(message, field, v);
        return;
      }
      case FieldDescriptor::CPPTYPE_INT64: {
        int64_t v;
        if (!absl::SimpleAtoi(text, &v)) return bad("a 64-bit integer");
        repeated ? reflection.AddInt64(message, field, v)
                 : reflection.SetInt64(message, field, v);
        return;
      }
      case FieldDescriptor::CPPTYPE_UINT32: {
        uint32_t v;
        if (!absl::SimpleAtoi(text, &v)) {
          return bad("an unsigned 32-bit integer");
        }
        repeated ? reflection.AddUInt32(message, field, v)
                 : reflection.SetUInt32(message, field, v);
        return;
      }
      case FieldDescriptor::CPPTYPE_UINT64: {
        uint64_t v;
        if (!absl::SimpleAtoi(text, &v)) {
          return bad("an unsigned 64-bit integer");
        }
        repeated ? reflection.AddUInt64(message, field, v)
                 : reflection.SetUInt64(message, field, v);
        return;
      }
      case FieldDescriptor::CPPTYPE_DOUBLE: {
        double v;
        if (!ParseYamlDouble(text, &v)) return bad("a number");
        repeated ? reflection.AddDouble(message, field, v)
                 : reflection.SetDouble(message, field, v);
        return;
      }
      case FieldDescriptor::CPPTYPE_FLOAT: {
        double v;
        if (!ParseYamlDouble(text, &v)) return bad("a number");
        if (std::isfinite(v) &&
            std::fabs(v) > std::numeric_limits<float>::max()) {
          return bad("a number in the range of a float");
        }
        repeated ? reflection.AddFloat(message, field, static_cast<float>(v))
                 : reflection.SetFloat(message, field, static_cast<float>(v));
        return;
      }
      case FieldDescriptor::CPPTYPE_BOOL: {
        bool v;
        if (absl::EqualsIgnoreCase(text, "true")) {
          v = true;
        } else if (absl::EqualsIgnoreCase(text, "false")) {
          v = false;
        } else {
          return bad("true or false");
        }
        repeated ? reflection.AddBool(message, field, v)
                 : reflection.SetBool(message, field, v);
        return;
      }
      case FieldDescriptor::CPPTYPE_ENUM: {
        const EnumDescriptor& enum_type = *field->enum_type();
        const EnumValueDescriptor* v = FindEnumValue(enum_type, text);
        if (v == nullptr) {
          std::vector<std::string> names;
          for (int i = 0; i < enum_type.value_count(); ++i) {
            names.push_back(enum_type.value(i)->name());
          }
          return bad(absl::StrCat(
              "a value of ", enum_type.full_name(), ": expected one of ",
              absl::StrJoin(names, ", "), " (the prefix \"",
              EnumValuePrefix(enum_type), "\" may be left out, in any case)"));
        }
        repeated ? reflection.AddEnum(message, field, v)
                 : reflection.SetEnum(message, field, v);
        return;
      }
      case FieldDescriptor::CPPTYPE_MESSAGE:
        break;  // Handled above.
    }
  }

  const absl::string_view source_;
  const int64_t alias_allowance_;
  const int64_t visit_budget_;
  int64_t visits_ = 0;
  bool stopped_ = false;
  std::vector<std::string> errors_;
  int64_t errors_left_out_ = 0;
};

}  // namespace

absl::Status YamlToProto(absl::string_view yaml, absl::string_view source,
                         google::protobuf::Message* message) {
  YamlDocument document;
  const std::optional<YamlSyntaxError> syntax_error =
      ParseYamlDocument(yaml, &document);
  YamlReader reader(source, document.node_count);
  if (syntax_error.has_value()) {
    reader.AddError(syntax_error->line, syntax_error->column, nullptr,
                    absl::StrCat("invalid YAML: ", Quote(syntax_error->what, kMaxSyntaxErrorCharacters)));
  } else if (document.document_count > 1) {
    reader.AddError(document.second_document_line,
                    document.second_document_column, nullptr,
                    absl::StrCat("holds ", document.document_count,
                                 " YAML documents; a rule file holds one"));
  } else if (document.root != nullptr) {
    reader.ReadMessage(*document.root, nullptr, 0, message);
  }
  return reader.Result();
}

}  // namespace scorecard::rules
