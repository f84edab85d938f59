#!/bin/sh
# Saves: quit after 3 weeks and resume gives exactly the game played in one
# go; replay accepts the save; hand-edited, truncated or foreign saves are
# refused by replay and play --resume (exit 1, the file named); the .bak of
# the previous week; the JSON Lines log.
. "$(dirname "$0")/lib.sh"

SEED=5
MOVES="1 1 2 4 4 1 1 1 1 1 1 1"   # 12 weeks; the first 3 are played before quitting

moves_from() { # moves_from FIRST [LAST]: the moves FIRST..LAST, one a line
    printf '%s\n' $MOVES | sed -n "$1,${2:-\$}p"
}

# 1. one uninterrupted game
moves_from 1 | bs play --text --seed $SEED --save full.json >full.out 2>full.err
rc=$?
[ $rc -eq 0 ] && pass "uninterrupted game: exit 0" || { fail "uninterrupted game: exit $rc"; show full.err 5; }
has full.out "== Debrief" || fail "uninterrupted game: no debrief"
grep -q 'Please type a number' full.out && fail "a move in \"$MOVES\" is not valid with seed $SEED any more"

# 2. the same seed and moves: 1 week + q, 2 weeks + q, 3 weeks + q
{ moves_from 1 1; echo q; } | bs play --text --seed $SEED --save one.json >one.out 2>one.err
[ -f one.json ] && pass "after week 1 + q: one.json exists" || fail "after week 1 + q: no one.json"
{ moves_from 1 2; echo q; } | bs play --text --seed $SEED --save two.json >two.out 2>two.err
if [ -f two.json.bak ]; then
    pass "after week 2: two.json.bak exists"
    if run bak2 0 replay --quiet two.json.bak; then
        if has bak2.out "1 week(s)"; then pass "two.json.bak is the valid save of week 1"; else fail "two.json.bak is the valid save of week 1 (not so)"; fi
    fi
else
    fail "after week 2: no two.json.bak"
fi

{ moves_from 1 3; echo q; } | bs play --text --seed $SEED --save game.json >part1.out 2>part1.err
rc=$?
[ $rc -eq 0 ] && pass "3 weeks then q: exit 0" || { fail "3 weeks then q: exit $rc"; show part1.err 5; }
[ -s part1.err ] && { fail "3 weeks then q: wrote to stderr"; show part1.err 5; }
tail -n 1 part1.out | grep -q 'Game saved in game.json\. Resume with: buyersim play --text --resume game.json$' &&
    pass "q prints where the game is saved and how to resume" ||
    { fail "q: no \"Game saved in game.json ...\" line at the end"; tail -n 2 part1.out | sed 's/^/     | /'; }
# up to the quit, the text is the uninterrupted game's text
sed '$s/Game saved in .*//' part1.out | tr -d '\n' >part1.flat
tr -d '\n' <full.out | head -c "$(wc -c <part1.flat)" >full.prefix
cmp -s part1.flat full.prefix && pass "the text before q is the start of the uninterrupted game" ||
    fail "the text before q differs from the start of the uninterrupted game"
if run replay3 0 replay --quiet game.json; then
    if has replay3.out "3 week(s)"; then pass "replay --quiet: the save holds 3 weeks"; else fail "replay --quiet: the save holds 3 weeks (not so)"; fi
fi
if [ -f game.json.bak ]; then
    if run replaybak 0 replay --quiet game.json.bak; then
        if has replaybak.out "2 week(s)"; then pass "game.json.bak is the valid save of week 2"; else fail "game.json.bak is the valid save of week 2 (not so)"; fi
    fi
else
    fail "after week 3: no game.json.bak"
fi

# the per-week log: start line + one line per week, each one JSON object
LOG=game.log.jsonl
check_log() { # check_log WEEKS
    if [ ! -f $LOG ]; then fail "no $LOG next to game.json"; return; fi
    n=$(($(wc -l <$LOG)))
    [ $n -eq $(($1 + 1)) ] && pass "$LOG after $1 weeks: $n lines (the start + one a week)" ||
        fail "$LOG after $1 weeks: $n lines, expected $(($1 + 1))"
    if msg=$(json_ok $LOG lines); then pass "$LOG: every line is one JSON value"; else fail "$LOG: $msg"; fi
    w=0 bad=""
    while IFS= read -r line; do
        case $line in
        "{"*"\"week\":$w,"*"\"vendors\":[{"*"}") ;;
        *) bad="$bad $w" ;;
        esac
        w=$((w + 1))
    done <$LOG
    [ -z "$bad" ] && pass "$LOG: line k is week k-1, with \"week\" and \"vendors\"" ||
        fail "$LOG: lines for week(s)$bad lack \"week\":N or \"vendors\""
}
check_log 3
cp game.json w3.json
cp game.json.bak w3.json.bak 2>/dev/null

# 3. resume and finish: the resumed text is the tail of the uninterrupted game
moves_from 4 | bs play --text --resume game.json >part2.out 2>part2.err
rc=$?
[ $rc -eq 0 ] && pass "resume: exit 0" || { fail "resume: exit $rc"; show part2.err 5; }
[ -s part2.err ] && { fail "resume: wrote to stderr"; show part2.err 5; }
head -n 4 part2.out >intro2
head -n 4 full.out >intro1
cmp -s intro1 intro2 && pass "resume: starts with the same introduction" ||
    fail "resume: a different introduction"
sed 1,4d part2.out >body2
[ "$(sed -n 2p body2 | cut -c1-15)" = "== Week 4 of 12" ] && pass "resume: continues at week 4" ||
    fail "resume: after the introduction comes \"$(sed -n 2p body2)\", not week 4"
tail -n "$(wc -l <body2)" full.out >tail1
if cmp -s tail1 body2; then
    pass "resume: weeks 4-12 and the debrief equal the uninterrupted game's, byte for byte"
else
    fail "resume: the resumed text differs from the uninterrupted game (- one go, + resumed):"
    diff -u tail1 body2 | sed -n '3,30p' | sed 's/^/     | /'
fi
# (bar wall-clock fields such as the seconds played)
notime() { grep -v -E '^ *"(seconds|started|finished|date|time)":' "$1"; }
notime game.json >game.notime
notime full.json >full.notime
cmp -s game.notime full.notime && pass "resume: the final save equals the uninterrupted game's" ||
    { fail "resume: the final save differs from the uninterrupted game's:"; diff game.notime full.notime | sed "s/^/     | /"; }
cmp -s game.log.jsonl full.log.jsonl && pass "resume: the log equals the uninterrupted game's" ||
    fail "resume: the log differs from the uninterrupted game's"
check_log 12

# 4. replay the finished save
run replay12 0 replay game.json && pass "replay: exit 0"
has replay12.out "== Debrief" && pass "replay: shows the debrief" || fail "replay: no debrief"
sed -n '/^== Debrief/,$p' full.out >debrief1
sed -n '/^== Debrief/,$p' replay12.out >debrief2
[ -s debrief1 ] && cmp -s debrief1 debrief2 && pass "replay: the same debrief as the game" ||
    fail "replay: a different debrief than the game"
if run replay12q 0 replay --quiet game.json; then
    if has replay12q.out "12 week(s)"; then pass "replay --quiet: 12 weeks"; else fail "replay --quiet: 12 weeks (not so)"; fi
fi

# 5. saves that must be refused: edited, truncated, foreign
mk() { # mk NAME SED-SCRIPT: NAME.json = the 3-week save edited by SED-SCRIPT
    sed "$2" w3.json >"$1.json"
    cmp -s w3.json "$1.json" && fail "test bug: the edit for $1 changed nothing"
}
mk move 's/"weeks": \[\[0\]/"weeks": [[1]/'               # week 1: another choice
mk state 's/"state": "[0-9a-f]*"/"state": "0123456789abcdef"/'   # the state check
mk extra 's/"weeks": \[\[0\], /"weeks": [[0], [0], /'     # a week more than recorded
mk impossible 's/"weeks": \[\[0\]/"weeks": [[8]/'         # a choice week 1 does not have
mk seed "s/\"seed\": $SEED,/\"seed\": $((SEED + 1)),/"     # another seed
mk scnhash 's/"hash": "[0-9a-f]*"/"hash": "0123456789abcdef"/' # the scenario changed since
mk typo 's/"weeks":/"weks":/'                             # an unknown key
head -c "$(($(wc -c <w3.json) / 2))" w3.json >truncated.json
: >empty.json
echo 'hello' >garbage.json
cp full.log.jsonl log.json                                 # another kind of file
for f in move state extra impossible seed scnhash typo truncated empty garbage log; do
    cp $f.json $f.orig
    run "bad_replay_$f" 1 replay --quiet $f.json &&
        pass "replay refuses $f.json (exit 1)"
    grep -F -q "$f.json" "bad_replay_$f.err" && pass "replay names $f.json in its message" ||
        { fail "replay: the message for $f.json does not name the file"; show "bad_replay_$f.err" 3; }
    run "bad_resume_$f" 1 play --text --resume $f.json <full.out &&
        pass "play --resume refuses $f.json (exit 1)"
    grep -F -q "$f.json" "bad_resume_$f.err" && pass "play --resume names $f.json in its message" ||
        { fail "play --resume: the message for $f.json does not name the file"; show "bad_resume_$f.err" 3; }
    has "bad_resume_$f.out" "== Week" && fail "play --resume $f.json: played a game anyway"
    cmp -s $f.json $f.orig || fail "play --resume $f.json: the refused save was overwritten"
done
# a changed scenario is refused even when its file is given explicitly
run scn_explicit 1 play --text --resume scnhash.json "$BUYERSIM_DATA/scenarios/en/erp-rollout.json" <full.out &&
    pass "play --resume with a scenario whose content changed: refused even when named"
has scn_explicit.out "== Week" && fail "play --resume scnhash.json SCENARIO: played the moves on a changed scenario"
if run missing 1 replay --quiet missing.json; then
    if grep -F -q missing.json missing.err; then pass "replay of a missing file: exit 1, the file named"; else fail "replay of a missing file: exit 1, the file named (not so)"; fi
fi

# a corrupted save next to its .bak: the message points to the .bak, which resumes
cp w3.json corrupt.json
cp w3.json.bak corrupt.json.bak
printf 'xx' >>corrupt.json
run corrupt 1 play --text --resume corrupt.json <full.out
grep -F -q corrupt.json.bak corrupt.err && pass "a corrupted save: the message points to corrupt.json.bak" ||
    { fail "a corrupted save: the message does not mention corrupt.json.bak"; show corrupt.err 3; }
echo q | bs play --text --resume corrupt.json.bak >fromback.out 2>fromback.err
rc=$?
[ $rc -eq 0 ] && grep -q '^== Week 3 of 12' fromback.out && pass "resume from the .bak: back at week 3" ||
    { fail "resume from the .bak: exit $rc, or not at week 3"; show fromback.err 3; }

finish
