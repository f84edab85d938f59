#!/bin/sh
# The author's tools and the command line's manners: check (bundled
# scenarios pass, malformed ones fail with FILE:LINE:COL: PATH: message),
# sim (--json keys, bad policies), graph (DOT that Graphviz accepts),
# --help/--version for every subcommand, unknown commands and options.
. "$(dirname "$0")/lib.sh"

SCN=$BUYERSIM_DATA/scenarios
MALFORMED=$SRC/tests/data/malformed

# error_lines FILE ERRFILE: every line of ERRFILE is FILE:LINE:COL: PATH: message
# with LINE >= 1, and there is at least one. Prints the first bad line.
error_lines() {
    awk -v f="$1" '
        { n++ }
        index($0, f ":") != 1 { print "not FILE:...: " $0; bad = 1; exit }
        {
            rest = substr($0, length(f) + 2)
            if (rest !~ /^[0-9]+:[0-9]+: [^ ][^:]*: [^ ]/) { print "not LINE:COL: PATH: message: " $0; bad = 1; exit }
            split(rest, p, ":")
            if (p[1] + 0 < 1 || p[2] + 0 < 1) { print "line or column below 1: " $0; bad = 1; exit }
        }
        END { if (!bad && n == 0) { print "no error lines"; bad = 1 } exit bad }' "$2"
}

# error_lines_each LIST ERRFILE: the stderr of one `check` of many files
# (LIST: their names, one a line): every line is FILE:LINE:COL: PATH: message
# for one of them (LINE, COL >= 1), and every file has at least one. Prints
# each problem.
error_lines_each() {
    awk '
        NR == FNR { want[$0] = 1; nf++; next }
        {
            f = $0
            while (f != "" && !(f in want)) sub(/:[^:]*$/, "", f)   # the longest name before a colon
            if (f == "") { print "not FILE:...: " $0; bad = 1; next }
            seen[f]++
            rest = substr($0, length(f) + 2)
            if (rest !~ /^[0-9]+:[0-9]+: [^ ][^:]*: [^ ]/) { print "not LINE:COL: PATH: message: " $0; bad = 1; next }
            split(rest, p, ":")
            if (p[1] + 0 < 1 || p[2] + 0 < 1) { print "line or column below 1: " $0; bad = 1 }
        }
        END {
            for (f in want) if (!seen[f]) { print f ": no error lines"; bad = 1 }
            if (nf == 0) { print "no files"; bad = 1 }
            exit bad
        }' "$1" "$2"
}

# 1. check: every bundled scenario is valid
n=0
for f in "$SCN"/*/*.json; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    if run check_ok 0 check "$f"; then
        [ -s check_ok.err ] && { fail "check $f: exit 0 but wrote to stderr"; show check_ok.err 3; } ||
            pass "check $(basename "$(dirname "$f")")/$(basename "$f"): valid"
    fi
done
[ $n -ge 1 ] && pass "$n bundled scenario(s) checked" || fail "no bundled scenarios in $SCN/*/*.json"
if run check_all 0 check "$SCN"/*/*.json; then
    [ "$(wc -l <check_all.out)" -eq $n ] && pass "check with all $n bundled scenarios at once: exit 0, one line each" ||
        { fail "check with all $n bundled scenarios: not one line each"; show check_all.out; }
fi

# 2. check: malformed scenarios, made here from the bundled one
ERP=$SCN/en/erp-rollout.json
# a typo in the first "choices" key
awk '!done && /"choices"/ { sub(/"choices"/, "\"choises\""); done = 1 } { print }' "$ERP" >typo.json
line=$(grep -n '"choises"' typo.json | cut -d: -f1)
if run check_typo 1 check typo.json; then
    pass "check: a misspelt key (choises): exit 1"
    msg=$(error_lines typo.json check_typo.err) && pass "check: typo.json errors are FILE:LINE:COL: PATH: message" ||
        fail "check typo.json: $msg"
    grep -q "^typo\.json:$line:[0-9]*: [^:]*choises: " check_typo.err &&
        pass "check: the typo reported at its line ($line) with its path" ||
        { fail "check: no typo.json:$line:COL: ...choises: line"; show check_typo.err 3; }
fi
head -c 2000 "$ERP" >truncated.json
run check_trunc 1 check truncated.json && msg=$(error_lines truncated.json check_trunc.err) &&
    pass "check: a truncated file: exit 1, FILE:LINE:COL: PATH: message" ||
    fail "check truncated.json: ${msg:-wrong exit status}"
if run check_missing 1 check missing.json; then
    grep -F -q missing.json check_missing.err && pass "check: a missing file: exit 1, the file named" ||
        { fail "check: a missing file is not named"; show check_missing.err; }
fi
# a file over the size limit (4 MiB): FILE:1:1: like every other error
awk 'BEGIN { for (i = 0; i < 70000; i++) printf "%064d\n", 0 }' >huge.json
run check_huge 1 check huge.json &&
    check "check: a file over the size limit: exit 1, FILE:1:1: PATH: message" grep -q '^huge\.json:1:1: [^:]*: .*larger than' check_huge.err ||
    show check_huge.err 3
# one bad file among good ones still fails the whole check; the good one is reported ok
if run check_mix 1 check "$ERP" typo.json; then
    has check_mix.out "ok" && ! has check_mix.err "$ERP" &&
        pass "check GOOD BAD: exit 1, the good one ok, errors only for the bad one" ||
        { fail "check GOOD BAD: the good one not ok, or errors named it"; show check_mix.out; show check_mix.err; }
fi

# 3. check: tests/data/malformed/ (another test owns those files and their
# meaning; here: exit 1 and the line format, through the real binary)
# All of them in one `check` (it takes many files): exit 1, no file ok,
# every file's errors in the line format.
nm=0
if [ -d "$MALFORMED" ]; then
    for f in "$MALFORMED"/*.json; do [ -f "$f" ] && echo "$f"; done >m.list
    nm=$(wc -l <m.list)
    # shellcheck disable=SC2046
    bs check $(cat m.list) >m.out 2>m.err
    rc=$?
    check "check of the $nm malformed files at once: exit 1 (it exited $rc)" [ $rc -eq 1 ]
    check "check of the $nm malformed files at once: none reported ok" [ ! -s m.out ] || show m.out 5
    check "check of the $nm malformed files at once: FILE:LINE:COL: PATH: message for each" \
        error_lines_each m.list m.err
    # where MANIFEST gives the line of the offending value, it is reported
    while read -r f; do
        b=$(basename "$f")
        want=$(awk -v b="$b" '$1 == b && $3 ~ /^[0-9]+$/ { print $3; exit }' "$MALFORMED/MANIFEST" 2>/dev/null)
        if [ -n "$want" ] && ! grep -q -F "$f:$want:" m.err; then
            fail "check malformed/$b: no error at line $want (the MANIFEST's line)"; grep -F "$f:" m.err | show /dev/stdin 3
        fi
    done <m.list
fi
[ $nm -eq 0 ] && echo "     (no tests/data/malformed/*.json: that part skipped)"

# 3b. check: every file of JSONTestSuite's corpus (valid JSON, invalid JSON
# and the parser's choice; none a scenario): exit 1, the line format
# (one `check` process for all of them, as for the malformed files)
for f in "$SRC"/tests/data/jsontestsuite/*.json; do [ -f "$f" ] && echo "$f"; done >j.list
nj=$(wc -l <j.list)
[ $nj -eq 318 ] || fail "tests/data/jsontestsuite holds $nj JSON files, not 318"
# shellcheck disable=SC2046
bs check $(cat j.list) >j.out 2>j.err
rc=$?
check "check on the $nj files of JSONTestSuite at once: exit 1 (it exited $rc)" [ $rc -eq 1 ]
check "check on the $nj files of JSONTestSuite: none reported ok" [ ! -s j.out ] || show j.out 5
check "check on the $nj files of JSONTestSuite: FILE:LINE:COL: PATH: message for each" \
    error_lines_each j.list j.err

# 4. check: usage
run check_none 1 check && pass "check with no file: exit 1"
grep -q -i -e usage -e '--help' -e 'FILE' check_none.err && pass "check with no file: says how to use it" ||
    { fail "check with no file: no usage hint on stderr"; show check_none.err 3; }
[ -s check_none.out ] && fail "check with no file: wrote to stdout"

# 5. sim --json: one JSON object with the documented keys
if run sim_json 0 sim erp-rollout --policy buyer_centric --runs 300 --seed 7 --json; then
    [ "$(wc -l <sim_json.out)" -eq 1 ] && pass "sim --json: one line" || fail "sim --json: $(wc -l <sim_json.out) lines"
    if msg=$(json_ok sim_json.out); then pass "sim --json: valid JSON"; else fail "sim --json: $msg"; fi
    case $(cat sim_json.out) in "{"*"}") pass "sim --json: an object" ;; *) fail "sim --json: not an object" ;; esac
    for k in runs wins win_rate no_decision_rate mean_mindshare mean_trust mean_risk lessons games_per_second; do
        grep -q "\"$k\":" sim_json.out && pass "sim --json has \"$k\"" || fail "sim --json lacks \"$k\""
    done
    # the numbers hang together
    awk '{
        for (i = 1; i <= split($0, kv, ","); i++) {
            if (kv[i] ~ /"runs":/) { sub(/.*"runs":/, "", kv[i]); runs = kv[i] + 0 }
            if (kv[i] ~ /"wins":/) { sub(/.*"wins":/, "", kv[i]); wins = kv[i] + 0 }
            if (kv[i] ~ /"win_rate":/) { sub(/.*"win_rate":/, "", kv[i]); wr = kv[i] + 0 }
            if (kv[i] ~ /"no_decision_rate":/) { sub(/.*"no_decision_rate":/, "", kv[i]); nd = kv[i] + 0 }
        }
        if (runs != 300) { print "runs is " runs ", not 300"; exit 1 }
        if (wins < 0 || wins > runs) { print "wins " wins " of " runs; exit 1 }
        d = wr - wins / runs; if (d < 0) d = -d
        if (d > 0.001) { print "win_rate " wr " is not wins/runs"; exit 1 }
        if (nd < 0 || nd > 1 || wr + nd > 1.0001) { print "rates out of range: " wr " " nd; exit 1 }
    }' sim_json.out >sim_check.txt && pass "sim --json: runs 300, wins <= runs, win_rate = wins/runs" ||
        fail "sim --json: $(cat sim_check.txt)"
    # the same seed, the same results (all but the speed)
    bs sim erp-rollout --policy buyer_centric --runs 300 --seed 7 --json >sim_json2.out 2>/dev/null
    sed 's/"games_per_second":[0-9.e+]*//' sim_json.out >a.txt
    sed 's/"games_per_second":[0-9.e+]*//' sim_json2.out >b.txt
    cmp -s a.txt b.txt && pass "sim: the same seed gives the same results" || fail "sim: the same seed gave different results"
fi
if run sim_text 0 sim erp-rollout --policy random --runs 50; then
    has sim_text.out "win rate" && pass "sim without --json: a readable summary" ||
        { fail "sim without --json: no win rate in the summary"; show sim_text.out; }
fi
run sim_always 0 sim erp-rollout --policy always:pitch --rivals random --runs 50 --json &&
    pass "sim --policy always:pitch --rivals random: exit 0"
for bad in "--policy nosuch" "--policy always:nosuch" "--policy random --rivals nosuch" "" \
    "--policy random --runs 0" "--policy random --runs x" "--policy random --frob"; do
    name=sim_bad_$(echo "$bad" | tr -c 'a-z0-9' '_')
    # shellcheck disable=SC2086
    if run "$name" 1 sim erp-rollout $bad --runs 5; then
        [ -s "$name.err" ] && [ ! -s "$name.out" ] && pass "sim $bad: exit 1, a message on stderr only" ||
            fail "sim $bad: exit 1 but no message on stderr, or output on stdout"
    fi
done
run sim_noscn 1 sim --policy random && pass "sim without a scenario: exit 1"
run sim_nofile 1 sim no-such-scenario --policy random && pass "sim of an unknown scenario: exit 1"

# 6. graph: DOT, every state in it, accepted by Graphviz
if run graph 0 graph erp-rollout; then
    head -n 1 graph.out | grep -q '^digraph ' && pass "graph: starts with digraph" || fail "graph: does not start with digraph"
    [ "$(tail -n 1 graph.out)" = "}" ] && pass "graph: ends with }" || fail "graph: does not end with }"
    missing=""
    for st in $(sed 's/.*"states_visited":{\([^}]*\)}.*/\1/' sim_json.out | tr ',' '\n' | sed 's/"\([^"]*\)":.*/\1/'); do
        grep -q "\"$st\"" graph.out || missing="$missing $st"
    done
    [ -z "$missing" ] && pass "graph: every state of the scenario is a node" || fail "graph: states missing:$missing"
    if command -v dot >/dev/null 2>&1; then
        if dot -Tsvg graph.out >graph.svg 2>dot.err && grep -q '<svg' graph.svg; then
            pass "graph | dot -Tsvg: accepted"
        else
            fail "graph | dot -Tsvg: rejected"; show dot.err 5
        fi
    else
        echo "     (no dot: the Graphviz check skipped)"
    fi
fi
run graph_none 1 graph && pass "graph without a scenario: exit 1"
run graph_bad 1 graph no-such-scenario && pass "graph of an unknown scenario: exit 1"
run graph_typo 1 graph "$WORK/typo.json" && pass "graph of an invalid scenario: exit 1"

# 7. --help and --version everywhere
run version 0 --version && grep -q '^buyersim [0-9]' version.out && pass "--version: buyersim N..." ||
    fail "--version: \"$(cat version.out)\""
if run help 0 --help; then
    has help.out "Usage" && pass "--help: usage on stdout" || { fail "--help: no usage on stdout"; show help.out; }
fi
subs="play check sim graph replay bench"
bs render --help >render_help.out 2>render_help.err
if has render_help.err "no screen"; then
    echo "     (a build without the screen: render --help skipped)"
else
    subs="$subs render"
fi
for c in $subs; do
    if run "help_$c" 0 $c --help; then
        [ -s "help_$c.out" ] && [ ! -s "help_$c.err" ] && grep -q -i usage "help_$c.out" &&
            pass "$c --help: exit 0, usage on stdout" ||
            { fail "$c --help: no usage on stdout, or something on stderr"; show "help_$c.out"; show "help_$c.err"; }
    fi
    if run "version_$c" 0 $c --version; then
        cmp -s "version_$c.out" version.out && pass "$c --version: exit 0, the same version" ||
            { fail "$c --version: not the same version as --version"; show "version_$c.out"; }
    fi
done

# 8. wrong commands and options: exit 1, a message on stderr, nothing on stdout
if run nocmd 1; then
    if [ -s nocmd.err ] && [ ! -s nocmd.out ]; then pass "no command: exit 1, usage on stderr"; else fail "no command: exit 1, usage on stderr (not so)"; fi
fi
if run unknown 1 frobnicate; then
    if [ -s unknown.err ] && [ ! -s unknown.out ] && grep -q frobnicate unknown.err; then pass "an unknown command: exit 1, named on stderr"; else fail "an unknown command: exit 1, named on stderr (not so)"; fi
fi
for args in "play --frob" "play --seed x" "play --seed -1" "play --lang fr" "replay --frob x.json" \
    "replay" "graph erp-rollout --frob"; do
    name=badopt_$(echo "$args" | tr -c 'a-z0-9' '_')
    # shellcheck disable=SC2086
    if run "$name" 1 $args; then
        if [ -s "$name.err" ] && [ ! -s "$name.out" ]; then pass "$args: exit 1, a message on stderr"; else fail "$args: exit 1, a message on stderr (not so)"; fi
    fi
done

finish
