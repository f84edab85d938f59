#!/bin/sh
# The web build's tests in Debian's chromium, then again in Debian's
# firefox-esr (BUYERSIM_BROWSER=firefox: puppeteer-core over WebDriver BiDi):
# installs the pinned npm packages (package-lock.json: puppeteer-core,
# scorm-again) and runs every tests/web/*.test.js with node's test runner. Needs the built site
# (cmake --build --preset web) and, for the comparison with the native
# render, build/test's buyersim (BUYERSIM_NATIVE overrides).
set -eu
cd "$(dirname "$0")"
[ -f "${BUYERSIM_SITE:-../../build/web/site}/index.html" ] || {
  echo "tests/web/run.sh: build the site first: cmake --preset web && cmake --build --preset web" >&2; exit 1; }
npm ci --no-audit --no-fund --loglevel=error
node --test --test-concurrency=1 ./*.test.js
BUYERSIM_BROWSER=firefox node --test --test-concurrency=1 ./*.test.js
