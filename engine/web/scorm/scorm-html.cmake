# scorm-html.cmake: makes the SCORM package's launch page from the site's
# index.html, so that the two never drift: the same canvas, markup and
# styles, with scorm.js (which finds the LMS, then loads page.js and
# buyersim.js in that order) in place of the page's two scripts.
# Usage: cmake -DIN=index.html -DOUT=scorm.html -P scorm-html.cmake
file(READ "${IN}" html)
set(page_script "<script src=\"page.js\"></script>")
set(game_script "<script async src=\"buyersim.js\"></script>")
foreach(s IN ITEMS page_script game_script)
  string(FIND "${html}" "${${s}}" at)
  if(at LESS 0)
    message(FATAL_ERROR "${IN} has no ${${s}}: the SCORM launch page replaces the page's scripts "
                        "with scorm.js; update engine/web/scorm/scorm-html.cmake to the page's markup")
  endif()
endforeach()
string(REPLACE "${page_script}" "<script src=\"scorm.js\"></script>" html "${html}")
string(REGEX REPLACE "[ \t]*${game_script}[ \t]*\r?\n?" "" html "${html}")
string(REPLACE "<title>buyersim</title>" "<title>buyersim (SCORM)</title>" html "${html}")
file(WRITE "${OUT}.tmp" "${html}")
file(RENAME "${OUT}.tmp" "${OUT}")
