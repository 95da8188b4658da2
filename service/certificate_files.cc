#include "service/certificate_files.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <ctime>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "rules/status_macros.h"
#include "rules/text_file.h"

namespace scorecard::service {
namespace {

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct X509Free {
  void operator()(X509* x509) const { X509_free(x509); }
};
struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct BignumFree {
  void operator()(BIGNUM* bignum) const { BN_free(bignum); }
};
using Bio = std::unique_ptr<BIO, BioFree>;
using Certificate = std::unique_ptr<X509, X509Free>;
using PrivateKey = std::unique_ptr<EVP_PKEY, KeyFree>;

Bio ReadOnlyBio(const std::string& content) {
  return Bio(BIO_new_mem_buf(content.data(), static_cast<int>(content.size())));
}

// Whether the error OpenSSL queued when a PEM read returned nothing means
// only "no more PEM blocks" (the end of the data), rather than a block that
// is cut short or damaged. Clears the queue.
bool ReachedEndOfPem() {
  const unsigned long error = ERR_peek_last_error();
  const bool end = error == 0 || (ERR_GET_LIB(error) == ERR_LIB_PEM &&
                                  ERR_GET_REASON(error) == PEM_R_NO_START_LINE);
  ERR_clear_error();
  return end;
}

// Reads every certificate of the PEM text `content` (other PEM blocks, such
// as a key, are skipped). INVALID_ARGUMENT naming `path` when a block is cut
// short or damaged, or when there is no certificate at all.
absl::StatusOr<std::vector<Certificate>> ParseCertificates(
    const std::string& content, const std::string& path) {
  ERR_clear_error();
  Bio bio = ReadOnlyBio(content);
  std::vector<Certificate> certificates;
  while (X509* certificate =
             PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    certificates.emplace_back(certificate);
  }
  if (!ReachedEndOfPem()) {
    return absl::InvalidArgumentError(absl::StrCat(
        path, ": certificate ", certificates.size() + 1,
        " is cut short or damaged (a file caught half-written?)"));
  }
  if (certificates.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": holds no PEM certificate"));
  }
  return certificates;
}

absl::StatusOr<std::string> ReadPemFile(const std::string& path) {
  SCORECARD_ASSIGN_OR_RETURN(
      std::string content, rules::ReadTextFile(path, kMaxCertificateFileBytes));
  return content;
}

std::string SerialHex(const X509& certificate) {
  const std::unique_ptr<BIGNUM, BignumFree> serial(ASN1_INTEGER_to_BN(
      X509_get0_serialNumber(&certificate), nullptr));
  if (serial == nullptr) return "";
  char* hex = BN_bn2hex(serial.get());
  if (hex == nullptr) return "";
  std::string result(hex);
  OPENSSL_free(hex);
  return result;
}

std::string SubjectLine(const X509& certificate) {
  Bio bio(BIO_new(BIO_s_mem()));
  if (bio == nullptr ||
      X509_NAME_print_ex(bio.get(), X509_get_subject_name(&certificate), 0,
                         XN_FLAG_RFC2253) < 0) {
    return "";
  }
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, length > 0 ? length : 0);
}

absl::Time NotAfter(const X509& certificate) {
  struct tm expiry = {};
  if (ASN1_TIME_to_tm(X509_get0_notAfter(&certificate), &expiry) != 1) {
    return absl::InfinitePast();
  }
  return absl::FromTimeT(timegm(&expiry));
}

}  // namespace

absl::StatusOr<ServerIdentity> ReadServerIdentity(const std::string& cert_path,
                                                  const std::string& key_path) {
  ServerIdentity identity;
  SCORECARD_ASSIGN_OR_RETURN(identity.certificate_chain_pem,
                             ReadPemFile(cert_path));
  SCORECARD_ASSIGN_OR_RETURN(identity.private_key_pem, ReadPemFile(key_path));
  SCORECARD_ASSIGN_OR_RETURN(
      std::vector<Certificate> chain,
      ParseCertificates(identity.certificate_chain_pem, cert_path));

  ERR_clear_error();
  Bio key_bio = ReadOnlyBio(identity.private_key_pem);
  // An empty passphrase: an encrypted key fails here instead of prompting.
  const PrivateKey key(PEM_read_bio_PrivateKey(
      key_bio.get(), nullptr, nullptr, const_cast<char*>("")));
  ERR_clear_error();
  if (key == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        key_path,
        ": holds no whole, unencrypted PEM private key (a file caught "
        "half-written?)"));
  }
  const X509& leaf = *chain.front();
  if (X509_check_private_key(&leaf, key.get()) != 1) {
    ERR_clear_error();
    return absl::InvalidArgumentError(absl::StrCat(
        key_path, ": the private key does not belong to the certificate in ",
        cert_path, " (one of the two is not yet replaced?)"));
  }
  identity.serial = SerialHex(leaf);
  identity.subject = SubjectLine(leaf);
  identity.not_after = NotAfter(leaf);
  if (identity.not_after < absl::Now()) {
    return absl::InvalidArgumentError(
        absl::StrCat(cert_path, ": the certificate expired at ",
                     absl::FormatTime(absl::RFC3339_sec, identity.not_after,
                                      absl::UTCTimeZone())));
  }
  return identity;
}

absl::StatusOr<CertificateAuthorities> ReadCertificateAuthorities(
    const std::string& path) {
  CertificateAuthorities authorities;
  SCORECARD_ASSIGN_OR_RETURN(authorities.pem, ReadPemFile(path));
  SCORECARD_ASSIGN_OR_RETURN(std::vector<Certificate> certificates,
                             ParseCertificates(authorities.pem, path));
  authorities.count = static_cast<int>(certificates.size());
  return authorities;
}

}  // namespace scorecard::service
