# package.cmake: makes the SCORM 1.2 package, a zip of the site (but its
# full font, fonts/full/: the cases it launches need only the subsets) with
# imsmanifest.xml (manifest.py) at its root. Run at every build; it does the
# work only when the manifest would change or a file of the site is newer
# than the zip (a file another step adds to the site is packed too).
# Usage: cmake -DSITE=DIR -DSTAGE=DIR -DZIP=FILE -DSCENARIOS=DIR -DMASTERY=N
#              -DVERSION=V -DPYTHON=python3 -P package.cmake
foreach(v SITE STAGE ZIP SCENARIOS MASTERY VERSION PYTHON)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "package.cmake: -D${v}=... is missing")
  endif()
endforeach()
get_filename_component(here "${CMAKE_CURRENT_LIST_FILE}" DIRECTORY)

# the manifest, from the site's files as they are now
file(MAKE_DIRECTORY "${STAGE}")
set(manifest "${STAGE}.imsmanifest.xml")
execute_process(
  COMMAND "${PYTHON}" "${here}/manifest.py" --scenarios "${SCENARIOS}" --package "${SITE}"
          --mastery "${MASTERY}" --version "${VERSION}" --out "${manifest}" --leave fonts/full
  RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "package.cmake: manifest.py failed (${rc})")
endif()

set(stale FALSE)
if(NOT EXISTS "${ZIP}" OR NOT EXISTS "${STAGE}/imsmanifest.xml")
  set(stale TRUE)
else()
  file(READ "${manifest}" new)
  file(READ "${STAGE}/imsmanifest.xml" old)
  if(NOT new STREQUAL old)
    set(stale TRUE)
  else()
    file(GLOB_RECURSE site_files "${SITE}/*")
    foreach(f IN LISTS site_files)
      if("${f}" IS_NEWER_THAN "${ZIP}")
        set(stale TRUE)
        break()
      endif()
    endforeach()
  endif()
endif()
if(NOT stale)
  file(REMOVE "${manifest}")
  return()
endif()

message(STATUS "Packing the SCORM 1.2 package: ${ZIP}")
file(REMOVE_RECURSE "${STAGE}")
file(COPY "${SITE}/" DESTINATION "${STAGE}")
# the whole Chinese font stays on the site: an LMS launches the bundled
# cases, whose characters the subsets have (28 MB less to upload)
file(REMOVE_RECURSE "${STAGE}/fonts/full")
file(RENAME "${manifest}" "${STAGE}/imsmanifest.xml")
execute_process(
  COMMAND "${CMAKE_COMMAND}" -E tar cf "${ZIP}.tmp" --format=zip .
  WORKING_DIRECTORY "${STAGE}"
  RESULT_VARIABLE rc)
if(rc)
  file(REMOVE "${ZIP}.tmp")
  message(FATAL_ERROR "package.cmake: zipping ${STAGE} failed (${rc})")
endif()
file(RENAME "${ZIP}.tmp" "${ZIP}")
