//! Policies as plain state machines and decisions: which requests to send for a batch,
//! and whether to send one again. The edge (wasm, or any Rust caller) performs the I/O
//! and the waiting; nothing here touches a clock, a socket or a random source.

pub mod batch;
pub mod retry;

/// No list walk goes past this page, whatever the server's totals say.
pub const MAX_PAGES: u64 = 100_000;

/// A page number, count or total as servers write it: a number or a digit string
/// (`per_page: "15"`).
pub fn page_number(v: Option<&serde_json::Value>) -> Option<u64> {
    match v? {
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}
