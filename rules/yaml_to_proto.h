// Reads a YAML document into any protobuf message, by reflection.
//
// Rule files may be written in YAML; this is the one place YAML meets the
// schema. The document's maps name fields by their proto name ("fiscal_year")
// or their JSON name ("fiscalYear"); sequences fill repeated fields; maps fill
// message fields. Scalars convert by the field's type, not by how they look
// (so YAML 1.1's and 1.2's different ideas of what `yes` or `0o17` mean do
// not arise):
//
//   string, bytes   the scalar's text verbatim: `weight: 10.50` is "10.50",
//                   `title: yes` is "yes", `id: 007` is "007"
//   integers        decimal integers in range ("2563", "-1")
//   float, double   decimal numbers, ".inf", "-.inf", ".nan"
//   bool            true or false (any case); not YAML 1.1's yes/no/on/off
//   enum            the value's name ("ROUNDING_HALF_UP") or, ignoring case,
//                   the name without the enum's prefix ("half_up")
//
// A null value (`title:`, `title: ~`, `title: null`, `Null`, `NULL`, or a
// value tagged `!!null`) leaves the field unset, as null does in the proto3
// JSON mapping; a quoted "null" is the text null. Proto map fields read from
// YAML maps. Tags other than `!!null` are ignored; `<<` merge keys are not
// supported (`<<` is an unknown field). Well-known types (Timestamp, Any,
// ...) get no special treatment.
//
// Anchors and aliases work as YAML says: an alias stands for the node its
// anchor names (the most recent anchor of that name before it). An alias
// may even name a node it sits in; such a cycle ends at the depth limit.
//
//   scorecard::v1::RuleSetConfig config;
//   absl::Status status = YamlToProto(text, "rules/led.yaml", &config);
//
// Every problem is reported, not just the first: the error is
// INVALID_ARGUMENT with one "source:line:column: what" line per problem
// (1-based line and column; columns count bytes, as the JSON and text
// format readers do). A YAML syntax error is one such line, and ends the
// reading. At most kMaxYamlProblems lines are listed; a last line says how
// many more there were. Text from the document is quoted in messages cut to
// a bounded length (QuoteText) with control characters escaped ("\n"), so
// an error is valid UTF-8, one line per problem, and never echoes the
// document at length.
//
// Limits, each reported as a problem with its position, so that no document
// can make the reader run for long or use much memory:
//   * messages nested more than kMaxYamlDepth deep (and YAML maps and lists
//     nested more than kMaxYamlNesting deep, yaml_parser.h, whatever they
//     fill);
//   * aliases that would add more node visits to the reading than the
//     document has nodes, or than kMaxYamlAliasedNodes if that is more (a
//     "billion laughs" document, ten aliases of ten aliases of ..., would
//     otherwise cost 10^9 visits and as many messages): aliases may at most
//     double a large document's work, and add a bounded amount to a small
//     one's.
// Work and memory are otherwise linear in the size of the document. The
// parser is libyaml's, which has no recursion and no known unbounded loop.
//
// Thread-safety: a pure function; calls on different messages may run
// concurrently.

#ifndef SCORECARD_RULES_YAML_TO_PROTO_H_
#define SCORECARD_RULES_YAML_TO_PROTO_H_

#include <cstddef>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace scorecard::rules {

// How deep messages may nest (the document's top-level message is depth 0).
inline constexpr int kMaxYamlDepth = 64;

// How many node visits aliases may add to a reading at least (see above).
inline constexpr int64_t kMaxYamlAliasedNodes = 100'000;

// How many problems an error lists.
inline constexpr size_t kMaxYamlProblems = 100;

// Merges the YAML document `yaml` into `*message`. `source` names the
// document in error messages (usually its path). An empty document (or one
// that is only comments) leaves the message unchanged; a stream of more than
// one document is an error. On error `*message` may hold part of the
// document.
absl::Status YamlToProto(absl::string_view yaml, absl::string_view source,
                         google::protobuf::Message* message);

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_YAML_TO_PROTO_H_
