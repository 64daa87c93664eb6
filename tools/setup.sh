#!/usr/bin/env bash
# Installs what building needs (with "test" or "bench" also Chromium and
# the npm packages and the hub check's Python packages, with "npm" only the
# npm packages, with "python" only the Python ones), on a fresh
# Debian machine that has the Rust toolchain and Node.js. Safe to re-run:
# each step checks first and does nothing when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
mode=${1:-build}

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup: need root for: $*" >&2; return 1; fi
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes a few minutes)"
  # No --locked: its lock file asks for versions the registry may not serve.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if [ "$mode" = test ] || [ "$mode" = bench ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Chromium and ChromeDriver from Debian"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi

if [ "$mode" = test ] || [ "$mode" = bench ] || [ "$mode" = npm ]; then
  if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing test and benchmark packages from npm"
    npm ci --no-audit --no-fund
  fi
fi

# The hub check's Python environment (.tools/venv, gitignored), from PyPI.
if [ "$mode" = test ] || [ "$mode" = python ]; then
  if ! cmp -s tools/hub-requirements.txt .tools/venv/requirements.txt 2>/dev/null; then
    say "installing safetensors, tokenizers, transformers and numpy into .tools/venv"
    if ! python3 -m venv .tools/venv 2>/dev/null; then
      as_root apt-get update -qq
      DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq python3-venv >/dev/null
      python3 -m venv .tools/venv
    fi
    .tools/venv/bin/pip install -q --disable-pip-version-check -r tools/hub-requirements.txt
    cp tools/hub-requirements.txt .tools/venv/requirements.txt
  fi
fi
