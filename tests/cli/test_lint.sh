#!/bin/sh
# The shell tests' checks can fail: every `pass` has a failure branch. Reads
# every tests/**/*.sh and reports, as FILE:LINE:, a pass that records nothing
# when its condition is false:
#  - `COND && pass DESC` with no `|| ...` after it (unless COND is only
#    `run ...`, which records its own failure);
#  - `if COND; then pass DESC ... fi` with no else or elif (same exception).
# The way to write a check is `check DESC CMD...` (lib.sh), which does both.
# The rules are also tried on examples of each kind, so that the lint itself
# is seen to catch them.
. "$(dirname "$0")/lib.sh"

# lint FILE...: prints FILE:LINE: problem for each pass without a failure branch
lint() {
    awk '
    function strip(s) { # quoted text, comments and $(...) words cannot hold keywords
        gsub(/\\./, "", s); gsub(/"[^"]*"/, "\"\"", s); gsub(/'"'"'[^'"'"']*'"'"'/, "\"\"", s)
        sub(/(^|[ \t])#.*$/, "", s)
        return s
    }
    FNR == 1 { depth = 0; stmt = ""; start = 0; doc = "" }
    doc != "" { if ($0 == doc) doc = ""; next }   # a here-document: data, not checks
    {
        if (match($0, /<<-?[ \t]*['"'"'"]?[A-Za-z_]+/)) {
            doc = substr($0, RSTART, RLENGTH); gsub(/[<'"'"'" \t-]/, "", doc)
        }
        line = strip($0)
        if (stmt == "") start = FNR
        stmt = stmt " " line
        if (line ~ /(&&|\|\||\||\\)[ \t]*$/) next   # the statement goes on
        s = stmt; stmt = ""
        # rule 1: && pass without ||
        if (s ~ /&&[ \t]*pass([ \t;]|$)/) {
            rest = s; sub(/.*&&[ \t]*pass/, "", rest)
            head = s; sub(/&&[ \t]*pass.*/, "", head)
            only_run = head ~ /^[ \t]*run[ \t]/ && head !~ /&&|\|\|/
            if (rest !~ /\|\|/ && !only_run)
                print FILENAME ":" start ": a pass after && with no || branch"
        }
        # rule 2: if ...; then pass ... fi without else. Split the statement
        # into commands at ; and the keywords.
        n = split(s, cmd, /;|\n/)
        for (i = 1; i <= n; i++) {
            c = cmd[i]
            sub(/^[ \t]+/, "", c)
            while (c ~ /^(then|else|do)[ \t]/ || c ~ /^(then|else|do)$/) {
                kw = c; sub(/[ \t].*/, "", kw)
                if (kw == "else") { els[depth] = 1; firstcmd[depth] = 0 }
                if (kw == "then") firstcmd[depth] = 1
                sub(/^(then|else|do)[ \t]*/, "", c)
            }
            if (c ~ /^if[ \t]/) {
                depth++; els[depth] = 0; passed[depth] = 0; firstcmd[depth] = 0
                cond[depth] = c; sub(/^if[ \t]+/, "", cond[depth]); at[depth] = start
                continue
            }
            if (c ~ /^elif[ \t]/) { els[depth] = 1; continue }
            if (c ~ /^fi([ \t]|$)/) {
                if (depth > 0) {
                    only_run = cond[depth] ~ /^run[ \t]/ && cond[depth] !~ /&&|\|\|/
                    if (passed[depth] && !els[depth] && !only_run)
                        print FILENAME ":" at[depth] ": an if whose then-branch passes, with no else"
                    depth--
                }
                continue
            }
            if (depth > 0 && !els[depth] && c ~ /^pass([ \t]|$)/) passed[depth] = 1
        }
    }' "$@"
}

# the lint catches each kind (and lets the right ones be): shell lines kept
# as .txt (tests/cli/data/lint/), so no checker takes the bad ones for tests
lint "$SRC/tests/cli/data/lint/bad.txt" >bad.txt
check "lint: catches the four passes without a failure branch" [ "$(wc -l <bad.txt)" -eq 4 ] || show bad.txt
lint "$SRC/tests/cli/data/lint/good.txt" >good.txt
check "lint: lets checks with a failure branch be" [ ! -s good.txt ] || show good.txt

# every shell test of the suite
find "$SRC/tests" -name '*.sh' | sort >scripts.txt
# shellcheck disable=SC2046
lint $(cat scripts.txt) >found.txt
check "lint: every pass in the $(wc -l <scripts.txt) shell scripts of tests/ has a failure branch" \
    [ ! -s found.txt ] || show found.txt 30

finish
