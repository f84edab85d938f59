#!/bin/sh
# The .deb as a Linux distribution would take it. cpack makes it (and its
# -dbgsym); lintian reports no error and no warning on either, except, while
# no maintainer is set (BUYERSIM_MAINTAINER), the placeholder address's
# bogus-mail-host and bogus-mail-host-in-debian-changelog; its desktop file
# and metainfo validate; one version number everywhere. Unpacked into a
# scratch root with dpkg -x, the binary in /usr/games finds its data from
# its own prefix, checks an installed case and plays a piped console game,
# whose save and xAPI export carry the version.
# Usage: test_package.sh BUILD_DIR WORK_DIR VERSION
set -u
build=$1 work=$2 version=$3
rm -rf "$work" && mkdir -p "$work/home" "$work/data"
# a data folder of its own
export HOME="$work/home" XDG_DATA_HOME="$work/data" LANG=C.UTF-8
unset BUYERSIM_DATA LC_ALL LC_MESSAGES || true
npass=0 nfail=0
pass() { echo "PASS: $*"; npass=$((npass + 1)); }
fail() { echo "FAIL: $*"; nfail=$((nfail + 1)); }
show() { sed -n "1,${2:-40}p" "$1" | sed 's/^/    /'; }
finish() { echo "$npass passed, $nfail failed"; if [ "$nfail" -eq 0 ]; then exit 0; else exit 1; fi; }
for tool in cpack dpkg dpkg-deb lintian desktop-file-validate appstreamcli readelf file; do
  if ! command -v "$tool" >/dev/null; then
    echo "$tool missing (engine/deps.sh test installs it)"; exit 77
  fi
done

# 1. cpack
if (cd "$build" && cpack -G DEB -B "$work/deb") >"$work/cpack.log" 2>&1; then
  pass "cpack -G DEB"
else
  fail "cpack -G DEB"; show "$work/cpack.log" 60; finish
fi
deb=$(ls "$work"/deb/buyersim_"$version"-*.deb 2>/dev/null | head -1)
ddeb=$(ls "$work"/deb/buyersim-dbgsym_"$version"-*.ddeb 2>/dev/null | head -1)
if [ -n "$deb" ] && [ -n "$ddeb" ]; then
  pass "a .deb and a -dbgsym .ddeb for version $version: $(basename "$deb") $(basename "$ddeb")"
else
  fail "no buyersim_$version-*.deb and buyersim-dbgsym_$version-*.ddeb"; ls -l "$work/deb"; finish
fi

# 2. the control fields
field() { dpkg-deb -f "$deb" "$1"; }
if field Version | grep -Eq "^$version-[0-9]+\$"; then pass "Version $(field Version)"
else fail "Version is '$(field Version)', not $version-N"; fi
if [ "$(field Section)" = games ]; then pass "Section games"; else fail "Section is '$(field Section)'"; fi
if field Depends | grep -q 'fonts-noto-cjk'; then pass "depends on a CJK font"
else fail "Depends lacks fonts-noto-cjk: $(field Depends)"; fi
if field Description | sed -n 2p | grep -q "^ See a sale from the buyer's seat\. buyersim is a sales role-play game"; then
  pass "the extended description is the README's first paragraph"
else fail "extended description:"; field Description; fi
maintainer=$(sed -n 's/^BUYERSIM_MAINTAINER:STRING=//p' "$build/CMakeCache.txt")
if [ -n "$maintainer" ]; then
  if [ "$(field Maintainer)" = "$maintainer" ]; then pass "Maintainer is BUYERSIM_MAINTAINER"
  else fail "Maintainer is '$(field Maintainer)', BUYERSIM_MAINTAINER '$maintainer'"; fi
elif field Maintainer | grep -q '@invalid>$'; then pass "no maintainer set: the placeholder at .invalid"
else fail "no maintainer set, yet Maintainer is '$(field Maintainer)'"; fi

# 3. lintian on both packages
lintian --display-info --pedantic --show-overrides "$deb" "$ddeb" >"$work/lintian.txt" 2>"$work/lintian.err"
lrc=$?
grep -E '^[EW]: ' "$work/lintian.txt" >"$work/lintian-ew.txt" || true
if [ -z "$maintainer" ]; then
  grep -Ev '^E: buyersim(-dbgsym)?: (bogus-mail-host|bogus-mail-host-in-debian-changelog) ' \
    "$work/lintian-ew.txt" >"$work/lintian-left.txt" || true
  # the expected tag shows that lintian ran and read the package
  if grep -q '^E: buyersim: bogus-mail-host Maintainer' "$work/lintian-ew.txt"; then
    pass "lintian ran (it reports the placeholder address, as it should while none is set)"
  else fail "lintian did not report the placeholder address (exit $lrc)"; show "$work/lintian.txt"; show "$work/lintian.err"; fi
else
  cp "$work/lintian-ew.txt" "$work/lintian-left.txt"
  if [ "$lrc" -eq 0 ]; then pass "lintian exit 0"; else fail "lintian exit $lrc"; show "$work/lintian.err"; fi
fi
if [ ! -s "$work/lintian-left.txt" ]; then
  pass "lintian: no other error or warning"
else
  fail "lintian errors or warnings:"; show "$work/lintian-left.txt"
fi
echo "lintian, all it said:"; show "$work/lintian.txt" 60

# 4. unpacked into a scratch root
root=$work/root
if dpkg -x "$deb" "$root" && dpkg -x "$ddeb" "$work/dbgsym"; then pass "dpkg -x"; else fail "dpkg -x"; finish; fi
bin=$root/usr/games/buyersim
for f in usr/games/buyersim usr/share/man/man6/buyersim.6.gz \
         usr/share/doc/buyersim/copyright usr/share/doc/buyersim/changelog.Debian.gz \
         usr/share/doc/buyersim/changelog.gz \
         usr/share/buyersim/scenarios/en/erp-rollout.json usr/share/buyersim/scenarios/zh/erp-rollout.json \
         usr/share/buyersim/assets/lang/en.json usr/share/buyersim/assets/lang/zh.json \
         usr/share/applications/io.github.buyersim.Buyersim.desktop \
         usr/share/metainfo/io.github.buyersim.Buyersim.metainfo.xml; do
  if [ -f "$root/$f" ]; then pass "has $f"; else fail "lacks $f"; fi
done
if [ -e "$root/usr/share/buyersim/fonts" ]; then fail "the package ships fonts (it depends on fonts-noto-cjk)"
else pass "no fonts of its own in the package"; fi
if [ -e "$root/usr/bin" ]; then fail "usr/bin is in the package (a game belongs in usr/games)"
else pass "nothing in usr/bin"; fi
if head -1 "$root/usr/share/doc/buyersim/copyright" | grep -q '^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/$'; then
  pass "copyright is DEP-5"
else fail "copyright is not DEP-5"; show "$root/usr/share/doc/buyersim/copyright" 5; fi

# stripped, with the debug symbols in the -dbgsym under its build id
id=$(readelf -n "$bin" | sed -n 's/.*Build ID: \([0-9a-f]*\).*/\1/p')
if file "$bin" | grep -q ', stripped'; then pass "the binary is stripped"; else fail "not stripped: $(file "$bin")"; fi
dbg=$work/dbgsym/usr/lib/debug/.build-id/$(echo "$id" | cut -c1-2)/$(echo "$id" | cut -c3-).debug
if [ -n "$id" ] && [ -f "$dbg" ] && readelf -S "$dbg" 2>/dev/null | grep -q '\.debug_info\|\.symtab'; then
  pass "the -dbgsym holds the symbols for build id $id"
else fail "no debug file for build id '$id' in the -dbgsym"; fi

# 5. the desktop file and the metainfo
desk=$root/usr/share/applications/io.github.buyersim.Buyersim.desktop
meta=$root/usr/share/metainfo/io.github.buyersim.Buyersim.metainfo.xml
if desktop-file-validate "$desk" >"$work/dfv.txt" 2>&1; then pass "desktop-file-validate"
else fail "desktop-file-validate"; show "$work/dfv.txt"; fi
if appstreamcli validate --no-net "$meta" >"$work/asv.txt" 2>&1; then pass "appstreamcli validate"
else fail "appstreamcli validate"; show "$work/asv.txt"; fi
exec_cmd=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desk")
case $exec_cmd in
  /*) target=$root$exec_cmd ;;
  *) target=$root/usr/games/$exec_cmd ;;
esac
if [ -x "$target" ]; then pass "the desktop file's Exec ($exec_cmd) is the packaged binary (/usr/games is on the PATH)"
else fail "the desktop file's Exec '$exec_cmd' is not in the package's usr/games"; fi

# 6. one version: --version, the metainfo, the man page (and below: a save, an xAPI export)
cd "$work"
if [ "$("$bin" --version 2>&1)" = "buyersim $version" ]; then pass "buyersim --version: $version"
else fail "buyersim --version says '$("$bin" --version 2>&1)', not buyersim $version"; fi
if grep -q "<release version=\"$version\" date=\"[0-9-]*\"/>" "$meta"; then pass "the metainfo's newest release is $version"
else fail "the metainfo has no release $version"; grep -n release "$meta"; fi
if gzip -dc "$root/usr/share/man/man6/buyersim.6.gz" | head -1 | grep -q "\"buyersim $version\""; then pass "the man page is for $version"
else fail "the man page's header: $(gzip -dc "$root/usr/share/man/man6/buyersim.6.gz" | head -1)"; fi
if gzip -dc "$root/usr/share/doc/buyersim/changelog.Debian.gz" | head -1 | grep -q "^buyersim ($(field Version)) "; then
  pass "changelog.Debian's newest entry is the package's version"
else fail "changelog.Debian starts: $(gzip -dc "$root/usr/share/doc/buyersim/changelog.Debian.gz" | head -1)"; fi

# 7. run from the unpacked root: check, and a piped console game. A case that
# exists only in the root proves the data comes from the binary's own prefix
# (<exe>/../share/buyersim), not from the source tree it was built from.
cases=$root/usr/share/buyersim/scenarios/en
if "$bin" check "$cases/erp-rollout.json" >"$work/check.out" 2>&1; then pass "check on the installed erp-rollout: exit 0"
else fail "check on the installed erp-rollout"; show "$work/check.out"; fi
printf '{"id": \n' >"$work/broken.json"
"$bin" check "$work/broken.json" >"$work/broken.out" 2>&1
rc=$?
if [ $rc -eq 1 ]; then pass "check on a broken file: exit 1"; else fail "check on a broken file: exit $rc"; show "$work/broken.out"; fi
cp "$cases/erp-rollout.json" "$cases/packaged-only.json"
yes 1 | head -n 100 | "$bin" play packaged-only --text --lang en --seed 3 --save "$work/game.json" >"$work/game.out" 2>"$work/game.err"
rc=$?
if [ $rc -eq 0 ]; then pass "a piped console game from the root: exit 0"
else fail "a piped console game from the root: exit $rc"; show "$work/game.err"; fi
if grep -q '^== Debrief' "$work/game.out"; then pass "the game reached its debrief"
else fail "no debrief"; show "$work/game.out" 20; fi
if grep -q "\"engine\": \"$version\"" "$work/game.json"; then pass "the save records engine $version"
else fail "the save's engine version:"; grep engine "$work/game.json"; fi
if "$bin" export "$work/game.json" --format xapi --out "$work/xapi.json" >"$work/export.out" 2>&1 &&
   grep -q "\"platform\": \"buyersim $version\"" "$work/xapi.json"; then
  pass "the xAPI export names buyersim $version"
else fail "xAPI export"; show "$work/export.out"; grep platform "$work/xapi.json"; fi
finish
