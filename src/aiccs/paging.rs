//! Walking the pages of a paged aiccs read, as a decision per answer: the items of this
//! page, the parameters of the next one and what to remember. The edge (`paginate`)
//! loops on it.

use super::ops::{Op, Paging};
use crate::policy::page_number as number;
use serde_json::{json, Value};

/// `{ items, next, memo }` for one answer of `op` to `params`. The walk ends when the items
/// received reach the total (or, without a total, on a short page), on an empty page, on an
/// answer for another page than the one asked for, on a page the server already gave
/// (`memo`, from the step before: see `policy::remember_page`) and at the page cap; early,
/// with a `cut`, when the total says more follow (`policy::end_walk`). Before the first
/// page (`answer` null): the parameters to ask it with, as given.
pub fn page_step(op: &Op, params: &Value, answer: &Value, memo: &Value) -> Value {
    let Some(p) = op.paging else {
        return json!({"items": [], "next": null, "memo": null});
    };
    if answer.is_null() {
        return json!({"items": [], "next": params, "memo": null});
    }
    let data = data_of(p, answer);
    let Some(items) = items_of(p, answer) else {
        // Rows as text that is no JSON list: said as such, not as an empty page.
        let page = number(params.get(p.page)).unwrap_or(1);
        let stop = crate::policy::Stop::Cut(crate::error::Cut::Unreadable);
        return crate::policy::end_walk(stop, page, true, json!([]), memo.is_null(), memo.clone());
    };
    let n = items.as_array().map_or(0, Vec::len) as u64;
    let page = number(params.get(p.page)).unwrap_or(1);
    let first = memo.is_null();
    let (repeat, memo) = crate::policy::remember_page(memo, page, &items);
    // The walk's first page: its number, and how many items it held (the page size, when
    // the server neither was told one nor says which it used).
    let (from, first_n) = crate::policy::walk_start(&memo);
    // The page size the server says it used, as `PageSize` (it may serve fewer than
    // asked), else the one asked; else (below) the walk's first page tells it.
    let size = number(data.get("PageSize")).or_else(|| number(params.get(p.size)));
    let total = number(data.get(p.total));
    // With a total: the end once the items before the walk's first page and those received
    // reach it (counted, so a server serving fewer per page than asked is walked on).
    let before = from
        .saturating_sub(1)
        .saturating_mul(size.unwrap_or(first_n));
    let covered = match (total, size) {
        (Some(t), _) => before.saturating_add(crate::policy::items_seen(&memo)) >= t,
        (None, Some(size)) => n < size,
        (None, None) => n == 0,
    };
    let more = total.is_some() && !covered;
    let answered = number(data.get(p.current));
    if let Some(stop) = crate::policy::stop_at(page, repeat, answered, n as usize, &memo) {
        return crate::policy::end_walk(stop, page, more, items, first, memo);
    }
    if covered {
        return json!({"items": items, "next": null, "memo": memo});
    }
    let mut next = params.clone();
    if let Some(obj) = next.as_object_mut() {
        obj.insert(p.page.into(), json!(page.saturating_add(1)));
    }
    json!({"items": items, "next": next, "memo": memo})
}

fn data_of<'a>(p: &Paging, answer: &'a Value) -> &'a Value {
    if p.data.is_empty() {
        answer
    } else {
        answer.get(p.data).unwrap_or(&Value::Null)
    }
}

/// The page's items: an array, or (the statistics reads, as their models say) JSON text
/// holding one (`None` when the text holds no list); anything else is no items.
fn items_of(p: &Paging, answer: &Value) -> Option<Value> {
    match data_of(p, answer).get(p.items) {
        Some(v @ Value::Array(_)) => Some(v.clone()),
        // Blank or `null` text: no rows (an empty page, said the way a server might).
        Some(Value::String(text)) if text.trim().is_empty() => Some(json!([])),
        Some(Value::String(text)) => match crate::json::read_answer(text) {
            Ok(Value::Null) => Some(json!([])),
            Ok(v) => Some(v).filter(Value::is_array),
            Err(_) => None,
        },
        _ => Some(json!([])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aiccs::ops::find;

    /// The same answer, saying it is page `page`.
    fn said_page(mut answer: Value, page: u64) -> Value {
        answer["Data"]["PageNo"] = json!(page);
        answer
    }

    fn answer(page: u64, n: usize, total: u64) -> Value {
        let list: Vec<Value> = (0..n)
            .map(|i| json!({"TaskId": format!("t{page}-{i}")}))
            .collect();
        json!({"Code": "OK", "Data": {"PageNo": page, "PageSize": 10, "Total": total, "List": list}})
    }

    #[test]
    fn walks_three_pages_and_stops() {
        let op = find("QueryAiCallTaskPage").unwrap();
        let p1 = json!({"PageSize": 10});
        let s1 = page_step(op, &p1, &answer(1, 10, 25), &Value::Null);
        assert_eq!(s1["items"].as_array().unwrap().len(), 10);
        assert_eq!(s1["next"], json!({"PageSize": 10, "PageNo": 2}));
        let s2 = page_step(op, &s1["next"], &answer(2, 10, 25), &s1["memo"]);
        let s3 = page_step(op, &s2["next"], &answer(3, 5, 25), &s2["memo"]);
        assert_eq!(s3["items"].as_array().unwrap().len(), 5);
        assert!(s3["next"].is_null() && s3["cut"].is_null());
        assert_eq!(crate::policy::items_seen(&s3["memo"]), 25);
    }

    #[test]
    fn never_loops_on_a_server_that_repeats_a_page() {
        let op = find("QueryAiCallTaskPage").unwrap();
        // Asked for page 2, answered page 1 again.
        assert!(page_step(
            op,
            &json!({"PageNo": 2, "PageSize": 10}),
            &answer(1, 10, 999),
            &Value::Null
        )["next"]
            .is_null());
        // An empty page, or no total and a short page: the end.
        assert!(page_step(op, &json!({}), &answer(1, 0, 999), &Value::Null)["next"].is_null());
        let short = json!({"Data": {"List": [1, 2]}});
        assert!(page_step(op, &json!({"PageSize": 10}), &short, &Value::Null)["next"].is_null());
        // The hotline statistics page with CurrentPage and Rows.
        let hot = find("GetHotlineServiceStatistics").unwrap();
        let a = json!({"Data": {"PageNum": 1, "PageSize": 2, "TotalNum": 5, "Rows": [1, 2]}});
        assert_eq!(
            page_step(
                hot,
                &json!({"InstanceId": "i", "PageSize": 2}),
                &a,
                &Value::Null
            )["next"]["CurrentPage"],
            2
        );
        // Rows as JSON text (what the model declares), and text that is not a list.
        let a = json!({"Data": {"PageNum": 1, "TotalNum": 5, "Rows": "[{\"a\":1},{\"a\":2}]"}});
        let s = page_step(
            hot,
            &json!({"InstanceId": "i", "PageSize": 2}),
            &a,
            &Value::Null,
        );
        assert_eq!(
            (
                s["items"].as_array().unwrap().len(),
                &s["next"]["CurrentPage"]
            ),
            (2, &json!(2))
        );
        // Page 1 of the hotline statistics, its rows as `rows` text, of `total` in all.
        let first_page = |rows: &str, total: u64| {
            let a = json!({"Data": {"PageNum": 1, "TotalNum": total, "Rows": rows}});
            page_step(
                hot,
                &json!({"InstanceId": "i", "PageSize": 2}),
                &a,
                &Value::Null,
            )
        };
        // Text that holds no list (an object, broken JSON): the walk ends, saying why.
        for rows in ["{\"a\":1}", "[{\"a\":1}", "oops"] {
            let step = first_page(rows, 5);
            assert!(step["next"].is_null(), "{rows}");
            assert_eq!(step["cut"]["why"], "rows", "{rows}");
            let (_, e) = crate::policy::split_walk(step);
            let e = e.unwrap();
            assert_eq!(e.code, "incomplete_pages");
            assert!(
                e.message.starts_with("page 1's rows are not a JSON list"),
                "{}",
                e.message
            );
        }
        // Blank or null text is an empty page: the end, quietly.
        for rows in ["", " ", "null"] {
            let step = first_page(rows, 0);
            assert!(
                step["next"].is_null() && step["cut"].is_null(),
                "{rows}: {step}"
            );
        }
    }

    #[test]
    fn a_page_that_repeats_the_one_before_ends_the_walk() {
        let op = find("ListTask").unwrap();
        // The asked page echoed back, full pages, no total: only the content tells.
        let page =
            |n: u64| json!({"Data": {"PageNo": n, "Record": [{"TaskId": 1}, {"TaskId": 2}]}});
        let first = page_step(
            op,
            &json!({"PageNo": 1, "PageSize": 2}),
            &page(1),
            &Value::Null,
        );
        let s = page_step(
            op,
            &json!({"PageNo": 2, "PageSize": 2}),
            &page(2),
            &first["memo"],
        );
        assert_eq!((&s["items"], &s["next"]), (&json!([]), &Value::Null));
        let other = json!({"Data": {"PageNo": 2, "Record": [{"TaskId": 3}, {"TaskId": 4}]}});
        assert_eq!(
            page_step(
                op,
                &json!({"PageNo": 2, "PageSize": 2}),
                &other,
                &first["memo"]
            )["next"]["PageNo"],
            3
        );
        // A total that says more pages follow: the walk says it stopped early.
        let op = find("QueryAiCallTaskPage").unwrap();
        let first = page_step(
            op,
            &json!({"PageSize": 10}),
            &answer(1, 10, 999),
            &Value::Null,
        );
        let again = page_step(
            op,
            &json!({"PageSize": 10, "PageNo": 2}),
            &said_page(answer(1, 10, 999), 2),
            &first["memo"],
        );
        assert_eq!(
            (&again["cut"]["why"], &again["cut"]["page"]),
            (&json!("repeated"), &json!(2))
        );
        assert_eq!(
            crate::policy::page_walk(again).unwrap_err().code,
            "repeated_page"
        );
        // Another page than the one asked for, or an empty one, before the total is reached.
        let other = page_step(
            op,
            &json!({"PageSize": 10, "PageNo": 2}),
            &said_page(answer(7, 10, 999), 7),
            &first["memo"],
        );
        assert_eq!(
            (&other["items"], &other["cut"]["answered"]),
            (&json!([]), &json!(7))
        );
        assert_eq!(
            crate::policy::page_walk(other).unwrap_err().code,
            "incomplete_pages"
        );
        let empty = page_step(
            op,
            &json!({"PageSize": 10, "PageNo": 2}),
            &answer(2, 0, 999),
            &first["memo"],
        );
        assert_eq!(
            crate::policy::page_walk(empty).unwrap_err().code,
            "incomplete_pages"
        );
        // Another page past the total: the end, quietly, without rows that may repeat.
        let past = page_step(
            op,
            &json!({"PageSize": 10, "PageNo": 2}),
            &said_page(answer(7, 3, 13), 7),
            &first["memo"],
        );
        assert!(past["cut"].is_null() && past["items"] == json!([]));
        let op = find("ListTask").unwrap();
        // Before the first page: the parameters as given.
        assert_eq!(
            page_step(op, &json!({"PageSize": 2}), &Value::Null, &Value::Null)["next"],
            json!({"PageSize": 2})
        );
    }

    /// Drives the steps as `paginate` does (the memo of each step handed to the next) from
    /// page `start`. Returns the pages asked for and every item handed out.
    fn walk(op: &Op, start: u64, answer_to: impl Fn(u64) -> Value) -> (u64, Vec<Value>) {
        let mut params = json!({"PageSize": 2, "PageNo": start});
        let mut memo = Value::Null;
        let mut items = Vec::new();
        for asked in 1.. {
            let step = page_step(op, &params, &answer_to(start + asked - 1), &memo);
            items.extend(step["items"].as_array().unwrap().iter().cloned());
            if step["next"].is_null() {
                return (asked, items);
            }
            memo = step["memo"].clone();
            params = step["next"].clone();
        }
        unreachable!()
    }

    /// `walk` with the first parameters given, every step's `cut` checked: the items and
    /// how the walk ended (`None`: quietly).
    fn walk_from(
        op: &Op,
        first: Value,
        answer_to: impl Fn(&Value) -> Value,
    ) -> (usize, Option<String>) {
        crate::policy::drive_walk(first, |params, memo| {
            page_step(op, params, &answer_to(params), memo)
        })
    }

    #[test]
    fn the_total_is_reached_whatever_page_size_the_server_serves() {
        let op = find("QueryAiCallTaskPage").unwrap();
        // 50 rows served 20 a page, whatever was asked; the size echoed or not.
        let server = |echo: bool| {
            move |params: &Value| {
                let page = number(params.get("PageNo")).unwrap_or(1);
                let rows: Vec<Value> = (0..50u64)
                    .filter(|i| i / 20 + 1 == page)
                    .map(|i| json!({"TaskId": i}))
                    .collect();
                let mut data = json!({"PageNo": page, "Total": 50, "List": rows});
                if echo {
                    data["PageSize"] = json!(20);
                }
                json!({"Code": "OK", "Data": data})
            }
        };
        for first in [json!({"PageSize": 100}), json!({}), json!({"PageSize": 20})] {
            for echo in [true, false] {
                assert_eq!(
                    walk_from(op, first.clone(), server(echo)),
                    (50, None),
                    "{first} echo {echo}"
                );
            }
        }
        // Started at page 2 of 20-row pages: the 20 rows before it count, the page size
        // echoed, asked, or neither (then the walk's first page tells it).
        for (first, echo) in [
            (json!({"PageSize": 20, "PageNo": 2}), true),
            (json!({"PageSize": 20, "PageNo": 2}), false),
            (json!({"PageNo": 2}), false),
        ] {
            assert_eq!(
                walk_from(op, first.clone(), server(echo)),
                (30, None),
                "{first} echo {echo}"
            );
        }
        // A page 0 (a caller's own transport may send one) counts nothing before it.
        let zero = page_step(
            op,
            &json!({"PageNo": 0}),
            &json!({"Data": {"PageNo": 0, "Total": 50, "List": [1]}}),
            &Value::Null,
        );
        assert_eq!(zero["next"]["PageNo"], 1);
    }

    #[test]
    fn a_server_cycling_through_pages_is_caught_whatever_the_cycle() {
        let op = find("ListTask").unwrap();
        // Ignores the page number, echoes it back, full pages, no total: only the content
        // tells. A cycle of `len` pages after `lead` distinct ones, from page 1 or page 5.
        for start in [1, 5] {
            for (lead, len) in [(0, 1), (0, 2), (0, 3), (1, 2), (2, 1), (5, 7), (40, 90)] {
                let (asked, items) = walk(op, start, |n| {
                    let n = n - start + 1;
                    let k = if n <= lead {
                        n
                    } else {
                        lead + (n - lead - 1) % len + 1
                    };
                    json!({"Data": {"PageNo": n + start - 1, "Record": [{"TaskId": k}, {"TaskId": -(k as i64)}]}})
                });
                assert!(
                    asked <= 2 * (lead + len) + len + 1,
                    "start {start}, lead {lead}, cycle {len}: {asked} pages"
                );
                // A page repeating the one just before is never handed out (a stuck last page).
                if len == 1 {
                    assert_eq!(
                        items.len() as u64,
                        2 * (lead + 1),
                        "start {start}, lead {lead}"
                    );
                }
            }
        }
        // A server that pages properly is walked to its end.
        let (pages, items) = walk(
            op,
            1,
            |n| json!({"Data": {"PageNo": n, "Record": if n <= 300 { json!([{"TaskId": n}, {"TaskId": -(n as i64)}]) } else { json!([]) }}}),
        );
        assert_eq!((pages, items.len()), (301, 600));
    }

    #[test]
    fn rows_whose_signed_urls_change_on_every_answer_are_still_a_repeat() {
        let op = find("QueryAiCallDetailPage").unwrap();
        // The server ignores PageNo; each answer signs its recording URLs anew.
        let fresh = std::cell::Cell::new(0);
        let server = |total: bool| {
            let fresh = &fresh;
            move |_: &Value| {
                let rows: Vec<Value> = (1..=2)
                    .map(|d| {
                        fresh.set(fresh.get() + 1);
                        let url = format!(
                            "https://oss.example/r{d}.wav?Expires={}&Signature=s",
                            fresh.get()
                        );
                        json!({"DetailId": d.to_string(), "RecordingFileDownloadUrl": url})
                    })
                    .collect();
                let mut data = json!({"PageNo": 1, "PageSize": 2, "List": rows});
                if total {
                    data["Total"] = json!(6);
                }
                json!({"Code": "OK", "Success": true, "Data": data})
            }
        };
        let first = json!({"TaskId": "t", "PageSize": 2});
        // Said to hold 6 rows: the second page repeats the first, an error after its 2 rows.
        assert_eq!(
            walk_from(op, first.clone(), server(true)),
            (2, Some("repeated_page".into()))
        );
        // No total: ends quietly after the first page.
        assert_eq!(walk_from(op, first, server(false)), (2, None));
    }

    #[test]
    fn pages_kept_at_the_top_or_under_result_data() {
        let op = find("GetInstanceList").unwrap();
        let a = json!({"PageNumber": 1, "TotalCount": 3, "CommodityInstances": [1, 2]});
        let s = page_step(op, &json!({"PageSize": 2}), &a, &Value::Null);
        assert_eq!(s["next"], json!({"PageSize": 2, "PageNumber": 2}));
        let op = find("ListHotlineRecordDetail").unwrap();
        let a = json!({"ResultData": {"CurrentPage": "1", "TotalResults": "3", "Data": [1, 2]}});
        assert_eq!(
            page_step(op, &json!({"PageSize": 2}), &a, &Value::Null)["next"]["CurrentPage"],
            2
        );
        let a = json!({"ResultData": {"CurrentPage": 2, "TotalResults": 3, "Data": [1]}});
        assert!(page_step(
            op,
            &json!({"PageSize": 2, "CurrentPage": 2}),
            &a,
            &Value::Null
        )["next"]
            .is_null());
    }
}
