// Where an installed program finds what is installed beside it.
//
//   options.rules_path = BundledRulesPath();  // "/opt/scorecard/share/scorecard/rules"
//
// The bundled rule sets install to <prefix>/share/scorecard/rules and the
// programs to <prefix>/bin, so a program finds the rules from its own
// location (/proc/self/exe) whatever prefix it was installed under, moved or
// not. The configured prefix is the fallback.
// Thread-safety: safe from any thread.

#ifndef SCORECARD_RELEASE_INSTALL_LAYOUT_H_
#define SCORECARD_RELEASE_INSTALL_LAYOUT_H_

#include <string>

namespace scorecard::release {

// Returns <folder of this executable>/../share/scorecard/rules when that is
// a folder, else the configured install path of the bundled rules
// (CMAKE_INSTALL_PREFIX/share/scorecard/rules).
std::string BundledRulesPath();

}  // namespace scorecard::release

#endif  // SCORECARD_RELEASE_INSTALL_LAYOUT_H_
