#include "rules/sha256.h"

#include <openssl/evp.h>

namespace scorecard::rules {

Sha256::Sha256() : context_(EVP_MD_CTX_new()) {
  ok_ = context_ != nullptr &&
        EVP_DigestInit_ex(context_, EVP_sha256(), nullptr) == 1;
}

Sha256::~Sha256() { EVP_MD_CTX_free(context_); }

void Sha256::Add(absl::string_view bytes) {
  ok_ = ok_ && EVP_DigestUpdate(context_, bytes.data(), bytes.size()) == 1;
}

std::string Sha256::Finish() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  ok_ = ok_ && EVP_DigestFinal_ex(context_, digest, &length) == 1 &&
        length == kSha256Bytes;
  if (!ok_) return "";
  return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string Sha256Of(absl::string_view bytes) {
  Sha256 hash;
  hash.Add(bytes);
  return hash.Finish();
}

}  // namespace scorecard::rules
