#!/bin/sh
# play --text from pipes: a whole game from `yes 1`, no input at all, a
# stdout closed early (no death by SIGPIPE), and more players than the
# scenario has seats for.
. "$(dirname "$0")/lib.sh"

# signalled RC: true if RC is the status of a process killed by a signal
signalled() { [ "$1" -ge 128 ]; }

# 1. a whole game from a pipe: exit 0, the debrief, a save and a log
yes 1 | bs play --text --seed 3 --save full.json >full.out 2>full.err
rc=$?
[ $rc -eq 0 ] && pass "yes 1 | play: exit 0" || { fail "yes 1 | play: exit $rc"; show full.err 5; }
[ -s full.err ] && { fail "yes 1 | play: wrote to stderr"; show full.err 5; }
has full.out "== Debrief" && pass "yes 1 | play: the debrief appears" || fail "yes 1 | play: no debrief"
grep -q '^== Week 12 of 12 ' full.out && pass "yes 1 | play: all 12 weeks shown" ||
    fail "yes 1 | play: week 12 never shown"
run replay_full 0 replay --quiet full.json &&
    check "yes 1 | play: the save holds the finished game" has replay_full.out "12 week(s)"
# the same through the default save folder ($XDG_DATA_HOME/buyersim/), not --save
yes 1 | bs play --text --seed 3 >default.out 2>default.err
rc=$?
[ $rc -eq 0 ] && cmp -s default.out full.out && pass "without --save: same game, exit 0" ||
    fail "without --save: exit $rc, or a different transcript than with --save"
ls "$XDG_DATA_HOME"/buyersim/*.json >/dev/null 2>&1 && pass "without --save: autosave in \$XDG_DATA_HOME/buyersim/" ||
    fail "without --save: nothing saved in $XDG_DATA_HOME/buyersim/"
[ -z "$(ls -A "$HOME")" ] && pass "nothing written to \$HOME when XDG_DATA_HOME is set" ||
    { fail "files written to \$HOME:"; ls -A "$HOME" | sed 's/^/     | /'; }

# 2. no input at all: a clean exit 0, not a signal and not a hang
bs play --text --seed 3 --save none.json </dev/null >none.out 2>none.err
rc=$?
signalled $rc && fail "</dev/null: killed by signal $((rc - 128))"
[ $rc -eq 0 ] && pass "</dev/null: exit 0" || { fail "</dev/null: exit $rc"; show none.err 5; }
has none.out "== Week 1 of 12" && pass "</dev/null: shows week 1" || fail "</dev/null: week 1 never shown"
# It says the game was saved: then the file must be there and resume.
if has none.out "Game saved in none.json"; then
    if [ -f none.json ] && run replay_none 0 replay --quiet none.json; then
        pass "</dev/null: the save it announces exists and loads"
    else
        fail "</dev/null: says \"Game saved in none.json\" but there is no loadable none.json" \
            "(the game quit before week 1 was played and nothing was written)"
    fi
fi
# an empty line, spaces and a lone CR are not moves and not crashes
printf '\n  \n\r\n' | bs play --text --seed 3 --save blank.json >blank.out 2>blank.err
rc=$?
[ $rc -eq 0 ] && pass "blank lines then EOF: exit 0" || fail "blank lines then EOF: exit $rc"
[ "$(grep -c 'Please type a number' blank.out)" -eq 3 ] && pass "blank lines: each refused" ||
    fail "blank lines: expected 3 refusals, got $(grep -c 'Please type a number' blank.out)"
# a very long line is one invalid input, not several
{ head -c 5000 /dev/zero | tr '\0' '7'; echo; echo 1; } |
    bs play --text --seed 3 --save long.json >long.out 2>long.err
rc=$?
[ $rc -eq 0 ] && [ "$(grep -c 'Please type a number' long.out)" -eq 1 ] && grep -q '^Your move: ' long.out &&
    pass "a 5000-character line: one refusal, then the next move is played" ||
    fail "a 5000-character line: exit $rc, $(grep -c 'Please type a number' long.out) refusal(s)"

# 3. stdout closed early (| head -1): no SIGPIPE death. The subshell records
# the binary's own exit status (a pipeline's status is head's).
yes 1 | head -n 40 >moves.txt
for n in 1 30; do
    rm -f rc.txt
    (bs play --text --seed 3 --save head$n.json <moves.txt 2>head$n.err; echo $? >rc.txt) | head -n $n >head$n.out
    rc=$(cat rc.txt 2>/dev/null)
    if [ -z "$rc" ]; then
        fail "| head -n $n: no exit status recorded"
    elif [ "$rc" -eq $((128 + 13)) ]; then
        fail "| head -n $n: killed by SIGPIPE (exit $rc)"
    elif signalled "$rc"; then
        fail "| head -n $n: killed by signal $((rc - 128))"
    else
        pass "| head -n $n: exit $rc, not a signal"
    fi
    [ "$(wc -l <head$n.out)" -eq $n ] || fail "| head -n $n: got $(wc -l <head$n.out) lines"
    # the game went on and was saved even though nobody read its output
    if run replay_head$n 0 replay --quiet head$n.json; then
        if has replay_head$n.out "12 week(s)"; then pass "| head -n $n: the whole game was still played and saved"; else fail "| head -n $n: the whole game was still played and saved (not so)"; fi
    fi
done
# the same through a FIFO, reading the status with wait
if mkfifo out.fifo 2>/dev/null; then
    bs play --text --seed 3 --save fifo.json <moves.txt >out.fifo 2>fifo.err &
    pid=$!
    head -n 1 <out.fifo >/dev/null
    wait $pid
    rc=$?
    [ $rc -ne $((128 + 13)) ] && ! signalled $rc && pass "FIFO closed after 1 line: exit $rc, not a signal" ||
        fail "FIFO closed after 1 line: exit $rc (signal $((rc - 128)))"
fi
# a closed stdout (not a broken pipe): an error exit, not a crash
bs play --text --seed 3 --save closed.json <moves.txt >&- 2>closed.err
rc=$?
signalled $rc && fail "stdout closed: killed by signal $((rc - 128))" || pass "stdout closed: exit $rc, not a signal"
# (with fd 1 closed, the save's temp file may be opened as fd 1: the game's
# text must not end up inside the save)
run replay_closed 0 replay --quiet closed.json && pass "stdout closed: the save is still a valid session"

# 4. more players than the scenario has seats for: exit 1, a message, no game.
# tests/cli/data/two-vendors.json: 2 vendors, 1 of them playable.
TWO=$SRC/tests/cli/data/two-vendors.json
run two_check 0 check "$TWO" && run two_play 0 play --text "$TWO" --save two.json <moves.txt &&
    check "two-vendors.json: a valid scenario, plays to the debrief with 1 player" has two_play.out "== Debrief"
# a game played from a scenario file that is not installed: the save records
# the file's absolute path beside the id and hash, and replay finds it there,
# from another folder too; once the file is edited, replay refuses with a
# message naming it, and --scenario with the file as played still works
mkdir -p elsewhere/deeper
cp "$TWO" elsewhere/mine.json
run own_play 0 play --text elsewhere/mine.json --save own.json <moves.txt
check "a game from a file: the save records the file's absolute path" \
    grep -q -F "\"scenario_file\": \"$(cd elsewhere && pwd -P)/mine.json\"" own.json
cd elsewhere/deeper || exit 1
run own_replay 0 replay --quiet ../../own.json
run own_resume 0 play --text --resume ../../own.json
cd "$WORK" || exit 1
check "a game from a file: replay finds the file again, from another folder" \
    has elsewhere/deeper/own_replay.out "week(s)"
check "a game from a file: play --resume (the play controller) finds it too" \
    has elsewhere/deeper/own_resume.out "== Debrief"
sed 's/"title": "/"title": "Edited /' "$TWO" >elsewhere/mine.json
cmp -s "$TWO" elsewhere/mine.json && fail "test bug: the edit of mine.json changed nothing"
run own_edited 1 replay --quiet own.json
check "a game from a file since edited: replay names the file" grep -q -F elsewhere/mine.json own_edited.err
run own_named 0 replay --quiet own.json --scenario "$TWO" &&
    pass "a game from a file since edited: replay --scenario with the file as played"
for p in 3 5; do
    run two_players$p 1 play --text --players $p "$TWO" --save twop$p.json <moves.txt &&
        pass "--players $p on a 2-vendor, 1-playable scenario: exit 1"
    grep -q -i 'player' two_players$p.err && pass "--players $p: the message on stderr says why" ||
        { fail "--players $p: no message about players on stderr"; show two_players$p.err 3; }
    has two_players$p.out "== Week" && fail "--players $p: a game was shown anyway"
    [ -e twop$p.json ] && fail "--players $p: a save was written anyway"
done
# erp-rollout has 1 playable vendor among 5: in a role-play session the
# extra players take the next vendors (DESIGN section 2, issue 5: "the first
# N vendors are played by people").
bs play --text --players 3 --seed 3 --save p3.json <moves.txt >players3.out 2>players3.err
rc=$?
if [ $rc -eq 0 ]; then
    [ "$(grep -c '^Player [123] sells for' players3.out)" -eq 3 ] && has players3.out "== Debrief" &&
        run p3_replay 0 replay --quiet p3.json &&
        pass "erp-rollout --players 3: three seats, played to the debrief, a valid save" ||
        fail "erp-rollout --players 3: exit 0 but not three seats played to the end"
else
    fail "erp-rollout --players 3: exit $rc"; show players3.err 3
fi
for bad in 0 6 x; do
    if run players$bad 1 play --text --players $bad --save pbad.json <moves.txt; then
        if [ -s players$bad.err ]; then pass "--players $bad: exit 1 with a message"; else fail "--players $bad: exit 1 with a message (not so)"; fi
    fi
done

finish
