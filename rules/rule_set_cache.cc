#include "rules/rule_set_cache.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <memory>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "rules/release/version.h"
#include "rules/sha256.h"

namespace scorecard::rules {
namespace {

using ::scorecard::v1::RuleSetConfig;

// An entry: this header, then the payload (a serialized RuleSetConfig).
//   0  magic, 8 bytes
//   8  kRuleSetCacheVersion, 4 bytes little-endian
//  12  reserved, 4 bytes, zero (the format is in the key)
//  16  the key, 32 bytes (what the file is named by)
//  48  the payload's length, 8 bytes little-endian
//  56  the payload's SHA-256, 32 bytes
constexpr char kMagic[8] = {'S', 'C', 'R', 'C', 'A', 'C', 'H', 'E'};
constexpr size_t kDigestBytes = kSha256Bytes;
constexpr size_t kHeaderBytes = 8 + 4 + 4 + kDigestBytes + 8 + kDigestBytes;
// A serialized RuleSetConfig is smaller than the text it was parsed from;
// an entry claiming more than this is damaged.
constexpr size_t kMaxPayloadBytes = 4 * kMaxRuleFileBytes;

constexpr absl::string_view kEntryPrefix = "rule-set-";
constexpr absl::string_view kEntrySuffix = ".cache";
constexpr size_t kKeyHexDigits = 2 * kDigestBytes;
// Temporary files: "." + an entry's name + "." + a unique tail. The dot
// keeps them out of a rule folder's load, should the cache sit in one.
constexpr absl::string_view kTemporaryPrefix = ".";
// A temporary file older than this is left from an interrupted write.
constexpr int64_t kAbandonedTemporarySeconds = 3600;

std::string ErrnoText(int error) {
  return std::generic_category().message(error);
}

// Adds the descriptors of `file` and every file it imports, each once.
void AddSchema(const google::protobuf::FileDescriptor* file,
               std::vector<const google::protobuf::FileDescriptor*>* seen,
               Sha256* hash) {
  for (const auto* done : *seen) {
    if (done == file) return;
  }
  seen->push_back(file);
  for (int i = 0; i < file->dependency_count(); ++i) {
    AddSchema(file->dependency(i), seen, hash);
  }
  google::protobuf::FileDescriptorProto proto;
  file->CopyTo(&proto);
  hash->Add(absl::StrCat(proto.ByteSizeLong(), ":"));
  hash->Add(proto.SerializeAsString());
}

// What this build makes of a rule file's bytes, hashed into every key: the
// cache's version, the schema RuleSetConfig was compiled from (every field,
// number and type, as the descriptors say), the release and the commit.
const std::string& BuildIdentity() {
  static const std::string* const identity = [] {
    Sha256 schema;
    std::vector<const google::protobuf::FileDescriptor*> seen;
    AddSchema(RuleSetConfig::descriptor()->file(), &seen, &schema);
    return new std::string(absl::StrCat(
        "scorecard rule set cache\nversion ", kRuleSetCacheVersion,
        "\nschema ", absl::BytesToHexString(schema.Finish()), "\nrelease ",
        release::Version(), "\ncommit ", release::Commit(), "\n"));
  }();
  return *identity;
}

void PutLittleEndian(uint64_t value, int bytes, std::string* out) {
  for (int i = 0; i < bytes; ++i) {
    out->push_back(static_cast<char>((value >> (8 * i)) & 0xff));
  }
}

uint64_t GetLittleEndian(const char* in, int bytes) {
  uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) {
    value |= uint64_t{static_cast<unsigned char>(in[i])} << (8 * i);
  }
  return value;
}

bool IsLowerHex(absl::string_view text) {
  for (const char c : text) {
    if (!absl::ascii_isdigit(c) && !(c >= 'a' && c <= 'f')) return false;
  }
  return true;
}

// The key of an entry's name ("rule-set-<key>.cache"), or empty when
// `name` is not an entry's.
absl::string_view KeyOfEntryName(absl::string_view name) {
  if (!absl::ConsumePrefix(&name, kEntryPrefix) ||
      !absl::ConsumeSuffix(&name, kEntrySuffix) ||
      name.size() != kKeyHexDigits || !IsLowerHex(name)) {
    return "";
  }
  return name;
}

// Whether `name` is a temporary file of this cache's: "." + an entry's name
// + "." + a tail.
bool IsTemporaryName(absl::string_view name) {
  if (!absl::ConsumePrefix(&name, kTemporaryPrefix)) return false;
  const size_t dot = kEntryPrefix.size() + kKeyHexDigits + kEntrySuffix.size();
  return name.size() > dot + 1 && name[dot] == '.' &&
         !KeyOfEntryName(name.substr(0, dot)).empty();
}

// The bytes of a file, read whole.
struct FileBytes {
  std::unique_ptr<char[]> data;  // Not zeroed first: tens of MiB.
  size_t size = 0;
  absl::string_view view() const { return absl::string_view(data.get(), size); }
};

// Reads the whole regular file `name` in the folder `dir_fd`, without
// following a link and without waiting on a FIFO; nullopt when it is not
// one, is larger than `max_bytes`, or does not have the size fstat gave by
// the time it is read (it changed: a miss).
std::optional<FileBytes> ReadWholeFile(int dir_fd, const std::string& name,
                                       size_t max_bytes) {
  const int fd = ::openat(dir_fd, name.c_str(),
                          O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat info;
  std::optional<FileBytes> content;
  if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size >= 0 &&
      static_cast<uint64_t>(info.st_size) <= max_bytes) {
    FileBytes bytes;
    bytes.size = static_cast<size_t>(info.st_size);
    // One byte more, to see that the file ends where fstat said.
    bytes.data.reset(new char[bytes.size + 1]);
    size_t done = 0;
    while (done <= bytes.size) {
      const ssize_t got =
          ::read(fd, bytes.data.get() + done, bytes.size + 1 - done);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) break;
      done += static_cast<size_t>(got);
    }
    if (done == bytes.size) content = std::move(bytes);
  }
  ::close(fd);
  return content;
}

// Writes all of `bytes` to `fd`; false with errno set on failure.
bool WriteAll(int fd, absl::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t wrote = ::write(fd, bytes.data(), bytes.size());
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) {
      if (wrote == 0) errno = EIO;
      return false;
    }
    bytes.remove_prefix(static_cast<size_t>(wrote));
  }
  return true;
}

// A tail for a temporary file's name, unique among this process's writes;
// O_EXCL settles a clash with anyone else's.
std::string UniqueTail() {
  static std::atomic<uint64_t> counter{0};
  struct timespec now;
  ::clock_gettime(CLOCK_REALTIME, &now);
  return absl::StrCat(::getpid(), "-", counter.fetch_add(1), "-", now.tv_sec,
                      now.tv_nsec);
}

}  // namespace

std::string RuleSetCacheEntryName(absl::string_view key) {
  return absl::StrCat(kEntryPrefix, key, kEntrySuffix);
}

std::unique_ptr<RuleSetCache> RuleSetCache::Open(const std::string& folder) {
  const auto off = [&folder](absl::string_view why) {
    return std::unique_ptr<RuleSetCache>(new RuleSetCache(
        folder, -1,
        absl::StrCat("rule cache ", folder, " not used: ", why,
                     "; the rules load without it")));
  };
  if (folder.empty()) return off("no folder given");
  int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {
    if (::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST) {
      return off(absl::StrCat("cannot create the folder: ", ErrnoText(errno)));
    }
    fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  }
  if (fd < 0) {
    return off(errno == ENOTDIR
                   ? std::string("not a folder")
                   : absl::StrCat("cannot open the folder: ",
                                  ErrnoText(errno)));
  }
  struct stat info;
  if (::fstat(fd, &info) != 0) {
    const int error = errno;
    ::close(fd);
    return off(absl::StrCat("cannot stat the folder: ", ErrnoText(error)));
  }
  if (info.st_uid != ::geteuid()) {
    ::close(fd);
    return off(absl::StrCat(
        "the folder belongs to user ", info.st_uid, ", not to this process's (",
        ::geteuid(), "); whoever can write it can change the rules served"));
  }
  if ((info.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    ::close(fd);
    return off(absl::StrFormat(
        "group or others may write the folder (mode %04o); whoever can write "
        "it can change the rules served: chmod 700 it",
        info.st_mode & 07777));
  }
  return std::unique_ptr<RuleSetCache>(new RuleSetCache(folder, fd, ""));
}

RuleSetCache::RuleSetCache(std::string folder, int dir_fd, std::string note)
    : folder_(std::move(folder)), dir_fd_(dir_fd), note_(std::move(note)) {}

RuleSetCache::~RuleSetCache() {
  if (dir_fd_ >= 0) ::close(dir_fd_);
}

void RuleSetCache::Note(std::string note) {
  if (note_.empty()) note_ = std::move(note);
}

RuleSetCache::Lookup RuleSetCache::Find(absl::string_view content,
                                        RuleFileFormat format) {
  Lookup lookup;
  if (!enabled()) return lookup;
  Sha256 hash;
  hash.Add(BuildIdentity());
  hash.Add(absl::StrCat("format ", static_cast<int>(format), "\n"));
  hash.Add(content);
  const std::string digest = hash.Finish();
  if (digest.empty()) return lookup;
  lookup.key = absl::BytesToHexString(digest);
  lookup.config = ReadEntry(RuleSetCacheEntryName(lookup.key), lookup.key);
  if (lookup.config.has_value()) {
    ++hits_;
    used_.insert(lookup.key);
  }
  return lookup;
}

// Every check must pass, in order; the payload is parsed only once its hash
// matches, so what is parsed is exactly what was stored.
std::optional<RuleSetConfig> RuleSetCache::ReadEntry(
    const std::string& name, const std::string& key) const {
  const std::optional<FileBytes> file =
      ReadWholeFile(dir_fd_, name, kHeaderBytes + kMaxPayloadBytes);
  if (!file.has_value() || file->size < kHeaderBytes) return std::nullopt;
  const absl::string_view entry = file->view();
  const char* header = entry.data();
  if (std::memcmp(header, kMagic, sizeof kMagic) != 0 ||
      GetLittleEndian(header + 8, 4) != kRuleSetCacheVersion ||
      GetLittleEndian(header + 12, 4) != 0 ||
      absl::string_view(header + 16, kDigestBytes) !=
          absl::HexStringToBytes(key) ||
      GetLittleEndian(header + 48, 8) != entry.size() - kHeaderBytes) {
    return std::nullopt;
  }
  const absl::string_view payload = entry.substr(kHeaderBytes);
  Sha256 payload_hash;
  payload_hash.Add(payload);
  const std::string digest = payload_hash.Finish();
  if (digest.empty() ||
      absl::string_view(header + 56, kDigestBytes) != digest) {
    return std::nullopt;
  }
  RuleSetConfig config;
  if (!config.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
    return std::nullopt;
  }
  return config;
}

void RuleSetCache::Store(const std::string& key,
                         absl::string_view serialized_config) {
  if (!enabled() || !storing_ || key.size() != kKeyHexDigits) return;
  if (serialized_config.size() > kMaxPayloadBytes) return;
  std::string header(kMagic, sizeof kMagic);
  PutLittleEndian(kRuleSetCacheVersion, 4, &header);
  PutLittleEndian(0, 4, &header);  // Reserved.
  header += absl::HexStringToBytes(key);
  PutLittleEndian(serialized_config.size(), 8, &header);
  Sha256 payload_hash;
  payload_hash.Add(serialized_config);
  const std::string digest = payload_hash.Finish();
  if (digest.empty()) return;
  header += digest;

  const std::string name = RuleSetCacheEntryName(key);
  std::string temporary;
  int fd = -1;
  for (int attempt = 0; attempt < 3 && fd < 0; ++attempt) {
    temporary = absl::StrCat(kTemporaryPrefix, name, ".", UniqueTail());
    // O_EXCL: a name already there (a planted link included) is never
    // opened; mode 0600 whatever the umask allows beyond it.
    fd = ::openat(dir_fd_, temporary.c_str(),
                  O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) {
    Note(absl::StrCat("rule cache ", folder_, ": cannot write an entry: ",
                      ErrnoText(errno), "; the rules load without storing"));
    storing_ = false;
    return;
  }
  const bool wrote =
      WriteAll(fd, header) && WriteAll(fd, serialized_config);
  const int write_error = errno;
  const bool closed = ::close(fd) == 0;
  if (!wrote || !closed ||
      ::renameat(dir_fd_, temporary.c_str(), dir_fd_, name.c_str()) != 0) {
    const int error = !wrote ? write_error : errno;
    ::unlinkat(dir_fd_, temporary.c_str(), 0);
    Note(absl::StrCat("rule cache ", folder_, ": cannot write an entry: ",
                      ErrnoText(error), "; the rules load without storing"));
    storing_ = false;
    return;
  }
  ++stored_;
  used_.insert(key);
}

void RuleSetCache::RemoveUnused() {
  if (!enabled()) return;
  const int list_fd =
      ::openat(dir_fd_, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (list_fd < 0) return;
  DIR* dir = ::fdopendir(list_fd);
  if (dir == nullptr) {
    ::close(list_fd);
    return;
  }
  std::vector<std::string> unused;
  while (const struct dirent* entry = ::readdir(dir)) {
    const absl::string_view name = entry->d_name;
    const absl::string_view key = KeyOfEntryName(name);
    if (!key.empty()) {
      if (!used_.contains(key)) unused.emplace_back(name);
    } else if (IsTemporaryName(name)) {
      struct stat info;
      if (::fstatat(dir_fd_, entry->d_name, &info, AT_SYMLINK_NOFOLLOW) == 0 &&
          info.st_mtime < ::time(nullptr) - kAbandonedTemporarySeconds) {
        unused.emplace_back(name);
      }
    }
  }
  ::closedir(dir);
  for (const std::string& name : unused) {
    if (::unlinkat(dir_fd_, name.c_str(), 0) == 0) ++removed_;
  }
}

}  // namespace scorecard::rules
