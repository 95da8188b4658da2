// Early-return helpers for absl::Status and absl::StatusOr, which the installed
// Abseil (20220623) does not provide.
//
//   SCORECARD_RETURN_IF_ERROR(CheckSomething());
//   SCORECARD_ASSIGN_OR_RETURN(RuleSetConfig config, LoadRuleSetFile(path));

#ifndef SCORECARD_RULES_STATUS_MACROS_H_
#define SCORECARD_RULES_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define SCORECARD_RETURN_IF_ERROR(expr)                 \
  do {                                                  \
    ::absl::Status scorecard_status_ = (expr);          \
    if (!scorecard_status_.ok()) return scorecard_status_; \
  } while (false)

#define SCORECARD_STATUS_MACROS_CONCAT_INNER_(x, y) x##y
#define SCORECARD_STATUS_MACROS_CONCAT_(x, y) \
  SCORECARD_STATUS_MACROS_CONCAT_INNER_(x, y)

#define SCORECARD_ASSIGN_OR_RETURN(lhs, rexpr)                              \
  SCORECARD_ASSIGN_OR_RETURN_IMPL_(                                         \
      SCORECARD_STATUS_MACROS_CONCAT_(scorecard_statusor_, __LINE__), lhs, \
      rexpr)

#define SCORECARD_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                     \
  if (!statusor.ok()) return std::move(statusor).status();     \
  lhs = std::move(statusor).value()

#endif  // SCORECARD_RULES_STATUS_MACROS_H_
