// SHA-256 against the standard's test vectors (FIPS 180-2), in one piece
// and in several.

#include "rules/sha256.h"

#include <string>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"

namespace scorecard::rules {
namespace {

std::string Hex(const std::string& digest) {
  return absl::BytesToHexString(digest);
}

TEST(Sha256, MatchesTheStandardsVectors) {
  EXPECT_EQ(Hex(Sha256Of("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Hex(Sha256Of("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(
      Hex(Sha256Of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, PiecesHashAsTheirConcatenation) {
  Sha256 hash;
  hash.Add("abcdbcdecdefdefg");
  hash.Add("");
  hash.Add("efghfghighijhijkijkljklmklmnlmnomnopnopq");
  const std::string digest = hash.Finish();
  EXPECT_EQ(digest.size(), kSha256Bytes);
  EXPECT_EQ(digest,
            Sha256Of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
}

}  // namespace
}  // namespace scorecard::rules
