// `scorecardctl admin reload|check FILE|status`: the operator's terminal to
// a scorecardd's admin service (scorecard.admin.v1.AdminService). Each takes
// --server with the TLS flags (server_connection.h), --token-file (the
// bearer token, surrounding white space ignored; with mutual TLS a client
// certificate may authenticate instead) and --format text|json (json: the
// response in the proto3 JSON mapping).
//
// Exit status: 0 done (reload: the new rules are served; check: the file is
// sound); 1 the reload was refused, or the file has problems (each printed
// on its own line); 2 a usage error, an unreadable file, an unreachable
// server, or a call the server refused (UNAUTHENTICATED, PERMISSION_DENIED,
// ...).

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "client/admin_client.h"
#include "client/commands.h"
#include "client/server_connection.h"
#include "google/protobuf/util/json_util.h"
#include "rules/rule_set_loader.h"
#include "rules/text_file.h"
#include "scorecard/admin/v1/admin_service.pb.h"

namespace scorecard::client {
namespace {

namespace admin = ::scorecard::admin::v1;

// The largest token file read.
constexpr size_t kMaxTokenFileBytes = 4096;

int Fail(std::ostream& err, absl::string_view message) {
  err << "scorecardctl: " << message << "\n";
  return kExitUsage;
}

std::string Time(const google::protobuf::Timestamp& timestamp) {
  return absl::FormatTime(
      absl::RFC3339_sec,
      absl::FromUnixSeconds(timestamp.seconds()) +
          absl::Nanoseconds(timestamp.nanos()),
      absl::UTCTimeZone());
}

// Writes `message` as one JSON object.
int WriteJson(const google::protobuf::Message& message, std::ostream& out,
              std::ostream& err) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  const auto printed =
      google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!printed.ok()) {
    return Fail(err, absl::StrCat("cannot print the answer: ",
                                  printed.ToString()));
  }
  out << json;
  return kExitValid;
}

void WriteServed(
    const google::protobuf::RepeatedPtrField<admin::ServedRuleSet>& served,
    std::ostream& out) {
  for (const admin::ServedRuleSet& rule_set : served) {
    out << rule_set.id() << "\trevision " << rule_set.revision() << "\t"
        << rule_set.source() << "\n";
  }
}

int Reload(AdminClient& client, bool json, std::ostream& out,
           std::ostream& err) {
  absl::StatusOr<admin::ReloadRulesResponse> response = client.ReloadRules();
  if (!response.ok()) return Fail(err, response.status().message());
  const int exit_status = response->reloaded() ? kExitValid : kExitInvalid;
  if (json) {
    const int written = WriteJson(*response, out, err);
    return written != kExitValid ? written : exit_status;
  }
  if (response->reloaded()) {
    out << "reloaded; now serving:\n";
  } else {
    out << "reload refused; the previous rules keep serving:\n";
    for (const std::string& reason : response->refusal_reasons()) {
      out << "  " << reason << "\n";
    }
    out << "serving:\n";
  }
  WriteServed(response->rule_sets(), out);
  return exit_status;
}

int Check(AdminClient& client, const std::string& file, bool json,
          std::ostream& out, std::ostream& err) {
  absl::StatusOr<std::string> content =
      rules::ReadTextFile(file, rules::kMaxRuleFileBytes);
  if (!content.ok()) return Fail(err, content.status().message());
  admin::CheckRuleSetRequest request;
  request.set_content(*std::move(content));
  // The server takes the format from the name's extension, and names the
  // problems after it, as a load of the file would.
  const size_t slash = file.rfind('/');
  request.set_file_name(slash == std::string::npos ? file
                                                   : file.substr(slash + 1));
  absl::StatusOr<admin::CheckRuleSetResponse> response =
      client.CheckRuleSet(request);
  if (!response.ok()) return Fail(err, response.status().message());
  const int exit_status = response->sound() ? kExitValid : kExitInvalid;
  if (json) {
    const int written = WriteJson(*response, out, err);
    return written != kExitValid ? written : exit_status;
  }
  if (response->sound()) {
    out << file << ": " << response->id() << " ok (" << response->unit_count()
        << " units, revision " << response->revision() << ")\n";
  } else {
    for (const std::string& problem : response->problems()) {
      out << problem << "\n";
    }
    out << file << ": " << response->problems_size() << " problem"
        << (response->problems_size() == 1 ? "" : "s") << "\n";
  }
  return exit_status;
}

int Status(AdminClient& client, bool json, std::ostream& out,
           std::ostream& err) {
  absl::StatusOr<admin::GetServerStatusResponse> response =
      client.GetServerStatus();
  if (!response.ok()) return Fail(err, response.status().message());
  if (json) return WriteJson(*response, out, err);
  out << "version\t" << response->version() << "\n"
      << "started\t" << Time(response->start_time()) << "\n"
      << "rules\t" << response->rules_path() << "\n"
      << "loaded\t" << Time(response->last_successful_load()) << "\n";
  WriteServed(response->rule_sets(), out);
  if (response->has_last_refused_reload()) {
    out << "last refused reload\t"
        << Time(response->last_refused_reload().attempted_at()) << "\n";
    for (const std::string& reason : response->last_refused_reload().reasons()) {
      out << "  " << reason << "\n";
    }
  }
  return kExitValid;
}

// Connects as the flags of `line` say, with the token of --token-file; on
// a usage error or a failure to connect, writes it and returns nullptr with
// `*exit_status` set.
std::unique_ptr<AdminClient> Connect(const std::string& command,
                                     const CommandLine& line,
                                     const CommandContext& context,
                                     int* exit_status) {
  *exit_status = kExitUsage;
  if (!line.Has("server")) {
    context.UsageError(command, command + " needs --server HOST:PORT");
    return nullptr;
  }
  absl::StatusOr<ServerConnection> connection = ServerConnectionFromFlags(line);
  if (!connection.ok()) {
    context.UsageError(command, connection.status().message());
    return nullptr;
  }
  std::string token;
  if (const std::optional<std::string> token_file = line.Value("token-file")) {
    absl::StatusOr<std::string> content =
        rules::ReadTextFile(*token_file, kMaxTokenFileBytes);
    if (!content.ok()) {
      Fail(context.err, content.status().message());
      return nullptr;
    }
    token = std::string(absl::StripAsciiWhitespace(*content));
    if (token.empty()) {
      Fail(context.err, absl::StrCat(*token_file, ": empty"));
      return nullptr;
    }
  }
  absl::StatusOr<std::unique_ptr<AdminClient>> client =
      AdminClient::Connect(*connection, std::move(token));
  if (!client.ok()) {
    Fail(context.err, client.status().message());
    return nullptr;
  }
  return *std::move(client);
}

bool Json(const CommandLine& line) {
  return line.Value("format").value_or("text") == "json";
}

}  // namespace

int RunAdminReload(const CommandLine& line, const CommandContext& context) {
  if (!line.positional().empty()) {
    return context.UsageError("admin reload", "admin reload takes no arguments");
  }
  int exit_status = kExitUsage;
  std::unique_ptr<AdminClient> client =
      Connect("admin reload", line, context, &exit_status);
  if (client == nullptr) return exit_status;
  return Reload(*client, Json(line), context.out, context.err);
}

int RunAdminCheck(const CommandLine& line, const CommandContext& context) {
  if (line.positional().size() != 1) {
    return context.UsageError("admin check",
                              "admin check needs exactly one FILE");
  }
  int exit_status = kExitUsage;
  std::unique_ptr<AdminClient> client =
      Connect("admin check", line, context, &exit_status);
  if (client == nullptr) return exit_status;
  return Check(*client, line.positional().front(), Json(line), context.out,
               context.err);
}

int RunAdminStatus(const CommandLine& line, const CommandContext& context) {
  if (!line.positional().empty()) {
    return context.UsageError("admin status", "admin status takes no arguments");
  }
  int exit_status = kExitUsage;
  std::unique_ptr<AdminClient> client =
      Connect("admin status", line, context, &exit_status);
  if (client == nullptr) return exit_status;
  return Status(*client, Json(line), context.out, context.err);
}

}  // namespace scorecard::client
