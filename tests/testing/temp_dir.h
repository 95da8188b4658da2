// A temporary folder for tests and benchmarks, removed with everything in it.
//
//   TempDir dir;
//   const std::string rules = dir.Write("rules/led.yaml", "id: led\n...");
//   // rules == dir.path() + "/rules/led.yaml"
//
// The folder is made under $TMPDIR (else /tmp). A machine that cannot make
// one cannot run the suite at all, so failing to is fatal: the process stops
// with a message naming the folder.
//
// Thread-safety: a TempDir is used by one thread, or read from several.

#ifndef SCORECARD_TESTS_TESTING_TEMP_DIR_H_
#define SCORECARD_TESTS_TESTING_TEMP_DIR_H_

#include <string>

#include "absl/strings/string_view.h"

namespace scorecard::testing {

class TempDir final {
 public:
  // Makes a fresh folder whose name starts with `prefix`.
  explicit TempDir(absl::string_view prefix = "scorecard-test-");
  ~TempDir();

  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

  // Returns the path of `relative` inside the folder.
  std::string operator/(absl::string_view relative) const;

  // Writes `content` to the file `relative` (making the folders on the way)
  // and returns its path. A write that fails is fatal, as above.
  std::string Write(absl::string_view relative,
                    absl::string_view content) const;

 private:
  std::string path_;
};

}  // namespace scorecard::testing

#endif  // SCORECARD_TESTS_TESTING_TEMP_DIR_H_
