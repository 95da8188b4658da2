#include "rules/rule_set_loader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
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
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"
#include "rules/thai_text.h"
#include "rules/utf8.h"
#include "rules/yaml_to_proto.h"

namespace scorecard::rules {
namespace {

namespace fs = std::filesystem;
using ::scorecard::v1::RuleSetConfig;

constexpr absl::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";
constexpr absl::string_view kRuleFileExtensions =
    ".yaml, .yml, .json, .textproto, .txtpb or .pbtxt";

// Records text-format parse errors with their 1-based line and column.
class TextFormatErrors final : public google::protobuf::io::ErrorCollector {
 public:
  explicit TextFormatErrors(absl::string_view source) : source_(source) {}

  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    // The parser reports -1 for errors that belong to no position.
    if (line < 0) {
      errors_.push_back(absl::StrCat(source_, ": ", message));
    } else {
      errors_.push_back(
          absl::StrCat(source_, ":", line + 1, ":", column + 1, ": ", message));
    }
  }

  const std::vector<std::string>& errors() const { return errors_; }

 private:
  absl::string_view source_;
  std::vector<std::string> errors_;
};

// Rejects content that is not text: rule files are UTF-8.
absl::Status CheckIsUtf8Text(absl::string_view content,
                             absl::string_view source) {
  if (absl::StartsWith(content, "\xFF\xFE") ||
      absl::StartsWith(content, "\xFE\xFF")) {
    return absl::InvalidArgumentError(absl::StrCat(
        source, ": UTF-16 text; rule files are UTF-8 (save it as UTF-8)"));
  }
  if (content.find('\0') != absl::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        source,
        ": a binary file (it holds NUL bytes), not a rule file; rule "
        "files are UTF-8 text"));
  }
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(content, '\n')) {
    ++line_number;
    if (!IsValidUtf8(line)) {
      return absl::InvalidArgumentError(absl::StrCat(
          source, ":", line_number,
          ": not UTF-8 text (a binary file, or another encoding such as "
          "TIS-620); rule files are UTF-8"));
    }
  }
  return absl::OkStatus();
}

// Returns "source[:line:column]: invalid JSON: what" for a JSON parse error.
// protobuf 3.21 words syntax errors as "what\n<excerpt>\n<spaces>^", the
// excerpt being up to 20 bytes either side of the error; when the excerpt
// occurs once in the content, that gives the error's line and (byte) column.
std::string DescribeJsonError(absl::string_view content,
                              absl::string_view source,
                              absl::string_view message) {
  const size_t first_newline = message.find('\n');
  const size_t last_newline = message.rfind('\n');
  if (first_newline == absl::string_view::npos) {
    return absl::StrCat(source, ": invalid JSON: ", message);
  }
  const absl::string_view what = message.substr(0, first_newline);
  if (last_newline > first_newline) {
    const absl::string_view excerpt =
        message.substr(first_newline + 1, last_newline - first_newline - 1);
    const absl::string_view caret = message.substr(last_newline + 1);
    const size_t at = content.find(excerpt);
    if (!caret.empty() && caret.back() == '^' &&
        caret.find_first_not_of(' ') == caret.size() - 1 &&
        at != absl::string_view::npos &&
        content.find(excerpt, at + 1) == absl::string_view::npos) {
      const size_t offset = at + caret.size() - 1;
      const absl::string_view before = content.substr(0, offset);
      const size_t line_start = before.rfind('\n');
      const size_t line = 1 + static_cast<size_t>(std::count(
                                  before.begin(), before.end(), '\n'));
      const size_t column = line_start == absl::string_view::npos
                                ? offset + 1
                                : offset - line_start;
      return absl::StrCat(source, ":", line, ":", column,
                          ": invalid JSON: ", what);
    }
  }
  return absl::StrCat(source, ": invalid JSON: ", what);
}

absl::Status ParseJson(absl::string_view content, absl::string_view source,
                       RuleSetConfig* config) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(content.data(), content.size()), config,
      options);
  if (status.ok()) return absl::OkStatus();
  return absl::InvalidArgumentError(DescribeJsonError(
      content, source,
      absl::string_view(status.message().data(), status.message().size())));
}

absl::Status ParseTextProto(absl::string_view content, absl::string_view source,
                            RuleSetConfig* config) {
  TextFormatErrors errors(source);
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  google::protobuf::io::ArrayInputStream input(
      content.data(), static_cast<int>(content.size()));
  if (parser.Parse(&input, config) && errors.errors().empty()) {
    return absl::OkStatus();
  }
  if (errors.errors().empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": invalid rule set text proto"));
  }
  return absl::InvalidArgumentError(absl::StrJoin(errors.errors(), "\n"));
}

absl::Status ErrnoStatus(int error, const std::string& path,
                         absl::string_view doing) {
  return absl::Status(absl::ErrnoToStatusCode(error),
                      absl::StrCat(path, ": ", doing, ": ",
                                   std::generic_category().message(error)));
}

// Reads the whole regular file, or says why not. The caller has seen a
// regular file at `path`, but it may have been replaced since: opening a
// FIFO would wait for a writer for ever, and reading a device might never
// end. So the file is opened without waiting (O_NONBLOCK, which does not
// change how a regular file reads) and checked again on what was opened.
absl::StatusOr<std::string> ReadFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(errno, path, "cannot open");
  struct stat info;
  if (::fstat(fd, &info) != 0) {
    const int error = errno;
    ::close(fd);
    return ErrnoStatus(error, path, "cannot open");
  }
  if (!S_ISREG(info.st_mode)) {
    ::close(fd);
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": not a regular file"));
  }
  std::string content;
  char buffer[1 << 16];
  while (true) {
    const ssize_t read = ::read(fd, buffer, sizeof buffer);
    if (read > 0) {
      content.append(buffer, static_cast<size_t>(read));
    } else if (read == 0) {
      break;
    } else if (errno != EINTR) {
      const int error = errno;
      ::close(fd);
      return ErrnoStatus(error, path, "cannot read");
    }
  }
  ::close(fd);
  return content;
}

// Reads, parses and checks one rule file, adding its problems to `problems`.
std::optional<RuleSetConfig> LoadRuleSetFile(
    const std::string& path, RuleFileFormat format,
    std::vector<std::string>* problems) {
  absl::StatusOr<std::string> content = ReadFile(path);
  if (!content.ok()) {
    problems->push_back(std::string(content.status().message()));
    return std::nullopt;
  }
  absl::StatusOr<RuleSetConfig> config =
      ParseRuleSetFile(*content, format, path);
  if (!config.ok()) {
    for (absl::string_view line :
         absl::StrSplit(config.status().message(), '\n')) {
      problems->push_back(std::string(line));
    }
    return std::nullopt;
  }
  return *std::move(config);
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
  absl::Status status = CheckIsUtf8Text(content, source);
  if (!status.ok()) return status;
  if (absl::StartsWith(content, kUtf8ByteOrderMark)) {
    content.remove_prefix(kUtf8ByteOrderMark.size());
  }
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

absl::StatusOr<RuleSetFiles> ReadRuleSetFiles(const std::string& path) {
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

  // The files to load, in order, with their formats.
  std::vector<std::pair<std::string, RuleFileFormat>> files;
  std::vector<std::string> problems;
  if (fs::is_directory(root_status)) {
    std::vector<std::string> names;
    for (fs::directory_iterator it(root, ec), end; !ec && it != end;
         it.increment(ec)) {
      names.push_back(it->path().filename().string());
    }
    if (ec) {
      return absl::Status(
          absl::ErrnoToStatusCode(ec.value()),
          absl::StrCat(path, ": cannot list the folder: ", ec.message()));
    }
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      if (absl::StartsWith(name, ".")) continue;
      const std::optional<RuleFileFormat> format = RuleFileFormatForPath(name);
      if (!format.has_value()) continue;
      const fs::path file = root / name;
      // status() follows symbolic links: a ConfigMap's links are files.
      const fs::file_status file_status = fs::status(file, ec);
      if (fs::is_regular_file(file_status)) {
        files.emplace_back(file.string(), *format);
      } else {
        problems.push_back(absl::StrCat(
            file.string(), ": ", DescribeNonFile(file, file_status.type())));
      }
    }
    if (files.empty() && problems.empty()) {
      return absl::NotFoundError(absl::StrCat(
          path, ": the folder holds no rule file (", kRuleFileExtensions, ")"));
    }
  } else if (fs::is_regular_file(root_status)) {
    const std::optional<RuleFileFormat> format = RuleFileFormatForPath(path);
    if (!format.has_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": not a rule file: the name should end in ",
                       kRuleFileExtensions));
    }
    files.emplace_back(path, *format);
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": neither a rule file nor a folder"));
  }

  RuleSetFiles read;
  read.problems = std::move(problems);
  for (const auto& [file, format] : files) {
    std::optional<RuleSetConfig> config =
        LoadRuleSetFile(file, format, &read.problems);
    if (config.has_value()) {
      read.files.push_back(RuleSetFile{file, *std::move(config)});
    }
  }
  return read;
}

absl::StatusOr<std::vector<RuleSetFile>> LoadRuleSetFiles(
    const std::string& path) {
  absl::StatusOr<RuleSetFiles> read = ReadRuleSetFiles(path);
  if (!read.ok()) return read.status();
  if (!read->problems.empty()) {
    return absl::InvalidArgumentError(absl::StrJoin(read->problems, "\n"));
  }
  return std::move(read->files);
}

std::string ContentRevision(const RuleSetConfig& config) {
  RuleSetConfig content = config;
  content.clear_revision();
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream output(&bytes);
    google::protobuf::io::CodedOutputStream coded(&output);
    coded.SetSerializationDeterministic(true);
    content.SerializeToCodedStream(&coded);
  }
  // 64-bit FNV-1a.
  uint64_t hash = 0xcbf29ce484222325u;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3u;
  }
  return absl::StrFormat("%016x", hash);
}

}  // namespace scorecard::rules
