//! Policies as plain state machines and decisions: which requests to send for a batch,
//! and whether to send one again. The edge (wasm, or any Rust caller) performs the I/O
//! and the waiting; nothing here touches a clock, a socket or a random source.

pub mod batch;
pub mod retry;

pub use crate::error::Cut;

/// No list walk goes past this page, whatever the server's totals say.
pub const MAX_PAGES: u64 = 100_000;

/// What a walk through pages remembers from one page to the next (handed to the caller as
/// `memo`, and back with the next page): how many pages it has seen, and fingerprints of
/// the items of the last page and of one kept page. A page whose items match either is a
/// server answering a page it already gave: the walk ends there, without handing those
/// items out again. The kept page is replaced each time the count reaches a power of two
/// (Brent's cycle detection), so a server cycling through pages, in a cycle of any length,
/// is caught within about twice the cycle's start plus its length, in constant memory.
/// It also keeps the walk's first page: its number and how many items it held.
/// Returns whether this page (number `page`) is such a repeat, and the memo for the next page.
pub fn remember_page(
    memo: &serde_json::Value,
    page: u64,
    items: &serde_json::Value,
) -> (bool, serde_json::Value) {
    let field = |k: &str| {
        memo.get(k)
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let count = |k: &str| memo.get(k).and_then(serde_json::Value::as_u64).unwrap_or(0);
    let (last, kept) = (field("last"), field("kept"));
    let n = items.as_array().map_or(0, Vec::len) as u64;
    let print = if n == 0 {
        String::new()
    } else {
        fingerprint(&page_key(items))
    };
    let repeat = n > 0 && (print == last || print == kept);
    let pages = count("pages") + 1;
    let kept = if pages.is_power_of_two() {
        print.clone()
    } else {
        kept
    };
    // `items`: how many came on the pages that were not repeats.
    let received = count("items") + if repeat { 0 } else { n };
    let (from, per) = (
        memo.get("from")
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(page),
        memo.get("per")
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(n),
    );
    (
        repeat,
        serde_json::json!({"pages": pages, "last": print, "kept": kept, "items": received, "from": from, "per": per}),
    )
}

/// The walk's first page, as [`remember_page`] kept it: its number and how many items it held.
pub fn walk_start(memo: &serde_json::Value) -> (u64, u64) {
    let count = |k: &str| memo.get(k).and_then(serde_json::Value::as_u64).unwrap_or(0);
    (count("from"), count("per"))
}

/// The items received on the pages walked that were not repeats, this page's included
/// (see [`remember_page`]).
pub fn items_seen(memo: &serde_json::Value) -> u64 {
    memo.get("items")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0)
}

/// How many pages the walk has read, this one included (see [`remember_page`]).
pub fn pages_walked(memo: &serde_json::Value) -> u64 {
    memo.get("pages")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0)
}

/// Why a page ends a walk (see the two `page_step`s).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The page repeats one the server already gave.
    Repeated,
    /// Any other end before the one the server announced (see [`Cut`]).
    Cut(Cut),
}

/// Whether page `page` ends the walk, and why: it repeats a page already given (`repeat`,
/// from [`remember_page`]), the server says it is page `answered` instead, it holds no rows
/// (`rows` 0), or the walk has read [`MAX_PAGES`] pages (`memo`) or reached the last page
/// number JavaScript can tell from the next.
pub fn stop_at(
    page: u64,
    repeat: bool,
    answered: Option<u64>,
    rows: usize,
    memo: &serde_json::Value,
) -> Option<Stop> {
    if repeat {
        Some(Stop::Repeated)
    } else if let Some(other) = answered.filter(|&a| a != page) {
        Some(Stop::Cut(Cut::Other(other)))
    } else if rows == 0 {
        Some(Stop::Cut(Cut::Empty))
    } else if pages_walked(memo) >= MAX_PAGES || page_after(page).is_none() {
        Some(Stop::Cut(Cut::Cap))
    } else {
        None
    }
}

/// The step that ends a walk at `page`: quietly, unless the server says more pages follow
/// (`more`); then with a `cut` that [`page_walk`] turns into an error, since rows may be
/// missing. A repeated page hands out nothing, nor does another page than the one asked
/// for (its rows may be ones already handed out), unless it is the walk's first; a page
/// the walk ends on for any other reason hands out its rows.
pub fn end_walk(
    stop: Stop,
    page: u64,
    more: bool,
    items: serde_json::Value,
    first: bool,
    memo: serde_json::Value,
) -> serde_json::Value {
    // The page cap ends a walk with an error even when the server announced no end: a list
    // of 100,000 pages that goes on is not one to hand over as complete.
    let more = more || matches!(stop, Stop::Cut(Cut::Cap | Cut::Unreadable));
    let cut = more.then(|| match stop {
        Stop::Repeated => serde_json::json!({"why": "repeated", "page": page}),
        Stop::Cut(Cut::Other(p)) => {
            serde_json::json!({"why": "other", "page": page, "answered": p})
        }
        Stop::Cut(Cut::Empty) => serde_json::json!({"why": "empty", "page": page}),
        Stop::Cut(Cut::Cap) => serde_json::json!({"why": "cap", "page": page}),
        Stop::Cut(Cut::Unreadable) => serde_json::json!({"why": "rows", "page": page}),
        Stop::Cut(Cut::Short { received, total }) => {
            serde_json::json!({"why": "short", "page": page, "received": received, "total": total})
        }
    });
    let keep = match stop {
        Stop::Repeated => false,
        Stop::Cut(Cut::Other(_)) => first && !more,
        Stop::Cut(_) => true,
    };
    let items = if keep { items } else { serde_json::json!([]) };
    serde_json::json!({"items": items, "next": null, "memo": memo, "cut": cut})
}

/// A step of a walk through pages as the caller gets it: `Err` when the walk ended early
/// although the server said more pages follow (`step["cut"]`, see [`end_walk`]):
/// `repeated_page` for a page it already gave, `incomplete_pages` for the other ends
/// (see [`Cut`]).
pub fn page_walk(step: serde_json::Value) -> Result<serde_json::Value, crate::Error> {
    match split_walk(step) {
        (_, Some(e)) => Err(e),
        (step, None) => Ok(step),
    }
}

/// [`page_walk`] as a pair: the step (its `cut` taken out) and the error it ends with, if
/// any. The step's items are still the caller's (the rows of a last page short of the
/// total, say): `paginate` hands them out, then rejects.
pub fn split_walk(mut step: serde_json::Value) -> (serde_json::Value, Option<crate::Error>) {
    let cut = step
        .as_object_mut()
        .and_then(|s| s.remove("cut"))
        .filter(|c| c.is_object());
    let e = cut.map(|c| cut_error(&c));
    (step, e)
}

fn cut_error(cut: &serde_json::Value) -> crate::Error {
    use crate::error::{Error, Kind, Says};
    let n = |k: &str| cut.get(k).and_then(serde_json::Value::as_u64).unwrap_or(0);
    let page = n("page");
    let cut = match cut.get("why").and_then(serde_json::Value::as_str) {
        Some("repeated") => {
            return Error::said(Kind::Parse, "repeated_page", Says::RepeatedPage { page })
        }
        Some("other") => Cut::Other(n("answered")),
        Some("cap") => Cut::Cap,
        Some("rows") => Cut::Unreadable,
        Some("short") => Cut::Short {
            received: n("received"),
            total: n("total"),
        },
        _ => Cut::Empty,
    };
    Error::said(
        Kind::Parse,
        "incomplete_pages",
        Says::PagesCutShort { page, cut },
    )
}

/// Drives a walk as `paginate` does, `step(args, memo)` answering each page: the items
/// handed out, and how the walk ended (`None`: quietly). For the clients' paging tests.
#[cfg(test)]
pub(crate) fn drive_walk(
    first: serde_json::Value,
    mut step: impl FnMut(&serde_json::Value, &serde_json::Value) -> serde_json::Value,
) -> (usize, Option<String>) {
    let (mut args, mut memo, mut items) = (first, serde_json::Value::Null, 0);
    loop {
        let s = step(&args, &memo);
        items += s["items"].as_array().map_or(0, Vec::len);
        if s["next"].is_null() {
            return (items, page_walk(s).err().map(|e| e.code));
        }
        memo = s["memo"].clone();
        args = s["next"].clone();
    }
}

/// The page after `page`, while JavaScript can still tell it from `page` (up to 2^53).
pub fn page_after(page: u64) -> Option<u64> {
    (page < crate::schema::MAX_SAFE as u64).then(|| page + 1)
}

/// What a page is compared by: its rows' ids when every row has one (`id` or `Id`, a string
/// or a number), else the rows as JSON text with the query of every URL left out. Ids catch
/// a server that ignores the page asked for and sends the same rows with a field that
/// changes on every answer (a fresh signed URL, a timestamp); no consistent list shows the
/// same ids, in the same order, twice. Rows named otherwise (aiccs `DetailId`) still carry
/// their signed URLs (`RecordingFileDownloadUrl`, `…?Expires=…&Signature=…`): without the
/// query, those compare equal when the rows are the same.
fn page_key(items: &serde_json::Value) -> String {
    let mut key = String::new();
    for row in items.as_array().map(Vec::as_slice).unwrap_or_default() {
        let id = row.get("id").or_else(|| row.get("Id"));
        match id {
            Some(serde_json::Value::String(s)) => key.push_str(s),
            Some(serde_json::Value::Number(n)) => key.push_str(&n.to_string()),
            _ => {
                let mut rows = items.clone();
                without_url_queries(&mut rows);
                return crate::json::text(&rows);
            }
        }
        key.push('\u{0}');
    }
    key
}

/// Cuts the query (and fragment) off every URL string in `v` (`https://…/a.wav?Expires=…`).
fn without_url_queries(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::String(s) if s.contains("://") => {
            if let Some(at) = s.find(['?', '#']) {
                s.truncate(at);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(without_url_queries),
        Value::Object(fields) => fields.values_mut().for_each(without_url_queries),
        _ => {}
    }
}

/// FNV-1a, 64 bits, as 16 hex digits (text: a JS number could not hold it; written by
/// hand, as the formatter's hex would add code to the wasm).
fn fingerprint(text: &str) -> String {
    let h = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    (0..16)
        .rev()
        .map(|i| char::from(b"0123456789abcdef"[(h >> (i * 4) & 0xf) as usize]))
        .collect()
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
