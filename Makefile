# aicall — `make test` and `make demo` work on a fresh machine: they install what is
# missing (scripts/tools.sh) and reuse what is present.
SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

ROOT        := $(CURDIR)
BINDGEN     := $(ROOT)/.tools/bin/wasm-bindgen
TEST_RUNNER := $(ROOT)/.tools/bin/wasm-bindgen-test-runner
WASM_OPT    := $(ROOT)/node_modules/.bin/wasm-opt
# The shipped wasm is built with a pinned nightly so that a panic compiles to a trap (no
# panic messages, locations and formatting machinery in the module): web wasm 137.7 → 125.6
# KB gzip. A panic was already an abort (a trap) with `panic = "abort"`; runtime.js turns a
# trap into an AicallError either way. Native tests and the wasm test suites use stable.
WASM_TOOLCHAIN := nightly-2026-05-19
WASM_TARGET := target/wasm-nightly
WASM_OUT    := $(WASM_TARGET)/wasm32-unknown-unknown/release/aicall.wasm
PORT        ?= 8787

# `make readme` rewrites the README's operation tables from the declarations.
# `make fuzz` runs each cargo-fuzz target for FUZZ_SECONDS (default 600) on the seeded corpus.
.PHONY: docs test-docs fuzz readme all tools pkg test test-rust test-wasm test-wasm-node test-wasm-browser test-js test-types test-e2e test-emulator test-diff test-bundlers test-bench-equivalence demo bench size clean

all: pkg

tools:
	scripts/tools.sh build

# pkg/ is assembled in a folder of its own per build (target/pkg-staging.<shell pid>: builds
# running at the same time do not mix) and moved into place when complete.
STAGE := target/pkg-staging.$$$$
# std is rebuilt at full speed, as the prebuilt one is (at "z" validation ran ~25% slower).
# No source locations either: `#[track_caller]` paths of std and the crates (sha2, digest,
# hmac …) stayed in the data though nothing prints them: 728 B raw, 322 B gzip.
# No reference types or multi-value: wasm-bindgen then keeps JS values in its JS-side heap
# and returns pairs through memory, instead of a per-export shim in the wasm: wasm 149.7 →
# 148.1 KB gzip, glue 4.45 → 4.77 KB gzip (net −1.3 KB).
WASM_CARGO := RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Ctarget-feature=-reference-types,-multivalue --cfg aicall_speed" cargo +$(WASM_TOOLCHAIN) build --release --lib \
  --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort --target-dir $(WASM_TARGET) \
  --config 'profile.release.package.core.opt-level=3' --config 'profile.release.package.alloc.opt-level=3' \
  --config 'profile.release.package.std.opt-level=3'
# No memory packing: it cuts the data into ~460 segments at every run of zeros, and their
# headers (each a distinct offset) compress worse than the zeros they drop: 3.4 KB more raw,
# 0.8 KB less gzip (validators-only wasm).
WASM_OPT_FLAGS := -Oz --converge --skip-pass=memory-packing --strip-debug --strip-producers --zero-filled-memory --low-memory-unused \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue
pkg: tools
	$(WASM_CARGO)
	rm -rf $(STAGE) && mkdir -p $(STAGE)
	cp -r pkg-template/. $(STAGE)/
	# No wasm-bindgen .d.ts: every public type comes from one generator (aicall-types).
	$(BINDGEN) --target nodejs --no-typescript --out-dir $(STAGE)/node --out-name aicall $(WASM_OUT)
	$(BINDGEN) --target web --no-typescript --out-dir $(STAGE)/web --out-name aicall $(WASM_OUT)
	$(WASM_OPT) $(WASM_OPT_FLAGS) $(STAGE)/node/aicall_bg.wasm -o $(STAGE)/node/aicall_bg.wasm
	cp $(STAGE)/node/aicall_bg.wasm $(STAGE)/web/aicall_bg.wasm
	node scripts/inline-wasm.mjs web $(STAGE)/web
	node scripts/inline-wasm.mjs node $(STAGE)/node
	# "aicall/validate": the same crate without the `client` feature (validators only). Same
	# target folder: the dependencies and std are shared; a feature switch rebuilds only
	# this crate (~5 s).
	$(WASM_CARGO) --no-default-features
	$(BINDGEN) --target web --no-typescript --out-dir $(STAGE)/validate --out-name aicall $(WASM_OUT)
	$(WASM_OPT) $(WASM_OPT_FLAGS) $(STAGE)/validate/aicall_bg.wasm -o $(STAGE)/validate/aicall_bg.wasm
	$(BINDGEN) --target nodejs --no-typescript --out-dir $(STAGE)/validate/node --out-name aicall $(WASM_OUT)
	cp $(STAGE)/validate/aicall_bg.wasm $(STAGE)/validate/node/aicall_bg.wasm
	node scripts/inline-wasm.mjs web $(STAGE)/validate
	node scripts/glue-reset.mjs $(STAGE)/validate
	node scripts/inline-wasm.mjs node $(STAGE)/validate/node
	sed -e 's/^export //' $(STAGE)/runtime.js > $(STAGE)/node/runtime.cjs
	echo 'module.exports = { AicallError, installOperations, issuesFrom, validatorsOf };' >> $(STAGE)/node/runtime.cjs
	cargo run --quiet --bin aicall-types > $(STAGE)/types.d.ts
	cp $(STAGE)/types.d.ts $(STAGE)/types.d.cts
	cargo run --quiet --bin aicall-types -- --operations esm > $(STAGE)/operations.js
	cargo run --quiet --bin aicall-types -- --operations cjs > $(STAGE)/node/operations.cjs
	cargo run --quiet --bin aicall-types -- --operations cjs-meta > $(STAGE)/node/operations-meta.cjs
	cp README.md LICENSE CHANGELOG.md $(STAGE)/
	# `npx aicall emulator` runs the same emulator as `make demo` (no self-tests shipped).
	mkdir -p $(STAGE)/emulator && cp emulator/*.mjs emulator/README.md $(STAGE)/emulator/ && rm -f $(STAGE)/emulator/*.test.mjs
	# Swap the finished package in at once: tests and servers reading pkg/ while this runs
	# never see a half-built one (and a failed build leaves the previous pkg/ in place).
	rm -rf $(STAGE).old; if [ -d pkg ]; then mv pkg $(STAGE).old; fi; mv $(STAGE) pkg; rm -rf $(STAGE).old
	$(MAKE) --no-print-directory size

readme:
	cargo run --quiet --bin aicall-types -- --readme README.md

size:
	@for w in web validate; do raw=$$(stat -c %s pkg/$$w/aicall_bg.wasm); gz=$$(gzip -9 -c pkg/$$w/aicall_bg.wasm | wc -c); \
	echo "wasm size ($$w): $$raw bytes raw, $$gz bytes gzip"; done

# Every suite runs, even after a failure; the summary (scripts/test-all.sh) comes last.
# (bench-equivalence is one of its suites: `make test-bench-equivalence`.)
test: pkg
	@scripts/tools.sh browser python bench
	scripts/test-all.sh

# The library's unit tests and the property tests. tests/wasm_*.rs are wasm-only (test-wasm),
# the aicall-types bin and the doc comments hold no tests.
test-rust:
	cargo test --quiet --lib --test properties

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

# tsc --strict over consumer projects (tests/ts/: the full API; node-esm, node-cjs: NodeNext with
# @types/node; browser: lib DOM, no @types/node; using: the README's `using` augmentation), each
# on the current and the previous TypeScript minor. They resolve "aicall" through its exports
# map: tests/ts/node_modules/aicall -> pkg/. Every project runs; one line each, then the status.
TS_VERSIONS := typescript typescript-prev
TS_PROJECTS := tests/ts/tsconfig.json tests/ts/node-esm tests/ts/node-cjs tests/ts/browser tests/ts/using
test-types:
	@mkdir -p tests/ts/node_modules && ln -sfn ../../../pkg tests/ts/node_modules/aicall
	for i in $$(seq 90); do [ -f pkg/types.d.cts ] && [ -f pkg/emulator/server.mjs ] && break; sleep 1; done  # wait out a concurrent `make pkg`
	fail=0
	for ts in $(TS_VERSIONS); do
	  v=$$(node node_modules/$$ts/bin/tsc -v | cut -d' ' -f2)
	  for p in $(TS_PROJECTS); do
	    if node node_modules/$$ts/bin/tsc -p $$p; then echo "tsc $$v -p $$p: ok"; else echo "tsc $$v -p $$p: FAILED"; fail=1; fi
	  done
	done
	exit $$fail

test-diff:
	.tools/pyenv/bin/python scripts/gen_aiccs_ops.py --check
	.tools/pyenv/bin/python tests/diff/record_official.py tests/diff/cases.json tests/diff/cases-generated.json target/diff-recorded.json --port 18080
	node --test tests/diff/

test-e2e:
	node --test tests/e2e/

# Consumer projects (Vite, webpack 5, esbuild, Next.js, a plain page, Node ESM and CJS) install
# the packed tarball, build and run in headless Chromium / Node. npm installs are cached in
# tests/bundlers/.cache/ (git-ignored), keyed by each project's package-lock.json.
test-bundlers:
	node --test tests/bundlers/bundlers.test.mjs

# The API reference: TypeDoc over the shipped .d.ts (typedoc.json), into target/api-docs/.
docs: pkg
	node_modules/.bin/typedoc --logLevel Warn --treatWarningsAsErrors

test-docs: docs
	@for page in classes/types.AgentApi.html classes/types.Aiccs.html classes/types.AicallError.html; do \
	  test -s target/api-docs/$$page || { echo "missing $$page"; exit 1; }; done
	@grep -q paginate target/api-docs/classes/types.AgentApi.html
	@echo "1 passed, 0 failed"

demo: pkg docs
	@echo "demo: http://127.0.0.1:$(PORT)/  API reference: http://127.0.0.1:$(PORT)/api/  (Ctrl-C to stop)"
	node emulator/server.mjs --port $(PORT) --static www --pkg pkg --mount /api/=target/api-docs

# aicall next to valibot, zod and ajv on the same rules (bench/peers/, their own bench/package.json):
# µs per call in interleaved paired rounds, sizes, cold starts, build + sign; then the batch lines.
bench: pkg
	@scripts/tools.sh bench
	node bench/validate.mjs
	node bench/browser.mjs
	node bench/batch.mjs

# The bench's peers give aicall's verdict (valid or not) on every case of bench/equivalence.test.mjs.
# `make test` runs the same command (not through $(MAKE): that would run the recipe under `make -n`).
BENCH_EQUIVALENCE := node --test bench/equivalence.test.mjs
test-bench-equivalence:
	@scripts/tools.sh bench
	$(BENCH_EQUIVALENCE)

FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= task_validator aiccs_request response_parsers batch_planner
fuzz:
	scripts/tools.sh fuzz
	node fuzz/seed.mjs
	cd fuzz
	for t in $(FUZZ_TARGETS); do
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s"
	  cargo +nightly fuzz run -O $$t corpus/$$t -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
	done
	@echo "make fuzz: no crash in $(FUZZ_TARGETS)"

clean:
	rm -rf pkg target/diff-recorded.json
