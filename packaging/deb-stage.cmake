# Run by CPack (CPACK_PRE_BUILD_SCRIPTS) on the .deb's staging folder after
# `cmake --install` has filled it and before the package is made: the changes
# that only a Debian package needs (see packaging/deb.cmake).
if(NOT CPACK_GENERATOR STREQUAL "DEB")
  return()
endif()
set(_root "${CPACK_TEMPORARY_INSTALL_DIRECTORY}${CPACK_PACKAGING_INSTALL_PREFIX}")
set(_bin "${_root}/games/buyersim")
set(_version "${CPACK_PACKAGE_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE}")

function(bs_run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "deb-stage: '${ARGN}' failed (${rc}): ${err}")
  endif()
  set(bs_out "${out}" PARENT_SCOPE)
endfunction()

# gzip -9n: no name or time stamp in the header, so the same input gives the
# same bytes
function(bs_gzip from to)
  execute_process(COMMAND gzip -9n -c "${from}" OUTPUT_FILE "${to}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "deb-stage: gzip ${from} failed")
  endif()
endfunction()

# 1. A game's binary goes in /usr/games. It still finds its data from its
# prefix (<exe>/../share/buyersim), and the desktop file's Exec=buyersim
# finds it on the PATH (/usr/games is on Debian's default PATH).
if(NOT CPACK_BUYERSIM_BINDIR STREQUAL "games")
  set(_from "${_root}/${CPACK_BUYERSIM_BINDIR}")
  if(NOT EXISTS "${_from}/buyersim")
    message(FATAL_ERROR "deb-stage: no ${_from}/buyersim")
  endif()
  file(MAKE_DIRECTORY "${_root}/games")
  file(RENAME "${_from}/buyersim" "${_bin}")
  file(GLOB _left "${_from}/*")
  if(NOT _left)
    file(REMOVE_RECURSE "${_from}")
  endif()
endif()

# 1b. The fonts a `cmake --install` ships for a machine without any: the
# package depends on fonts-noto-cjk, whose fonts fontconfig finds, and
# Debian keeps one copy of a font (lintian: duplicate-font-file).
file(REMOVE_RECURSE "${_root}/share/buyersim/fonts")

# 2. The debug symbols split off into buyersim-dbgsym (found by gdb through
# the build id under /usr/lib/debug/.build-id), the binary stripped as
# dh_strip does.
bs_run(readelf -n "${_bin}")
if(NOT bs_out MATCHES "Build ID: ([0-9a-f][0-9a-f])([0-9a-f]+)")
  message(FATAL_ERROR "deb-stage: ${_bin} has no build id (link with --build-id)")
endif()
set(_id "${CMAKE_MATCH_1}${CMAKE_MATCH_2}")
set(_dbg_root "${CPACK_TOPLEVEL_DIRECTORY}/buyersim-dbgsym")
set(_dbg_rel "usr/lib/debug/.build-id/${CMAKE_MATCH_1}/${CMAKE_MATCH_2}.debug")
file(REMOVE_RECURSE "${_dbg_root}")
file(MAKE_DIRECTORY "${_dbg_root}/DEBIAN")
get_filename_component(_dbg_dir "${_dbg_root}/${_dbg_rel}" DIRECTORY)
file(MAKE_DIRECTORY "${_dbg_dir}")
bs_run(objcopy --only-keep-debug --compress-debug-sections "${_bin}" "${_dbg_root}/${_dbg_rel}")
file(CHMOD "${_dbg_root}/${_dbg_rel}" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
bs_run(strip --remove-section=.comment --remove-section=.note --strip-unneeded "${_bin}")
bs_run(objcopy --add-gnu-debuglink "${_dbg_root}/${_dbg_rel}" "${_bin}")
# its documentation is the main package's, as for Debian's own -dbgsym
file(MAKE_DIRECTORY "${_dbg_root}/usr/share/doc")
file(CREATE_LINK buyersim "${_dbg_root}/usr/share/doc/buyersim-dbgsym" SYMBOLIC)
file(MD5 "${_dbg_root}/${_dbg_rel}" _md5)
file(WRITE "${_dbg_root}/DEBIAN/md5sums" "${_md5}  ${_dbg_rel}\n")
file(SIZE "${_dbg_root}/${_dbg_rel}" _size)
math(EXPR _kib "(${_size} + 1023) / 1024")
bs_run(dpkg --print-architecture)
set(_arch "${bs_out}")
file(WRITE "${_dbg_root}/DEBIAN/control"
"Package: buyersim-dbgsym
Source: buyersim
Version: ${_version}
Architecture: ${_arch}
Maintainer: ${CPACK_DEBIAN_PACKAGE_MAINTAINER}
Installed-Size: ${_kib}
Depends: buyersim (= ${_version})
Section: debug
Priority: optional
Description: debug symbols for buyersim
Build-Ids: ${_id}
Package-Type: ddeb
Auto-Built-Package: debug-symbols
")
bs_run(dpkg-deb --root-owner-group -Zxz --build "${_dbg_root}"
       "${CPACK_PACKAGE_DIRECTORY}/buyersim-dbgsym_${_version}_${_arch}.ddeb")

# 3. The man page gzip'd.
set(_man "${_root}/${CPACK_BUYERSIM_MANDIR}/man6/buyersim.6")
bs_gzip("${_man}" "${_man}.gz")
file(REMOVE "${_man}")

# 4. copyright, changelog.Debian.gz and the upstream changelog.gz.
set(_doc "${_root}/share/doc/buyersim")
file(MAKE_DIRECTORY "${_doc}")
file(COPY "${CPACK_BUYERSIM_DOC_DIR}/copyright" DESTINATION "${_doc}"
     FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
bs_gzip("${CPACK_BUYERSIM_DOC_DIR}/changelog.Debian" "${_doc}/changelog.Debian.gz")
bs_gzip("${CPACK_BUYERSIM_DOC_DIR}/changelog" "${_doc}/changelog.gz")

# 5. The one lintian tag that does not apply, overridden with the reason.
file(MAKE_DIRECTORY "${_root}/share/lintian/overrides")
file(WRITE "${_root}/share/lintian/overrides/buyersim"
"# built from the upstream tree by CPack, not uploaded to Debian's archive:
# there is no ITP bug for its first changelog entry to close
buyersim: initial-upload-closes-no-bugs
")
