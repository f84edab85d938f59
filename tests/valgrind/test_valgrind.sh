#!/bin/sh
# A console game, a batch simulation and (when built) an off-screen render of
# the real screen under valgrind: no errors, no definite leaks.
# Usage: test_valgrind.sh BUYERSIM SOURCE_DIR WORK_DIR
set -eu
bin=$1 src=$2 work=$3
command -v valgrind >/dev/null || { echo "valgrind missing (Debian: valgrind)"; exit 77; }
rm -rf "$work" && mkdir -p "$work"
export HOME="$work" XDG_DATA_HOME="$work/data" BUYERSIM_DATA="$src"
vg="valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite"
# the console: a whole game with predictions
printf '4\nu s d\n1\nu u d\n2\nu u u\n1\nd d d\n1\ns s s\n1\nu u d\n1\nu u d\n1\nu u d\n1\nu u d\n1\nu u d\n1\nu u d\n1\nu u d\n' |
  $vg "$bin" play --text --seed 11 --predict --save "$work/s.json" >"$work/play.txt" 2>"$work/play.err"
rc=$?
[ $rc -eq 0 ] || { cat "$work/play.err"; echo "FAIL: console game under valgrind: exit $rc"; exit 1; }
grep -q 'Debrief' "$work/play.txt" || { echo "FAIL: the game did not reach the debrief"; exit 1; }
$vg "$bin" replay "$work/s.json" >/dev/null 2>"$work/replay.err" || { cat "$work/replay.err"; echo "FAIL: replay"; exit 1; }
$vg "$bin" sim erp-rollout --policy buyer_centric --runs 200 >/dev/null 2>"$work/sim.err" || { cat "$work/sim.err"; echo "FAIL: sim"; exit 1; }
$vg "$bin" check "$src"/scenarios/*/*.json >/dev/null 2>"$work/check.err" || { cat "$work/check.err"; echo "FAIL: check"; exit 1; }
# the screen, drawn off-screen, when this build has it
if "$bin" render --help 2>&1 | grep -q -v 'has no screen' && ! "$bin" render --help 2>&1 | grep -q 'has no screen'; then
  SDL_VIDEODRIVER=dummy $vg --suppressions="$src/tests/valgrind/sdl.supp" "$bin" render erp-rollout --moves 4,1,2 \
    --size 1024x768 --out "$work/screen.png" >/dev/null 2>"$work/render.err" ||
    { cat "$work/render.err"; echo "FAIL: render under valgrind"; exit 1; }
fi
echo "valgrind clean"
