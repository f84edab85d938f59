#!/bin/sh
# Installs what the tests need, then builds and runs the whole suite twice:
# a normal build, and a build with AddressSanitizer + UndefinedBehaviorSanitizer;
# in between, a clang build and its unit and command-line tests, and the web
# build with its tests in chromium.
# Screen tests run under Xvfb (started here). Usage: tests/run.sh [--quick]
# With BUYERSIM_CI=1 (.ci/run) a screen test whose prerequisites are missing
# (Xvfb, a CJK font) fails instead of being skipped.
set -eu
cd "$(dirname "$0")/.."
engine/deps.sh test
jobs=$(nproc)
export LANG=C.UTF-8
unset LC_ALL LANGUAGE || true

# a private X server for the end-to-end screen tests; -noreset: by default
# Xvfb resets whenever its last client disconnects, and a client connecting
# during the reset is refused (a test polling with xdotool while the game
# starts lost its window that way about once in 200 connections)
if [ -z "${DISPLAY:-}" ] && command -v Xvfb >/dev/null; then
  for n in 99 98 97 96 95; do
    if [ ! -e /tmp/.X$n-lock ]; then
      Xvfb :$n -screen 0 1920x1080x24 -nolisten tcp -noreset >/dev/null 2>&1 &
      xvfb_pid=$!
      trap 'kill $xvfb_pid 2>/dev/null || true' EXIT INT TERM
      export DISPLAY=:$n
      sleep 1
      break
    fi
  done
fi

cmake -S . -B build/test -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/test -j"$jobs"
(cd build/test && ctest --output-on-failure -j"$jobs")

[ "${1:-}" = --quick ] && exit 0

# the same code built by clang with the project's warnings as errors (a
# change that only gcc accepts stops here), the screen included; its unit
# and command-line tests (test_determinism's pinned hashes: clang plays the
# same games), but for the two slow ones (3 and 1 minutes), which exercise
# nothing a compiler changes that the others do not
cmake -S . -B build/clang -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DBUYERSIM_SCREEN=ON -DBUYERSIM_BUNDLED_FONTS=OFF >/dev/null
cmake --build build/clang -j"$jobs"
(cd build/clang && ctest --output-on-failure -j"$jobs" -L 'unit|cli' -E '^cli_test_(author|kill)$')

# the web build from this tree (its libraries compiled from Debian's source
# packages) and its end-to-end tests in chromium, the SCORM package's in a
# real SCORM runtime among them (tests/web/)
cmake --preset web >/dev/null
cmake --build --preset web
tests/web/run.sh

# the loaders under libFuzzer, a bounded time each
tests/fuzz/run.sh "${BUYERSIM_FUZZ_SECONDS:-60}"

# the whole suite again under the sanitizers
cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=Debug -DBUYERSIM_SANITIZE=ON >/dev/null
cmake --build build/asan -j"$jobs"
# (the lesson tests measure the debrief's moments again in 40 games here,
# not 3,000: this run is for memory safety; the figures were met above)
(cd build/asan && BS_MOMENT_GAMES=40 ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
   LSAN_OPTIONS=suppressions="$(pwd)/../../tests/lsan.supp":print_suppressions=0 \
   UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j"$jobs")
