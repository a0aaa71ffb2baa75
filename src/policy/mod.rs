//! Policies as plain state machines and decisions: which requests to send for a batch,
//! and whether to send one again. The edge (wasm, or any Rust caller) performs the I/O
//! and the waiting; nothing here touches a clock, a socket or a random source.

pub mod batch;
pub mod retry;

/// No list walk goes past this page, whatever the server's totals say.
pub const MAX_PAGES: u64 = 100_000;

/// Whether `paginate` keeps the page it asked for as `page` (a number from 1) to compare
/// later pages with, in place of the one it kept before. A server that ignores the page
/// number and answers pages it already gave, in a cycle of any length, is caught this way
/// with one kept page (Brent's cycle detection: the kept page is replaced at each power of
/// two): within about twice the cycle's start plus its length, instead of at MAX_PAGES.
/// The first page is always kept.
pub fn keep_page(page: u64) -> bool {
    page <= 1 || page.is_power_of_two()
}

/// A page number, count or total as servers write it: a number or a digit string
/// (`per_page: "15"`).
pub fn page_number(v: Option<&serde_json::Value>) -> Option<u64> {
    match v? {
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}
