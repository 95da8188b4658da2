#include "tests/testing/raw_call.h"

#include <chrono>
#include <cstdint>
#include <utility>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpcpp/client_context.h"
#include "grpcpp/completion_queue.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"
#include "tests/testing/wait.h"

namespace scorecard::testing {
namespace {

std::string Bytes(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (!buffer.Dump(&slices).ok()) return bytes;
  for (const grpc::Slice& slice : slices) {
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return bytes;
}

// One operation at a time on `cq`: starts it with `start(tag)` and returns
// whether it succeeded. The call's deadline bounds the wait.
template <typename Start>
bool Await(grpc::CompletionQueue& cq, Start start) {
  static int tag_storage = 0;
  void* const want = &tag_storage;
  start(want);
  void* tag = nullptr;
  bool ok = false;
  const auto deadline = absl::ToChronoTime(absl::Now() + 2 * kPatience);
  return cq.AsyncNext(&tag, &ok, deadline) ==
             grpc::CompletionQueue::GOT_EVENT &&
         tag == want && ok;
}

}  // namespace

RawCallResult CallWithRawMessages(
    std::shared_ptr<grpc::Channel> channel, const std::string& method,
    const std::vector<std::string>& requests,
    const std::vector<std::pair<std::string, std::string>>& metadata) {
  RawCallResult result;
  grpc::GenericStub stub(std::move(channel));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + kPatience));
  for (const auto& [key, value] : metadata) context.AddMetadata(key, value);
  grpc::CompletionQueue cq;
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
      stub.PrepareCall(&context, method, &cq);
  bool open = Await(cq, [&](void* tag) { call->StartCall(tag); });
  for (const std::string& bytes : requests) {
    if (!open) break;
    grpc::Slice slice(bytes);
    const grpc::ByteBuffer request(&slice, 1);
    open = Await(cq, [&](void* tag) {
      call->Write(request, grpc::WriteOptions(), tag);
    });
    if (!open) break;
    ++result.requests_written;
    grpc::ByteBuffer response;
    open = Await(cq, [&](void* tag) { call->Read(&response, tag); });
    if (open) result.responses.push_back(Bytes(response));
  }
  if (open) Await(cq, [&](void* tag) { call->WritesDone(tag); });
  if (!Await(cq, [&](void* tag) { call->Finish(&result.status, tag); })) {
    result.status = grpc::Status(grpc::StatusCode::UNKNOWN,
                                 "the call did not finish within its deadline");
  }
  cq.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (cq.Next(&tag, &ok)) {
  }
  return result;
}

}  // namespace scorecard::testing
