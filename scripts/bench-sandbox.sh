#!/usr/bin/env bash
# Builds the sandbox with --profile server, starts it on a free loopback
# port, and runs the arena status/detail polling benchmark against it
# (200 pollers x 20 requests by default; bounded in count and time).
# Usage: scripts/bench-sandbox.sh [POLLERS] [REQUESTS_EACH]
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/tmp/t-sandbox}"
POLLERS="${1:-200}"
EACH="${2:-20}"
cargo build -q -p seatmap-sandbox --profile server --bin seatmap-sandbox --example poll_bench
BIN="$CARGO_TARGET_DIR/server/seatmap-sandbox"
BENCH="$CARGO_TARGET_DIR/server/examples/poll_bench"
LOG="$(mktemp)"
"$BIN" --host 127.0.0.1 --port 0 >"$LOG" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null || true; rm -f "$LOG"' EXIT
ROOT=""
for _ in $(seq 1 300); do
  if LINE="$(grep -m1 'listening on' "$LOG" 2>/dev/null)"; then
    ROOT="$(echo "$LINE" | sed -E 's#.*listening on (http://[^/]+)/.*#\1#')"
    break
  fi
  kill -0 "$PID" 2>/dev/null || { cat "$LOG"; exit 1; }
  sleep 0.1
done
[ -n "$ROOT" ] || { echo "sandbox did not start"; cat "$LOG"; exit 1; }
echo "sandbox at $ROOT"
timeout 180 "$BENCH" "$ROOT" "$POLLERS" "$EACH"
