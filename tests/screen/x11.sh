# Sourced by the end-to-end screen scripts (e2e.sh, e2e_sessions.sh,
# e2e_watch.sh) after setting B (the buyersim binary) and TOOLS (the programs
# they need beyond xdotool): skips (77) without a display or the tools; gives
# a scratch folder $T, the game's pid in $pid, and fail / alive / find_window /
# weeks / quit.
[ -n "${DISPLAY:-}" ] || { echo "SKIP: no DISPLAY"; exit 77; }
for t in xdotool $TOOLS; do
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
  while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
  kill -0 "$pid" 2>/dev/null && fail "Ctrl+Q did not quit"
  wait "$pid"
  rc=$?
  pid=""
  return $rc
}
