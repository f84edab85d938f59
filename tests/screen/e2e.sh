#!/bin/sh
# End to end, in a real window under X (tests/run.sh starts Xvfb): start the
# game, play with xdotool, take screenshots with ImageMagick's import, check
# that the buyer's table changed after a move, that resizing and fullscreen
# keep the game alive, that the autosave exists and follows the game, and
# that Ctrl+Q saves and quits. Skips (77) without a display or the tools.
set -u
B=${1:?usage: e2e.sh BUYERSIM}
TOOLS="compare convert"
. "$(dirname "$0")/x11.sh"
save="$T/data/buyersim/autosave-erp-rollout-en.json"

# no display: a clear message pointing to the console game
out=$(env -u DISPLAY -u WAYLAND_DISPLAY "$B" play erp-rollout 2>&1) && fail "played without a display"
echo "$out" | grep -q -- "--text" || fail "no pointer to --text without a display: $out"

t0=$(date +%s.%N)
"$B" play erp-rollout --lang en >"$T/out" 2>"$T/err" &
pid=$!
find_window
wait_for 10 "no first full frame logged" logged "buyersim: first full frame at"
settled start
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
wait_for 10 "the autosave never held the week played" weeks_are "$save" 1
settled "after a move"
shot after
table before
table after
diff=$(compare -metric AE "$T/before-table.png" "$T/after-table.png" null: 2>&1 | cut -d' ' -f1)
[ "${diff:-0}" -gt 500 ] 2>/dev/null || fail "the buyer's table did not change after a move ($diff pixels)"
[ -f "$save" ] || fail "no autosave in $save"
[ "$(weeks "$save")" = 1 ] || fail "the autosave does not hold the week played ($(weeks "$save"))"

# resizes and fullscreen
for size in "1024 768" "1920 1080" "800 500" "1280 720"; do
  act "resize to $size" xdotool windowsize "$wid" $size
  size_is $size || fail "the window is not $size after a resize"
done
# (without a window manager, as under Xvfb, fullscreen may not change the
# window: the picture is awaited to settle, not to change)
xdotool key --window "$wid" F11
settled "fullscreen"
shot full
xdotool key --window "$wid" F11
settled "back from fullscreen"
xdotool key --window "$wid" Escape F1 Escape r r period b
settled "facilitator keys"
xdotool key --window "$wid" 2
wait_for 10 "the autosave never held the second week" weeks_are "$save" 2
settled "second move"
[ "$(weeks "$save")" = 2 ] || fail "the autosave does not follow the game ($(weeks "$save") weeks)"
shot second
# Ctrl+Q saves and quits
quit
rc=$?
[ $rc -eq 0 ] || fail "exit code $rc"
grep -q -- "--resume" "$T/out" || fail "no word on how to resume: $(cat "$T/out")"
[ "$(weeks "$save")" = 2 ] || fail "the save after quitting holds $(weeks "$save") weeks"
echo ok
