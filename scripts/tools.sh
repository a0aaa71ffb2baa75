#!/usr/bin/env bash
# Installs what the build and tests need, reusing whatever is already present.
#   scripts/tools.sh build    rust wasm target, pinned wasm-bindgen CLI (.tools/), npm dev deps
#   scripts/tools.sh browser  Debian chromium + chromedriver (for wasm-in-browser and e2e tests)
#   scripts/tools.sh python   project-local venv with the official aiccs SDK (differential test)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
BINDGEN_VERSION=0.2.130

build() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "tools: adding rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  if ! .tools/bin/wasm-bindgen --version 2>/dev/null | grep -q " $BINDGEN_VERSION\$"; then
    echo "tools: installing wasm-bindgen-cli $BINDGEN_VERSION into .tools/ (about 2.5 minutes)"
    cargo install wasm-bindgen-cli --version "$BINDGEN_VERSION" --root .tools --force
  fi
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/tsc ] || [ ! -d node_modules/playwright-core ]; then
    echo "tools: installing npm dev dependencies"
    npm ci --no-audit --no-fund
  fi
}

browser() {
  # chromium + driver for the browser tests; a CJK font so Chinese renders in screenshots.
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null && fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk"; then return; fi
  echo "tools: installing chromium, chromedriver and a CJK font (Debian packages)"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei >/dev/null
}

python() {
  bash tests/diff/setup.sh
}

for what in "${@:-build}"; do "$what"; done
