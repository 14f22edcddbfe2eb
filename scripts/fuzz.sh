#!/usr/bin/env bash
# Fuzzes the widget's decoders and reducer (core/examples/fuzz): arbitrary
# JSON, mutated golden fixtures with random action sequences, and the known
# traps. Prints cases, panics, invariant failures and the slowest case;
# exits non-zero on any failure. Usage: scripts/fuzz.sh [CASES] [SEED]
# (default 1,000,000 cases; the test command runs 20,000).
set -euo pipefail
cd "$(dirname "$0")/.."
CASES="${1:-1000000}"
SEED="${2:-20261209}"
cargo run --quiet --profile fuzz -p seatmap-core --example fuzz -- "$CASES" "$SEED"
