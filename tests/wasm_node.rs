//! The wasm smoke tests in Node (`wasm-bindgen-test-runner`'s default). The bodies live in
//! `tests/wasm_common/mod.rs` and run in Chromium too (`tests/wasm_browser.rs`).
//!
//!   CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=$PWD/.tools/bin/wasm-bindgen-test-runner \
//!     cargo test --target wasm32-unknown-unknown --test wasm_node
#![cfg(target_arch = "wasm32")]

#[path = "wasm_common/mod.rs"]
mod common;
