#!/bin/sh
# Renders the screenshots of the game and its debrief that the README and
# issue 10 show, with the real screen drawn off-screen (no display needed):
#   sh assets/screenshots/make.sh [BUYERSIM]
# The game: week 3 of erp-rollout after a question and a comparison, with the
# first choice of the week pointed at. The debrief: seed 25, a game played
# mostly buyer-first with an extreme claim in week 7 and a gift above the
# rules in week 12, which ends with no decision. (The projector, pass-the-seat,
# predict, reveal, players and facilitator shots were taken by hand with
# `buyersim render`; see its --help.)
set -eu
cd "$(dirname "$0")/../.."
B=${1:-build/engine/buyersim}
out=assets/screenshots
game=1,4
debrief=1,1,4,3,7,5,3,1,6,2,1,8
"$B" render erp-rollout --lang en --moves $game --hover 1 --size 1920x1080 --out $out/game-en-1920x1080.png
"$B" render erp-rollout --lang zh --moves $game --hover 1 --size 1024x768 --out $out/game-zh-1024x768.png
for lang in en zh; do
  for size in 1920x1080 1024x768; do
    "$B" render erp-rollout --lang $lang --seed 25 --moves $debrief,debrief --size $size \
      --out $out/debrief-$lang-$size.png
  done
done
# Projector mode (issue 15): soe-tender, the case with the most choices, at
# 1280x800 (the usual classroom projector) in English, its second page of
# choices, and erp-rollout in Chinese at 1024x768; every text whole.
"$B" render soe-tender --lang en --projector --moves 1,2 --size 1280x800 --check \
  --out $out/projector-en-1280x800.png
"$B" render soe-tender --lang en --projector --moves 1,2 --page 2 --size 1280x800 --check \
  --out $out/projector-en-1280x800-page2.png
"$B" render erp-rollout --lang zh --projector --moves 1,4 --size 1024x768 --check \
  --out $out/projector-zh-1024x768.png
# A phone (issue 12): the portrait layout at 390x844 (CSS pixels, as a
# browser on a phone draws the canvas), week 3 of erp-rollout: the buyer,
# the short feedback on the last move, the first choices and the pager; the
# buyer's table is a tab (or a swipe) away.
for lang in en zh; do
  "$B" render erp-rollout --lang $lang --moves $game --size 390x844 --check --out $out/phone-$lang-390x844.png
  "$B" render erp-rollout --lang $lang --moves $game --size 390x844 --view table --check \
    --out $out/phone-table-$lang-390x844.png
done
