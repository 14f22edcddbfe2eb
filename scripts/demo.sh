#!/usr/bin/env bash
# The demo: builds the widget, starts the sandbox (a local Spektrix venue,
# with simulated buyers so the map changes), the shared cache (nginx with the
# venue config from deploy/nginx/) in front of it, and the demo venue's
# website, which embeds the widget with one script tag, on another origin.
#   venue site   http://localhost:8080/    (www.)
#   sandbox API  http://localhost:8081/    (tickets.)
#   widget CDN   http://localhost:8082/assets/seatmap/
#   shared cache http://localhost:8083/seatmap-cache/  (anonymous reads, nginx)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
build_widget
build_sandbox

pids=()
NGINX_PREFIX="$(mktemp -d /tmp/seatmap-nginx.XXXXXX)"
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$NGINX_PREFIX"
}
trap cleanup EXIT INT TERM

"$SANDBOX_BIN" --port 8081 --allowed-origin http://localhost:8080 --allowed-origin http://127.0.0.1:8080 --audience \
  > /tmp/seatmap-sandbox.log 2>&1 &
pids+=($!)
wait_for_line /tmp/seatmap-sandbox.log "listening on" 30
# The cache answers CORS itself, for the venue site's origins.
start_nginx "$NGINX_PREFIX" 8083 http://127.0.0.1:8081 http://localhost:8080 http://127.0.0.1:8080
pids+=("$NGINX_PID")
node www/venue/site.mjs --port 8080 --cdn-port 8082 --api http://localhost:8081 --client demotheatre --dist dist \
  --shared-cache http://localhost:8083/seatmap-cache > /tmp/seatmap-site.log 2>&1 &
pids+=($!)
wait_for_line /tmp/seatmap-site.log "venue site on" 30

cat <<MSG

  The demo is running.
    Venue website:  http://localhost:8080/         (pick a performance)
    Sandbox API:    http://localhost:8081/demotheatre/api/v3/
    Shared cache:   http://localhost:8083/seatmap-cache/demotheatre/api/v3/   (nginx; anonymous reads)
    Log in as a member: member@example.com / member-demo   (non-member: guest@example.com / guest-demo)
  Ctrl+C stops it. Logs: /tmp/seatmap-sandbox.log, /tmp/seatmap-site.log, $NGINX_PREFIX/nginx.log

MSG
wait
