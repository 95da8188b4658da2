// gRPC server reflection on a scorecardd server: it lists the
// ScorecardService when enabled, and is absent when not, even in a process
// that built a server with reflection before.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "service/server.h"
#include "tests/testing/in_process_server.h"
#include "tests/testing/raw_call.h"

namespace scorecard::service {
namespace {

using ::scorecard::testing::CallWithRawMessages;
using ::scorecard::testing::InProcessServer;
using ::scorecard::testing::RawCallResult;
using ::scorecard::testing::StartServer;
using ::testing::HasSubstr;

// Asks the reflection service to list services, with a hand-encoded request
// (Debian ships no reflection client stubs, and generating our own would
// clash with the ones inside libgrpc++_reflection). Returns the raw response
// bytes, or the call's status when it fails.
absl::StatusOr<std::string> ListServicesByReflection(
    std::shared_ptr<grpc::Channel> channel) {
  // ServerReflectionRequest { list_services: "*" }: field 7, length 1.
  const RawCallResult r = CallWithRawMessages(
      std::move(channel),
      "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
      {std::string("\x3a\x01*", 3)});
  if (!r.status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(r.status.error_code()),
                        r.status.error_message());
  }
  if (r.responses.empty()) return absl::UnknownError("no response");
  return r.responses.front();
}

TEST(Reflection, ListsTheServiceWhenEnabledAndIsAbsentWhenNot) {
  {
    InProcessServer on = StartServer();
    absl::StatusOr<std::string> listed =
        ListServicesByReflection(on.channel);
    ASSERT_TRUE(listed.ok()) << listed.status();
    EXPECT_THAT(*listed, HasSubstr("scorecard.v1.ScorecardService"));
  }
  // Built after a server with reflection in the same process: still none.
  InProcessServer off =
      StartServer([](ServerOptions& options) { options.reflection = false; });
  EXPECT_EQ(ListServicesByReflection(off.channel).status().code(),
            absl::StatusCode::kUnimplemented);
}

// Asks reflection (v1alpha) for the file that defines `symbol`; returns the
// response bytes.
absl::StatusOr<std::string> FileContainingSymbol(
    std::shared_ptr<grpc::Channel> channel, const std::string& symbol) {
  // ServerReflectionRequest { file_containing_symbol: symbol }: field 4.
  std::string request = "\x22";
  request += static_cast<char>(symbol.size());
  request += symbol;
  const RawCallResult r = CallWithRawMessages(
      std::move(channel),
      "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
      {request});
  if (!r.status.ok()) return absl::UnknownError(r.status.error_message());
  if (r.responses.empty()) return absl::UnknownError("no response");
  return r.responses.front();
}

// Every service reflection lists can be described: grpc.health.v1.Health
// included, whose descriptors gRPC's own (upb-based) health service does not
// put in protobuf's pool.
TEST(Reflection, DescribesEveryServiceItLists) {
  InProcessServer test = StartServer();
  for (const std::string service :
       {"scorecard.v1.ScorecardService", "grpc.health.v1.Health",
        "grpc.reflection.v1alpha.ServerReflection"}) {
    absl::StatusOr<std::string> listed = ListServicesByReflection(test.channel);
    ASSERT_TRUE(listed.ok()) << listed.status();
    EXPECT_THAT(*listed, HasSubstr(service));
    absl::StatusOr<std::string> file =
        FileContainingSymbol(test.channel, service);
    ASSERT_TRUE(file.ok()) << file.status();
    // A file_descriptor_response (field 4) holding the file, not an
    // error_response (field 7, "Symbol not found.").
    EXPECT_THAT(*file, ::testing::Not(HasSubstr("not found"))) << service;
    EXPECT_THAT(*file, HasSubstr(service.substr(0, service.rfind('.'))))
        << service;
  }
}

}  // namespace
}  // namespace scorecard::service
