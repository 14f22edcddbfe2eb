#!/usr/bin/env bash
# Seat markup benchmark: what each part of the arena's seat markup costs the
# browser (parse, style, layout, paint) against bare paths. Prints numbers, no
# assertions. Uses the already-built dist/ and sandbox (see bench-widget.sh).
# Env: BENCH_RUNS (5), SEATMAP_E2E_PORT_BASE (default 21080), BENCH_TIMEOUT_SECS (900).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
export SEATMAP_E2E_PORT_BASE="${SEATMAP_E2E_PORT_BASE:-21080}"
DIST="${SEATMAP_E2E_DIST:-dist}"
for f in "$DIST/seatmap-widget_bg.wasm" "$DIST/seatmap.js" "$SANDBOX_BIN"; do
  [ -e "$f" ] || { echo "missing $f: build the widget (trunk build --release) and the sandbox first" >&2; exit 1; }
done
exec timeout --kill-after=10 "${BENCH_TIMEOUT_SECS:-900}" node tests/bench/markup.mjs
