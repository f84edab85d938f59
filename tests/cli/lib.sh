# Shared helpers for the command-line tests (sourced by test_*.sh; not a test
# itself). POSIX sh (dash). Every test is run by tests/cli/CMakeLists.txt as
#   sh tests/cli/test_X.sh BUYERSIM_BINARY SOURCE_DIR WORK_DIR
# and exits 0 (pass), 77 (skip) or 1 (fail). By hand, from the repository root:
#   sh tests/cli/test_X.sh build/test/engine/buyersim . /tmp/bs-test-X
# WORK_DIR is wiped and recreated; HOME and XDG_DATA_HOME point inside it, so
# nothing touches the real home. It is removed again when everything passed,
# and kept (for a look) when something failed.

if [ $# -lt 3 ]; then
    echo "usage: sh $0 BUYERSIM_BINARY SOURCE_DIR WORK_DIR" >&2
    exit 2
fi
BS=$1
SRC=$2
WORK=$3
case $BS in /*) ;; *) BS=$(pwd)/$BS ;; esac
case $SRC in /*) ;; *) SRC=$(cd "$SRC" && pwd) ;; esac
case $WORK in /*) ;; *) WORK=$(pwd)/$WORK ;; esac
if [ ! -x "$BS" ]; then
    echo "no executable buyersim at $BS" >&2
    exit 1
fi
case $WORK in
    / | "$SRC" | "$HOME") echo "refusing to use $WORK as the work folder" >&2; exit 1 ;;
esac

rm -rf "$WORK"
mkdir -p "$WORK/home" "$WORK/xdg" || exit 1
HOME=$WORK/home
XDG_DATA_HOME=$WORK/xdg
BUYERSIM_DATA=${BUYERSIM_DATA:-$SRC}
LANG=C.UTF-8
export HOME XDG_DATA_HOME BUYERSIM_DATA LANG
unset LC_ALL LC_MESSAGES LANGUAGE
cd "$WORK" || exit 1

FAILS=0
PASSES=0

pass() { PASSES=$((PASSES + 1)); printf 'ok   %s\n' "$*"; }
fail() { FAILS=$((FAILS + 1)); printf 'FAIL %s\n' "$*"; }

# check DESC CMD [ARGS...]: runs CMD; records a pass (DESC) when it
# succeeds and a failure (DESC, and CMD's exit status) when it does not, so
# that no check can be written without its failure. Returns CMD's status.
#   check "the debrief appears" has full.out "== Debrief"
# Checks written as `COND && pass DESC || fail DESC` must keep the `|| fail`
# (tests/cli/test_lint.sh finds a pass with no failure branch).
check() {
    _check_desc=$1
    shift
    "$@"
    _check_rc=$?
    if [ $_check_rc -eq 0 ]; then
        pass "$_check_desc"
    else
        fail "$_check_desc (not so: $1 exited $_check_rc)"
    fi
    return $_check_rc
}

# show FILE [LINES]: the first lines of a file, indented, for a failure message
show() {
    if [ -s "$1" ]; then
        sed -n "1,${2:-15}p" "$1" | sed 's/^/     | /'
    else
        echo "     | ($1 is empty)"
    fi
}

# The binary under a time limit, so a test that would hang fails instead
# (BS_TIMEOUT seconds, 180 unless a slow command such as the bench sets more).
# timeout's own status for a command killed by a signal is 128+N, like sh's.
if command -v timeout >/dev/null 2>&1; then
    bs() { timeout -k 5 "${BS_TIMEOUT:-180}" "$BS" "$@"; }
else
    bs() { "$BS" "$@"; }
fi

# run NAME RC ARGS... : runs the binary with stdin from /dev/null (unless the
# caller redirects), stdout to NAME.out, stderr to NAME.err; checks the exit
# status is RC. Returns 0 if it was.
run() {
    _name=$1 _want=$2
    shift 2
    bs "$@" >"$_name.out" 2>"$_name.err"
    _rc=$?
    if [ "$_rc" -eq "$_want" ]; then
        return 0
    fi
    fail "$_name: buyersim $* exited $_rc, expected $_want"
    echo "     stderr:"; show "$_name.err" 8
    echo "     stdout:"; show "$_name.out" 8
    return 1
}

# has FILE TEXT : FILE contains the fixed string TEXT
has() { grep -F -q -e "$2" "$1"; }

# json_ok FILE [lines] : FILE is one JSON value (or, with "lines", every line
# of FILE is one). A strict recursive-descent validator in awk (no jq, no
# python on a fresh CI machine). Prints the first bad line number and exits
# 1 on failure.
json_ok() {
    awk -v mode="${2:-whole}" '
    function ws() { while (pos <= n && index(" \t\r\n", substr(s, pos, 1)) > 0) pos++ }
    function val(   c) {
        ws()
        if (pos > n) return 0
        c = substr(s, pos, 1)
        if (c == "{") return obj()
        if (c == "[") return arr()
        if (c == "\"") return str()
        if (substr(s, pos, 4) == "true" || substr(s, pos, 4) == "null") { pos += 4; return 1 }
        if (substr(s, pos, 5) == "false") { pos += 5; return 1 }
        return num()
    }
    function obj(   c) {
        pos++; ws()
        if (substr(s, pos, 1) == "}") { pos++; return 1 }
        for (;;) {
            ws()
            if (substr(s, pos, 1) != "\"" || !str()) return 0
            ws()
            if (substr(s, pos, 1) != ":") return 0
            pos++
            if (!val()) return 0
            ws(); c = substr(s, pos, 1); pos++
            if (c == "}") return 1
            if (c != ",") return 0
        }
    }
    function arr(   c) {
        pos++; ws()
        if (substr(s, pos, 1) == "]") { pos++; return 1 }
        for (;;) {
            if (!val()) return 0
            ws(); c = substr(s, pos, 1); pos++
            if (c == "]") return 1
            if (c != ",") return 0
        }
    }
    function str(   c) {
        pos++
        while (pos <= n) {
            c = substr(s, pos, 1)
            if (c == "\"") { pos++; return 1 }
            if (c == "\\") {
                c = substr(s, pos + 1, 1)
                if (c == "u") {
                    if (substr(s, pos + 2, 4) !~ /^[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]$/) return 0
                    pos += 6; continue
                }
                if (c == "" || index("\"\\/bfnrt", c) == 0) return 0
                pos += 2; continue
            }
            if (c ~ /[\001-\037]/) return 0
            pos++
        }
        return 0
    }
    function num(   t) {
        t = substr(s, pos)
        if (!match(t, /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/)) return 0
        if (RSTART != 1 || RLENGTH < 1) return 0
        pos += RLENGTH
        return 1
    }
    function check(text) { s = text; n = length(s); pos = 1; if (!val()) return 0; ws(); return pos > n }
    mode == "lines" { if (!check($0)) { print "line " NR " is not one JSON value"; bad = 1; exit 1 } next }
    { all = all $0 "\n" }
    END {
        if (bad) exit 1
        if (mode != "lines" && !check(all)) { print "not one JSON value"; exit 1 }
        if (mode == "lines" && NR == 0) { print "empty"; exit 1 }
    }' "$1"
}

# finish: the exit status of the test (removes WORK_DIR when all passed)
finish() {
    cd / || true
    if [ "$FAILS" -eq 0 ]; then
        echo "passed: $PASSES check(s)"
        rm -rf "$WORK"
        exit 0
    fi
    echo "FAILED: $FAILS of $((PASSES + FAILS)) check(s); work files kept in $WORK"
    exit 1
}
