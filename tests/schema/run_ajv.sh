#!/usr/bin/env bash
# Validates the scenario schema and every bundled scenario with ajv-cli.
#
#   run_ajv.sh SOURCE_DIR WORK_DIR
#
# SOURCE_DIR  the buyersim source tree
# WORK_DIR    where ajv-cli is installed (npm --prefix); reused between runs.
#             $BUYERSIM_AJV_DIR, when set, takes its place (a cache shared
#             by several build trees).
#
# Needs node and npm, and the npm registry the first time. Steps:
#   1. tests/schema/check_sync.js: the schema still mirrors engine/core
#      (key lists, ranges, required keys, quantities, model coefficients);
#   2. ajv compile: the schema itself is valid draft-07, in strict mode;
#   3. every scenarios/*/*.json, assets/templates/*.json (the starter cases
#      of `buyersim new`) and tests/schema/valid/*.json is valid (no
#      files at all is a failure);
#   4. every tests/schema/invalid/*.json is rejected, for the reason its
#      .expect file names (each line: a piece of ajv's error text).
# Exit status: 0 all passed, 1 something failed, 2 usage.
set -u -o pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 SOURCE_DIR WORK_DIR" >&2
  exit 2
fi
SRC=$(cd "$1" && pwd) || { echo "run_ajv: no such folder: $1" >&2; exit 2; }
WORK=${BUYERSIM_AJV_DIR:-$2}
SCHEMA="$SRC/scenarios/scenario.schema.json"
HERE="$SRC/tests/schema"
AJV_CLI_VERSION=5.0.0
OPTS=(--strict=true --all-errors --errors=text)

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "run_ajv: $tool not found; install Node.js (Debian: apt-get install nodejs npm)" >&2
    exit 1
  fi
done

# ajv-cli, installed once into WORK (not into the source tree).
mkdir -p "$WORK" || exit 1
WORK=$(cd "$WORK" && pwd)
AJV="$WORK/node_modules/.bin/ajv"
have=$(node -e 'try { console.log(require(process.argv[1]).version) } catch (e) {}' \
       "$WORK/node_modules/ajv-cli/package.json" 2>/dev/null)
if [ ! -x "$AJV" ] || [ "$have" != "$AJV_CLI_VERSION" ]; then
  echo "run_ajv: installing ajv-cli@$AJV_CLI_VERSION into $WORK"
  if ! npm install --prefix "$WORK" --no-audit --no-fund --loglevel=error \
       "ajv-cli@$AJV_CLI_VERSION" >"$WORK/npm-install.log" 2>&1; then
    cat "$WORK/npm-install.log" >&2
    echo "run_ajv: npm install failed" >&2
    exit 1
  fi
fi
if [ ! -x "$AJV" ]; then
  echo "run_ajv: $AJV missing after npm install" >&2
  exit 1
fi

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "PASS $*"; }
ko() { failed=$((failed + 1)); echo "FAIL $*"; }

# 1. The schema against the loader's sources.
if out=$(node "$HERE/check_sync.js" "$SRC" 2>&1); then
  ok "sync: $out"
else
  ko "sync with engine/core"
  echo "$out"
fi

# 2. The schema itself.
if out=$("$AJV" compile -s "$SCHEMA" --strict=true --all-errors 2>&1); then
  ok "compile scenarios/scenario.schema.json"
else
  ko "compile scenarios/scenario.schema.json"
  echo "$out"
fi

# 3. Files that must be valid.
shopt -s nullglob
scenarios=("$SRC"/scenarios/*/*.json)
if [ ${#scenarios[@]} -eq 0 ]; then
  ko "no scenario files in $SRC/scenarios/*/"
fi
templates=("$SRC"/assets/templates/*.json) # what `buyersim new` writes
if [ ${#templates[@]} -eq 0 ]; then
  ko "no starter cases in $SRC/assets/templates/"
fi
for f in "${scenarios[@]}" "${templates[@]}" "$HERE"/valid/*.json; do
  rel=${f#"$SRC"/}
  if out=$("$AJV" validate -s "$SCHEMA" -d "$f" "${OPTS[@]}" 2>&1); then
    ok "valid $rel"
  else
    ko "valid $rel"
    echo "$out"
  fi
done

# 4. Files that must be rejected, each for its stated reason.
invalid=("$HERE"/invalid/*.json)
if [ ${#invalid[@]} -eq 0 ]; then
  ko "no files in tests/schema/invalid/"
fi
for f in "${invalid[@]}"; do
  rel=${f#"$SRC"/}
  expect="${f%.json}.expect"
  if [ ! -s "$expect" ]; then
    ko "invalid $rel: no ${expect##*/} naming the expected error"
    continue
  fi
  out=$("$AJV" validate -s "$SCHEMA" -d "$f" "${OPTS[@]}" 2>&1)
  rc=$?
  # ajv-cli exits 1 for data that fails the schema (2 for unreadable JSON).
  if [ $rc -ne 1 ]; then
    ko "invalid $rel: ajv exited $rc, expected 1 (rejected by the schema)"
    echo "$out"
    continue
  fi
  missing=""
  while IFS= read -r want || [ -n "$want" ]; do
    [ -z "$want" ] && continue
    case "$out" in
      *"$want"*) ;;
      *) missing="$missing"$'\n'"  expected: $want" ;;
    esac
  done <"$expect"
  if [ -z "$missing" ]; then
    ok "invalid $rel (rejected)"
  else
    ko "invalid $rel: rejected, but not for the expected reason$missing"
    echo "$out"
  fi
done

echo "schema: $passed passed, $failed failed"
[ $failed -eq 0 ]
