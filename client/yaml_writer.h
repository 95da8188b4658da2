// Writing YAML that the rule loader (rules/yaml_to_proto.h) reads back as it
// was meant: every string double-quoted and escaped, so that no title, id or
// number can turn into something else ("null", "1.10" read as a number, a
// '#' starting a comment, a line break).
//
//   YamlQuote("กอง \"ก\"\n")  == "\"กอง \\\"ก\\\"\\n\""
//   std::string yaml = MessageToYaml(config, {{"units[1]", {"weights sum to
//   90"}}});
//
// `rules infer` writes its draft with it, `rules show --format yaml` a
// server's rule set, and the TAP writer its diagnostics.
//
// Thread-safety: pure functions, safe for concurrent use.

#ifndef SCORECARD_CLIENT_YAML_WRITER_H_
#define SCORECARD_CLIENT_YAML_WRITER_H_

#include <map>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace scorecard::client {

// Returns `text` as a YAML double-quoted scalar. Bytes that are not UTF-8
// become U+FFFD; characters YAML does not allow raw (control characters,
// DEL, C1 controls, U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF) are escaped.
std::string YamlQuote(absl::string_view text);

// Comment lines to write before parts of a message, by path: "" is the top
// of the document, "units" the field, "units[1]" its second item,
// "units[1].indicators[0]" an item inside it.
using YamlComments = std::map<std::string, std::vector<std::string>>;

// Returns `message` as a YAML block mapping: the fields that are set, in
// declaration order, by their proto names; strings quoted by YamlQuote,
// enums by their value names, repeated scalars as flow lists, messages and
// lists of messages as blocks, proto maps as maps. Each line starts with
// `indent` spaces.
std::string MessageToYaml(const google::protobuf::Message& message,
                          const YamlComments& comments = {}, int indent = 0);

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_YAML_WRITER_H_
