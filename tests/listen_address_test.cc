// Which listening addresses only this machine can reach.

#include "service/listen_address.h"

#include "gtest/gtest.h"

namespace scorecard::service {
namespace {

TEST(IsLocalAddress, LoopbackAndUnixSocketsAreLocal) {
  for (const char* address :
       {"127.0.0.1:50051", "127.0.0.1:0", "127.1.2.3:9", "[::1]:50051",
        "localhost:50051", "LOCALHOST:1", "unix:/run/scorecardd.sock",
        "unix-abstract:scorecardd"}) {
    EXPECT_TRUE(IsLocalAddress(address)) << address;
  }
}

TEST(IsLocalAddress, WildcardsAndOtherHostsAreNot) {
  for (const char* address :
       {"[::]:50051", "0.0.0.0:50051", "10.0.0.5:50051", "[fe80::1]:50051",
        "scorecard.agency.go.th:443", "128.0.0.1:1", "127.0.0:1",
        "127.0.0.256:1", ":50051"}) {
    EXPECT_FALSE(IsLocalAddress(address)) << address;
  }
}

}  // namespace
}  // namespace scorecard::service
