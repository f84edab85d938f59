#!/bin/sh
# Fetches the C libraries the web build compiles to WebAssembly, from
# Debian's source packages, at pinned versions, and unpacks them into DEST
# (one folder per package, named after it). Nothing is fetched when DEST
# already holds the pinned versions: the folder is the cache between builds.
#
# Usage: engine/web/fetch-sources.sh DEST
#
# apt-get reads a private deb-src list (DEST/apt), so the system's apt
# configuration is left as it is. Every file is checked twice: against the
# checksum in Debian's signed Sources index (apt-get), and against the
# SHA-256 pinned below, so a different upload cannot slip in. Debian's own
# patches (security fixes among them) are applied by dpkg-source when the
# package's Debian part can be fetched; when the archive no longer carries
# it, the pinned upstream tarball is unpacked as it is, and this says so.
set -eu
DEST=${1:?usage: fetch-sources.sh DEST}

# package=version  upstream tarball  its SHA-256
PINS='
libsdl2=2.26.5+dfsg-1 libsdl2_2.26.5+dfsg.orig.tar.gz b3f2c822151804125d08db94c65852f711c2e5df2145a59da120748dc32eb9c3
libsdl2-ttf=2.20.1+dfsg-2 libsdl2-ttf_2.20.1+dfsg.orig.tar.xz 89a5712f569ef3444b3388561eaa3cfa2ddfe2551c3146efac774a88c2e2e8af
freetype=2.12.1+dfsg-5+deb12u4 freetype_2.12.1+dfsg.orig.tar.xz 7dedb6b9adf331559daea614a83b8de42a753e685ec8e1c4bdb4529eb880b0d1
harfbuzz=6.0.0+dfsg-3 harfbuzz_6.0.0+dfsg.orig.tar.xz 89266cb363e49b6aa999eda04ca25b0d234a69ad9304679631371f4697652368
libunibreak=6.1-3 libunibreak_6.1.orig.tar.gz 890674996168ef5ba143d80d49ab8b61594a4eb70198dcac76caf6e1bd264a41
cjson=1.7.15-1+deb12u4 cjson_1.7.15.orig.tar.gz 5308fd4bd90cef7aa060558514de6a1a4a0819974a26e6ed13973c5f624c24b2
zlib=1:1.2.13.dfsg-1 zlib_1.2.13.dfsg.orig.tar.bz2 71feb7947e3c00ef125f83b79a4e529bde31171e5babe48b391f06758d1ab0a1
'
# libunibreak comes from trixie: bookworm's 1.1 is no longer in the pool the
# archive serves here, and 6.1 has the same API with newer Unicode data.

mkdir -p "$DEST"
DEST=$(cd "$DEST" && pwd)
stamp="$DEST/.pins"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$PINS" ]; then
    exit 0
fi

APT="$DEST/apt"
mkdir -p "$APT/parts" "$APT/lists/partial" "$DEST/dl"
for suite in "bookworm bookworm-updates" trixie; do
    printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n' "$suite"
done > "$APT/parts/src.sources"
printf 'Types: deb-src\nURIs: http://deb.debian.org/debian-security\nSuites: bookworm-security\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    >> "$APT/parts/src.sources"
aptopts="-o Dir::Etc::SourceParts=$APT/parts -o Dir::Etc::SourceList=/dev/null -o Dir::State::Lists=$APT/lists
         -o Dir::Cache=$APT/cache -o APT::Sandbox::User=root"
mkdir -p "$APT/cache/archives/partial"
# shellcheck disable=SC2086
apt-get -qq $aptopts update

echo "$PINS" | while read -r pkgver orig sum; do
    [ -n "$pkgver" ] || continue
    pkg=${pkgver%%=*}
    # 'URL' NAME SIZE SHA256:HEX, one line per file of the source package
    # shellcheck disable=SC2086
    uris=$(apt-get -qq $aptopts --print-uris source "$pkgver" | grep "^'")
    [ -n "$uris" ] || { echo "fetch-sources: apt knows no $pkgver" >&2; exit 1; }
    complete=yes
    echo "$uris" | while read -r url name size hash; do
        url=$(echo "$url" | tr -d "'")
        want=${hash#SHA256:}
        f="$DEST/dl/$name"
        if [ ! -f "$f" ] || [ "$(sha256sum "$f" | cut -d' ' -f1)" != "$want" ]; then
            curl -fsS -o "$f.part" "$url" 2>/dev/null && mv "$f.part" "$f" || rm -f "$f.part"
        fi
        if [ -f "$f" ] && [ "$(sha256sum "$f" | cut -d' ' -f1)" != "$want" ]; then
            echo "fetch-sources: $name does not match Debian's checksum" >&2; exit 1
        fi
    done
    of="$DEST/dl/$orig"
    [ -f "$of" ] || { echo "fetch-sources: could not fetch $orig" >&2; exit 1; }
    [ "$(sha256sum "$of" | cut -d' ' -f1)" = "$sum" ] || {
        echo "fetch-sources: $orig is not the pinned upload (SHA-256 differs)" >&2; exit 1; }
    rm -rf "${DEST:?}/$pkg"
    dsc=$(echo "$uris" | awk '{print $2}' | grep '\.dsc$')
    for name in $(echo "$uris" | awk '{print $2}'); do
        [ -f "$DEST/dl/$name" ] || complete=no
    done
    if [ "$complete" = yes ]; then
        (cd "$DEST" && dpkg-source --no-check -x "dl/$dsc" "$pkg" >/dev/null)
        rm -f "$DEST"/*.orig*
        echo "fetch-sources: $pkgver (with Debian's patches)"
    else
        mkdir -p "$DEST/$pkg"
        tar -xf "$of" -C "$DEST/$pkg" --strip-components=1
        echo "fetch-sources: $pkgver (upstream tarball only: the archive no longer serves its Debian part)"
    fi
done
echo "$PINS" > "$stamp"
