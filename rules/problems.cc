#include "rules/problems.h"

#include <cstdint>
#include <cstdio>
#include <optional>
#include <utility>

#include "absl/strings/cord.h"
#include "absl/types/optional.h"
#include "absl/strings/str_join.h"

namespace scorecard::rules {
namespace {

constexpr char kProblemsPayload[] =
    "type.googleapis.com/scorecard.rules.Problems";

// Each problem as its length (8 hex digits) and its bytes.
absl::Cord Encode(const std::vector<std::string>& problems) {
  std::string bytes;
  for (const std::string& problem : problems) {
    char length[9];
    std::snprintf(length, sizeof length, "%08zx", problem.size());
    bytes.append(length, 8);
    bytes += problem;
  }
  return absl::Cord(std::move(bytes));
}

std::optional<std::vector<std::string>> Decode(const absl::Cord& payload) {
  const std::string bytes(payload);
  std::vector<std::string> problems;
  for (size_t at = 0; at < bytes.size();) {
    if (bytes.size() - at < 8) return std::nullopt;
    size_t length = 0;
    for (size_t i = at; i < at + 8; ++i) {
      const char c = bytes[i];
      const int digit = c >= '0' && c <= '9'   ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                               : -1;
      if (digit < 0) return std::nullopt;
      length = length * 16 + static_cast<size_t>(digit);
    }
    at += 8;
    if (bytes.size() - at < length) return std::nullopt;
    problems.push_back(bytes.substr(at, length));
    at += length;
  }
  return problems;
}

}  // namespace

absl::Status ProblemsError(absl::StatusCode code,
                           std::vector<std::string> problems) {
  absl::Status status(code, absl::StrJoin(problems, "\n"));
  status.SetPayload(kProblemsPayload, Encode(problems));
  return status;
}

std::vector<std::string> Problems(const absl::Status& status) {
  if (status.ok()) return {};
  if (const absl::optional<absl::Cord> payload =
          status.GetPayload(kProblemsPayload)) {
    if (std::optional<std::vector<std::string>> problems = Decode(*payload)) {
      return *std::move(problems);
    }
  }
  return {std::string(status.message())};
}

void AppendProblems(const absl::Status& status,
                    std::vector<std::string>* problems) {
  for (std::string& problem : Problems(status)) {
    problems->push_back(std::move(problem));
  }
}

}  // namespace scorecard::rules
