// Reading the text files users give the engine: one policy for rule files
// and documents, and no way to block or to read without bound.

#include "rules/text_file.h"

#include <sys/stat.h>

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace scorecard::rules {
namespace {

using ::scorecard::testing::TempDir;
using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(ReadTextFile, ReadsAWholeFile) {
  TempDir dir;
  const std::string path = dir.Write("a.txt", std::string(200000, 'x'));
  const absl::StatusOr<std::string> content = ReadTextFile(path, 1 << 20);
  ASSERT_TRUE(content.ok()) << content.status();
  EXPECT_EQ(content->size(), 200000u);
}

TEST(ReadTextFile, SaysWhyItCannot) {
  TempDir dir;
  EXPECT_EQ(ReadTextFile(dir / "missing.txt", 100).status().code(),
            absl::StatusCode::kNotFound);
  const absl::Status folder = ReadTextFile(dir.path(), 100).status();
  EXPECT_EQ(folder.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(folder.message(), dir.path() + ": a folder, not a file");
  const std::string big = dir.Write("big.txt", std::string(101, 'x'));
  EXPECT_EQ(ReadTextFile(big, 100).status().message(),
            big + ": larger than 100 bytes; not read");
}

// A FIFO would block open() until a writer comes: it is refused at once.
TEST(ReadTextFile, RefusesAFifoWithoutWaitingForAWriter) {
  TempDir dir;
  const std::string fifo = dir / "rules.yaml";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  const absl::Status status = ReadTextFile(fifo, 100).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("not a regular file"));
}

TEST(CheckUtf8Text, NamesTheLineAndSaysWhatToDo) {
  EXPECT_TRUE(CheckUtf8Text("ตัวชี้วัด\n๑.๑", "a.txt", "documents").ok());
  EXPECT_EQ(CheckUtf8Text(std::string("a\nb\r\nc\0", 7), "a.txt", "documents")
                .message(),
            "a.txt:3: holds a NUL byte: a binary file, not text; documents are "
            "UTF-8 text");
  EXPECT_THAT(std::string(CheckUtf8Text("ok\r\xB5\xD1", "old.txt", "documents")
                              .message()),
              StartsWith("old.txt:2: not UTF-8 text (a binary file, or another "
                         "encoding such as TIS-620)"));
  EXPECT_EQ(CheckUtf8Text("\xFF\xFEi\0", "win.txt", "rule files").message(),
            "win.txt: UTF-16 text; rule files are UTF-8 (save it as UTF-8)");
}

TEST(StripByteOrderMark, DropsOnlyALeadingMark) {
  EXPECT_EQ(StripByteOrderMark("\xEF\xBB\xBFid: x"), "id: x");
  EXPECT_EQ(StripByteOrderMark("id: \xEF\xBB\xBF"), "id: \xEF\xBB\xBF");
}

}  // namespace
}  // namespace scorecard::rules
