#!/bin/sh
# Builds the web version (installing what it needs from Debian's packages)
# and serves it on http://localhost:8000 (PORT=... to change; BIND=0.0.0.0
# to let phones and laptops on the same network open it too).
# The site is the folder build/web/site/: any static web server can host it.
set -eu
cd "$(dirname "$0")/../.."
engine/deps.sh web
cmake --preset web >/dev/null
cmake --build --preset web
port=${PORT:-8000}
echo "buyersim: http://localhost:$port/ (Ctrl+C stops it)"
exec python3 -m http.server "$port" --bind "${BIND:-127.0.0.1}" --directory build/web/site
