# Sourced by the scripts: tool paths and settings shared by demo and tests.
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER=/usr/bin/chromedriver
SANDBOX_BIN="$PWD/target/server/seatmap-sandbox"

build_widget() {
  echo "[build] widget (trunk build --release)" >&2
  # A log of its own, so two checkouts building at once do not share one.
  local log
  log=$(mktemp "${TMPDIR:-/tmp}/seatmap-trunk.XXXXXX.log")
  trunk build --release >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; return 1; }
  rm -f "$log"
}

build_sandbox() {
  echo "[build] sandbox (cargo build --profile server)" >&2
  cargo build --quiet -p seatmap-sandbox --profile server
}

# wait_for_line FILE TEXT SECONDS: waits until a server logs that it is ready.
wait_for_line() {
  local file=$1 text=$2 seconds=$3 i
  for ((i = 0; i < seconds * 10; i++)); do
    grep -q "$text" "$file" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "timed out waiting for '$text' in $file:" >&2
  cat "$file" >&2
  return 1
}

NGINX_BIN=/usr/sbin/nginx

# start_nginx PREFIX PORT UPSTREAM ORIGIN...: renders the venue's cache config
# (deploy/nginx/) into the folder PREFIX, with UPSTREAM (the sandbox's origin)
# as the custom domain and the ORIGINs as the pages allowed by CORS, and
# starts nginx there in the foreground as a background job of this shell
# (never the system service). Sets NGINX_PID; its log is PREFIX/nginx.log.
# Returns once nginx holds its port (its pid file names it) and answers.
# NGINX_WORKERS (default 1) sets worker_processes.
start_nginx() {
  local prefix=$1 port=$2 upstream=$3 origin i
  shift 3
  local args=() command=()
  for origin in "$@"; do args+=(--origin "$origin"); done
  local rendered
  rendered="$(node deploy/nginx/render.mjs --prefix "$prefix" --port "$port" --upstream "$upstream" \
    --workers "${NGINX_WORKERS:-1}" "${args[@]}")" || return 1
  mapfile -t command <<<"$rendered"
  "${command[@]}" >"$prefix/nginx.log" 2>&1 &
  NGINX_PID=$!
  for ((i = 0; i < 150; i++)); do
    if ! kill -0 "$NGINX_PID" 2>/dev/null; then
      echo "nginx exited before it was ready:" >&2
      cat "$prefix/nginx.log" >&2
      return 1
    fi
    if [ "$(cat "$prefix/nginx.pid" 2>/dev/null)" = "$NGINX_PID" ] && (: <>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "nginx did not start on port $port in 15 s:" >&2
  cat "$prefix/nginx.log" >&2
  return 1
}
