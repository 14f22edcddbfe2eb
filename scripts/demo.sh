#!/usr/bin/env bash
# The demo: builds the widget, starts the sandbox (a local Spektrix venue,
# with simulated buyers so the map changes) and the demo venue's website,
# which embeds the widget with one script tag, on another origin.
#   venue site  http://localhost:8080/    (www.)
#   sandbox API http://localhost:8081/    (tickets.)
#   widget CDN  http://localhost:8082/assets/seatmap/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
build_widget
build_sandbox

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

"$SANDBOX_BIN" --port 8081 --allowed-origin http://localhost:8080 --allowed-origin http://127.0.0.1:8080 --audience \
  > /tmp/seatmap-sandbox.log 2>&1 &
pids+=($!)
wait_for_line /tmp/seatmap-sandbox.log "listening on" 30
node www/venue/site.mjs --port 8080 --cdn-port 8082 --api http://localhost:8081 --client demotheatre --dist dist \
  > /tmp/seatmap-site.log 2>&1 &
pids+=($!)
wait_for_line /tmp/seatmap-site.log "venue site on" 30

cat <<MSG

  The demo is running.
    Venue website:  http://localhost:8080/         (pick a performance)
    Sandbox API:    http://localhost:8081/demotheatre/api/v3/
    Log in as a member: member@example.com / member-demo   (non-member: guest@example.com / guest-demo)
  Ctrl+C stops it. Logs: /tmp/seatmap-sandbox.log, /tmp/seatmap-site.log

MSG
wait
