#!/bin/sh
# Installs what buyersim needs to build, play and test, from Debian's packages.
# Usage: engine/deps.sh [build|test|web]   (test adds what the test suite
# needs, the web build's among it; web: only what the web build needs)
set -eu
what=${1:-build}
pkgs="cmake make gcc pkg-config libcjson-dev libsdl2-dev libsdl2-ttf-dev libunibreak-dev
      libfontconfig-dev zlib1g-dev fonts-noto-cjk"
# the web build: Debian's emscripten (and the node-acorn its optimizer
# needs), dpkg-source and curl for the libraries' source packages, fonttools
# to subset the fonts; chromium for its end-to-end tests
web="emscripten node-acorn dpkg-dev curl xz-utils bzip2 python3 python3-fonttools fonts-noto-cjk chromium"
if [ "$what" = web ]; then
  pkgs="cmake make $web"
fi
if [ "$what" = test ]; then
  pkgs="$pkgs $web"
  pkgs="$pkgs libcmocka-dev clang libclang-rt-14-dev xvfb xauth xdotool imagemagick x11-utils
        valgrind graphviz desktop-file-utils appstream tmux procps file lintian binutils dpkg-dev libxml2-utils
        firefox-esr"
  # Node.js for the JSON Schema validator (ajv-cli): Debian's nodejs and npm,
  # unless a node with npm is already there (e.g. from NodeSource, whose
  # nodejs conflicts with Debian's npm).
  command -v node >/dev/null 2>&1 || pkgs="$pkgs nodejs"
  command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"
fi
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
echo "Installing:$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
