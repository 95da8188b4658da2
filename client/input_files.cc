#include "client/input_files.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace scorecard::client {
namespace {

namespace fs = std::filesystem;

bool IsDocumentName(const std::string& name) {
  const std::string lower = absl::AsciiStrToLower(name);
  return absl::EndsWith(lower, ".txt") || absl::EndsWith(lower, ".tsv") ||
         absl::EndsWith(lower, ".json");
}

// Appends the documents under `folder`, sorted, or one problem.
void ExpandFolder(const std::string& folder, std::vector<InputFile>* out) {
  std::vector<std::string> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(folder, ec);
  for (const fs::recursive_directory_iterator end; !ec && it != end;
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (absl::StartsWith(name, ".")) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (IsDocumentName(name) && it->is_regular_file(ec)) {
      found.push_back(it->path().string());
    }
  }
  if (ec) {
    out->push_back({folder, absl::StrCat(folder, ": cannot list the folder: ",
                                         ec.message())});
    return;
  }
  if (found.empty()) {
    out->push_back(
        {folder, absl::StrCat(folder,
                              ": the folder holds no document (.txt, "
                              ".tsv or .json)")});
    return;
  }
  std::sort(found.begin(), found.end());
  for (std::string& path : found) out->push_back({std::move(path), ""});
}

}  // namespace

std::vector<InputFile> ExpandInputs(const std::vector<std::string>& inputs) {
  std::vector<InputFile> out;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (input != "-" && fs::is_directory(input, ec)) {
      ExpandFolder(input, &out);
    } else {
      out.push_back({input, ""});
    }
  }
  return out;
}

}  // namespace scorecard::client
