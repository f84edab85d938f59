#!/bin/sh
# Honest cause and effect and the author's tools (issue 10), through the
# command line: new writes a starter case that passes audit and never
# overwrites; audit prints a pass/fail table (and --json), exits 1 when a
# property misses and names what drives it; check warns (exit 0) about lines
# that contradict their moves; sim refuses an always:ACTION the case never
# offers and says which weeks ran as written; play --watch reloads an edited
# case at the same week; predictions are scored against a baseline; a
# role-play marks only the player's own vendor "(you)" and says how the
# players start.
. "$(dirname "$0")/lib.sh"

# 1. new: a starter case, in English and in Chinese
if run new_en 0 new warehouse-deal; then
    [ -s warehouse-deal.json ] && pass "new: wrote warehouse-deal.json" || fail "new: no warehouse-deal.json"
    grep -q '"id": "warehouse-deal"' warehouse-deal.json && pass "new: the case id comes from the name" ||
        { fail "new: the id is not warehouse-deal"; show warehouse-deal.json 6; }
    has new_en.out "buyersim audit warehouse-deal.json" && pass "new: says what to run next" ||
        { fail "new: no next steps"; show new_en.out; }
fi
cp warehouse-deal.json before.json 2>/dev/null
if run new_again 1 new warehouse-deal.json; then
    has new_again.err "already exists" && pass "new: refuses to overwrite, and says so" ||
        { fail "new: refusal without a reason"; show new_again.err; }
    cmp -s warehouse-deal.json before.json && pass "new: the existing file is untouched" ||
        fail "new: the existing file changed"
fi
run new_zh 0 new 中文-case --lang zh && grep -q '"lang": "zh"' 中文-case.json &&
    pass "new --lang zh: a Chinese case (id from the Latin part of the name)" ||
    { fail "new --lang zh: no Chinese case"; show new_zh.err; }
for f in warehouse-deal.json 中文-case.json; do
    if run check_$f 0 check "$f"; then
        [ ! -s "check_$f.err" ] && pass "new: $f checks clean, no warnings" ||
            { fail "new: $f has warnings"; show "check_$f.err"; }
    fi
    run audit_$f 0 audit "$f" --moments 5 && has "audit_$f.out" "teaches the lessons" &&
        pass "new: $f passes audit" || { fail "new: $f does not pass audit"; show "audit_$f.out" 30; }
done

# 2. audit: a table, JSON, and a miss that names what drives it
if run audit_erp 0 audit erp-rollout --moments 5; then
    for id in "buyer_centric (ask" "always:pitch" "repetition beats it without repeat" "own mindshare effect" \
              "gift above the buyer's rules raises the career risk" "no best moment hurt"; do
        has audit_erp.out "$id" && pass "audit: the table has \"$id\"" || fail "audit: no \"$id\" in the table"
    done
fi
if run audit_json 0 audit erp-rollout --moments 5 --json; then
    json_ok audit_json.out && pass "audit --json: one JSON value" || fail "audit --json: not JSON"
    grep -q '"pass":true' audit_json.out && grep -q '"id":"move_order"' audit_json.out &&
        grep -q '"id":"repetition_pays"' audit_json.out && pass "audit --json: pass and the property ids" ||
        { fail "audit --json: fields missing"; show audit_json.out 3; }
fi
# a case whose buyer-first policy only pitches: audit fails it, and says why
sed 's/"weights": {"analyze": 3, "repeat": 3, "reference": 2, "pilot": 2, "internal_case": 2, "evidence": 1, "ask": 1}/"weights": {"pitch": 1}/;
     s/"do": "ask"/"do": "pitch"/; s/"do": "analyze"/"do": "pitch"/' warehouse-deal.json >broken.json
if grep -q '"weights": {"pitch": 1}' broken.json; then
    if run audit_broken 1 audit broken.json --moments 5; then
        grep -q '^  FAIL .*buyer_centric' audit_broken.out && pass "audit: a pitching buyer_centric fails" ||
            { fail "audit: no FAIL for buyer_centric"; show audit_broken.out 30; }
        grep -q '       why: buyer_centric: no decision in' audit_broken.out &&
            pass "audit: the miss names what drives it" || { fail "audit: no why"; show audit_broken.out 30; }
    fi
else
    fail "audit: could not build the broken case (the starter's policy changed?)"
fi
run audit_set 1 audit erp-rollout --set no_such_thing=1 && has audit_set.err "no model coefficient" &&
    pass "audit --set: an unknown coefficient is an error" || fail "audit --set: no error for an unknown coefficient"

# 3. check: warnings for lines that contradict their moves, exit 0
sed 's/"tone": "cold"/"tone": "warm"/g' warehouse-deal.json >warm.json
if cmp -s warm.json warehouse-deal.json; then
    fail "check: could not make a cold state warm (the starter changed?)"
elif run check_warm 0 check warm.json; then
    grep -q '^warm.json:[0-9]*:[0-9]*: states\.[a-z_]*\.choices\[[0-9]\]: warning: "extreme" always backfires, but it leads to "cold", whose lines are warm' check_warm.err &&
        pass "check: warns FILE:LINE:COL when a move that backfires leads to a warm state" ||
        { fail "check: no tone warning"; show check_warm.err; }
fi

# 4. sim: an always:ACTION the case never offers is an error; as written
if run sim_never 1 sim warehouse-deal.json --policy always:expert_visit --runs 10; then
    has sim_never.err '"expert_visit"' && has sim_never.err '"warehouse-deal"' &&
        pass "sim: always:ACTION never offered is an error naming the action and the case" ||
        { fail "sim: the error does not name the action and the case"; show sim_never.err; }
fi
if run sim_pitch 0 sim erp-rollout --policy always:pitch --runs 50 --json; then
    json_ok sim_pitch.out && grep -q '"ran_as_written":false' sim_pitch.out && grep -q '"as_written":0\.' sim_pitch.out &&
        pass "sim --json: always:pitch did not run as written every week, and says so" ||
        { fail "sim --json: as_written missing"; show sim_pitch.out 3; }
fi
if run sim_bc 0 sim erp-rollout --policy buyer_centric --runs 50 --json; then
    grep -q '"ran_as_written":true' sim_bc.out && pass "sim --json: buyer_centric ran as written" ||
        { fail "sim --json: buyer_centric not as written"; show sim_bc.out 3; }
fi
run sim_wo 0 sim erp-rollout --policy buyer_centric --without repeat --runs 50 && has sim_wo.out "buyer_centric without repeat" &&
    pass "sim --without: the same policy without an action" || fail "sim --without"

# 5. play --watch: an edit reloads at the same week; a move that no longer
# exists takes the game back
cp warehouse-deal.json watched.json
{ echo 1; sleep 1; echo 1; sleep 1
  sed -i 's/What budget do you have this year?/EDITED: what budget do you have?/' watched.json
  sleep 2; echo q; } | bs play --text --watch watched.json --save w.json >watch.out 2>watch.err
has watch.out "Reloaded watched.json: week 3, the same moves." && pass "play --watch: reloads at the same week" ||
    { fail "play --watch: no reload at week 3"; grep -n "Reloaded\|== Week" watch.out | head; show watch.err; }
has watch.out 'EDITED: what budget do you have?' && pass "play --watch: the edited line is shown" ||
    fail "play --watch: the edit is not shown"
cp warehouse-deal.json watched2.json
{ echo 1; sleep 1; echo 1; sleep 1
  # week 1's move (the first question) now needs a flag nobody sets: back to week 1
  sed -i 's/"text": "How do your pickers work today, on a bad morning?",/"text": "How do your pickers work today, on a bad morning?", "when": {"week": {"gte": 20}},/' watched2.json
  sleep 2; echo q; } | bs play --text --watch watched2.json --save w2.json >watch2.out 2>watch2.err
has watch2.out "the move of week 1 is no longer possible there, so the game is back at week 1" &&
    pass "play --watch: a move that no longer exists takes the game back, and says so" ||
    { fail "play --watch: no step back"; grep -n "Reloaded" watch2.out; show watch2.err; }

# a save that does not load (an editor half-way): the game plays on with the
# version that loaded, at the same week, and the next good save is taken
cp warehouse-deal.json watched3.json
{ echo 1; sleep 1
  printf '{ "format": 1, ' >watched3.json
  sleep 2; echo 1; sleep 1
  sed 's/What budget do you have this year?/FIXED: what budget do you have?/' warehouse-deal.json >watched3.json
  sleep 2; echo q; } | bs play --text --watch watched3.json --save w3.json >watch3.out 2>watch3.err
has watch3.out "changed but does not load" && has watch3.err "watched3.json" &&
    pass "play --watch: a save that does not load is reported, with the file's errors" ||
    { fail "play --watch: a broken save is not reported"; show watch3.out 20; show watch3.err; }
has watch3.out "== Week 3" && has watch3.out "FIXED: what budget do you have?" &&
    pass "play --watch: after a broken save the game goes on, and the next good save is taken" ||
    { fail "play --watch: the game did not go on after a broken save"; grep -n "Week\|Reload\|loaded" watch3.out; }

# 6. predictions against a baseline: "up up same" every week scores no skill
yes 'u u s' | head -n 40 >uus.txt
awk '{ print 1; print }' uus.txt | head -n 40 | bs play --text --predict --seed 6 --save uus.json >uus.out 2>uus.err
line=$(grep 'Always guessing the most common answer' uus.out | head -1)
skill=$(printf '%s\n' "$line" | sed -n 's/.*your reading skill \([-+][0-9]*\)%.*/\1/p')
if [ -n "$skill" ] && [ "$skill" -le 0 ]; then
    pass "predict: guessing up, up, same every week scores no skill ($skill%)"
else
    fail "predict: the same guess every week scored \"$skill\""; show uus.out 3
fi

# 7. a role-play: "(you)" only for the player looking; equal starts, or a handicap
yes 1 | head -n 120 | bs play --text --players 2 --seed 4 --save rp.json >rp.out 2>rp.err
has rp.out "Every player starts equal" && pass "role-play: says the players start equal" ||
    fail "role-play: no equal-start line"
# in each player's week view, exactly one vendor is "(you)" and the other player is "(player N)"
awk '/^--- Pass the keyboard/ { inview = 1; you = 0; other = 0 }
     inview && /\(you\)/ { you++ }
     inview && /\(player [12]\)/ { other++ }
     inview && /^What do you do this week/ { if (you != 1 || other != 1) bad = 1; inview = 0 }
     END { exit bad }' rp.out && pass "role-play: each player sees one \"(you)\" and one \"(player N)\"" ||
    { fail "role-play: \"(you)\" marks wrong"; grep -n "(you)\|(player" rp.out | head; }
yes 1 | head -n 120 | bs play --text --players 2 --uneven --seed 4 --save rpu.json >rpu.out 2>rpu.err
has rpu.out "Handicap" && [ "$(grep -c '^  .*: mindshare [0-9]*%, trust [0-9]*$' rpu.out)" -eq 2 ] &&
    pass "role-play --uneven: the handicap is announced, with each player's start" ||
    { fail "role-play --uneven: no handicap"; show rpu.out 12; }
grep -q '"start": "uneven"' rpu.json && pass "role-play --uneven: the save records it" || fail "role-play --uneven: not saved"
m1=$(bs export rp.json --format csv 2>/dev/null | awk -F, '$3==0 && $5==1 {print $7 "/" $8}' | sort -u | wc -l)
[ "$m1" -eq 1 ] && pass "role-play: the players' vendors start with the same mindshare and trust" ||
    fail "role-play: the players start differently ($m1 different starts)"

# 8. bench says how long audit takes on each bundled case (the figure, not a
# limit: speed targets are read from the bench, never asserted). The bench
# measures a lot (games per second, frames, the start screen with 10,000
# past games, every case's audit): about a minute and a half, several under
# the sanitizers, so it gets a longer limit than a command of the game
if BS_TIMEOUT=900 run bench 0 bench --json; then
    missing=""
    for c in erp-rollout hospital-imaging soe-tender; do
        grep -q "\"audit_seconds\":{.*\"$c\":[0-9.]*" bench.out || missing="$missing $c"
    done
    json_ok bench.out && [ -z "$missing" ] && grep -q '"audit_max_seconds":[0-9.]*' bench.out &&
        pass "bench: audit time for each bundled case" ||
        { fail "bench: no audit time for each bundled case (missing:$missing)"; show bench.out; }
fi

finish
