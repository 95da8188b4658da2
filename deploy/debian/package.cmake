# The Debian package: `cpack -G DEB` in the build folder writes
# scorecard_<version>_amd64.deb. Included from the top CMakeLists.txt after
# the programs' install rules; docs/deploy.md describes the package.
#
# The package installs under /usr: the programs in /usr/bin, the bundled rule
# sets in /usr/share/scorecard/rules (where the programs find them from their
# own path). What only a system install has -- the systemd unit, its flags in
# /etc/default/scorecardd, and a copy of the rules in /etc/scorecard/rules for
# the administrator to edit -- is the "system" component: left out of a plain
# `cmake --install` (EXCLUDE_FROM_ALL, so a --prefix install never touches
# /etc) and packed only here. Everything under /etc is a conffile.

set(SCORECARD_DEB_DIR "${CMAKE_CURRENT_LIST_DIR}")
set(SCORECARD_SYSTEMD_DIR "${PROJECT_SOURCE_DIR}/deploy/systemd")

install(FILES "${SCORECARD_SYSTEMD_DIR}/scorecardd.service"
        DESTINATION /lib/systemd/system
        COMPONENT system EXCLUDE_FROM_ALL)
install(FILES "${SCORECARD_SYSTEMD_DIR}/scorecardd.default"
        DESTINATION /etc/default RENAME scorecardd
        COMPONENT system EXCLUDE_FROM_ALL)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/rules/bundled/"
        DESTINATION /etc/scorecard/rules
        COMPONENT system EXCLUDE_FROM_ALL
        PATTERN Kustomization EXCLUDE)
install(FILES "${SCORECARD_DEB_DIR}/copyright"
        DESTINATION "${CMAKE_INSTALL_DOCDIR}"
        COMPONENT system EXCLUDE_FROM_ALL)

# conffiles: every file the package puts under /etc. A rule file added to
# rules/bundled/ is picked up at the next configure (CONFIGURE_DEPENDS).
file(GLOB SCORECARD_BUNDLED_RULE_FILES CONFIGURE_DEPENDS
     RELATIVE "${PROJECT_SOURCE_DIR}/rules/bundled"
     "${PROJECT_SOURCE_DIR}/rules/bundled/*")
list(FILTER SCORECARD_BUNDLED_RULE_FILES EXCLUDE REGEX "^Kustomization$")
set(SCORECARD_CONFFILES "/etc/default/scorecardd\n")
foreach(rule_file IN LISTS SCORECARD_BUNDLED_RULE_FILES)
  string(APPEND SCORECARD_CONFFILES "/etc/scorecard/rules/${rule_file}\n")
endforeach()
file(CONFIGURE OUTPUT "${PROJECT_BINARY_DIR}/debian/conffiles"
     CONTENT "${SCORECARD_CONFFILES}")

set(CPACK_PACKAGE_NAME scorecard)
set(CPACK_PACKAGE_VENDOR "Scorecard rules service authors")
set(CPACK_PACKAGE_CONTACT "Scorecard rules service maintainers <scorecard@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Scorecard rules service: validates Thai government performance scorecards")
set(CPACK_PACKAGE_DESCRIPTION
    "scorecardd serves scorecard.v1.ScorecardService over gRPC (validation,
rule sets, health, reflection) with safe rule reloads and graceful drain;
scorecardctl validates scorecard documents offline or through scorecardd.
Includes the bundled rule sets and a hardened systemd unit.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
# The default files and every file of the "system" component, in one package.
set(CPACK_INSTALL_CMAKE_PROJECTS
    "${PROJECT_BINARY_DIR};${PROJECT_NAME};ALL;/"
    "${PROJECT_BINARY_DIR};${PROJECT_NAME};system;/")
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Beyond the libraries: adduser for the system user in postinst.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${PROJECT_BINARY_DIR}/debian/conffiles"
    "${SCORECARD_DEB_DIR}/postinst"
    "${SCORECARD_DEB_DIR}/prerm"
    "${SCORECARD_DEB_DIR}/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
