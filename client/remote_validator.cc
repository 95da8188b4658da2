#include "client/remote_validator.h"

#include <chrono>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "client/channel.h"
#include "client/scorecardctl.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/grpcpp.h"
#include "rules/rule_set_choice.h"
#include "scorecard/v1/scorecard_service.grpc.pb.h"

namespace scorecard::client {
namespace {

namespace v1 = ::scorecard::v1;

constexpr auto kConnectTimeout = std::chrono::seconds(5);
constexpr auto kCallTimeout = std::chrono::seconds(60);

absl::Status FromGrpc(const grpc::Status& status, absl::string_view address) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat("scorecardd at ", address, ": ",
                                   status.error_message()));
}

absl::StatusOr<std::unique_ptr<v1::ScorecardService::Stub>> Connect(
    const std::string& address) {
  std::shared_ptr<grpc::Channel> channel = NewScorecardChannel(address);
  if (!channel->WaitForConnected(std::chrono::system_clock::now() +
                                 kConnectTimeout)) {
    return absl::UnavailableError(absl::StrCat(
        "cannot reach scorecardd at ", address, " (no connection within ",
        std::chrono::seconds(kConnectTimeout).count(), " s)"));
  }
  return v1::ScorecardService::NewStub(channel);
}

void SetDeadline(grpc::ClientContext& context) {
  context.set_deadline(std::chrono::system_clock::now() + kCallTimeout);
}

class RemoteValidator final : public ScorecardValidator {
 public:
  RemoteValidator(std::string address,
                  std::unique_ptr<v1::ScorecardService::Stub> stub)
      : address_(std::move(address)), stub_(std::move(stub)) {}

  absl::StatusOr<std::string> ChooseRuleSet(absl::string_view rule_set_id,
                                            int fiscal_year) override {
    grpc::ClientContext context;
    SetDeadline(context);
    v1::ListRuleSetsResponse response;
    const grpc::Status status =
        stub_->ListRuleSets(&context, v1::ListRuleSetsRequest(), &response);
    if (!status.ok()) return FromGrpc(status, address_);
    std::vector<rules::RuleSetCandidate> candidates;
    for (const v1::RuleSetSummary& summary : response.rule_sets()) {
      candidates.push_back({summary.id(), summary.fiscal_year()});
    }
    return rules::ChooseRuleSet(candidates, rule_set_id, fiscal_year);
  }

  // Sends every scorecard over one stream. A writer thread feeds the stream
  // while this thread reads, so neither side waits on the other's window.
  absl::StatusOr<std::vector<v1::ValidationResult>> ValidateAll(
      const std::vector<v1::Scorecard>& scorecards,
      absl::string_view locale) override {
    grpc::ClientContext context;
    SetDeadline(context);
    auto stream = stub_->ValidateScorecards(&context);
    std::thread writer([&] {
      v1::ValidateScorecardsRequest request;
      request.set_locale(std::string(locale));
      for (size_t i = 0; i < scorecards.size(); ++i) {
        request.set_correlation_id(absl::StrCat(i));
        *request.mutable_scorecard() = scorecards[i];
        if (!stream->Write(request)) break;  // The call ended; see Finish.
      }
      stream->WritesDone();
    });
    std::vector<v1::ValidationResult> results;
    results.reserve(scorecards.size());
    v1::ValidateScorecardsResponse response;
    absl::Status order = absl::OkStatus();
    while (stream->Read(&response)) {
      if (order.ok() && response.correlation_id() !=
                            absl::StrCat(results.size())) {
        order = absl::InternalError(absl::StrCat(
            "scorecardd at ", address_, " answered \"",
            response.correlation_id(), "\" where \"", results.size(),
            "\" was due"));
      }
      results.push_back(std::move(*response.mutable_result()));
    }
    writer.join();
    const grpc::Status status = stream->Finish();
    if (!status.ok()) return FromGrpc(status, address_);
    if (!order.ok()) return order;
    if (results.size() != scorecards.size()) {
      return absl::InternalError(absl::StrCat(
          "scorecardd at ", address_, " answered ", results.size(), " of ",
          scorecards.size(), " scorecards"));
    }
    return results;
  }

 private:
  const std::string address_;
  std::unique_ptr<v1::ScorecardService::Stub> stub_;
};

// Connects to `address` and makes one unary call,
// `call(stub, context, response)`. On failure says why on `err` and returns
// false.
template <typename Response, typename Call>
bool CallServer(const std::string& address, const Call& call,
                Response* response, std::ostream& err) {
  absl::StatusOr<std::unique_ptr<v1::ScorecardService::Stub>> stub =
      Connect(address);
  if (!stub.ok()) {
    err << "scorecardctl: " << stub.status().message() << "\n";
    return false;
  }
  grpc::ClientContext context;
  SetDeadline(context);
  const grpc::Status status = call(**stub, context, response);
  if (!status.ok()) {
    err << "scorecardctl: " << FromGrpc(status, address).message() << "\n";
    return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ScorecardValidator>> ConnectRemoteValidator(
    const std::string& address) {
  absl::StatusOr<std::unique_ptr<v1::ScorecardService::Stub>> stub =
      Connect(address);
  if (!stub.ok()) return stub.status();
  return std::make_unique<RemoteValidator>(address, *std::move(stub));
}

int ListRemoteRuleSets(const std::string& address, std::ostream& out,
                       std::ostream& err) {
  v1::ListRuleSetsResponse response;
  const auto list = [](v1::ScorecardService::Stub& stub,
                       grpc::ClientContext& context,
                       v1::ListRuleSetsResponse* response) {
    return stub.ListRuleSets(&context, v1::ListRuleSetsRequest(), response);
  };
  if (!CallServer(address, list, &response, err)) return kExitUsage;
  for (const v1::RuleSetSummary& r : response.rule_sets()) {
    out << r.id() << "\tfiscal year " << r.fiscal_year() << "\trevision "
        << r.revision() << "\t" << r.unit_count() << " units\t" << r.title()
        << "\n";
  }
  if (response.has_last_refused_reload()) {
    out << "last refused reload (unix time "
        << response.last_refused_reload().attempted_at_unix_seconds()
        << "):\n";
    for (const std::string& reason : response.last_refused_reload().reasons()) {
      out << "  " << reason << "\n";
    }
  }
  return kExitValid;
}

int ShowRemoteRuleSet(const std::string& address, const std::string& id,
                      std::ostream& out, std::ostream& err) {
  v1::GetRuleSetRequest request;
  request.set_id(id);
  v1::GetRuleSetResponse response;
  const auto get = [&request](v1::ScorecardService::Stub& stub,
                              grpc::ClientContext& context,
                              v1::GetRuleSetResponse* response) {
    return stub.GetRuleSet(&context, request, response);
  };
  if (!CallServer(address, get, &response, err)) return kExitUsage;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  std::string json;
  const auto printed =
      google::protobuf::util::MessageToJsonString(response, &json, options);
  if (!printed.ok()) {
    err << "scorecardctl: cannot print rule set " << id << ": "
        << printed.ToString() << "\n";
    return kExitUsage;
  }
  out << json;
  return kExitValid;
}

}  // namespace scorecard::client
