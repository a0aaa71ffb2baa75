# aicall — `make test` and `make demo` work on a fresh machine: they install what is
# missing (scripts/tools.sh) and reuse what is present.
SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

ROOT        := $(CURDIR)
BINDGEN     := $(ROOT)/.tools/bin/wasm-bindgen
TEST_RUNNER := $(ROOT)/.tools/bin/wasm-bindgen-test-runner
WASM_OPT    := $(ROOT)/node_modules/.bin/wasm-opt
WASM_OUT    := target/wasm32-unknown-unknown/release/aicall.wasm
PORT        ?= 8787

# `make readme` rewrites the README's operation tables from the declarations.
.PHONY: readme all tools pkg test test-rust test-wasm test-wasm-node test-wasm-browser test-js test-types test-e2e test-emulator test-diff demo bench size clean

all: pkg

tools:
	scripts/tools.sh build

pkg: tools
	cargo build --release --lib --target wasm32-unknown-unknown
	rm -rf pkg && mkdir -p pkg
	cp -r pkg-template/. pkg/
	# No wasm-bindgen .d.ts: every public type comes from one generator (aicall-types).
	$(BINDGEN) --target nodejs --no-typescript --out-dir pkg/node --out-name aicall $(WASM_OUT)
	$(BINDGEN) --target web --no-typescript --out-dir pkg/web --out-name aicall $(WASM_OUT)
	$(WASM_OPT) -Oz --converge --strip-debug --strip-producers --zero-filled-memory --low-memory-unused --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
	  pkg/node/aicall_bg.wasm -o pkg/node/aicall_bg.wasm
	cp pkg/node/aicall_bg.wasm pkg/web/aicall_bg.wasm
	sed -e 's/^export //' pkg/runtime.js > pkg/node/runtime.cjs
	echo 'module.exports = { AicallError, installOperations };' >> pkg/node/runtime.cjs
	cargo run --quiet --bin aicall-types > pkg/types.d.ts
	cargo run --quiet --bin aicall-types -- --operations esm > pkg/operations.js
	cargo run --quiet --bin aicall-types -- --operations cjs > pkg/node/operations.cjs
	cp README.md pkg/README.md
	$(MAKE) --no-print-directory size

readme:
	cargo run --quiet --bin aicall-types -- --readme README.md

size:
	@raw=$$(stat -c %s pkg/web/aicall_bg.wasm); gz=$$(gzip -9 -c pkg/web/aicall_bg.wasm | wc -c); \
	echo "wasm size: $$raw bytes raw, $$gz bytes gzip"

test: pkg
	scripts/tools.sh browser python
	$(MAKE) --no-print-directory test-rust test-wasm test-emulator test-js test-types test-diff test-e2e
	@echo "make test: all suites passed"

test-rust:
	cargo test --quiet

test-wasm: test-wasm-node test-wasm-browser

test-wasm-node:
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=$(TEST_RUNNER) cargo test --target wasm32-unknown-unknown --test wasm_node

test-wasm-browser:
	CHROMEDRIVER=$$(command -v chromedriver) CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=$(TEST_RUNNER) \
	  cargo test --target wasm32-unknown-unknown --test wasm_browser

test-emulator:
	node --test emulator/

test-js:
	node --test tests/js/

test-types:
	node_modules/.bin/tsc -p tests/ts/tsconfig.json

test-diff:
	.tools/pyenv/bin/python tests/diff/record_official.py tests/diff/cases.json target/diff-recorded.json --port 18080
	node --test tests/diff/

test-e2e:
	node --test tests/e2e/

demo: pkg
	@echo "demo: http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	node emulator/server.mjs --port $(PORT) --static www --pkg pkg

bench: pkg
	node bench/validate.mjs
	node bench/batch.mjs

clean:
	rm -rf pkg target/diff-recorded.json
