# deps.cmake: the C libraries of the web build, compiled to WebAssembly from
# Debian's source packages (engine/web/fetch-sources.sh fetches and pins
# them). Each library is a static library built from an explicit list of its
# sources, as Emscripten's own ports do: no configure step (SDL's alone takes
# minutes of feature checks under emcc), and only what the game uses.
#
# The targets carry the names the desktop build finds by find_package and
# pkg-config, so engine/CMakeLists.txt links the same names on both.

enable_language(CXX) # HarfBuzz
set(BS_WEB_SRC "${PROJECT_BINARY_DIR}/../web-src" CACHE PATH "Where the web build's library sources are fetched and cached")
execute_process(COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/fetch-sources.sh ${BS_WEB_SRC} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "engine/web/fetch-sources.sh could not fetch the web build's library sources")
endif()
get_filename_component(BS_WEB_SRC "${BS_WEB_SRC}" ABSOLUTE)

function(bs_dep_library name)
  cmake_parse_arguments(D "" "" "SOURCES;INCLUDES;PUBLIC_INCLUDES;DEFINES;OPTIONS" ${ARGN})
  add_library(${name} STATIC ${D_SOURCES})
  target_include_directories(${name} PRIVATE ${D_INCLUDES} PUBLIC ${D_PUBLIC_INCLUDES})
  target_compile_definitions(${name} PRIVATE ${D_DEFINES})
  # other people's code: their warnings are theirs; optimised even in a
  # Debug build of ours
  target_compile_options(${name} PRIVATE -w -O2 ${D_OPTIONS})
  set_target_properties(${name} PROPERTIES C_EXTENSIONS ON) # EM_ASM needs gnu11
endfunction()

# --- zlib (the PNG writer) ---------------------------------------------------
set(Z ${BS_WEB_SRC}/zlib)
bs_dep_library(web_zlib SOURCES ${Z}/adler32.c ${Z}/compress.c ${Z}/uncompr.c ${Z}/crc32.c ${Z}/deflate.c ${Z}/trees.c ${Z}/zutil.c
  ${Z}/inflate.c ${Z}/inffast.c ${Z}/inftrees.c PUBLIC_INCLUDES ${Z})
add_library(ZLIB::ZLIB ALIAS web_zlib)

# --- cJSON (the engine core) -------------------------------------------------
bs_dep_library(cjson SOURCES ${BS_WEB_SRC}/cjson/cJSON.c PUBLIC_INCLUDES ${BS_WEB_SRC}/cjson)
# the desktop's cJSON is included as <cjson/cJSON.h>
file(MAKE_DIRECTORY ${PROJECT_BINARY_DIR}/web-include/cjson)
file(COPY ${BS_WEB_SRC}/cjson/cJSON.h DESTINATION ${PROJECT_BINARY_DIR}/web-include/cjson)
target_include_directories(cjson PUBLIC ${PROJECT_BINARY_DIR}/web-include)

# --- libunibreak (line breaking) ---------------------------------------------
set(U ${BS_WEB_SRC}/libunibreak/src)
bs_dep_library(web_unibreak SOURCES ${U}/linebreak.c ${U}/linebreakdata.c ${U}/linebreakdef.c
  ${U}/unibreakbase.c ${U}/unibreakdef.c ${U}/eastasianwidthdef.c ${U}/emojidef.c
  PUBLIC_INCLUDES ${U})
add_library(PkgConfig::UNIBREAK ALIAS web_unibreak)

# --- FreeType: TrueType and OpenType (CFF) outlines, nothing else ------------
set(F ${BS_WEB_SRC}/freetype)
file(WRITE ${PROJECT_BINARY_DIR}/web-include/bs_ftmodule.h
  "FT_USE_MODULE( FT_Module_Class, autofit_module_class )\n"
  "FT_USE_MODULE( FT_Driver_ClassRec, tt_driver_class )\n"
  "FT_USE_MODULE( FT_Driver_ClassRec, cff_driver_class )\n"
  "FT_USE_MODULE( FT_Module_Class, psaux_module_class )\n"
  "FT_USE_MODULE( FT_Module_Class, psnames_module_class )\n"
  "FT_USE_MODULE( FT_Module_Class, pshinter_module_class )\n"
  "FT_USE_MODULE( FT_Module_Class, sfnt_module_class )\n"
  "FT_USE_MODULE( FT_Renderer_Class, ft_smooth_renderer_class )\n")
set(FB ${F}/src/base)
bs_dep_library(web_freetype
  SOURCES ${FB}/ftbase.c ${FB}/ftinit.c ${FB}/ftsystem.c ${FB}/ftdebug.c ${FB}/ftbitmap.c ${FB}/ftglyph.c
    ${FB}/ftbbox.c ${FB}/ftmm.c ${FB}/ftstroke.c ${FB}/ftsynth.c ${FB}/fttype1.c ${FB}/ftcid.c ${FB}/ftgasp.c
    ${FB}/ftfstype.c ${FB}/ftpatent.c ${FB}/ftotval.c ${FB}/ftfntfmt.c ${FB}/ftlcdfil.c
    ${F}/src/autofit/autofit.c ${F}/src/truetype/truetype.c ${F}/src/cff/cff.c ${F}/src/psaux/psaux.c
    ${F}/src/psnames/psnames.c ${F}/src/pshinter/pshinter.c ${F}/src/sfnt/sfnt.c ${F}/src/smooth/smooth.c
    ${F}/src/gzip/ftgzip.c
  PUBLIC_INCLUDES ${F}/include
  DEFINES FT2_BUILD_LIBRARY FT_CONFIG_OPTION_SYSTEM_ZLIB
    "FT_CONFIG_MODULES_H=\"${PROJECT_BINARY_DIR}/web-include/bs_ftmodule.h\"")
target_link_libraries(web_freetype PUBLIC web_zlib)

# --- HarfBuzz (shaping, as SDL2_ttf uses it on the desktop) -------------------
set(HB ${BS_WEB_SRC}/harfbuzz/src)
bs_dep_library(web_harfbuzz SOURCES ${HB}/harfbuzz.cc PUBLIC_INCLUDES ${HB}
  DEFINES HAVE_FREETYPE=1 HB_NO_MT=1 HB_NO_PRAGMA_GCC_DIAGNOSTIC_ERROR=1
  OPTIONS -fno-exceptions -fno-rtti)
target_link_libraries(web_harfbuzz PUBLIC web_freetype)

# --- SDL2: the Emscripten video, events and renderers ------------------------
set(S ${BS_WEB_SRC}/libsdl2/src)
file(GLOB SDL_SRCS
  ${S}/*.c ${S}/atomic/*.c ${S}/audio/*.c ${S}/audio/dummy/*.c ${S}/audio/disk/*.c ${S}/audio/emscripten/*.c
  ${S}/cpuinfo/*.c ${S}/dynapi/*.c ${S}/events/*.c ${S}/file/*.c ${S}/filesystem/emscripten/*.c
  ${S}/haptic/*.c ${S}/haptic/dummy/*.c ${S}/joystick/*.c ${S}/joystick/emscripten/*.c
  ${S}/joystick/virtual/*.c ${S}/hidapi/SDL_hidapi.c ${S}/loadso/dlopen/*.c ${S}/locale/*.c
  ${S}/locale/emscripten/*.c ${S}/misc/*.c ${S}/misc/emscripten/*.c ${S}/power/*.c ${S}/power/emscripten/*.c
  ${S}/render/*.c ${S}/render/software/*.c ${S}/render/opengles2/*.c ${S}/sensor/*.c ${S}/sensor/dummy/*.c
  ${S}/stdlib/*.c ${S}/thread/*.c ${S}/thread/generic/*.c ${S}/timer/*.c ${S}/timer/unix/*.c
  ${S}/video/*.c ${S}/video/emscripten/*.c ${S}/video/dummy/*.c ${S}/video/yuv2rgb/*.c)
bs_dep_library(web_sdl2 SOURCES ${SDL_SRCS} INCLUDES ${S} PUBLIC_INCLUDES ${BS_WEB_SRC}/libsdl2/include
)
add_library(SDL2::SDL2 ALIAS web_sdl2)

# --- SDL2_ttf, with HarfBuzz as Debian builds it -------------------------------
bs_dep_library(web_sdl2_ttf SOURCES ${BS_WEB_SRC}/libsdl2-ttf/SDL_ttf.c
  PUBLIC_INCLUDES ${BS_WEB_SRC}/libsdl2-ttf DEFINES TTF_USE_HARFBUZZ=1)
target_link_libraries(web_sdl2_ttf PUBLIC web_sdl2 web_freetype web_harfbuzz)
add_library(SDL2_ttf::SDL2_ttf ALIAS web_sdl2_ttf)
