#!/bin/sh
# kill -9 at random moments, autosaves included: the save left behind always
# loads. Each round starts `play --text --save F` reading from a FIFO, feeds
# it K moves (slowly, a few at a time), waits a pseudo-random few
# milliseconds and kills it with SIGKILL (the clock starts when it shows
# its first prompt). Then:
#   - F does not exist (killed before the first week was saved), or
#     `replay --quiet F` exits 0 and F holds at most K weeks;
#   - F.bak, if there, loads as well (it is the previous good save);
#   - every 20th round, `play --resume F` plays the game to its debrief.
# Stray F.tmp.PID files of killed writers may stay (counted: they show the
# kill hit an autosave; not an error): the next rounds write beside them.
# Rounds: BUYERSIM_KILL_ROUNDS (default 100); about 0.3 s each.
. "$(dirname "$0")/lib.sh"

ROUNDS=${BUYERSIM_KILL_ROUNDS:-100}
command -v mkfifo >/dev/null 2>&1 || { echo "no mkfifo: skipped"; exit 77; }
trap '' PIPE # a write to a killed reader is an error, not the death of the test

# A cheap deterministic pseudo-random sequence (an LCG) from the round number.
r=12345
rand() { r=$(((r * 1103515245 + 12345) % 2147483648)); }

# ms N: sleep N milliseconds
ms() { sleep "$(($1 / 1000)).$(printf '%03d' $(($1 % 1000)))"; }

i=0
while [ $i -lt 40 ]; do echo 1; i=$((i + 1)); done >ones.txt
absent=0 loaded=0 midsave=0 resumed=0 t0=$(date +%s)
i=0
while [ $i -lt "$ROUNDS" ]; do
    i=$((i + 1))
    F=k$((i % 3)).json # three save names reused in turn, next to old .tmp files
    rm -f "$F" "$F.bak" "${F%.json}.log.jsonl" in.fifo
    mkfifo in.fifo || { fail "mkfifo"; break; }
    rand; k=$((1 + r % 12))           # moves fed this round
    rand; delay=$((r % 40))           # ms after the last move (a week's save takes a few ms)
    rand; burst=$((1 + r % 4))        # moves written at once
    seed=$((i % 7))
    "$BS" play --text --seed $seed --save "$F" <in.fifo >kill.out 2>kill.err &
    pid=$!
    exec 3>in.fifo                    # opens when the game has opened its end
    # the clock starts at the first prompt (startup time varies a lot, e.g.
    # under the sanitizers); the game flushes its output there
    n=0
    while ! grep -q '^== Week 1 ' kill.out 2>/dev/null && [ $n -lt 2000 ]; do
        sleep 0.005
        n=$((n + 1))
    done
    fed=0
    while [ $fed -lt $k ]; do
        b=0
        while [ $b -lt $burst ] && [ $fed -lt $k ]; do
            # mostly the first choice; now and then an undo, so that the
            # save after an undo is killed too
            if [ $((fed % 5)) -eq 4 ] && [ $((i % 2)) -eq 0 ]; then echo u >&3; else echo 1 >&3; fi
            fed=$((fed + 1)) b=$((b + 1))
        done
        [ $fed -lt $k ] && ms $((r % 7))
    done
    ms $delay
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    exec 3>&-
    rm -f in.fifo
    # this writer's temp file (of the save or of the log) left behind
    [ -e "$F.tmp.$pid" ] || [ -e "${F%.json}.log.jsonl.tmp.$pid" ] && midsave=$((midsave + 1))
    if [ ! -e "$F" ]; then
        absent=$((absent + 1))
    else
        bs replay --quiet "$F" >rep.out 2>rep.err
        rc=$?
        if [ $rc -ne 0 ]; then
            fail "round $i (seed $seed, $k moves, killed after $delay ms): replay --quiet $F exited $rc"
            show rep.err 3
            cp "$F" "failed-round-$i.json"
        else
            loaded=$((loaded + 1))
            w=$(sed -n 's/.*, \([0-9]*\) week(s)$/\1/p' rep.out)
            [ -n "$w" ] && [ "$w" -le $k ] ||
                fail "round $i: $F holds \"$w\" weeks after only $k moves"
        fi
        if [ -e "$F.bak" ] && ! bs replay --quiet "$F.bak" >/dev/null 2>rep.err; then
            fail "round $i: $F.bak does not load"; show rep.err 3
        fi
        if [ $((i % 20)) -eq 0 ] && [ $rc -eq 0 ]; then
            bs play --text --resume "$F" <ones.txt >res.out 2>res.err
            rc=$?
            if [ $rc -eq 0 ] && has res.out "== Debrief"; then
                resumed=$((resumed + 1))
            else
                fail "round $i: resuming the killed game: exit $rc, or no debrief"; show res.err 3
            fi
        fi
    fi
done
t1=$(date +%s)
echo "     $ROUNDS rounds in $((t1 - t0)) s: $loaded saves loaded, $absent killed before the first save," \
    "$midsave left a temp file (killed mid-save), $resumed resumed to the end"
[ $FAILS -eq 0 ] && pass "$ROUNDS kill -9 rounds: every save left behind loads" ||
    fail "$ROUNDS kill -9 rounds: $FAILS saves left behind did not load (above)"
[ $loaded -ge $((ROUNDS / 2)) ] && pass "most rounds had a save to check ($loaded of $ROUNDS)" ||
    fail "only $loaded of $ROUNDS rounds left a save to check: the kills come too early to test anything"
[ $((ROUNDS / 20)) -eq 0 ] || [ $resumed -ge 1 ] || fail "no killed game was resumed"
# Not an error (on tmpfs an autosave takes microseconds), but worth seeing:
[ $midsave -eq 0 ] && echo "     note: no round was seen killing an autosave half-way (fast file system?)"
finish
