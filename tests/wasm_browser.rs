//! The wasm smoke tests in headless Chromium. Same bodies as `tests/wasm_node.rs`
//! (`tests/wasm_common/mod.rs`).
//!
//!   CHROMEDRIVER=$(command -v chromedriver) \
//!   CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=$PWD/.tools/bin/wasm-bindgen-test-runner \
//!     cargo test --target wasm32-unknown-unknown --test wasm_browser
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "wasm_common/mod.rs"]
mod common;
