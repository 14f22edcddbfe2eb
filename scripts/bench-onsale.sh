#!/usr/bin/env bash
# On-sale benchmark (issue 10): 10,000 anonymous viewers of the arena, first
# through the shared cache (nginx with deploy/nginx/ in front of the sandbox)
# and then straight at the sandbox, with the simulated audience changing
# seats. Prints upstream status/detail requests per second, upstream reads
# per arriving viewer, latency at nginx and errors, then a table for
# BENCHMARKS.md. Everything runs on loopback ports of its own and stops by
# itself (about 2.5 minutes once built). Not part of CI.
# Usage: scripts/bench-onsale.sh [extra onsale_bench options, e.g. --viewers 2000 --run-secs 30]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
[ -x "$NGINX_BIN" ] || { echo "no $NGINX_BIN: run scripts/setup.sh first" >&2; exit 1; }

cargo build -q -p seatmap-sandbox --profile server --bin seatmap-sandbox --example onsale_bench
SANDBOX="$CARGO_TARGET_DIR/server/seatmap-sandbox"
BENCH="$CARGO_TARGET_DIR/server/examples/onsale_bench"

# One socket per pooled connection on each side, plus nginx's upstream ones:
# a few hundred, but raise the soft limit to the hard one anyway.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

WORK="$(mktemp -d)"
chmod 755 "$WORK" # nginx's workers (user nobody when run as root) go through it
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

"$SANDBOX" --host 127.0.0.1 --port 0 >"$WORK/sandbox.log" 2>&1 &
pids+=($!)
wait_for_line "$WORK/sandbox.log" "listening on" 30
SANDBOX_ROOT="$(sed -nE 's#.*listening on (http://[^/]+)/.*#\1#p' "$WORK/sandbox.log" | head -1)"

# A free loopback port for nginx (the kernel picks one; nginx takes it next).
CACHE_PORT="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
mkdir -p "$WORK/nginx"
NGINX_WORKERS="${NGINX_WORKERS:-1}" start_nginx "$WORK/nginx" "$CACHE_PORT" "$SANDBOX_ROOT" "http://localhost:8080"
pids+=("$NGINX_PID")

echo "on-sale bench: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg), ulimit -n $(ulimit -n)"
echo "nginx $("$NGINX_BIN" -v 2>&1 | sed 's#.*nginx/##') (${NGINX_WORKERS:-1} worker) on http://127.0.0.1:$CACHE_PORT/seatmap-cache, sandbox at $SANDBOX_ROOT"
timeout --kill-after=10 240 "$BENCH" --sandbox "$SANDBOX_ROOT" --cache "http://127.0.0.1:$CACHE_PORT/seatmap-cache" "$@"
