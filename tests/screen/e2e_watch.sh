#!/bin/sh
# play --watch in a real window under X (tests/run.sh starts Xvfb): an
# author plays a new case, saves an edit and the game goes on with it at the
# same week; a save that does not load is reported (on the screen and the
# terminal) and the game goes on with the version that loaded; the next good
# save is taken. Skips (77) without a display or the tools.
set -u
B=${1:?usage: e2e_watch.sh BUYERSIM}
TOOLS=""
. "$(dirname "$0")/x11.sh"
cd "$T" || fail "no scratch folder"
"$B" new watched >/dev/null 2>&1 || fail "buyersim new"
save="$T/data/buyersim/autosave-watched-en.json"
# the weeks a save holds: its "weeks" list, one [move] per week (the case is
# not a bundled one, so `replay` would need the very version played)
wk() { sed -n 's/^  "weeks": \[\(.*\)\],$/\1/p' "$1" | grep -o '\[[^]]*\]' | wc -l; }
hash_of() { sed -n 's/^  "hash": "\([0-9a-f]*\)",$/\1/p' "$1"; }
wk_is() { [ "$(wk "$save")" = "$1" ]; }
# hash_not H: the save's scenario hash is there and not H (the case reloaded)
hash_not() { _h=$(hash_of "$save"); [ -n "$_h" ] && [ "$_h" != "$1" ]; }

"$B" play --watch watched.json --lang en >"$T/out" 2>"$T/err" &
pid=$!
find_window
wait_for 10 "no first full frame logged" logged "buyersim: first full frame at"
settled start
xdotool windowactivate "$wid" 2>/dev/null; xdotool windowfocus "$wid" 2>/dev/null
xdotool key --window "$wid" 1
wait_for 10 "week 1 never saved" wk_is 1
[ "$(wk "$save")" = 1 ] || fail "week 1 not played ($(wk "$save"))"
h1=$(hash_of "$save")

# an edit to a line: the case is reloaded, the week played is kept
sed -i 's/What budget do you have this year?/EDITED: what budget do you have?/' watched.json
wait_for 10 "the edited case was never saved with its new hash" hash_not "$h1"
settled "after an edit"
h2=$(hash_of "$save")
[ -n "$h2" ] && [ "$h2" != "$h1" ] || fail "the edited case was not taken up (hash $h1 -> $h2)"
[ "$(wk "$save")" = 1 ] || fail "the reload lost the week played ($(wk "$save"))"
import -window root "$T/reloaded.png" 2>/dev/null || fail "import"

# a save that does not load: reported, and the game goes on as it was
cp watched.json good.json
printf '{ "format": 1, ' >watched.json
wait_for 10 "the broken save's error never reached the terminal" logged "watched.json:1:"
alive "after a broken save"
grep -q "watched.json:1:" "$T/err" || fail "the broken save's error is not on the terminal"
[ "$(hash_of "$save")" = "$h2" ] || fail "a broken save changed the game"
xdotool key --window "$wid" 1
wait_for 10 "week 2 never saved after a broken save" wk_is 2
[ "$(wk "$save")" = 2 ] || fail "no move after a broken save ($(wk "$save"))"

# the next good save is taken, with both weeks
sed 's/EDITED: what budget/FIXED: what budget/' good.json >watched.json
wait_for 10 "the fixed case was never saved with its new hash" hash_not "$h2"
alive "after the fix"
h3=$(hash_of "$save")
[ "$h3" != "$h2" ] || fail "the fixed case was not taken up"
[ "$(wk "$save")" = 2 ] || fail "the fix lost a week ($(wk "$save"))"
quit || fail "play --watch: exit code $? after Ctrl+Q"
echo "ok: play --watch in a window"
