#include "client/remote_validator.h"

#include <chrono>
#include <string>
#include <thread>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "client/rule_set_assignment.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/impl/rpc_method.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/proto_buffer_reader.h"
#include "grpcpp/support/sync_stream.h"
#include "rules/utf8.h"
#include "scorecard/v1/scorecard_service.grpc.pb.h"

namespace scorecard::client {
namespace {

namespace v1 = ::scorecard::v1;

constexpr auto kCallTimeout = std::chrono::seconds(60);
constexpr char kValidateScorecardsMethod[] =
    "/scorecard.v1.ScorecardService/ValidateScorecards";

// The status a call ended with, naming the server. The server's message is
// shown as valid UTF-8 whatever it sent.
absl::Status FromGrpc(const grpc::Status& status, absl::string_view address) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat("scorecardd at ", address, ": ",
                                   rules::ToValidUtf8(status.error_message())));
}

// The ErrorInfo the server's status carries (google.rpc.Status details);
// empty when it carries none.
google::rpc::ErrorInfo ErrorInfoOf(const grpc::Status& status) {
  google::rpc::Status details;
  google::rpc::ErrorInfo info;
  if (!details.ParseFromString(status.error_details())) return info;
  for (const google::protobuf::Any& detail : details.details()) {
    if (detail.UnpackTo(&info)) return info;
  }
  return google::rpc::ErrorInfo();
}

// The file name of `path`, as a document is named to the server (which
// needs no path of the caller's). The reasons below are the server's stable
// ErrorInfo reasons (service/error_details.h).
std::string FileNameOf(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

void SetDeadline(grpc::ClientContext& context) {
  context.set_deadline(std::chrono::system_clock::now() + kCallTimeout);
}

// The locale as the API spells it.
const char* LocaleCode(rules::Locale locale) {
  return locale == rules::Locale::kThai ? "th" : "en";
}

}  // namespace

RemoteValidator::RemoteValidator(std::string address,
                                 std::shared_ptr<grpc::Channel> channel)
    : address_(std::move(address)), channel_(std::move(channel)) {}

RemoteValidator::~RemoteValidator() = default;

absl::StatusOr<std::unique_ptr<RemoteValidator>> RemoteValidator::Connect(
    const ServerConnection& connection) {
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel =
      ConnectToServer(connection);
  if (!channel.ok()) return channel.status();
  return std::unique_ptr<RemoteValidator>(
      new RemoteValidator(connection.address, *std::move(channel)));
}

absl::StatusOr<v1::ListRuleSetsResponse> RemoteValidator::ListRuleSets() {
  grpc::ClientContext context;
  SetDeadline(context);
  v1::ListRuleSetsResponse response;
  const grpc::Status status = v1::ScorecardService::NewStub(channel_)->ListRuleSets(
      &context, v1::ListRuleSetsRequest(), &response);
  if (!status.ok()) return FromGrpc(status, address_);
  return response;
}

absl::StatusOr<v1::GetRuleSetResponse> RemoteValidator::GetRuleSet(
    const std::string& id) {
  grpc::ClientContext context;
  SetDeadline(context);
  v1::GetRuleSetRequest request;
  request.set_id(id);
  v1::GetRuleSetResponse response;
  const grpc::Status status =
      v1::ScorecardService::NewStub(channel_)->GetRuleSet(&context, request,
                                                          &response);
  if (!status.ok()) return FromGrpc(status, address_);
  return response;
}

absl::StatusOr<std::vector<v1::ValidationResult>>
RemoteValidator::ValidateDocument(const std::string& content,
                                  const std::string& source,
                                  const std::string& rule_set,
                                  rules::Locale locale) {
  grpc::ClientContext context;
  SetDeadline(context);
  v1::ValidateDocumentRequest request;
  request.set_document(content);
  // The server quotes the name (at most 80 characters, valid UTF-8) at the
  // start of a reader's message; that quote is replaced by `source` here. A
  // string field must be UTF-8, and a path need not be.
  std::string name = rules::ToValidUtf8(FileNameOf(source));
  if (name.empty()) name = "document";
  request.set_document_name(name);
  request.set_rule_set(rule_set);
  request.set_locale(LocaleCode(locale));
  v1::ValidateDocumentResponse response;
  const grpc::Status status =
      v1::ScorecardService::NewStub(channel_)->ValidateDocument(
          &context, request, &response);
  if (status.ok()) {
    std::vector<v1::ValidationResult> results;
    results.reserve(response.verdicts_size());
    for (v1::ScorecardVerdict& verdict : *response.mutable_verdicts()) {
      results.push_back(std::move(*verdict.mutable_result()));
    }
    return results;
  }
  const google::rpc::ErrorInfo info = ErrorInfoOf(status);
  const std::string message = rules::ToValidUtf8(status.error_message());
  const std::string quoted_name = rules::QuoteText(name);
  if (info.reason() == "UNREADABLE_DOCUMENT" &&
      absl::StartsWith(message, quoted_name)) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, message.substr(quoted_name.size())));
  }
  const auto field = info.metadata().find("field");
  const bool unknown_rule_set = info.reason() == "UNKNOWN_RULE_SET" &&
                                field != info.metadata().end() &&
                                field->second == "rule_set";
  if (unknown_rule_set || info.reason() == "RULE_SET_NOT_CHOSEN") {
    return RuleSetChoiceError(
        source, absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                             message));
  }
  if (info.reason() == "TOO_MANY_SCORECARDS" ||
      status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
    return absl::ResourceExhaustedError(absl::StrCat(
        source, ": scorecardd at ", address_, ": ", message));
  }
  return absl::Status(
      static_cast<absl::StatusCode>(status.error_code()),
      absl::StrCat(source, ": scorecardd at ", address_, ": ", message));
}

absl::StatusOr<std::vector<rules::RuleSetCandidate>>
RemoteValidator::RuleSets() {
  absl::StatusOr<v1::ListRuleSetsResponse> listed = ListRuleSets();
  if (!listed.ok()) return listed.status();
  std::vector<rules::RuleSetCandidate> candidates;
  for (const v1::RuleSetSummary& summary : listed->rule_sets()) {
    candidates.push_back({summary.id(), summary.fiscal_year()});
  }
  return candidates;
}

// A writer thread feeds the stream while this thread reads, so neither side
// waits on the other's window.
//
// Responses are read as raw bytes and parsed here, because gRPC's typed read
// fails the same way whether the server ended the stream or a response did
// not parse. The two call for different endings. When the server ends the
// stream (with an error, before answering everything), its status is on the
// way and the writer's writes fail at once: Finish is prompt, and its status
// is what the server said. Cancelling then would replace that status with
// CANCELLED. When a response does not parse, the server is still running and
// will stop reading once the client stops: the call is cancelled, or the
// writer and Finish would wait for the deadline.
absl::StatusOr<std::vector<v1::ValidationResult>> RemoteValidator::ValidateAll(
    const std::vector<v1::Scorecard>& scorecards, rules::Locale locale) {
  grpc::ClientContext context;
  SetDeadline(context);
  const grpc::internal::RpcMethod method(
      kValidateScorecardsMethod, grpc::internal::RpcMethod::BIDI_STREAMING,
      channel_);
  std::unique_ptr<grpc::ClientReaderWriter<v1::ValidateScorecardsRequest,
                                           grpc::ByteBuffer>>
      stream(grpc::internal::ClientReaderWriterFactory<
             v1::ValidateScorecardsRequest,
             grpc::ByteBuffer>::Create(channel_.get(), method, &context));
  std::thread writer([&] {
    v1::ValidateScorecardsRequest request;
    request.set_locale(LocaleCode(locale));
    for (size_t i = 0; i < scorecards.size(); ++i) {
      request.set_correlation_id(absl::StrCat(i));
      *request.mutable_scorecard() = scorecards[i];
      if (!stream->Write(request)) break;  // The call ended; see Finish.
    }
    stream->WritesDone();
  });
  std::vector<v1::ValidationResult> results;
  results.reserve(scorecards.size());
  absl::Status answers = absl::OkStatus();
  grpc::ByteBuffer bytes;
  while (answers.ok() && stream->Read(&bytes)) {
    answers = ReadAnswer(bytes, results);
  }
  if (!answers.ok()) context.TryCancel();
  writer.join();
  const grpc::Status status = stream->Finish();
  if (!answers.ok()) return answers;
  if (!status.ok()) return FromGrpc(status, address_);
  if (results.size() != scorecards.size()) {
    return absl::InternalError(absl::StrCat(
        "scorecardd at ", address_, " answered ", results.size(), " of ",
        scorecards.size(), " scorecards"));
  }
  return results;
}

absl::Status RemoteValidator::ReadAnswer(
    const grpc::ByteBuffer& bytes,
    std::vector<v1::ValidationResult>& results) const {
  v1::ValidateScorecardsResponse response;
  grpc::ByteBuffer copy(bytes);  // The reader takes a non-const buffer.
  grpc::ProtoBufferReader reader(&copy);
  if (!reader.status().ok() || !response.ParseFromZeroCopyStream(&reader)) {
    return absl::DataLossError(absl::StrCat(
        "scorecardd at ", address_, " sent a response to scorecard ",
        results.size() + 1, " that is not a valid ValidateScorecardsResponse"));
  }
  if (response.correlation_id() != absl::StrCat(results.size())) {
    return absl::InternalError(absl::StrCat(
        "scorecardd at ", address_, " answered \"",
        rules::QuoteText(response.correlation_id()), "\" where \"",
        results.size(), "\" was due"));
  }
  results.push_back(std::move(*response.mutable_result()));
  return absl::OkStatus();
}

}  // namespace scorecard::client
