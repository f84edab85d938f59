#!/bin/sh
# Golden transcripts of console games (play --text), compared byte for byte.
#
# Each case in tests/golden/ is three files:
#   NAME.args  one line: the scenario and options, e.g. "erp-rollout --seed 1"
#              (the test adds: play --text ... --save game.json)
#   NAME.in    what the player types, one line per input (stdin)
#   NAME.txt   the expected stdout, exactly
# A case passes when the game exits 0, prints nothing on stderr, prints
# exactly NAME.txt (twice in a row: same seed and moves, same text), and the
# case's own checks below hold (these stay true when the text is regenerated).
#
# REGENERATE the goldens after an intended change to the model, the scenario
# or the interface text (then read the diff before committing it):
#   (cd BUILD && BUYERSIM_UPDATE_GOLDEN=1 ctest -R cli_test_golden --output-on-failure)
# or without ctest, from the repository root:
#   BUYERSIM_UPDATE_GOLDEN=1 sh tests/cli/test_golden.sh BUILD/engine/buyersim . /tmp/bs-golden
# then: git diff tests/golden/
. "$(dirname "$0")/lib.sh"

GOLD=$SRC/tests/golden
UPDATE=${BUYERSIM_UPDATE_GOLDEN:-}
EN=$BUYERSIM_DATA/assets/lang/en.json

# uistr KEY: the interface string KEY of en.json, up to its first placeholder
uistr() {
    sed -n "s/^ *\"$1\": \"\\([^{\"]*\\).*/\\1/p" "$EN" | sed -n 1p
}
S_INVALID=$(uistr invalid)
S_UNDONE=$(uistr undone)
S_NO_UNDO=$(uistr cannot_undo)
S_SAVED=$(uistr saved_resume)
for v in "$S_INVALID" "$S_UNDONE" "$S_NO_UNDO" "$S_SAVED"; do
    [ -n "$v" ] || { fail "could not read the interface strings from $EN"; finish; }
done

# count FILE TEXT: lines of FILE holding TEXT
count() { grep -F -c -e "$2" "$1"; }

# human_actions LOG: the human seat's action ids, one a week, from the log
human_actions() {
    sed -n 's/.*"human":true,"action":"\([^"]*\)".*/\1/p' "$1"
}

cases=0
for args in "$GOLD"/*.args; do
    [ -f "$args" ] || continue
    name=$(basename "$args" .args)
    cases=$((cases + 1))
    mkdir -p "$WORK/$name" && cd "$WORK/$name" || exit 1
    argline=$(sed -n 1p "$args")
    # shellcheck disable=SC2086 # the .args line is split into words on purpose
    bs play --text $argline --save game.json <"$GOLD/$name.in" >transcript.txt 2>stderr.txt
    rc=$?
    # the same game a second time: the console output is deterministic
    rm -f game.json game.json.bak game.log.jsonl
    bs play --text $argline --save game.json <"$GOLD/$name.in" >again.txt 2>/dev/null
    [ $rc -eq 0 ] && pass "$name: exit 0" || fail "$name: exit $rc, expected 0"
    [ -s stderr.txt ] && { fail "$name: wrote to stderr:"; show stderr.txt 5; } || pass "$name: nothing on stderr"
    cmp -s transcript.txt again.txt && pass "$name: same text on a second run" ||
        fail "$name: a second run with the same seed and moves printed different text"

    if [ -n "$UPDATE" ]; then
        if cmp -s transcript.txt "$GOLD/$name.txt"; then
            echo "     $name.txt unchanged"
        else
            cp transcript.txt "$GOLD/$name.txt" && echo "     UPDATED $GOLD/$name.txt"
        fi
    elif [ ! -f "$GOLD/$name.txt" ]; then
        fail "$name: no $GOLD/$name.txt (create it with BUYERSIM_UPDATE_GOLDEN=1)"
    elif cmp -s "$GOLD/$name.txt" transcript.txt; then
        pass "$name: transcript matches $name.txt byte for byte"
    else
        fail "$name: transcript differs from $name.txt (- expected, + got):"
        diff -u "$GOLD/$name.txt" transcript.txt | sed -n '3,60p' | sed 's/^/     | /'
        echo "     (if the change is intended: BUYERSIM_UPDATE_GOLDEN=1, see the top of $0)"
    fi

    # every transcript: placeholders filled, no lines longer than the
    # longest sane one, no stray carriage returns
    if grep -n -E '\{(vendor|buyer|company|role|week|weeks|target|n|file)\}' transcript.txt >ph.txt; then
        fail "$name: unfilled placeholders in the transcript:"; show ph.txt 5
    else
        pass "$name: no unfilled placeholders"
    fi
    if grep -q "$(printf '\r')" transcript.txt; then
        fail "$name: carriage return in the transcript"
    fi

    # the checks of each case, which regeneration must keep true
    case $name in
    good_game)
        has transcript.txt "== Debrief" && pass "$name: reaches the debrief" ||
            fail "$name: no debrief"
        grep -F -q -e "$S_INVALID" transcript.txt && fail "$name: a move in $name.in is no longer valid" ||
            pass "$name: every move valid"
        [ "$(wc -l <game.log.jsonl)" -eq 13 ] && pass "$name: 12 weeks logged" ||
            fail "$name: game.log.jsonl has $(wc -l <game.log.jsonl) lines, expected 13"
        # a good game: the player asks first and never pitches, claims or gifts
        acts=$(human_actions game.log.jsonl | tr '\n' ' ')
        case "$acts" in
        ask*) case " $acts" in *" pitch "* | *" extreme "* | *" gift "* | *" push_close "*)
                  fail "$name: the good game made a novice move: $acts" ;;
              *) pass "$name: a buyer-first game ($acts)" ;; esac ;;
        *) fail "$name: the good game does not start by asking: $acts" ;;
        esac
        ;;
    novice_game)
        has transcript.txt "== Debrief" && pass "$name: reaches the debrief" || fail "$name: no debrief"
        acts=" $(human_actions game.log.jsonl | tr '\n' ' ')"
        for a in pitch extreme push_close; do
            case "$acts" in
            *" $a "*) pass "$name: plays $a" ;;
            *) fail "$name: never plays $a (actions:$acts)" ;;
            esac
        done
        grep -q '(you ran into this one)' transcript.txt && pass "$name: the debrief names a lesson run into" ||
            fail "$name: the debrief marks no lesson as run into"
        ;;
    undo_invalid)
        [ "$(count transcript.txt "$S_INVALID")" -eq 3 ] && pass "$name: abc, 0 and 99 each refused" ||
            fail "$name: expected 3 \"$S_INVALID\" lines, got $(count transcript.txt "$S_INVALID")"
        [ "$(count transcript.txt "$S_NO_UNDO")" -eq 1 ] && pass "$name: undo before any move refused" ||
            fail "$name: expected 1 \"$S_NO_UNDO\" line"
        [ "$(count transcript.txt "$S_UNDONE")" -eq 2 ] && pass "$name: two weeks undone" ||
            fail "$name: expected 2 \"$S_UNDONE\" lines, got $(count transcript.txt "$S_UNDONE")"
        # 1, 2, undo, undo, 4, " 2 ", 1, q: three weeks in the save, and the
        # first is the 4th choice of week 1 (index 3), not the undone 1st
        if run replay 0 replay --quiet game.json && has replay.out "3 week(s)"; then
            pass "$name: the save holds the 3 weeks left after the undos"
        else
            fail "$name: replay of the save after undo/quit:"; show replay.out 3
        fi
        grep -q '"weeks": \[\[3\], ' game.json && pass "$name: the undone week 1 was replaced" ||
            { fail "$name: week 1 in the save is not the move made after the undo"; show game.json 12; }
        [ "$(wc -l <game.log.jsonl)" -eq 4 ] && pass "$name: the log was rewritten after the undo" ||
            fail "$name: game.log.jsonl has $(wc -l <game.log.jsonl) lines, expected 4 (start + 3 weeks)"
        tail -n 1 transcript.txt | grep -F -q -e "$S_SAVED" && pass "$name: q says where the game is saved" ||
            fail "$name: q does not end with \"$S_SAVED...\""
        ;;
    eof_midgame)
        moves=$(($(wc -l <"$GOLD/$name.in")))
        [ "$(tail -n 1 transcript.txt)" = "${S_SAVED}game.json. Resume with: buyersim play --text --resume game.json" ] &&
            pass "$name: ends with the saved-game line" ||
            { fail "$name: the last line is not the saved-game line:"; tail -n 2 transcript.txt | sed 's/^/     | /'; }
        has transcript.txt "== Debrief" && fail "$name: a debrief after an early end"
        if run replay 0 replay --quiet game.json && has replay.out "$moves week(s)"; then
            pass "$name: the save holds the $moves weeks played"
        else
            fail "$name: the save does not hold $moves weeks"; show replay.out 3
        fi
        yes 1 | head -n 40 | bs play --text --resume game.json >resumed.txt 2>resumed.err
        rc=$?
        [ $rc -eq 0 ] && pass "$name: resume exits 0" || { fail "$name: resume exited $rc"; show resumed.err 5; }
        first=$(sed -n '/^== Week /{p;q;}' resumed.txt)
        case "$first" in
        "== Week $((moves + 1)) of "*) pass "$name: resumes at week $((moves + 1))" ;;
        *) fail "$name: resumed at \"$first\", expected week $((moves + 1))" ;;
        esac
        has resumed.txt "== Debrief" && pass "$name: the resumed game reaches the debrief" ||
            fail "$name: the resumed game has no debrief"
        ;;
    esac
    cd "$WORK" || exit 1
done

[ $cases -ge 4 ] && pass "$cases golden cases" || fail "only $cases golden cases in $GOLD (expected at least 4)"
[ -n "$UPDATE" ] && echo "goldens regenerated in $GOLD: read 'git diff tests/golden' before committing"
finish
