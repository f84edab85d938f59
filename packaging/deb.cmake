# The .deb: `cpack -G DEB` in the build folder. Made to pass lintian with no
# error and no warning (tests/package/ checks it): a DEP-5 copyright file,
# changelog.Debian.gz and the upstream changelog.gz, the binary in /usr/games
# (Debian policy for games) stripped, with its debug symbols in a -dbgsym
# package (buyersim-dbgsym_*.ddeb, beside the .deb), the man page gzip'd,
# and an extended description taken from the README's first paragraph. The
# layout changes that only the .deb needs are made in its staging folder by
# packaging/deb-stage.cmake, so that `cmake --install` to any prefix is left
# as it is.

set(BUYERSIM_MAINTAINER "" CACHE STRING
    "Maintainer of the .deb, as 'Name <address>'; unset, a placeholder at buyersim@invalid")
set(BUYERSIM_DEB_RELEASE 1 CACHE STRING "Debian revision of the .deb: its version is <project version>-<this>")
if(BUYERSIM_MAINTAINER)
  if(NOT BUYERSIM_MAINTAINER MATCHES "^[^<>]+ <[^<> ]+@[^<> ]+>$")
    message(FATAL_ERROR "BUYERSIM_MAINTAINER must read 'Name <address>', not '${BUYERSIM_MAINTAINER}'")
  endif()
  set(_bs_maintainer "${BUYERSIM_MAINTAINER}")
else()
  # No address is invented: .invalid is reserved (RFC 2606), and lintian says
  # so (bogus-mail-host) until a packager sets one.
  set(_bs_maintainer "buyersim maintainers <buyersim@invalid>")
endif()

set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/LICENSE ${PROJECT_SOURCE_DIR}/CHANGELOG.md)

# The extended description: the README's first paragraph, without markdown.
file(READ ${PROJECT_SOURCE_DIR}/README.md _bs_readme)
string(REGEX REPLACE "^# [^\n]*\n\n" "" _bs_readme "${_bs_readme}")
string(FIND "${_bs_readme}" "\n\n" _bs_end)
string(SUBSTRING "${_bs_readme}" 0 ${_bs_end} _bs_description)
string(REPLACE "*" "" _bs_description "${_bs_description}")
string(REGEX REPLACE "[ \n]+" ";" _bs_words "${_bs_description}")
set(_bs_description "")
set(_bs_line "")
foreach(_bs_word IN LISTS _bs_words) # wrapped at 72 (lintian: at most 80)
  string(LENGTH "${_bs_line} ${_bs_word}" _bs_len)
  if(_bs_line AND _bs_len GREATER 72)
    string(APPEND _bs_description "${_bs_line}\n")
    set(_bs_line "${_bs_word}")
  elseif(_bs_line)
    string(APPEND _bs_line " ${_bs_word}")
  else()
    set(_bs_line "${_bs_word}")
  endif()
endforeach()
string(APPEND _bs_description "${_bs_line}")

# The copyright file (DEP-5), with the licence text from LICENSE.
file(READ ${PROJECT_SOURCE_DIR}/LICENSE _bs_license)
string(REGEX REPLACE "^MIT License\n\nCopyright [^\n]*\n\n" "" _bs_license "${_bs_license}")
string(REGEX REPLACE "\n$" "" _bs_license "${_bs_license}")
string(REPLACE "\n\n" "\n.\n" _bs_license "${_bs_license}")
string(REPLACE "\n" "\n " _bs_license " ${_bs_license}")
set(_bs_doc ${PROJECT_BINARY_DIR}/packaging/doc)
file(WRITE ${_bs_doc}/copyright
"Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: buyersim

Files: *
Copyright: 2026 The buyersim authors
License: Expat

Files: tests/data/jsontestsuite/*
Copyright: 2016 Nicolas Seriot
License: Expat
Comment: JSONTestSuite's parsing corpus, test data only (not in this package).

License: Expat
${_bs_license}
")

# changelog.Debian: one entry per release in CHANGELOG.md, dated as there;
# the upstream changelog (CHANGELOG.md) travels as changelog.gz.
set(_bs_changelog "")
foreach(_bs_release IN LISTS BS_RELEASES)
  string(REPLACE "=" ";" _bs_release "${_bs_release}")
  list(GET _bs_release 0 _bs_v)
  list(GET _bs_release 1 _bs_d)
  if(_bs_v STREQUAL PROJECT_VERSION)
    set(_bs_debv "${_bs_v}-${BUYERSIM_DEB_RELEASE}")
  else()
    set(_bs_debv "${_bs_v}-1")
  endif()
  # RFC 5322 date; the day of the week by Sakamoto's method
  string(REGEX REPLACE "^([0-9]+)-0?([0-9]+)-0?([0-9]+)$" "\\1;\\2;\\3" _bs_ymd "${_bs_d}")
  list(GET _bs_ymd 0 _bs_y)
  list(GET _bs_ymd 1 _bs_m)
  list(GET _bs_ymd 2 _bs_day)
  set(_bs_t 0 3 2 5 0 3 5 1 4 6 2 4)
  math(EXPR _bs_mi "${_bs_m} - 1")
  list(GET _bs_t ${_bs_mi} _bs_tm)
  set(_bs_yy ${_bs_y})
  if(_bs_m LESS 3)
    math(EXPR _bs_yy "${_bs_y} - 1")
  endif()
  math(EXPR _bs_dow "(${_bs_yy} + ${_bs_yy} / 4 - ${_bs_yy} / 100 + ${_bs_yy} / 400 + ${_bs_tm} + ${_bs_day}) % 7")
  set(_bs_days Sun Mon Tue Wed Thu Fri Sat)
  set(_bs_months Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec)
  list(GET _bs_days ${_bs_dow} _bs_wd)
  list(GET _bs_months ${_bs_mi} _bs_mon)
  if(_bs_day LESS 10)
    set(_bs_day "0${_bs_day}")
  endif()
  if(_bs_changelog)
    string(APPEND _bs_changelog "\n")
  endif()
  string(APPEND _bs_changelog
"buyersim (${_bs_debv}) unstable; urgency=medium

  * Release ${_bs_v}, packaged with CPack from the upstream tree. Its changes:
    /usr/share/doc/buyersim/changelog.gz (CHANGELOG.md).

 -- ${_bs_maintainer}  ${_bs_wd}, ${_bs_day} ${_bs_mon} ${_bs_y} 00:00:00 +0000
")
endforeach()
file(WRITE ${_bs_doc}/changelog.Debian "${_bs_changelog}")
configure_file(${PROJECT_SOURCE_DIR}/CHANGELOG.md ${_bs_doc}/changelog COPYONLY)

set(CPACK_PACKAGE_NAME buyersim)
set(CPACK_PACKAGE_VENDOR "The buyersim authors")
set(CPACK_PACKAGE_CONTACT "${_bs_maintainer}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${_bs_maintainer}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Sales role-play game seen from the buyer's seat")
set(CPACK_PACKAGE_DESCRIPTION "${_bs_description}")
set(CPACK_DEBIAN_PACKAGE_RELEASE ${BUYERSIM_DEB_RELEASE})
set(CPACK_DEBIAN_PACKAGE_SECTION games)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-noto-cjk")
# the debug symbols: a -dbgsym package made by deb-stage.cmake (CPack 3.25's
# own, CPACK_DEBIAN_DEBUGINFO_PACKAGE, lists absolute paths in its md5sums
# and carries no copyright)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PRE_BUILD_SCRIPTS ${PROJECT_SOURCE_DIR}/packaging/deb-stage.cmake)
# read by deb-stage.cmake (CPack hands every CPACK_ variable to it)
set(CPACK_BUYERSIM_DOC_DIR ${_bs_doc})
set(CPACK_BUYERSIM_BINDIR ${CMAKE_INSTALL_BINDIR})
set(CPACK_BUYERSIM_MANDIR ${CMAKE_INSTALL_MANDIR})
if(CMAKE_VERSION VERSION_LESS 3.19)
  message(WARNING "CMake ${CMAKE_VERSION} ignores CPACK_PRE_BUILD_SCRIPTS (3.19): "
          "its .deb would keep the binary in /usr/bin and lack its copyright file")
endif()
