#!/bin/sh
# Installs what is needed, builds buyersim and plays. Arguments go to `play`
# (e.g. --text, --lang zh, a scenario id). Without a display, plays in the console.
set -eu
cd "$(dirname "$0")/.."
engine/deps.sh build
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUYERSIM_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  case " $* " in *" --text "*) ;; *) set -- --text "$@" ;; esac
fi
exec build/engine/buyersim play "$@"
