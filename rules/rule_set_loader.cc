#include "rules/rule_set_loader.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"
#include "rules/json_error.h"
#include "rules/problems.h"
#include "rules/rule_set_cache.h"
#include "rules/text_file.h"
#include "rules/utf8.h"
#include "rules/yaml_to_proto.h"

namespace scorecard::rules {
namespace {

namespace fs = std::filesystem;
using ::scorecard::v1::RuleSetConfig;

constexpr absl::string_view kRuleFileExtensions =
    ".yaml, .yml, .json, .textproto, .txtpb or .pbtxt";

// How much of one of protobuf's messages an error keeps.
constexpr size_t kMaxProtobufMessageCharacters = 200;

// Records text-format parse errors with their 1-based line and column.
class TextFormatErrors final : public google::protobuf::io::ErrorCollector {
 public:
  explicit TextFormatErrors(absl::string_view source) : source_(source) {}

  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    // protobuf's tokenizer quotes the byte it stopped at ("got: \xE0" in
    // the middle of a Thai character): the message is made valid and
    // bounded before it goes anywhere.
    const std::string what = QuoteText(message, kMaxProtobufMessageCharacters);
    // The parser reports -1 for errors that belong to no position.
    if (line < 0) {
      errors_.push_back(absl::StrCat(source_, ": ", what));
    } else {
      errors_.push_back(
          absl::StrCat(source_, ":", line + 1, ":", column + 1, ": ", what));
    }
  }

  const std::vector<std::string>& errors() const { return errors_; }

 private:
  absl::string_view source_;
  std::vector<std::string> errors_;
};

absl::Status ParseJson(absl::string_view content, absl::string_view source,
                       RuleSetConfig* config) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(content.data(), content.size()), config,
      options);
  if (status.ok()) return absl::OkStatus();
  // Valid JSON in the wrong shape is not "invalid JSON": say that it is not
  // a rule set, and what it looks like when it is a known wrapper.
  google::protobuf::Value parsed;
  const bool is_json =
      google::protobuf::util::JsonStringToMessage(
          google::protobuf::StringPiece(content.data(), content.size()),
          &parsed)
          .ok();
  std::string kind = is_json ? "valid JSON but not a rule set" : "invalid JSON";
  if (is_json && parsed.has_struct_value() &&
      parsed.struct_value().fields().count("ruleSet") +
              parsed.struct_value().fields().count("rule_set") >
          0) {
    kind += " (it holds one under \"ruleSet\", as a GetRuleSet response "
            "does: save that object alone, or use `scorecardctl rules show`)";
  }
  return absl::InvalidArgumentError(DescribeJsonError(
      content, source, kind,
      absl::string_view(status.message().data(), status.message().size())));
}

// Adds to `problems` each string field of `message` (at the field path
// `path`) that is not valid UTF-8.
void FindNonUtf8Strings(const google::protobuf::Message& message,
                        const std::string& path, absl::string_view source,
                        std::vector<std::string>* problems) {
  using google::protobuf::FieldDescriptor;
  const google::protobuf::Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    const std::string here =
        path.empty() ? field->name() : absl::StrCat(path, ".", field->name());
    const int count =
        field->is_repeated() ? reflection->FieldSize(message, field) : 1;
    for (int i = 0; i < count; ++i) {
      const std::string at =
          field->is_repeated() ? absl::StrCat(here, "[", i, "]") : here;
      if (field->type() == FieldDescriptor::TYPE_STRING) {
        std::string scratch;
        const std::string& value =
            field->is_repeated()
                ? reflection->GetRepeatedStringReference(message, field, i,
                                                         &scratch)
                : reflection->GetStringReference(message, field, &scratch);
        if (!IsValidUtf8(value)) {
          problems->push_back(absl::StrCat(
              source, ": ", at,
              " is not UTF-8 text (an escape such as \\xff stands for a byte "
              "that is not a character; write the character itself)"));
        }
      } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        FindNonUtf8Strings(
            field->is_repeated()
                ? reflection->GetRepeatedMessage(message, field, i)
                : reflection->GetMessage(message, field),
            at, source, problems);
      }
    }
  }
}

absl::Status ParseTextProto(absl::string_view content, absl::string_view source,
                            RuleSetConfig* config) {
  TextFormatErrors errors(source);
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  google::protobuf::io::ArrayInputStream input(
      content.data(), static_cast<int>(content.size()));
  if (parser.Parse(&input, config) && errors.errors().empty()) {
    // The text is UTF-8 (checked before parsing), but a string's escapes
    // ("\xff") can still make bytes that are not.
    std::vector<std::string> problems;
    FindNonUtf8Strings(*config, "", source, &problems);
    if (problems.empty()) return absl::OkStatus();
    return ProblemsError(absl::StatusCode::kInvalidArgument, problems);
  }
  if (errors.errors().empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": invalid rule set text proto"));
  }
  return ProblemsError(absl::StatusCode::kInvalidArgument, errors.errors());
}

// Reads, parses and checks one rule file (or finds it in `cache`, when
// given), adding its problems to `problems`.
std::optional<RuleSetFile> LoadRuleSetFile(const std::string& path,
                                           RuleFileFormat format,
                                           RuleSetCache* cache,
                                           std::vector<std::string>* problems) {
  absl::StatusOr<std::string> content = ReadTextFile(path, kMaxRuleFileBytes);
  if (!content.ok()) {
    AppendProblems(content.status(), problems);
    return std::nullopt;
  }
  RuleSetFile file{path, {}, {}, false};
  if (cache != nullptr) {
    RuleSetCache::Lookup found = cache->Find(*content, format);
    file.cache_key = std::move(found.key);
    if (found.config.has_value()) {
      file.config = *std::move(found.config);
      file.from_cache = true;
      return file;
    }
  }
  absl::StatusOr<RuleSetConfig> config =
      ParseRuleSetFile(*content, format, path);
  if (!config.ok()) {
    AppendProblems(config.status(), problems);
    return std::nullopt;
  }
  file.config = *std::move(config);
  return file;
}

// Whether `name` is a rule-set test suite's: it ends in _test.yaml or
// _test.yml (ASCII case ignored).
bool IsRuleTestSuiteName(absl::string_view name) {
  const std::string lower = absl::AsciiStrToLower(name);
  return absl::EndsWith(lower, "_test.yaml") ||
         absl::EndsWith(lower, "_test.yml");
}

// Describes what is at `path` when it is neither a file nor a folder.
std::string DescribeNonFile(const fs::path& path, fs::file_type type) {
  std::error_code ec;
  if (type == fs::file_type::not_found &&
      fs::is_symlink(fs::symlink_status(path, ec))) {
    return "a symbolic link to nothing";
  }
  switch (type) {
    case fs::file_type::not_found:
      return "no such file or folder";
    case fs::file_type::directory:
      return "a folder, not a rule file";
    default:
      return "not a regular file";
  }
}

// The rule files a path names, before any is read.
struct RuleFileList {
  std::vector<std::pair<std::string, RuleFileFormat>> files;  // In order.
  std::vector<std::string> problems;  // Entries that cannot be rule files.
};

// Lists the rule files of a folder in name order; see ReadRuleSetFiles.
absl::StatusOr<RuleFileList> ListRuleFolder(const fs::path& root) {
  std::error_code ec;
  std::vector<std::string> names;
  for (fs::directory_iterator it(root, ec), end; !ec && it != end;
       it.increment(ec)) {
    names.push_back(it->path().filename().string());
  }
  if (ec) {
    return absl::Status(
        absl::ErrnoToStatusCode(ec.value()),
        absl::StrCat(root.string(), ": cannot list the folder: ", ec.message()));
  }
  std::sort(names.begin(), names.end());
  RuleFileList list;
  for (const std::string& name : names) {
    if (absl::StartsWith(name, ".")) continue;
    // Rule-set test suites (scorecardctl rules test) may sit beside the
    // rules they test; they are not rule files.
    if (IsRuleTestSuiteName(name)) continue;
    const std::optional<RuleFileFormat> format = RuleFileFormatForPath(name);
    if (!format.has_value()) continue;
    const fs::path file = root / name;
    // status() follows symbolic links: a ConfigMap's links are files.
    const fs::file_status file_status = fs::status(file, ec);
    if (fs::is_regular_file(file_status)) {
      list.files.emplace_back(file.string(), *format);
    } else {
      list.problems.push_back(absl::StrCat(
          file.string(), ": ", DescribeNonFile(file, file_status.type())));
    }
  }
  if (list.files.empty() && list.problems.empty()) {
    return absl::NotFoundError(absl::StrCat(root.string(),
                                            ": the folder holds no rule file (",
                                            kRuleFileExtensions, ")"));
  }
  return list;
}

// Lists a single rule file, which must have a rule file's extension.
absl::StatusOr<RuleFileList> ListRuleFile(const std::string& path) {
  const std::optional<RuleFileFormat> format = RuleFileFormatForPath(path);
  if (!format.has_value()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": not a rule file: the name should end in ",
                     kRuleFileExtensions));
  }
  if (IsRuleTestSuiteName(fs::path(path).filename().string())) {
    return absl::InvalidArgumentError(absl::StrCat(
        path, ": a rule-set test suite, not a rule file (run it with "
              "scorecardctl rules test)"));
  }
  RuleFileList list;
  list.files.emplace_back(path, *format);
  return list;
}

// Reads and parses every listed file, going on past those that fail.
RuleSetFiles ParseListedFiles(RuleFileList list, RuleSetCache* cache) {
  RuleSetFiles read;
  read.problems = std::move(list.problems);
  for (const auto& [path, format] : list.files) {
    std::optional<RuleSetFile> file =
        LoadRuleSetFile(path, format, cache, &read.problems);
    if (file.has_value()) read.files.push_back(*std::move(file));
  }
  return read;
}

}  // namespace

std::optional<RuleFileFormat> RuleFileFormatForPath(absl::string_view path) {
  const size_t dot = path.rfind('.');
  const size_t slash = path.rfind('/');
  if (dot == absl::string_view::npos ||
      (slash != absl::string_view::npos && dot < slash)) {
    return std::nullopt;
  }
  const std::string extension = absl::AsciiStrToLower(path.substr(dot + 1));
  if (extension == "yaml" || extension == "yml") return RuleFileFormat::kYaml;
  if (extension == "json") return RuleFileFormat::kJson;
  if (extension == "textproto" || extension == "txtpb" ||
      extension == "pbtxt") {
    return RuleFileFormat::kTextProto;
  }
  return std::nullopt;
}

absl::StatusOr<RuleSetConfig> ParseRuleSetFile(absl::string_view content,
                                               RuleFileFormat format,
                                               absl::string_view source) {
  absl::Status status = CheckUtf8Text(content, source, "rule files");
  if (!status.ok()) return status;
  content = StripByteOrderMark(content);
  RuleSetConfig config;
  switch (format) {
    case RuleFileFormat::kYaml:
      status = YamlToProto(content, source, &config);
      break;
    case RuleFileFormat::kJson:
      status = ParseJson(content, source, &config);
      break;
    case RuleFileFormat::kTextProto:
      status = ParseTextProto(content, source, &config);
      break;
  }
  if (!status.ok()) return status;
  return config;
}

absl::StatusOr<RuleSetFiles> ReadRuleSetFiles(const std::string& path,
                                              RuleSetCache* cache) {
  std::error_code ec;
  const fs::path root(path);
  const fs::file_status root_status = fs::status(root, ec);
  if (root_status.type() == fs::file_type::not_found) {
    return absl::NotFoundError(
        absl::StrCat(path, ": ", DescribeNonFile(root, root_status.type())));
  }
  if (ec) {
    return absl::Status(absl::ErrnoToStatusCode(ec.value()),
                        absl::StrCat(path, ": ", ec.message()));
  }
  absl::StatusOr<RuleFileList> list;
  if (fs::is_directory(root_status)) {
    list = ListRuleFolder(root);
  } else if (fs::is_regular_file(root_status)) {
    list = ListRuleFile(path);
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": neither a rule file nor a folder"));
  }
  if (!list.ok()) return list.status();
  return ParseListedFiles(*std::move(list), cache);
}

absl::StatusOr<std::vector<RuleSetFile>> LoadRuleSetFiles(
    const std::string& path) {
  absl::StatusOr<RuleSetFiles> read = ReadRuleSetFiles(path);
  if (!read.ok()) return read.status();
  if (!read->problems.empty()) {
    return ProblemsError(absl::StatusCode::kInvalidArgument,
                         std::move(read->problems));
  }
  return std::move(read->files);
}

}  // namespace scorecard::rules
