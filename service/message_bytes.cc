#include "service/message_bytes.h"

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/unknown_field_set.h"
#include "grpcpp/impl/codegen/proto_utils.h"
#include "grpcpp/support/proto_buffer_reader.h"
#include "grpcpp/support/proto_buffer_writer.h"
#include "grpcpp/support/slice.h"
#include "rules/utf8.h"
#include "service/error_details.h"

namespace scorecard::service {
namespace {

namespace pb = ::google::protobuf;

std::string Flatten(const grpc::ByteBuffer& bytes) {
  std::vector<grpc::Slice> slices;
  std::string flat;
  if (!bytes.Dump(&slices).ok()) return flat;
  for (const grpc::Slice& slice : slices) {
    flat.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return flat;
}

// Returns the path of the first string field of `fields` (the wire form of
// a message of type `type`) whose value is not UTF-8, or "" when there is
// none. Repeated fields are indexed from 0: "entries[2].title".
std::string FindFieldNotUtf8(const pb::UnknownFieldSet& fields,
                             const pb::Descriptor& type,
                             const std::string& prefix) {
  absl::flat_hash_map<int, int> occurrences;
  for (int i = 0; i < fields.field_count(); ++i) {
    const pb::UnknownField& field = fields.field(i);
    const int index = occurrences[field.number()]++;
    const pb::FieldDescriptor* descriptor =
        type.FindFieldByNumber(field.number());
    if (descriptor == nullptr ||
        field.type() != pb::UnknownField::TYPE_LENGTH_DELIMITED) {
      continue;
    }
    std::string path = absl::StrCat(prefix, descriptor->name());
    if (descriptor->is_repeated()) absl::StrAppend(&path, "[", index, "]");
    if (descriptor->type() == pb::FieldDescriptor::TYPE_STRING) {
      if (!rules::IsValidUtf8(field.length_delimited())) return path;
    } else if (descriptor->type() == pb::FieldDescriptor::TYPE_MESSAGE) {
      pb::UnknownFieldSet inner;
      if (inner.ParseFromString(field.length_delimited())) {
        std::string found = FindFieldNotUtf8(inner, *descriptor->message_type(),
                                             absl::StrCat(path, "."));
        if (!found.empty()) return found;
      }
    }
  }
  return "";
}

// Why some bytes do not parse, and the field at fault when one is.
struct ParseFailure {
  std::string why;
  std::string field;  // Empty when no one field is at fault.
};

// Says why `bytes` do not parse as a message of type `type`. Only called
// once parsing has failed, so it may take its time.
ParseFailure WhyNotParsed(const std::string& bytes, const pb::Descriptor& type) {
  pb::UnknownFieldSet fields;
  if (!fields.ParseFromString(bytes)) {
    return {"the bytes are cut short or are not a protobuf message", ""};
  }
  std::string field = FindFieldNotUtf8(fields, type, "");
  if (!field.empty()) {
    std::string why = absl::StrCat(field, " is not valid UTF-8");
    return {std::move(why), std::move(field)};
  }
  return {"the bytes do not parse as that message", ""};
}

}  // namespace

absl::Status ParseRequest(const grpc::ByteBuffer& bytes, absl::string_view what,
                          pb::Message* message) {
  const std::string type = message->GetDescriptor()->name();
  if (!bytes.Valid()) {
    return BadRequestError(
        kReasonMalformedRequest, "",
        absl::StrCat(what, " is missing: the call carried no ", type));
  }
  // The reader only reads; it takes a non-const buffer, so it gets a copy
  // (which shares the slices).
  grpc::ByteBuffer copy(bytes);
  {
    grpc::ProtoBufferReader reader(&copy);
    if (reader.status().ok() && message->ParseFromZeroCopyStream(&reader)) {
      return absl::OkStatus();
    }
  }
  const ParseFailure failure =
      WhyNotParsed(Flatten(bytes), *message->GetDescriptor());
  return BadRequestError(
      kReasonMalformedRequest, failure.field,
      absl::StrCat(what, " is not a valid ", type, ": ", failure.why));
}

absl::Status SerializeResponse(const pb::Message& message,
                               grpc::ByteBuffer* bytes) {
  bytes->Clear();  // The writer wants an empty buffer.
  bool own_buffer = false;
  const grpc::Status status =
      grpc::GenericSerialize<grpc::ProtoBufferWriter, pb::Message>(
          message, bytes, &own_buffer);
  if (!status.ok()) {
    return absl::InternalError(
        absl::StrCat("cannot serialise the ", message.GetDescriptor()->name(),
                     ": ", status.error_message()));
  }
  return absl::OkStatus();
}

}  // namespace scorecard::service
