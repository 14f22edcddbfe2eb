#!/usr/bin/env bash
# Every test: native (core + sandbox over real HTTP), in the browser
# (wasm-bindgen-test in headless Chromium), and end to end (Playwright
# driving Debian's Chromium against the real sandbox and the demo site,
# page and API on different origins).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh

echo "== formatting and lints (both targets)" >&2
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --quiet -- -D warnings
cargo clippy -p seatmap-widget --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings

echo "== native tests (cargo test --workspace)" >&2
cargo test --workspace --quiet

echo "== fuzzing the decoders and the reducer (20,000 cases; scripts/fuzz.sh runs a million)" >&2
bash scripts/fuzz.sh 20000

echo "== browser tests (wasm-bindgen-test in headless Chromium)" >&2
# (no --quiet here: cargo would pass it on to wasm-bindgen-test-runner, which refuses it)
cargo test -p seatmap-widget --target wasm32-unknown-unknown --test browser

echo "== end-to-end tests (Playwright + Chromium + sandbox)" >&2
build_widget
build_sandbox
node --test --test-concurrency=1 tests/e2e/
