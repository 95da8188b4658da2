// Reads a YAML document into any protobuf message, by reflection.
//
// Rule files may be written in YAML; this is the one place YAML meets the
// schema. The document's maps name fields by their proto name ("fiscal_year")
// or their JSON name ("fiscalYear"); sequences fill repeated fields; maps fill
// message fields. Scalars convert by the field's type:
//
//   string, bytes   the scalar's text verbatim: `weight: 10.50` is "10.50"
//   integers        decimal integers in range ("2563", "-1")
//   float, double   decimal numbers, ".inf", "-.inf", ".nan"
//   bool            true or false (any case)
//   enum            the value's name ("ROUNDING_HALF_UP") or, ignoring case,
//                   the name without the enum's prefix ("half_up")
//
// A null value (`title:`, `title: ~`, `title: null`) leaves the field unset,
// as null does in the proto3 JSON mapping. Proto map fields read from YAML
// maps. Well-known types (Timestamp, Any, ...) get no special treatment.
//
//   scorecard::v1::RuleSetConfig config;
//   absl::Status status = YamlToProto(text, "rules/led.yaml", &config);
//
// Every problem is reported, not just the first: the error is
// INVALID_ARGUMENT with one "source:line:column: what" line per problem
// (1-based line and column). YAML syntax errors are reported the same way.
// No exception escapes.
//
// Thread-safety: a pure function; calls on different messages may run
// concurrently.

#ifndef SCORECARD_RULES_YAML_TO_PROTO_H_
#define SCORECARD_RULES_YAML_TO_PROTO_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace scorecard::rules {

// Merges the YAML document `yaml` into `*message`. `source` names the
// document in error messages (usually its path). An empty document (or one
// that is only comments) leaves the message unchanged; a stream of more than
// one document is an error. On error `*message` may hold part of the
// document.
absl::Status YamlToProto(absl::string_view yaml, absl::string_view source,
                         google::protobuf::Message* message);

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_YAML_TO_PROTO_H_
