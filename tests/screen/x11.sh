# Sourced by the end-to-end screen scripts (e2e.sh, e2e_sessions.sh,
# e2e_watch.sh) after setting B (the buyersim binary) and TOOLS (the programs
# they need beyond xdotool and ImageMagick's import): skips (77) without a
# display or the tools (a failure on CI: tests/CMakeLists.txt); gives a
# scratch folder $T, the game's pid in $pid, and fail / alive / find_window /
# weeks / quit, and the waits: wait_for, logged, settled, act, press. The
# tests wait for the game's state (a line of its log, its save, its window's
# picture), never a fixed time.
[ -n "${DISPLAY:-}" ] || { echo "SKIP: no DISPLAY"; exit 77; }
for t in xdotool import $TOOLS; do
  command -v $t >/dev/null 2>&1 || { echo "SKIP: no $t"; exit 77; }
done
xdotool getdisplaygeometry >/dev/null 2>&1 || { echo "SKIP: DISPLAY $DISPLAY does not answer"; exit 77; }
T=$(mktemp -d)
pid=""
# one X connection held open for the whole test: an X server that resets when
# its last client leaves (Xvfb without -noreset) refuses clients that connect
# meanwhile, such as the game starting while xdotool polls for its window
xdotool sleep 100000 &
hold=$!
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; kill "$hold" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; [ -f "$T/err" ] && cat "$T/err"; exit 1; }
alive() { kill -0 "$pid" 2>/dev/null || fail "the game died ($1)"; }
export XDG_DATA_HOME="$T/data"
unset SDL_VIDEODRIVER
# the game logs its start-up steps to stderr ("buyersim: first full frame at ...")
export BUYERSIM_TIMING=1
# find_window: waits (up to 10 s) for the game's window ($pid); sets $wid
find_window() {
  wid=""
  i=0
  while [ $i -lt 100 ] && [ -z "$wid" ]; do
    wid=$(xdotool search --pid "$pid" --name '^buyersim$' 2>/dev/null | head -1)
    [ -z "$wid" ] && sleep 0.1
    i=$((i + 1))
  done
  [ -n "$wid" ] || fail "no window${1:+ ($1)}"
}
# weeks SAVE: how many weeks the save holds
weeks() { "$B" replay "$1" --quiet 2>/dev/null | sed -n 's/.* \([0-9][0-9]*\) week(s).*/\1/p'; }
# quit: Ctrl+Q in window $wid; the game must end within 5 s; returns its exit code
quit() {
  xdotool key --window "$wid" ctrl+q 2>/dev/null
  # the window may close before xdotool sends the release, and xdotool then
  # stops on the X error: release both keys, or the X server keeps them held
  # and the next game starts with Ctrl+Q pressed
  xdotool keyup q keyup ctrl 2>/dev/null
  i=0
  while kill -0 "$pid" 2>/dev/null && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done # 15 s: a loaded CI machine
  kill -0 "$pid" 2>/dev/null && fail "Ctrl+Q did not quit"
  wait "$pid"
  rc=$?
  pid=""
  return $rc
}
# wait_for SECS WHAT CMD...: runs CMD every 0.1 s until it succeeds; the
# test fails (saying WHAT) when the game dies or SECS seconds pass first
wait_for() {
  _w_secs=$1 _w_what=$2
  shift 2
  _w_i=0
  until "$@"; do
    alive "$_w_what"
    [ $_w_i -ge $((_w_secs * 10)) ] && fail "$_w_what (not within $_w_secs s)"
    sleep 0.1
    _w_i=$((_w_i + 1))
  done
}
# logged TEXT: the game's stderr ($T/err) holds TEXT
logged() { grep -q -F -e "$1" "$T/err" 2>/dev/null; }
# weeks_are SAVE N: the save holds N weeks
weeks_are() { [ "$(weeks "$1")" = "$2" ]; }
# size_is W H: the window ($wid) is W x H
size_is() {
  _s=$(xdotool getwindowgeometry --shell "$wid" 2>/dev/null | sed -n 's/^\(WIDTH\|HEIGHT\)=//p' | tr '\n' ' ')
  [ "$_s" = "$1 $2 " ]
}
# snap FILE: the window's pixels as a PPM (no metadata: the same picture
# gives the same bytes)
snap() { import -window "$wid" "$1" 2>/dev/null; }
# changed_from FILE: the window shows something else than FILE
changed_from() { snap "$T/now.ppm" && ! cmp -s "$1" "$T/now.ppm"; }
# settled [WHAT]: waits (up to 10 s) until the window's picture has stayed
# the same for 0.6 s, longer than a move's animation (SCR_ANIM_S, 0.5 s);
# an animation may hold a frame for a moment, so two equal pictures in a row
# are not enough
settled() {
  snap "$T/settle.ppm" || fail "import${1:+ ($1)}"
  _st_since=$(date +%s.%N)
  _st_i=0
  while [ $_st_i -lt 100 ]; do
    sleep 0.1
    alive "${1:-settling}"
    snap "$T/now.ppm" || fail "import${1:+ ($1)}"
    _st_now=$(date +%s.%N)
    if cmp -s "$T/settle.ppm" "$T/now.ppm"; then
      awk -v a="$_st_since" -v b="$_st_now" 'BEGIN { exit !(b - a >= 0.6) }' && return 0
    else
      mv "$T/now.ppm" "$T/settle.ppm"
      _st_since=$_st_now
    fi
    _st_i=$((_st_i + 1))
  done
  fail "the window never settled${1:+ ($1)}"
}
# act WHAT CMD...: runs CMD (an xdotool command on the window), waits until
# the window shows something else (up to 10 s), then until it settles
act() {
  _a_what=$1
  shift
  snap "$T/before.ppm" || fail "import ($_a_what)"
  "$@"
  wait_for 10 "$_a_what: the window did not change" changed_from "$T/before.ppm"
  settled "$_a_what"
}
# press KEYS...: keys in the window, which must change what it shows
press() { act "keys $*" xdotool key --window "$wid" "$@"; }
