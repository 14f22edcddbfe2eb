#!/usr/bin/env bash
# Widget benchmark: prints numbers (no assertions on timings) for the built
# widget (dist/) in headless Chromium against the sandbox's theatre and arena.
# Builds nothing: uses the already-built dist/ and target/server/seatmap-sandbox
# (run `bash scripts/test.sh` or build_widget/build_sandbox from scripts/env.sh first).
# Starts its own sandbox + venue site on loopback ports SEATMAP_E2E_PORT_BASE
# (default 21080..21082) and stops them when done; bounded in time.
# Env: BENCH_RUNS (5) BENCH_CLICKS (20)
#      BENCH_SCENARIOS (theatre,arena-seats,arena-overview,arena-zoom)
#      BENCH_JSON=FILE (raw data) BENCH_TIMEOUT_SECS (1200)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
export SEATMAP_E2E_PORT_BASE="${SEATMAP_E2E_PORT_BASE:-21080}"
DIST="${SEATMAP_E2E_DIST:-dist}"
for f in "$DIST/seatmap-widget_bg.wasm" "$DIST/seatmap-widget.js" "$DIST/seatmap.js" "$SANDBOX_BIN"; do
  [ -e "$f" ] || { echo "missing $f: build the widget (trunk build --release) and the sandbox first" >&2; exit 1; }
done
echo "widget bench: $(nproc) cores, $(uname -m), chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'), ports ${SEATMAP_E2E_PORT_BASE}+" >&2
exec timeout --kill-after=10 "${BENCH_TIMEOUT_SECS:-1200}" node tests/bench/widget.mjs
