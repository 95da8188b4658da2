// The documents a command is given: files, "-" (standard input) and folders,
// which stand for every .txt, .tsv and .json file under them.
//
//   std::vector<InputFile> inputs = ExpandInputs({"submissions/", "-"});
//
// Thread-safety: reads the file system; no shared state.

#ifndef SCORECARD_CLIENT_INPUT_FILES_H_
#define SCORECARD_CLIENT_INPUT_FILES_H_

#include <string>
#include <vector>

namespace scorecard::client {

struct InputFile {
  std::string path;
  // Why the input cannot be judged (a folder without documents, a folder
  // that cannot be listed), starting with its path; empty for a document.
  std::string problem;
};

// Returns `inputs` with each folder replaced by the documents under it: every
// file ending in .txt, .tsv or .json (ASCII case ignored), recursively,
// sorted by path in byte order; names starting with '.' are skipped, and
// links to folders are not followed (links to files are). Files and "-" are
// kept as given, even when missing: reading them says what is wrong.
std::vector<InputFile> ExpandInputs(const std::vector<std::string>& inputs);

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_INPUT_FILES_H_
