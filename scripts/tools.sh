#!/usr/bin/env bash
# Installs what the build and tests need, reusing whatever is already present.
#   scripts/tools.sh build    rust wasm target, the pinned nightly + rust-src the shipped wasm is
#                             built with, pinned wasm-bindgen CLI (.tools/), npm dev deps
#   scripts/tools.sh browser  Debian chromium + chromedriver (for wasm-in-browser and e2e tests)
#   scripts/tools.sh python   project-local venv with the official aiccs SDK (differential test)
#   scripts/tools.sh fuzz     nightly toolchain and cargo-fuzz (for `make fuzz`)
#   scripts/tools.sh bench    valibot, zod, ajv and esbuild into bench/node_modules (make bench, test-bench-equivalence)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
BINDGEN_VERSION=0.2.130
# The toolchain the shipped wasm is built with: the Makefile's WASM_TOOLCHAIN (one place).
WASM_TOOLCHAIN="$(sed -n 's/^WASM_TOOLCHAIN := //p' Makefile)"

build() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "tools: adding rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  if ! rustup component list --toolchain "$WASM_TOOLCHAIN" --installed 2>/dev/null | grep -q '^rust-src'; then
    echo "tools: installing rust $WASM_TOOLCHAIN with rust-src (the shipped wasm rebuilds std with panics as traps; about 10 s)"
    rustup toolchain install "$WASM_TOOLCHAIN" --profile minimal --component rust-src
  fi
  if ! .tools/bin/wasm-bindgen --version 2>/dev/null | grep -q " $BINDGEN_VERSION\$"; then
    echo "tools: installing wasm-bindgen-cli $BINDGEN_VERSION into .tools/ (about 2.5 minutes)"
    # .tools/bin is on PATH for the install, so cargo does not warn that it is not; and no
    # future-incompatibility report about the CLI's own dependencies (nothing to act on here).
    PATH="$ROOT/.tools/bin:$PATH" CARGO_FUTURE_INCOMPAT_REPORT_FREQUENCY=never \
      cargo install wasm-bindgen-cli --version "$BINDGEN_VERSION" --root .tools --force
  fi
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/tsc ] || [ ! -d node_modules/playwright-core ] \
     || [ ! -d node_modules/typescript-prev ] || [ ! -d node_modules/@types/node ] || [ ! -x node_modules/.bin/typedoc ]; then
    echo "tools: installing npm dev dependencies (binaryen, typescript 5.9 and 5.8, @types/node, playwright-core, typedoc)"
    npm ci --no-audit --no-fund
  fi
  # typescript and typescript-prev (5.8, for the type checks) both declare a `tsc` bin:
  # node_modules/.bin/tsc is the current one.
  if [ "$(readlink node_modules/.bin/tsc)" != "../typescript/bin/tsc" ]; then ln -sfn ../typescript/bin/tsc node_modules/.bin/tsc; fi
}

browser() {
  # chromium + driver for the browser tests; a CJK font so Chinese renders in screenshots.
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null && fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk"; then return; fi
  echo "tools: installing chromium, chromedriver and a CJK font (Debian packages)"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei >/dev/null
}

fuzz() {
  if ! rustup toolchain list | grep -q '^nightly'; then
    echo "tools: installing the nightly rust toolchain (cargo-fuzz needs it)"
    rustup toolchain install nightly --profile minimal
  fi
  if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "tools: installing cargo-fuzz (about 2 minutes)"
    cargo install cargo-fuzz --locked
  fi
}

bench() {
  # bench/package.json is its own project (the peers are no dependency of the package);
  # reinstalled whenever bench/package-lock.json changes.
  if ! cmp -s bench/package-lock.json bench/node_modules/.installed-lock.json; then
    echo "tools: installing the bench peers into bench/node_modules (valibot, zod, ajv, esbuild)"
    npm ci --prefix bench --no-audit --no-fund
    cp bench/package-lock.json bench/node_modules/.installed-lock.json
  fi
}

python() {
  bash tests/diff/setup.sh
}

for what in "${@:-build}"; do "$what"; done
