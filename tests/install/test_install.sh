#!/bin/sh
# cmake --install puts everything in its standard place; the installed binary
# finds its data from its prefix, wherever it is run from; the desktop file
# and the AppStream metainfo validate. The .deb is tested by test_package.sh.
# Usage: test_install.sh BUILD_DIR WORK_DIR
set -eu
build=$1 work=$2
rm -rf "$work" && mkdir -p "$work"
dest=$work/root
DESTDIR=$dest cmake --install "$build" --prefix /usr >/dev/null
fail() { echo "FAIL: $*"; exit 1; }
for f in usr/bin/buyersim \
         usr/share/buyersim/scenarios/en/erp-rollout.json \
         usr/share/buyersim/scenarios/zh/erp-rollout.json \
         usr/share/buyersim/assets/lang/en.json usr/share/buyersim/assets/lang/zh.json \
         usr/share/applications/io.github.buyersim.Buyersim.desktop \
         usr/share/metainfo/io.github.buyersim.Buyersim.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/io.github.buyersim.Buyersim.svg \
         usr/share/icons/hicolor/48x48/apps/io.github.buyersim.Buyersim.png \
         usr/share/man/man6/buyersim.6; do
  [ -e "$dest/$f" ] || fail "$f is not installed"
done
file "$dest/usr/share/icons/hicolor/48x48/apps/io.github.buyersim.Buyersim.png" | grep -q '48 x 48' || fail "the 48x48 icon is not 48x48"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$dest/usr/share/applications/io.github.buyersim.Buyersim.desktop" || fail "desktop file"
else echo "desktop-file-validate missing (Debian: desktop-file-utils)"; exit 77; fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net "$dest/usr/share/metainfo/io.github.buyersim.Buyersim.metainfo.xml" || fail "metainfo"
else echo "appstreamcli missing (Debian: appstream)"; exit 77; fi
# the installed binary, run from elsewhere, with no hint where the data is
cd "$work"
out=$(env -u BUYERSIM_DATA HOME="$work" XDG_DATA_HOME= "$dest/usr/bin/buyersim" sim erp-rollout --policy random --runs 10 2>&1) \
  || fail "the installed binary cannot find its scenarios: $out"
echo "$out" | grep -q "win rate" || fail "unexpected sim output: $out"
printf '1\n' | env -u BUYERSIM_DATA HOME="$work" XDG_DATA_HOME= LANG=zh_CN.UTF-8 "$dest/usr/bin/buyersim" play --text >"$work/zh.txt" 2>&1 \
  || fail "the installed binary cannot play"
grep -q '林伟' "$work/zh.txt" || fail "a zh_CN locale does not pick the Chinese case"
# The fonts it ships, for a machine where fontconfig finds none: a Chinese
# week drawn with them is the same picture as with fontconfig's Noto Sans CJK
# (the subset keeps the outlines and their hints).
if [ -e "$build/fonts/zh-regular.otf" ]; then
  for f in zh-regular.otf zh-bold.otf LICENSE-NotoSansCJK.txt; do
    [ -e "$dest/usr/share/buyersim/fonts/$f" ] || fail "fonts/$f is not installed"
  done
  mkdir -p "$work/fc"
  printf '%s\n' '<?xml version="1.0"?>' '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">' \
    "<fontconfig><cachedir>$work/fc/cache</cachedir></fontconfig>" >"$work/fc/none.conf"
  render() { # render OUT.png [VAR=value...]: week 3 of the Chinese case, 1024x768
    out=$1; shift
    env -u BUYERSIM_DATA -u BUYERSIM_FONT -u DISPLAY HOME="$work" XDG_DATA_HOME="$work/data" "$@" \
      "$dest/usr/bin/buyersim" render erp-rollout --lang zh --moves 1,2 --size 1024x768 --out "$out" 2>&1
  }
  out=$(render "$work/fontconfig.png") || fail "render with fontconfig's fonts: $out"
  out=$(render "$work/shipped.png" FONTCONFIG_FILE="$work/fc/none.conf") \
    || fail "with no font from fontconfig, the shipped fonts were not used: $out"
  cmp -s "$work/fontconfig.png" "$work/shipped.png" \
    || fail "a week drawn with the shipped fonts differs from one drawn with fontconfig's"
  # without them, it says what to install
  mv "$dest/usr/share/buyersim/fonts" "$work/fonts-away"
  if out=$(render "$work/none.png" FONTCONFIG_FILE="$work/fc/none.conf"); then
    fail "with no font anywhere, render succeeded"
  fi
  echo "$out" | grep -q "fonts-noto-cjk" || fail "with no font anywhere, the message does not name fonts-noto-cjk: $out"
  mv "$work/fonts-away" "$dest/usr/share/buyersim/fonts"
elif [ -n "${BUYERSIM_CI:-}" ]; then
  fail "the build shipped no fonts (BUYERSIM_BUNDLED_FONTS; python3-fonttools and fonts-noto-cjk)"
fi
# (the .deb: test_package.sh)
echo "install ok"
