#!/bin/sh
# Builds the fuzzers with clang and runs each for a bounded time, seeded with
# the bundled scenarios, the malformed corpus, saves and the JSON test suite.
# Usage: tests/fuzz/run.sh [SECONDS_PER_TARGET]   (default 60)
set -eu
cd "$(dirname "$0")/../.."
secs=${1:-60}
out=build/fuzz
cmake -S . -B $out -DCMAKE_C_COMPILER=clang -DBUYERSIM_FUZZ=ON -DBUYERSIM_TESTS=OFF -DBUYERSIM_SCREEN=OFF >/dev/null
cmake --build $out -j"$(nproc)" --target fuzz_scenario fuzz_session fuzz_strings >/dev/null
seeds=$out/seeds
rm -rf $seeds && mkdir -p $seeds/scenario $seeds/session $seeds/strings
cp scenarios/*/*.json tests/fuzz/corpus/* $seeds/scenario/ 2>/dev/null || true
[ -d tests/data/malformed ] && cp tests/data/malformed/*.json $seeds/scenario/ 2>/dev/null || true
for t in scenario session strings; do cp tests/data/jsontestsuite/*.json $seeds/$t/; done
cp tests/fuzz/corpus/save-*.json $seeds/session/ 2>/dev/null || true
cp assets/lang/*.json $seeds/strings/
fail=0
for t in scenario session strings; do
  mkdir -p $out/found-$t
  echo "fuzz_$t: ${secs}s"
  if ! ASAN_OPTIONS=detect_leaks=1 $out/tests/fuzz/fuzz_$t -max_total_time="$secs" -max_len=65536 \
       -artifact_prefix=$out/found-$t/ $seeds/$t >$out/fuzz_$t.log 2>&1; then
    echo "fuzz_$t found a problem: see $out/fuzz_$t.log and $out/found-$t/"
    tail -40 $out/fuzz_$t.log
    fail=1
  fi
done
exit $fail
