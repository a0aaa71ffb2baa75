//! aicall: validate, build, sign and parse requests for AI outbound-calling APIs.
//!
//! The crate is sans-IO: every API here is a pure function from values to values
//! (issues, an [`http::HttpRequest`], a parsed answer or an [`error::Error`]). Sending is
//! the caller's business; the wasm bindings (`src/wasm`) do it through `fetch`.

// The shipped wasm is built for size (`opt-level = "z"`) by a pinned nightly, which also
// builds the validation hot path for speed (`aicall_speed`, set by the Makefile).
#![cfg_attr(aicall_speed, feature(optimize_attribute))]

pub mod agent_api;
pub mod aiccs;
pub mod docs;
pub mod endpoint;
pub mod error;
pub mod http;
pub mod issue;
pub mod json;
pub mod messages;
pub mod meta;
pub mod options;
pub mod policy;
pub mod redact;
pub mod schema;
pub mod sort;
pub mod spelling;
pub mod types_ts;

pub use error::{ApiCode, Error, Kind};
pub use http::HttpRequest;
pub use issue::{Issue, Locale};

#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

/// The wasm build's allocator: talc instead of the default dlmalloc (smaller and faster on
/// the allocation-heavy paths: every parsed JSON value is allocations), with memory grown
/// geometrically (`wasm::memory`).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::cell::TalcSyncCell<wasm::memory::GrowByHalf, talc::wasm::WasmBinning> =
    talc::cell::TalcSyncCell::new_wasm(wasm::memory::GrowByHalf::new());
