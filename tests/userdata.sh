#!/bin/sh
# The invoking user's own buyersim folder is left alone by the tests.
#   sh tests/userdata.sh before SNAPSHOT HOMES   (the suite's first test)
#   sh tests/userdata.sh after SNAPSHOT          (its last)
# `before` records a listing of the user's folder ($XDG_DATA_HOME/buyersim,
# else ~/.local/share/buyersim): every path with its size and checksum; it
# also empties HOMES, the folder under the build tree where every test gets
# its own HOME and XDG_* folders (tests/CMakeLists.txt). `after` lists the
# user's folder again and fails if anything in it changed, appeared or went.
# CTest runs both with the environment ctest itself was started with.
set -u
mode=${1:-} snap=${2:-}
if [ -z "$mode" ] || [ -z "$snap" ]; then
    echo "usage: sh $0 before|after SNAPSHOT [HOMES]" >&2
    exit 2
fi
if [ -n "${XDG_DATA_HOME:-}" ]; then
    dir=$XDG_DATA_HOME/buyersim
elif [ -n "${HOME:-}" ]; then
    dir=$HOME/.local/share/buyersim
else
    echo "no HOME: no user folder to look after"
    exit 77
fi

listing() {
    if [ ! -e "$dir" ]; then
        echo "(no folder $dir)"
        return 0
    fi
    # every entry: type, size, checksum of a file's content, path
    (cd "$dir" && find . -print | LC_ALL=C sort | while IFS= read -r p; do
        if [ -f "$p" ] && [ ! -L "$p" ]; then
            sum=$(cksum <"$p") || sum=unreadable
            printf 'f %s %s\n' "$sum" "$p"
        elif [ -d "$p" ]; then
            printf 'd %s\n' "$p"
        else
            printf 'o %s\n' "$p"
        fi
    done)
}

case $mode in
before)
    homes=${3:-}
    case $homes in
        "" | / | "$HOME" | "$dir") echo "refusing to empty '$homes'" >&2; exit 1 ;;
    esac
    rm -rf "$homes" && mkdir -p "$homes" || { echo "FAIL: cannot empty $homes"; exit 1; }
    mkdir -p "$(dirname "$snap")" || exit 1
    if listing >"$snap"; then
        echo "ok   the user's folder $dir recorded ($(wc -l <"$snap") entries)"
    else
        echo "FAIL: cannot list $dir"
        exit 1
    fi
    ;;
after)
    if [ ! -f "$snap" ]; then
        echo "FAIL: no listing from before the tests ($snap)"
        exit 1
    fi
    now=$snap.after
    if ! listing >"$now"; then
        echo "FAIL: cannot list $dir"
        exit 1
    fi
    if cmp -s "$snap" "$now"; then
        echo "ok   the user's folder $dir is as it was before the tests"
    else
        echo "FAIL: the tests changed the user's folder $dir:"
        diff "$snap" "$now" | sed -n '1,40p'
        exit 1
    fi
    ;;
*)
    echo "usage: sh $0 before|after SNAPSHOT [HOMES]" >&2
    exit 2
    ;;
esac
