// SHA-256 (OpenSSL's), over one piece of bytes or several as if
// concatenated.
//
//   Sha256 hash;
//   hash.Add(header);
//   hash.Add(payload);
//   const std::string digest = hash.Finish();  // 32 bytes, or empty
//
//   const std::string digest = Sha256Of(bytes);
//
// A digest is the 32 raw bytes; empty when OpenSSL failed, so that it
// matches no real digest. Thread-safety: a Sha256 is for one thread at a
// time; Sha256Of is safe for concurrent use.

#ifndef SCORECARD_RULES_SHA256_H_
#define SCORECARD_RULES_SHA256_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

// OpenSSL's context, kept out of this header.
struct evp_md_ctx_st;

namespace scorecard::rules {

// The size of a SHA-256 digest, in bytes.
inline constexpr size_t kSha256Bytes = 32;

class Sha256 final {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Add(absl::string_view bytes);

  // The digest of everything added; empty when OpenSSL failed. Call once.
  std::string Finish();

 private:
  evp_md_ctx_st* context_;
  bool ok_;
};

// The digest of `bytes`; empty when OpenSSL failed.
std::string Sha256Of(absl::string_view bytes);

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_SHA256_H_
