#!/bin/sh
# End to end, in a real window under X (tests/run.sh starts Xvfb): start the
# game, play with xdotool, take screenshots with ImageMagick's import, check
# that the buyer's table changed after a move, that resizing and fullscreen
# keep the game alive, that the autosave exists and follows the game, and
# that Ctrl+Q saves and quits. Skips (77) without a display or the tools.
set -u
B=${1:?usage: e2e.sh BUYERSIM}
[ -n "${DISPLAY:-}" ] || { echo "SKIP: no DISPLAY"; exit 77; }
for t in xdotool import compare convert; do
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
export XDG_DATA_HOME="$T/data" BUYERSIM_TIMING=1
unset SDL_VIDEODRIVER
save="$T/data/buyersim/autosave-erp-rollout-en.json"
weeks() { "$B" replay "$save" --quiet 2>/dev/null | sed -n 's/.* \([0-9][0-9]*\) week(s).*/\1/p'; }

# no display: a clear message pointing to the console game
out=$(env -u DISPLAY -u WAYLAND_DISPLAY "$B" play erp-rollout 2>&1) && fail "played without a display"
echo "$out" | grep -q -- "--text" || fail "no pointer to --text without a display: $out"

t0=$(date +%s.%N)
"$B" play erp-rollout --lang en >"$T/out" 2>"$T/err" &
pid=$!
wid=""
i=0
while [ $i -lt 100 ] && [ -z "$wid" ]; do
  wid=$(xdotool search --name '^buyersim$' 2>/dev/null | head -1)
  [ -z "$wid" ] && sleep 0.1
  i=$((i + 1))
done
[ -n "$wid" ] || fail "no window"
sleep 1
alive start
for what in "first frame" "first full frame"; do
  at=$(sed -n "s/^buyersim: $what at //p" "$T/err" | head -1)
  [ -n "$at" ] && echo "$what $(echo "$at $t0" | awk '{printf "%.0f", ($1 - $2) * 1000}') ms after launch"
done
xdotool windowactivate "$wid" 2>/dev/null; xdotool windowfocus "$wid" 2>/dev/null
eval "$(xdotool getwindowgeometry --shell "$wid")"
shot() { import -window root "$T/$1.png" 2>/dev/null || fail "import"; }
# the right part of the window: the buyer's table
table() { convert "$T/$1.png" -crop "$((WIDTH * 40 / 100))x$((HEIGHT * 45 / 100))+$((X + WIDTH * 58 / 100))+$((Y + HEIGHT / 10))" +repage "$T/$1-table.png"; }
shot before
xdotool key --window "$wid" 1
sleep 1.2
alive "after a move"
shot after
table before
table after
diff=$(compare -metric AE "$T/before-table.png" "$T/after-table.png" null: 2>&1 | cut -d' ' -f1)
[ "${diff:-0}" -gt 500 ] 2>/dev/null || fail "the buyer's table did not change after a move ($diff pixels)"
[ -f "$save" ] || fail "no autosave in $save"
[ "$(weeks)" = 1 ] || fail "the autosave does not hold the week played ($(weeks))"

# resizes and fullscreen
for size in "1024 768" "1920 1080" "800 500" "1280 720"; do
  xdotool windowsize "$wid" $size
  sleep 0.5
  alive "resize to $size"
done
xdotool key --window "$wid" F11
sleep 1
alive "fullscreen"
shot full
xdotool key --window "$wid" F11
sleep 0.7
alive "back from fullscreen"
xdotool key --window "$wid" Escape F1 Escape r r period b
sleep 0.5
alive "facilitator keys"
xdotool key --window "$wid" 2
sleep 1
alive "second move"
[ "$(weeks)" = 2 ] || fail "the autosave does not follow the game ($(weeks) weeks)"
shot second
# Ctrl+Q saves and quits
xdotool key --window "$wid" ctrl+q 2>/dev/null
xdotool keyup q keyup ctrl 2>/dev/null # the window may be gone before the release
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
kill -0 "$pid" 2>/dev/null && fail "Ctrl+Q did not quit"
wait "$pid"; rc=$?
pid=""
[ $rc -eq 0 ] || fail "exit code $rc"
grep -q -- "--resume" "$T/out" || fail "no word on how to resume: $(cat "$T/out")"
[ "$(weeks)" = 2 ] || fail "the save after quitting holds $(weeks) weeks"
echo ok
