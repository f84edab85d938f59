#!/bin/sh
# End to end, training sessions in a real window under X (tests/run.sh starts
# Xvfb), played with xdotool, screenshots taken with ImageMagick's import:
#  - role-play with --players 2 at 1024x768: a pass-the-seat screen before
#    each player; it shows nothing of the last player's move (two games in
#    which player 1 chose differently show the very same pass screen, pixel
#    for pixel), and the week resolves after the last player;
#  - predict, then reveal, at 1920x1080 in Chinese: the panel appears after a
#    choice and the week waits for it; the reveal follows; the save's
#    "predict" field holds the answers;
#  - the facilitator brings in an event (I, then its number): the save's
#    "inject" field holds it.
# BUYERSIM_SHOTS=DIR keeps the screenshots. Skips (77) without a display or
# the tools.
set -u
B=${1:?usage: e2e_sessions.sh BUYERSIM}
TOOLS="compare"
. "$(dirname "$0")/x11.sh"

# start NAME W H ARGS...: a game in a window of W x H
start() {
  name=$1 w=$2 h=$3
  shift 3
  "$B" play "$@" >"$T/out" 2>"$T/err" &
  pid=$!
  find_window "$name"
  wait_for 10 "$name: no first full frame logged" logged "buyersim: first full frame at"
  xdotool windowmove "$wid" 0 0
  xdotool windowsize "$wid" "$w" "$h"
  wait_for 5 "$name: the window never became $w x $h" size_is "$w" "$h"
  settled "$name: start"
  xdotool windowactivate "$wid" 2>/dev/null; xdotool windowfocus "$wid" 2>/dev/null
}
# key KEYS...: keys in the window; waits until it shows something else and
# settles (every key here changes what the window shows)
key() { press "$@"; }
shot() {
  import -window "$wid" "$T/$1.png" 2>/dev/null || fail "import $1"
  [ -n "${BUYERSIM_SHOTS:-}" ] && mkdir -p "$BUYERSIM_SHOTS" && cp "$T/$1.png" "$BUYERSIM_SHOTS/"
  return 0
}
# pixels that differ between two screenshots (compare may print 1.2e+06)
differ() { compare -metric AE "$T/$1.png" "$T/$2.png" null: 2>&1 | awk '{printf "%d", $1}'; }

# 1. role-play: pass the seat
save="$T/roleplay.json"
start roleplay 1024 768 erp-rollout --lang en --players 2 --seed 3 --save "$save"
shot rp-pass-1
key Return
shot rp-player-1
key 1
shot rp-pass-2
[ "$(differ rp-player-1 rp-pass-2)" -gt 100000 ] 2>/dev/null || fail "no pass screen after player 1 chose"
[ "$(weeks "$save")" = 1 ] && fail "the week resolved before player 2 chose"
key Return
shot rp-player-2
[ "$(differ rp-pass-2 rp-player-2)" -gt 100000 ] 2>/dev/null || fail "Enter did not show player 2's week"
key 2
shot rp-pass-1-week-2
[ "$(weeks "$save")" = 1 ] || fail "the week did not resolve after the last player ($(weeks "$save") weeks)"
quit
# the same game, player 1 chooses another move: the pass screen is the same
rm -f "$save"
start roleplay-again 1024 768 erp-rollout --lang en --players 2 --seed 3 --save "$save"
key Return
key 3
shot rp-pass-2-other
d=$(differ rp-pass-2 rp-pass-2-other)
[ "$d" = 0 ] || fail "the pass screen shows something of player 1's move ($d pixels differ)"
quit

# 2. predict, then reveal (Chinese, 1920x1080)
save="$T/predict.json"
start predict 1920 1080 erp-rollout --lang zh --predict --save "$save"
shot pr-week
key 1
shot pr-panel
[ "$(differ pr-week pr-panel)" -gt 20000 ] 2>/dev/null || fail "no prediction panel after a choice"
[ "$(weeks "$save")" = 1 ] && fail "the week resolved before the prediction"
key u
key s
shot pr-panel-half
key d
key Return
shot pr-reveal
[ "$(weeks "$save")" = 1 ] || fail "the week did not resolve after the prediction"
grep -q '"predict": \["usd"\]' "$save" || fail "the save does not hold the prediction: $(grep predict "$save")"
[ "$(differ pr-panel pr-reveal)" -gt 20000 ] 2>/dev/null || fail "no reveal after the week"
key Return
shot pr-next-week
[ "$(differ pr-reveal pr-next-week)" -gt 20000 ] 2>/dev/null || fail "Enter did not close the reveal"
quit

# 3. the facilitator brings in an event (English, 1920x1080)
save="$T/inject.json"
start inject 1920 1080 erp-rollout --lang en --save "$save"
shot in-week
key i
shot in-list
[ "$(differ in-week in-list)" -gt 20000 ] 2>/dev/null || fail "no list of events after I"
key 1
shot in-news
grep -q '"inject": \[{"week": 1, "event": "' "$save" || fail "the save does not hold the event: $(grep inject "$save" 2>/dev/null)"
key 1
[ "$(weeks "$save")" = 1 ] || fail "the game does not go on after the event"
grep -q '"inject": \[{"week": 1, "event": "' "$save" || fail "the event is lost after a week"
quit
echo ok
