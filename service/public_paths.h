// What the public ScorecardService may say about where rules come from: file
// names, never file-system paths. A path tells a caller how the server is
// laid out (mount points, user names, versions in folder names); callers
// that are not admins need only the file name to tell rule files apart. The
// admin service (admin_service_impl.h) and the server's log keep full paths.
//
//   FileName("/etc/scorecard/rules/led-fy2563.yaml")   // "led-fy2563.yaml"
//   HideRulesPath("/etc/scorecard/rules/a.yaml:3:1: bad weight",
//                 "/etc/scorecard/rules")               // "a.yaml:3:1: bad weight"
//
// Both return valid UTF-8 (rules::ToValidUtf8): a file name need not be.
//
// Thread-safety: pure functions, safe for concurrent use.

#ifndef SCORECARD_SERVICE_PUBLIC_PATHS_H_
#define SCORECARD_SERVICE_PUBLIC_PATHS_H_

#include <string>

#include "absl/strings/string_view.h"

namespace scorecard::service {

// Returns the last component of `path`: what follows its last '/' (trailing
// slashes ignored); `path` itself when it has none.
std::string FileName(absl::string_view path);

// Returns `text` with the rules path `rules_path` taken out wherever it
// stands as a path of its own (at the start of `text` or after a space, a
// quote or a parenthesis, and followed by '/', ':', a space, a quote or the
// end): "<rules_path>/x.yaml" becomes "x.yaml", and "<rules_path>" alone
// becomes FileName(rules_path). Text that only contains the same letters
// inside a word is left alone. An empty rules_path changes nothing.
std::string HideRulesPath(absl::string_view text, absl::string_view rules_path);

}  // namespace scorecard::service

#endif  // SCORECARD_SERVICE_PUBLIC_PATHS_H_
