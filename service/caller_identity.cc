#include "service/caller_identity.h"

#include <memory>

#include "absl/strings/string_view.h"
#include "rules/utf8.h"

namespace scorecard::service {

std::string PeerIdentity(const grpc::AuthContext& auth) {
  if (!auth.IsPeerAuthenticated()) return "";
  std::string identity;
  for (const grpc::string_ref& value : auth.GetPeerIdentity()) {
    if (!identity.empty()) identity += ",";
    identity += rules::QuoteText(absl::string_view(value.data(), value.size()),
                                 rules::kMaxEchoedCharacters);
  }
  return identity;
}

Caller CallerOf(const grpc::ServerContextBase& context) {
  Caller caller;
  caller.peer = rules::ToValidUtf8(context.peer());
  const std::shared_ptr<const grpc::AuthContext> auth = context.auth_context();
  if (auth != nullptr) caller.identity = PeerIdentity(*auth);
  return caller;
}

}  // namespace scorecard::service
