#include "rules/yaml_to_proto.h"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
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

namespace scorecard::rules {
namespace {

using ::google::protobuf::Descriptor;
using ::google::protobuf::EnumDescriptor;
using ::google::protobuf::EnumValueDescriptor;
using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::OneofDescriptor;
using ::google::protobuf::Reflection;

// Deeper nesting than any schema of ours needs; it also stops a YAML alias
// that refers to the node it sits in from recursing forever.
constexpr int kMaxDepth = 64;

std::string KindOf(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return absl::StrCat("the scalar \"", node.Scalar(), "\"");
    case YAML::NodeType::Null:
      return "null";
    case YAML::NodeType::Undefined:
      break;
  }
  return "nothing";
}

std::string FieldPath(absl::string_view parent, absl::string_view name) {
  return parent.empty() ? std::string(name) : absl::StrCat(parent, ".", name);
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

// Walks a YAML tree and a message together, recording every problem.
class YamlReader final {
 public:
  explicit YamlReader(absl::string_view source) : source_(source) {}

  const std::vector<std::string>& errors() const { return errors_; }

  void AddError(const YAML::Mark& mark, absl::string_view path,
                absl::string_view what) {
    std::string line = std::string(source_);
    if (!mark.is_null()) {
      absl::StrAppend(&line, ":", mark.line + 1, ":", mark.column + 1);
    }
    absl::StrAppend(&line, ": ");
    if (!path.empty()) absl::StrAppend(&line, path, ": ");
    absl::StrAppend(&line, what);
    errors_.push_back(std::move(line));
  }

  // Reads the map `node` into `*message`. `fallback` locates problems with
  // nodes that carry no position of their own.
  void ReadMessage(const YAML::Node& node, const YAML::Mark& fallback,
                   const std::string& path, int depth, Message* message) {
    const YAML::Mark mark = MarkOf(node, fallback);
    if (depth > kMaxDepth) {
      AddError(mark, path,
               absl::StrCat("nested more than ", kMaxDepth, " levels deep"));
      return;
    }
    if (node.IsNull()) return;
    const Descriptor& descriptor = *message->GetDescriptor();
    if (!node.IsMap()) {
      AddError(mark, path,
               absl::StrCat("expected a map of ", descriptor.full_name(),
                            " fields, found ", KindOf(node)));
      return;
    }
    // Where each field was first given, to report it being given twice
    // (also as "fiscal_year" and "fiscalYear").
    absl::flat_hash_map<int, YAML::Mark> given;
    for (const auto& entry : node) {
      const YAML::Node& key = entry.first;
      const YAML::Node& value = entry.second;
      const YAML::Mark key_mark = MarkOf(key, mark);
      if (!key.IsScalar()) {
        AddError(key_mark, path,
                 absl::StrCat("expected a field name, found ", KindOf(key)));
        continue;
      }
      const std::string& name = key.Scalar();
      const FieldDescriptor* field = descriptor.FindFieldByName(name);
      if (field == nullptr) field = FindFieldByJsonName(descriptor, name);
      if (field == nullptr) {
        std::vector<std::string> names;
        for (int i = 0; i < descriptor.field_count(); ++i) {
          names.push_back(descriptor.field(i)->name());
        }
        AddError(key_mark, path,
                 absl::StrCat(
                     "unknown field \"", name, "\" in ", descriptor.full_name(),
                     " (its fields: ", absl::StrJoin(names, ", "), ")"));
        continue;
      }
      const std::string field_path = FieldPath(path, field->name());
      const auto [first, inserted] =
          given.try_emplace(field->number(), key_mark);
      if (!inserted) {
        AddError(key_mark, field_path,
                 first->second.is_null()
                     ? std::string("given twice")
                     : absl::StrCat("given twice (first at line ",
                                    first->second.line + 1, ")"));
        continue;
      }
      ReadField(value, key_mark, field_path, field, depth, message);
    }
  }

 private:
  static YAML::Mark MarkOf(const YAML::Node& node, const YAML::Mark& fallback) {
    const YAML::Mark mark = node.Mark();
    return mark.is_null() ? fallback : mark;
  }

  void ReadField(const YAML::Node& value, const YAML::Mark& key_mark,
                 const std::string& path, const FieldDescriptor* field,
                 int depth, Message* message) {
    const YAML::Mark mark = MarkOf(value, key_mark);
    if (value.IsNull()) return;  // As in proto3 JSON: null means "not set".
    if (const OneofDescriptor* oneof = field->real_containing_oneof()) {
      const Reflection& reflection = *message->GetReflection();
      if (reflection.HasOneof(*message, oneof)) {
        AddError(
            mark, path,
            absl::StrCat(
                "cannot be given together with \"",
                reflection.GetOneofFieldDescriptor(*message, oneof)->name(),
                "\": both belong to oneof \"", oneof->name(), "\""));
        return;
      }
    }
    if (field->is_map()) {
      ReadMapField(value, mark, path, field, depth, message);
    } else if (field->is_repeated()) {
      if (!value.IsSequence()) {
        AddError(mark, path,
                 absl::StrCat("expected a list, found ", KindOf(value)));
        return;
      }
      int index = 0;
      for (const YAML::Node& element : value) {
        const std::string element_path = absl::StrCat(path, "[", index++, "]");
        if (element.IsNull()) {
          AddError(MarkOf(element, mark), element_path,
                   "null is not allowed in a list");
          continue;
        }
        ReadValue(element, mark, element_path, field, depth, message);
      }
    } else {
      ReadValue(value, key_mark, path, field, depth, message);
    }
  }

  void ReadMapField(const YAML::Node& value, const YAML::Mark& mark,
                    const std::string& path, const FieldDescriptor* field,
                    int depth, Message* message) {
    if (!value.IsMap()) {
      AddError(mark, path,
               absl::StrCat("expected a map, found ", KindOf(value)));
      return;
    }
    const Descriptor& entry_type = *field->message_type();
    const FieldDescriptor* key_field = entry_type.map_key();
    const FieldDescriptor* value_field = entry_type.map_value();
    const Reflection& reflection = *message->GetReflection();
    for (const auto& entry : value) {
      const YAML::Mark key_mark = MarkOf(entry.first, mark);
      if (!entry.first.IsScalar()) {
        AddError(key_mark, path,
                 absl::StrCat("expected a scalar map key, found ",
                              KindOf(entry.first)));
        continue;
      }
      const std::string entry_path =
          absl::StrCat(path, "[\"", entry.first.Scalar(), "\"]");
      Message* map_entry = reflection.AddMessage(message, field);
      ReadValue(entry.first, key_mark, entry_path, key_field, depth, map_entry);
      if (!entry.second.IsNull()) {
        ReadValue(entry.second, key_mark, entry_path, value_field, depth,
                  map_entry);
      }
    }
  }

  // Converts one YAML value and sets `field` of `*message` to it, or adds it
  // when the field is repeated.
  void ReadValue(const YAML::Node& value, const YAML::Mark& fallback,
                 const std::string& path, const FieldDescriptor* field,
                 int depth, Message* message) {
    const YAML::Mark mark = MarkOf(value, fallback);
    const Reflection& reflection = *message->GetReflection();
    const bool repeated = field->is_repeated();
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      Message* child = repeated ? reflection.AddMessage(message, field)
                                : reflection.MutableMessage(message, field);
      ReadMessage(value, mark, path, depth + 1, child);
      return;
    }
    if (!value.IsScalar()) {
      AddError(mark, path,
               absl::StrCat("expected a scalar (", field->type_name(),
                            "), found ", KindOf(value)));
      return;
    }
    const std::string& text = value.Scalar();
    const auto bad = [&](absl::string_view expected) {
      AddError(mark, path, absl::StrCat("\"", text, "\" is not ", expected));
    };
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        if (field->type() == FieldDescriptor::TYPE_STRING &&
            !IsValidUtf8(text)) {
          bad("valid UTF-8 text");
          return;
        }
        repeated ? reflection.AddString(message, field, text)
                 : reflection.SetString(message, field, text);
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

  absl::string_view source_;
  std::vector<std::string> errors_;
};

}  // namespace

absl::Status YamlToProto(absl::string_view yaml, absl::string_view source,
                         google::protobuf::Message* message) {
  YamlReader reader(source);
  try {
    const std::vector<YAML::Node> documents = YAML::LoadAll(std::string(yaml));
    if (documents.size() > 1) {
      reader.AddError(documents[1].Mark(), "",
                      absl::StrCat("holds ", documents.size(),
                                   " YAML documents; a rule file holds one"));
    } else if (documents.size() == 1) {
      reader.ReadMessage(documents[0], YAML::Mark::null_mark(), "", 0, message);
    }
  } catch (const YAML::Exception& e) {
    // ParserException among others: a syntax error, with its position.
    reader.AddError(e.mark, "", absl::StrCat("invalid YAML: ", e.msg));
  } catch (const std::exception& e) {
    reader.AddError(YAML::Mark::null_mark(), "",
                    absl::StrCat("cannot read YAML: ", e.what()));
  }
  if (reader.errors().empty()) return absl::OkStatus();
  return ProblemsError(absl::StatusCode::kInvalidArgument, reader.errors());
}

}  // namespace scorecard::rules
