#!/bin/sh
# `buyersim render`: PNG files at three sizes in both languages, layout
# checked (--check), and clear errors for bad moves and options.
set -u
B=${1:?usage: render_cli.sh BUYERSIM}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
png() { [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "$1 is not a PNG"; }
out=$("$B" render erp-rollout --moves 1 --size 1024x768 --out "$T/a.png" --check 2>&1)
rc=$?
case "$out" in *"no CJK"*|*"fonts-noto-cjk"*) echo "SKIP: $out"; exit 77;; esac
[ $rc -eq 0 ] || fail "render 1024x768: $out"
png "$T/a.png"
for size in 1024x768 1920x1080 3840x2160; do
  for lang in en zh; do
    for mode in "" --projector; do
      "$B" render erp-rollout --lang $lang --moves 1,4 --size $size $mode --hover 2 --out "$T/s.png" --check \
        || fail "render $size $lang $mode"
      png "$T/s.png"
    done
  done
done
# a whole game, then the debrief
moves=1,4,1,1,3,1,1,1,1,1,1,1
"$B" render erp-rollout --moves "$moves,debrief" --size 1920x1080 --out "$T/d.png" --check 2>"$T/err" || {
  # the game may end earlier or later with other scenario numbers: find its length
  m=1; i=0
  while [ $i -lt 20 ]; do
    if "$B" render erp-rollout --moves "$m,debrief" --size 640x480 --out "$T/d.png" 2>/dev/null; then break; fi
    m="$m,1"; i=$((i + 1))
  done
  "$B" render erp-rollout --moves "$m,debrief" --size 1920x1080 --out "$T/d.png" --check || fail "debrief"
}
png "$T/d.png"
# the debrief on a projector, every page (the outcome and why, the best
# moments, the worst and the gifts, buyer-first and the key messages, the
# lessons), in both languages
for lang in en zh; do
  for page in 1 2 3 4 5; do
    "$B" render erp-rollout --lang $lang --projector --moves "${m:-$moves},debrief" --page $page \
      --size 1920x1080 --out "$T/d.png" --check 2>"$T/err" || fail "debrief page $page $lang: $(cat "$T/err")"
    png "$T/d.png"
  done
done
# a page after the last is refused (the moments and the lessons take a page
# or more each: far fewer than 40)
if "$B" render erp-rollout --projector --moves "${m:-$moves},debrief" --page 40 --size 800x600 --out "$T/x.png" \
     2>"$T/err"; then
  fail "debrief page 40 accepted"
elif ! grep -q "there are" "$T/err"; then
  fail "debrief page 40: no word of how many pages there are: $(cat "$T/err")"
fi
# training sessions: the pass-the-seat screen, a player's week, the
# prediction panel, the reveal, the facilitator's events, the players
# compared, in both languages, layouts checked (test_screen_sessions goes
# through every size; here the command line)
for size in 1024x768 1920x1080; do
  for lang in en zh; do
    for mode in "" --projector; do
      r() { "$B" render soe-tender --lang $lang --size $size $mode --out "$T/t.png" --check "$@" || fail "render $size $lang $mode $*"; png "$T/t.png"; }
      r --players 2 --moves 1
      r --players 3 --uneven --moves ""
      r --players 3 --moves 1,2 --show game
      r --predict --moves 2:u
      r --predict --players 2 --moves 1:usd,2:ddd,1:sss
      r --moves inject
      r --vote --moves inject:2,1
    done
  done
done
# a whole role-play, then the players compared and player 2's own debrief
m=1,1; i=0
while [ $i -lt 40 ] && ! "$B" render erp-rollout --players 2 --moves "$m,debrief" --size 640x480 --out "$T/r.png" 2>/dev/null; do
  m="$m,1"; i=$((i + 1))
done
"$B" render erp-rollout --players 2 --moves "$m,debrief" --size 1920x1080 --out "$T/r.png" --check || fail "ranking"
"$B" render erp-rollout --players 2 --moves "$m,debrief" --player 2 --lang zh --size 1024x768 --out "$T/r.png" --check \
  || fail "player 2's debrief"
# a past game, week by week, and its debrief
XDG_DATA_HOME="$T/data" "$B" play erp-rollout --text --save "$T/game.json" >/dev/null 2>&1 <<EOF2
$(for i in $(seq 1 30); do echo 1; done)
EOF2
[ -f "$T/game.json" ] || fail "no session to replay"
for wk in 1 5; do
  "$B" render --replay "$T/game.json" --week $wk --size 1024x768 --out "$T/p.png" --check || fail "replay week $wk"
done
"$B" render --replay "$T/game.json" --moves debrief --size 1920x1080 --out "$T/p.png" --check || fail "replay debrief"
# errors of the session moves
"$B" render erp-rollout --predict --moves 1 --size 800x600 --out "$T/x.png" 2>"$T/err" && fail "a move without its prediction"
grep -q "1:usd" "$T/err" || fail "no example of a prediction: $(cat "$T/err")"
"$B" render erp-rollout --predict --moves 1:uxd --size 800x600 --out "$T/x.png" 2>/dev/null && fail "prediction uxd accepted"
"$B" render erp-rollout --moves inject:99 --size 800x600 --out "$T/x.png" 2>/dev/null && fail "inject:99 accepted"

# errors
"$B" render erp-rollout --moves 9 --size 800x600 --out "$T/x.png" 2>"$T/err" && fail "move 9 accepted"
grep -q "choose 1 to" "$T/err" || fail "no clear message for a bad move: $(cat "$T/err")"
"$B" render erp-rollout --moves 1,debrief --size 800x600 --out "$T/x.png" 2>"$T/err" && fail "debrief of an unfinished game"
grep -q "finished game" "$T/err" || fail "no clear message for an early debrief"
"$B" render erp-rollout --size 10x10 --out "$T/x.png" 2>/dev/null && fail "size 10x10 accepted"
"$B" render erp-rollout --moves 1 --size 800x600 2>/dev/null && fail "no --out accepted"
"$B" render --help | grep -q "Usage: buyersim render" || fail "render --help"

# a phone's week: the buyer's table, each of its pages, checked; the
# table's last page is its last (a page after it is refused), and the table
# is a phone's view only
for lang in en zh; do
  "$B" render erp-rollout --lang $lang --moves 1,2 --size 390x844 --view table --out "$T/t.png" --check \
    2>"$T/err" || fail "the table at 390x844 $lang: $(cat "$T/err")"
  png "$T/t.png"
  "$B" render erp-rollout --lang $lang --moves 1,2 --size 390x844 --out "$T/b.png" --check || fail "the buyer at 390x844"
  cmp -s "$T/t.png" "$T/b.png" && fail "--view table drew the buyer's view ($lang)"
  p=2
  while "$B" render erp-rollout --lang $lang --moves 1,2 --size 390x844 --view table --page $p --out "$T/t.png" \
          --check 2>"$T/err"; do
    p=$((p + 1))
    [ $p -le 10 ] || fail "the table at 390x844 has more than 9 pages"
  done
  grep -q "there " "$T/err" || fail "the table's page $p: $(cat "$T/err")"
done
"$B" render erp-rollout --moves 1 --size 1280x800 --view table --out "$T/x.png" 2>"$T/err" \
  && fail "--view table accepted on a landscape screen"
grep -q "phone's week" "$T/err" || fail "--view table on a landscape screen: $(cat "$T/err")"
"$B" render erp-rollout --moves 1 --size 390x844 --view chart --out "$T/x.png" 2>/dev/null && fail "--view chart accepted"

# play --moves (a link into the game) checks the moves as render does, and
# before any window needs a display for the options it refuses
XDG_DATA_HOME="$T/xdg" "$B" play erp-rollout --moves 1,9 2>"$T/err" && fail "play --moves 1,9 accepted"
grep -q "buyersim: play: move 2 (week 2): choose 1 to" "$T/err" || fail "play --moves 1,9: $(cat "$T/err")"
"$B" play erp-rollout --text --moves 1 2>"$T/err" </dev/null && fail "play --text --moves accepted"
grep -q "moves plays a new game" "$T/err" || fail "play --text --moves: $(cat "$T/err")"
"$B" play --moves 1 2>"$T/err" </dev/null && fail "play --moves without a scenario accepted"
grep -q "moves plays a new game" "$T/err" || fail "play --moves without a scenario: $(cat "$T/err")"
echo ok
