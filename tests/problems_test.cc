// Lists of problems stay lists inside a status.

#include "rules/problems.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace scorecard::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(ProblemsError, KeepsEachProblemWholeEvenWithNewlines) {
  const absl::Status status = ProblemsError(
      absl::StatusCode::kInvalidArgument,
      {"a.yaml:3:1: weight \"1\n0\" is not a number", "", "b.json: ไม่ดี"});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "a.yaml:3:1: weight \"1\n0\" is not a number\n\nb.json: ไม่ดี");
  EXPECT_THAT(Problems(status),
              ElementsAre("a.yaml:3:1: weight \"1\n0\" is not a number", "",
                          "b.json: ไม่ดี"));
}

TEST(Problems, OfAPlainStatusIsItsMessage) {
  EXPECT_THAT(Problems(absl::NotFoundError("rules: no such folder")),
              ElementsAre("rules: no such folder"));
  EXPECT_THAT(Problems(absl::OkStatus()), IsEmpty());
}

TEST(AppendProblems, AppendsInOrder) {
  std::vector<std::string> all = {"first"};
  AppendProblems(ProblemsError(absl::StatusCode::kInvalidArgument, {"a", "b"}),
                 &all);
  AppendProblems(absl::InternalError("c"), &all);
  EXPECT_THAT(all, ElementsAre("first", "a", "b", "c"));
}

}  // namespace
}  // namespace scorecard::rules
