# Sourced by the scripts: tool paths and settings shared by demo and tests.
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER=/usr/bin/chromedriver
SANDBOX_BIN="$PWD/target/server/seatmap-sandbox"

build_widget() {
  echo "[build] widget (trunk build --release)" >&2
  trunk build --release >/tmp/seatmap-trunk.log 2>&1 || { cat /tmp/seatmap-trunk.log >&2; return 1; }
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
