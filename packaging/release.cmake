# One version number: project(VERSION) in CMakeLists.txt. It reaches the
# binary (--version, saves, xAPI exports) through BS_VERSION (engine/), and
# the files configured here: the AppStream metainfo's <releases> and the man
# page. CHANGELOG.md must have an entry for it; the release dates come from
# there. Sets BS_RELEASE_DATE, BS_RELEASES (a list of VERSION=DATE, newest
# first), BS_METAINFO_FILE and BS_MAN_FILE.

file(STRINGS ${PROJECT_SOURCE_DIR}/CHANGELOG.md _bs_heads
     REGEX "^## \\[[0-9]+\\.[0-9]+\\.[0-9]+\\] - [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$")
set(BS_RELEASES "")
set(BS_APPSTREAM_RELEASES "")
foreach(_bs_head IN LISTS _bs_heads)
  string(REGEX REPLACE "^## \\[([0-9.]+)\\] - ([0-9-]+)$" "\\1" _bs_v "${_bs_head}")
  string(REGEX REPLACE "^## \\[([0-9.]+)\\] - ([0-9-]+)$" "\\2" _bs_d "${_bs_head}")
  list(APPEND BS_RELEASES "${_bs_v}=${_bs_d}")
  if(BS_APPSTREAM_RELEASES)
    string(APPEND BS_APPSTREAM_RELEASES "\n")
  endif()
  string(APPEND BS_APPSTREAM_RELEASES "    <release version=\"${_bs_v}\" date=\"${_bs_d}\"/>")
endforeach()
if(NOT BS_RELEASES)
  message(FATAL_ERROR "CHANGELOG.md has no release entry ('## [X.Y.Z] - YYYY-MM-DD')")
endif()
list(GET BS_RELEASES 0 _bs_newest)
string(REPLACE "=" ";" _bs_newest "${_bs_newest}")
list(GET _bs_newest 0 _bs_newest_version)
list(GET _bs_newest 1 BS_RELEASE_DATE)
if(NOT _bs_newest_version STREQUAL PROJECT_VERSION)
  message(FATAL_ERROR "CHANGELOG.md's newest release is ${_bs_newest_version}, but project(VERSION) "
          "is ${PROJECT_VERSION}: add '## [${PROJECT_VERSION}] - YYYY-MM-DD' to CHANGELOG.md")
endif()

set(BS_METAINFO_FILE ${PROJECT_BINARY_DIR}/assets/io.github.buyersim.Buyersim.metainfo.xml)
set(BS_MAN_FILE ${PROJECT_BINARY_DIR}/assets/buyersim.6)
configure_file(${PROJECT_SOURCE_DIR}/assets/desktop/io.github.buyersim.Buyersim.metainfo.xml.in
               ${BS_METAINFO_FILE} @ONLY)
configure_file(${PROJECT_SOURCE_DIR}/assets/man/buyersim.6.in ${BS_MAN_FILE} @ONLY)
