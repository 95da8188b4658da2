#include "client/yaml_writer.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/descriptor.h"
#include "rules/utf8.h"

namespace scorecard::client {
namespace {

using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::Reflection;

// Whether YAML 1.2 allows `c` unescaped in a double-quoted scalar.
bool IsPrintable(int32_t c) {
  if (c == 0x09) return true;
  if (c >= 0x20 && c <= 0x7E) return true;
  if (c >= 0xA0 && c <= 0xD7FF) return c != 0x2028 && c != 0x2029;
  if (c >= 0xE000 && c <= 0xFFFD) return c != 0xFEFF;
  return c >= 0x10000 && c <= 0x10FFFF;
}

class Emitter final {
 public:
  explicit Emitter(const YamlComments& comments) : comments_(comments) {}

  void Comments(const std::string& path, int indent) {
    const auto it = comments_.find(path);
    if (it == comments_.end()) return;
    for (const std::string& line : it->second) {
      // A comment runs to the end of its line: a line break in it would end
      // it, so each of its lines gets its own '#'.
      size_t start = 0;
      const std::string text = rules::ToValidUtf8(line);
      while (true) {
        const size_t end = text.find_first_of("\r\n", start);
        out_ += std::string(indent, ' ');
        absl::StrAppend(&out_, "# ", text.substr(start, end - start), "\n");
        if (end == std::string::npos) break;
        start = end + 1;
      }
    }
  }

  // Writes the fields of `message`, the first line prefixed with `first`
  // (a list item's "- ") and the others indented to `indent`.
  void Fields(const Message& message, const std::string& path, int indent,
              const std::string& first);

  std::string Take() && { return std::move(out_); }

 private:
  static std::string Scalar(const Message& m, const FieldDescriptor* f,
                            int index);
  void Field(const Message& message, const FieldDescriptor* field,
             const std::string& path, int indent, std::string lead);

  const YamlComments& comments_;
  std::string out_;
};

std::string Emitter::Scalar(const Message& m, const FieldDescriptor* f,
                            int index) {
  const Reflection* r = m.GetReflection();
  const bool repeated = f->is_repeated();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string scratch;
      return YamlQuote(
          repeated ? r->GetRepeatedStringReference(m, f, index, &scratch)
                   : r->GetStringReference(m, f, &scratch));
    }
    case FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(repeated ? r->GetRepeatedInt32(m, f, index)
                                   : r->GetInt32(m, f));
    case FieldDescriptor::CPPTYPE_INT64:
      return absl::StrCat(repeated ? r->GetRepeatedInt64(m, f, index)
                                   : r->GetInt64(m, f));
    case FieldDescriptor::CPPTYPE_UINT32:
      return absl::StrCat(repeated ? r->GetRepeatedUInt32(m, f, index)
                                   : r->GetUInt32(m, f));
    case FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat(repeated ? r->GetRepeatedUInt64(m, f, index)
                                   : r->GetUInt64(m, f));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return absl::StrFormat("%.17g", repeated
                                          ? r->GetRepeatedDouble(m, f, index)
                                          : r->GetDouble(m, f));
    case FieldDescriptor::CPPTYPE_FLOAT:
      return absl::StrFormat("%.9g", repeated ? r->GetRepeatedFloat(m, f, index)
                                              : r->GetFloat(m, f));
    case FieldDescriptor::CPPTYPE_BOOL:
      return (repeated ? r->GetRepeatedBool(m, f, index) : r->GetBool(m, f))
                 ? "true"
                 : "false";
    case FieldDescriptor::CPPTYPE_ENUM: {
      const int number = repeated ? r->GetRepeatedEnumValue(m, f, index)
                                  : r->GetEnumValue(m, f);
      const auto* value = f->enum_type()->FindValueByNumber(number);
      return value != nullptr ? value->name() : absl::StrCat(number);
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  return "null";
}

void Emitter::Fields(const Message& message, const std::string& path,
                     int indent, const std::string& first) {
  std::vector<const FieldDescriptor*> fields;
  message.GetReflection()->ListFields(message, &fields);
  std::sort(fields.begin(), fields.end(),
            [](const FieldDescriptor* a, const FieldDescriptor* b) {
              return a->index() < b->index();
            });
  if (fields.empty()) {
    absl::StrAppend(&out_, first.empty() ? std::string(indent, ' ') : first,
                    "{}\n");
    return;
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    const std::string field_path =
        path.empty() ? fields[i]->name()
                     : absl::StrCat(path, ".", fields[i]->name());
    std::string lead = std::string(indent, ' ');
    if (i == 0 && !first.empty()) {
      lead = first;
    } else {
      Comments(field_path, indent);
    }
    Field(message, fields[i], field_path, indent, std::move(lead));
  }
}

void Emitter::Field(const Message& message, const FieldDescriptor* field,
                    const std::string& path, int indent, std::string lead) {
  const Reflection* r = message.GetReflection();
  absl::StrAppend(&out_, lead, field->name(), ":");
  if (field->is_map()) {
    out_ += "\n";
    const FieldDescriptor* key = field->message_type()->map_key();
    const FieldDescriptor* value = field->message_type()->map_value();
    for (int i = 0; i < r->FieldSize(message, field); ++i) {
      const Message& entry = r->GetRepeatedMessage(message, field, i);
      absl::StrAppend(&out_, std::string(indent + 2, ' '),
                      key->cpp_type() == FieldDescriptor::CPPTYPE_STRING
                          ? Scalar(entry, key, 0)
                          : YamlQuote(Scalar(entry, key, 0)),
                      ":");
      if (value->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        out_ += "\n";
        Fields(entry.GetReflection()->GetMessage(entry, value),
               absl::StrCat(path, "[", i, "]"), indent + 4, "");
      } else {
        absl::StrAppend(&out_, " ", Scalar(entry, value, 0), "\n");
      }
    }
    return;
  }
  if (!field->is_repeated()) {
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      out_ += "\n";
      Fields(r->GetMessage(message, field), path, indent + 2, "");
    } else {
      absl::StrAppend(&out_, " ", Scalar(message, field, 0), "\n");
    }
    return;
  }
  const int size = r->FieldSize(message, field);
  if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
    out_ += " [";
    for (int i = 0; i < size; ++i) {
      absl::StrAppend(&out_, i > 0 ? ", " : "", Scalar(message, field, i));
    }
    out_ += "]\n";
    return;
  }
  out_ += "\n";
  for (int i = 0; i < size; ++i) {
    const std::string item_path = absl::StrCat(path, "[", i, "]");
    Comments(item_path, indent + 2);
    Fields(r->GetRepeatedMessage(message, field, i), item_path, indent + 4,
           std::string(indent + 2, ' ') + "- ");
  }
}

}  // namespace

std::string YamlQuote(absl::string_view text) {
  std::string out = "\"";
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = pos;
    const int32_t c = rules::DecodeUtf8(text, &pos);
    switch (c) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case -1:
        out += "\\uFFFD";
        continue;
      default:
        break;
    }
    if (IsPrintable(c)) {
      out.append(text.data() + start, pos - start);
    } else if (c <= 0xFF) {
      absl::StrAppendFormat(&out, "\\x%02X", c);
    } else {
      absl::StrAppendFormat(&out, "\\u%04X", c);
    }
  }
  return out + "\"";
}

std::string MessageToYaml(const Message& message, const YamlComments& comments,
                          int indent) {
  Emitter emitter(comments);
  emitter.Comments("", indent);
  emitter.Fields(message, "", indent, "");
  return std::move(emitter).Take();
}

}  // namespace scorecard::client
