#include "service/error_details.h"

#include <string>
#include <utility>

#include "absl/strings/cord.h"
#include "absl/types/optional.h"
#include "absl/strings/str_cat.h"
#include "rules/utf8.h"

namespace scorecard::service {
namespace {

// Stores `message` as a payload of `status` under its type URL.
void SetDetail(const google::protobuf::Message& message, absl::Status* status) {
  status->SetPayload(PayloadTypeUrl(message.GetDescriptor()->full_name()),
                     absl::Cord(message.SerializeAsString()));
}

}  // namespace

std::string PayloadTypeUrl(absl::string_view full_name) {
  return absl::StrCat("type.googleapis.com/", full_name);
}

absl::Status WithErrorInfo(absl::Status status, absl::string_view reason,
                           const std::map<std::string, std::string>& metadata) {
  if (status.ok()) return status;
  google::rpc::ErrorInfo info;
  info.set_reason(std::string(reason));
  info.set_domain(kErrorDomain);
  for (const auto& [key, value] : metadata) {
    (*info.mutable_metadata())[key] = value;
  }
  SetDetail(info, &status);
  return status;
}

absl::Status BadRequestError(absl::string_view reason, absl::string_view field,
                             absl::string_view message,
                             const std::map<std::string, std::string>& metadata) {
  absl::Status status = absl::InvalidArgumentError(message);
  if (!field.empty()) {
    google::rpc::BadRequest bad_request;
    google::rpc::BadRequest::FieldViolation* violation =
        bad_request.add_field_violations();
    violation->set_field(std::string(field));
    violation->set_description(std::string(message));
    SetDetail(bad_request, &status);
  }
  return WithErrorInfo(std::move(status), reason, metadata);
}

absl::Status RuleSetNotFoundError(absl::string_view field, absl::string_view id,
                                  absl::string_view message) {
  absl::Status status = absl::NotFoundError(message);
  const std::string quoted_id = rules::QuoteText(id);
  google::rpc::ResourceInfo resource;
  resource.set_resource_type(kRuleSetResourceType);
  resource.set_resource_name(quoted_id);
  resource.set_description(std::string(message));
  SetDetail(resource, &status);
  return WithErrorInfo(std::move(status), kReasonUnknownRuleSet,
                       {{"field", std::string(field)}, {"rule_set", quoted_id}});
}

std::string ErrorReason(const absl::Status& status) {
  const absl::optional<absl::Cord> payload = status.GetPayload(
      PayloadTypeUrl(google::rpc::ErrorInfo::descriptor()->full_name()));
  if (!payload.has_value()) return "";
  google::rpc::ErrorInfo info;
  if (!info.ParseFromString(std::string(*payload))) return "";
  return info.reason();
}

}  // namespace scorecard::service
