// gRPC server reflection on a scorecardd server: it lists the
// ScorecardService when enabled, and is absent when not, even in a process
// that built a server with reflection before.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "service/server.h"
#include "tests/testing/in_process_server.h"

namespace scorecard::service {
namespace {

using ::scorecard::testing::InProcessServer;
using ::scorecard::testing::StartServer;
using ::testing::HasSubstr;

// Asks the reflection service to list services, with hand-encoded messages
// (Debian ships no reflection client stubs, and generating our own would
// clash with the ones inside libgrpc++_reflection). Returns the raw response
// bytes, or the call's status when it fails.
absl::StatusOr<std::string> ListServicesByReflection(
    std::shared_ptr<grpc::Channel> channel) {
  grpc::GenericStub stub(std::move(channel));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(30));
  grpc::CompletionQueue cq;
  auto call = stub.PrepareCall(
      &context, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
      &cq);
  // One operation at a time; each completes before the next starts.
  const auto await = [&cq](intptr_t want) {
    void* tag = nullptr;
    bool ok = false;
    return cq.Next(&tag, &ok) && reinterpret_cast<intptr_t>(tag) == want && ok;
  };
  call->StartCall(reinterpret_cast<void*>(1));
  await(1);
  // ServerReflectionRequest { list_services: "*" }: field 7, length 1.
  grpc::Slice slice(std::string("\x3a\x01*", 3));
  grpc::ByteBuffer request(&slice, 1);
  call->WriteLast(request, grpc::WriteOptions(), reinterpret_cast<void*>(2));
  await(2);
  grpc::ByteBuffer response;
  call->Read(&response, reinterpret_cast<void*>(3));
  const bool read = await(3);
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(4));
  await(4);
  cq.Shutdown();
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        status.error_message());
  }
  if (!read) return absl::UnknownError("no response");
  std::vector<grpc::Slice> slices;
  if (!response.Dump(&slices).ok()) return absl::UnknownError("dump");
  std::string bytes;
  for (const grpc::Slice& s : slices) {
    bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  return bytes;
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

}  // namespace
}  // namespace scorecard::service
