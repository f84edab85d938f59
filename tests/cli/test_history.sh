#!/bin/sh
# The history of past games (issue 14): `history` reads a long history and
# skips damaged lines (torn, not JSON, fields missing, far too long) with one
# warning, never failing; the start screen drawn with `render --start` shows
# such a history with one warning too. The data folder is the test's own
# (lib.sh: HOME and XDG_DATA_HOME in WORK_DIR).
. "$(dirname "$0")/lib.sh"

user=$XDG_DATA_HOME/buyersim
hist=$user/history.jsonl
case $user in
    "$WORK"/*) ;;
    *) fail "the data folder $user is not the test's own"; finish ;;
esac
mkdir -p "$user/games" || exit 1
: >"$user/games/g.json"

# record I SCORE [SESSION]: one history line as the game writes it
record() {
    printf '{"scenario":"erp-rollout","lang":"en","title":"ERP","date":"2026-11-01T10:00:00Z","seed":%d,"players":1,"seat":1,"vendor":"Northwind","outcome":"lost","won":false,"score":%d,"weeks":12,"lessons":[1],"predictions":0,"predictions_right":0,"session":"%s"}\n' \
        "$1" "$2" "${3:-$user/games/g.json}"
}

# 1. no history yet
run empty 0 history
if has empty.out "No finished games"; then pass "history: none yet"; else fail "history: no history, no word of it"; show empty.out; fi

# 2. damaged lines among good ones: skipped, one warning
{
    record 1 10
    echo 'not JSON at all'
    record 2 20
    echo '{"scenario":"erp-rollout","lang":"en","date":"2026-11-0'
    echo '{"scenario":"erp-rollout"}'
    awk 'BEGIN { s = "{\"x\":\""; for (i = 0; i < 20000; i++) s = s "x"; print s "\"}" }'
    record 3 30 "$user/games/gone.json"
    printf '{"scenario":"erp-rollout","score":'
} >"$hist"
if run damaged 0 history --csv; then
    rows=$(grep -c '^2026' damaged.out)
    if [ "$rows" -eq 3 ]; then pass "history: the 3 good lines of a damaged history listed"
    else fail "history: $rows rows from a damaged history, expected 3"; show damaged.out; fi
    warns=$(grep -c . damaged.err)
    if [ "$warns" -eq 1 ] && has damaged.err "5 damaged line(s)"; then
        pass "history: one warning for the 5 damaged lines"
    else
        fail "history: $warns line(s) on stderr, expected one warning naming 5 damaged lines"; show damaged.err
    fi
fi
if run damaged_text 0 history && has damaged_text.out "erp-rollout"; then
    pass "history: the summary of a damaged history"
else
    fail "history: no summary of a damaged history"; show damaged_text.out
fi

# 3. the start screen with it: drawn, one warning (a game whose session file
#    is gone is left out of its list)
bs render --help >render_help.out 2>&1
if has render_help.out "no screen"; then
    echo "     (a build without the screen: render --start skipped)"
else
    if run start_damaged 0 render --start --size 1024x768 --out start.png; then
        if [ -s start.png ]; then pass "render --start: a damaged history, the start screen drawn"
        else fail "render --start: no picture"; fi
        warns=$(grep -c 'past games:' start_damaged.err)
        if [ "$warns" -eq 1 ] && has start_damaged.err "5 damaged line(s)" && has start_damaged.err "1 game(s) shown whose session file is gone"; then
            pass "render --start: one warning for the damaged lines and the missing session file"
        else
            fail "render --start: $warns warning(s), expected one"; show start_damaged.err
        fi
    fi
fi

# 4. 10,000 past games: history lists them all
awk -v s="$user/games/g.json" 'BEGIN { for (i = 0; i < 10000; i++)
    printf "{\"scenario\":\"erp-rollout\",\"lang\":\"en\",\"title\":\"ERP\",\"date\":\"2026-11-01T10:00:00Z\",\"seed\":%d,\"players\":1,\"seat\":1,\"vendor\":\"N\",\"outcome\":\"won\",\"won\":true,\"score\":%d,\"weeks\":12,\"lessons\":[],\"predictions\":0,\"predictions_right\":0,\"session\":\"%s\"}\n", i + 1, i % 100, s }' >"$hist"
if run long 0 history --csv; then
    rows=$(grep -c '^2026' long.out)
    if [ "$rows" -eq 10000 ] && [ ! -s long.err ]; then pass "history: 10000 past games listed, no warning"
    else fail "history: $rows rows of 10000"; show long.err; fi
fi
if run long_text 0 history; then
    if grep -q '^erp-rollout  *en  *10000  *10000  *99$' long_text.out; then pass "history: the summary counts 10000 games"
    else fail "history: the summary of 10000 games"; show long_text.out 4; fi
fi
if ! has render_help.out "no screen"; then
    if run start_long 0 render --start --size 1920x1080 --out long.png && [ -s long.png ] && [ ! -s start_long.err ]; then
        pass "render --start: 10000 past games"
    else
        fail "render --start: 10000 past games"; show start_long.err
    fi
fi

finish
