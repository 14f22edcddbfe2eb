#!/usr/bin/env bash
# Installs every tool the demo and the tests need, idempotently, at pinned
# versions. Safe to run again: each step is skipped when already satisfied.
# The recipe is ../shared/toolchain.md (no downloads outside the registries).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
# Debian 12 (bookworm) security archive; see the nginx step below.
NGINX_VERSION=1.22.1-9+deb12u11

export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
log() { printf '[setup] %s\n' "$*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  log "installing trunk $TRUNK_VERSION (takes several minutes once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# wasm-bindgen-cli must equal the wasm-bindgen crate pinned in Cargo.toml.
# No --locked: its lock file names a crate version the registry lacks.
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
APT_UPDATED=""
apt_update_once() {
  [ -n "$APT_UPDATED" ] || $SUDO apt-get update -qq
  APT_UPDATED=1
}

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  log "installing Debian's Chromium and ChromeDriver"
  apt_update_once
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# nginx, the shared cache in front of the sandbox (deploy/nginx/). Our
# scripts run it in the foreground with their own prefix and config; the
# package's system service is never started (policy-rc.d refuses it while
# installing, and nothing enables it afterwards).
if ! /usr/sbin/nginx -v 2>&1 | grep -q "nginx/${NGINX_VERSION%%-*}\$"; then
  log "installing Debian's nginx $NGINX_VERSION"
  apt_update_once
  made_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  install_status=0
  if apt-cache madison nginx | awk '{print $3}' | grep -qx "$NGINX_VERSION"; then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
      "nginx=$NGINX_VERSION" "nginx-common=$NGINX_VERSION" >/dev/null || install_status=$?
  else
    # Debian's security archive drops a revision when it publishes the next
    # one; the upstream version (1.22.1) is what the config needs.
    log "nginx $NGINX_VERSION is no longer offered; installing Debian's current nginx instead:"
    apt-cache policy nginx | sed -n 's/^ *Candidate: /[setup]   candidate /p' >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nginx >/dev/null || install_status=$?
  fi
  [ -z "$made_policy" ] || $SUDO rm -f /usr/sbin/policy-rc.d
  [ "$install_status" = 0 ] || { log "installing nginx failed ($install_status)"; exit "$install_status"; }
  log "$(/usr/sbin/nginx -v 2>&1)"
fi

# binaryen (wasm-opt 132), playwright-core and axe-core, pinned in package-lock.json.
if ! node -e "require('./node_modules/playwright-core/package.json'); require('./node_modules/binaryen/package.json'); require('./node_modules/axe-core/package.json')" 2>/dev/null \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

log "fetching crates"
cargo fetch --quiet
log "ready"
