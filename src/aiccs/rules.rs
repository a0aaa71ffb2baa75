//! Rules that relate several parameters of one aiccs operation. Each is named in its
//! operation's declaration (`ops.rs`, field `rule`), next to a one-line summary that the
//! README shows; `validate` runs it after the per-parameter checks.

use super::validate::{Clock, CST_OFFSET_MS, DIALOG_DAYS};
use crate::issue::{Problem, Reason};
use crate::json::tape::{Node, Tape};
use crate::json::Json;
use crate::schema::{days_from_civil, parse_date, Ctx, Fmt};

/// The params object as the rules read it (a tape: from the JSON text, or a copy of a
/// parsed value).
type Params<'a> = Node<'a>;

fn int_of(map: Params, key: &str) -> Option<i64> {
    crate::schema::int_value(map.get(key)?, true).ok()
}

fn present(map: Params, key: &str) -> bool {
    map.get(key).is_some_and(|v| !v.is_null())
}

/// Reports `problem` at `key`, showing the value given there.
fn report_at(ctx: &mut Ctx, map: Params, key: &str, problem: Problem) {
    ctx.key_text(key, |c| c.report_got(problem, map.get(key).map(Node::got)));
}

/// `hi` not below `lo` (both optional); `amount`: the two are quantities (durations), else
/// instants. `lo`'s value is quoted as given (a digit string beyond 64 bits reads as the
/// largest i64 for the comparison, and must not be shown as that).
fn ordered(ctx: &mut Ctx, map: Params, lo: &str, hi: &str, amount: bool) {
    if let (Some(a), Some(b)) = (int_of(map, lo), int_of(map, hi)) {
        if b < a {
            let given = map
                .get(lo)
                .and_then(|v| v.as_str().map(String::from).or_else(|| v.number_text()))
                .unwrap_or_else(|| a.to_string());
            // Equal is accepted (a range of one instant), so the words are "not before".
            let p = Problem::NotBelow {
                other: lo.into(),
                other_value: given,
                instant: !amount,
            };
            report_at(ctx, map, hi, p);
        }
    }
}

/// CreateAiCallTask: a scheduled start needs a time in the future; every CallTime window
/// starts before it ends.
pub fn new_task_settings(ctx: &mut Ctx, map: Params, clock: Clock) {
    schedule(ctx, map, Start::After(clock.now_ms));
    call_time_order(ctx, map);
}

/// UpdateAiCallTask: as when creating, except that the start may have passed. The seed
/// only makes it required with SCHEDULE (001: "StarType字段为SCHEDULE时该字段有效且必填"), and an
/// update of a task scheduled earlier resends the start it already has (decision: the
/// clock is checked when creating only; a start before 2000 is still refused, as seconds
/// given where milliseconds are meant).
pub fn task_settings(ctx: &mut Ctx, map: Params, _: Clock) {
    schedule(ctx, map, Start::AtLeast(YEAR_2000_MS));
    call_time_order(ctx, map);
}

use crate::schema::YEAR_2000_MS;

/// What a scheduled start must be: after now (a new task), or not before 2000 (an update).
enum Start {
    After(i64),
    AtLeast(i64),
}

/// With StartType SCHEDULE: TaskStartTime given, and as `start` says.
fn schedule(ctx: &mut Ctx, map: Params, start: Start) {
    if map.get("StartType").and_then(|v| v.as_str()) != Some("SCHEDULE") {
        return;
    }
    match int_of(map, "TaskStartTime") {
        None if !present(map, "TaskStartTime") => ctx.report_at(
            "TaskStartTime",
            Problem::RequiredBecause {
                field: "StartType".into(),
                value: Some("SCHEDULE".into()),
            },
            None,
        ),
        // A new task scheduled in the past would never start (decision: not in the seed;
        // it also catches seconds given where milliseconds are meant).
        Some(ms) => match start {
            // Seconds (2000 on, as seconds) read as January 1970: said as such, not "past".
            Start::After(now) if ms <= now => {
                let p = match crate::schema::too_small(YEAR_2000_MS, ms) {
                    p @ Problem::SecondsForMillis => p,
                    _ => Problem::InPast,
                };
                report_at(ctx, map, "TaskStartTime", p)
            }
            // (Below 0 the declaration has said so already.)
            Start::AtLeast(min) if (0..min).contains(&ms) => {
                report_at(ctx, map, "TaskStartTime", crate::schema::too_small(min, ms))
            }
            _ => {}
        },
        None => {}
    }
}

/// CancelAiCallDetails: PhoneNumbers only mean something together with a BatchId.
pub fn cancel_details(ctx: &mut Ctx, map: Params, _: Clock) {
    // An empty list names no number: it needs no batch.
    let numbers = map
        .get("PhoneNumbers")
        .is_some_and(|v| !v.is_null() && v.items().is_none_or(|(n, _)| n > 0));
    // An empty BatchId names no batch either (the seed: without one the numbers are invalid).
    let batch = map
        .get("BatchId")
        .is_some_and(|v| !v.is_null() && v.as_str().is_none_or(|s| !s.trim().is_empty()));
    if numbers && !batch && !present(map, "DetailIdList") {
        let p = Problem::RequiredBecause {
            field: "PhoneNumbers".into(),
            value: None,
        };
        report_at(ctx, map, "BatchId", p);
    }
}

/// QueryAiCallDetailPage: every min/max and from/until pair in order.
pub fn detail_page(ctx: &mut Ctx, map: Params, _: Clock) {
    ordered(
        ctx,
        map,
        "MinConversationDuration",
        "MaxConversationDuration",
        true,
    );
    ordered(ctx, map, "StartImportedTime", "EndImportedTime", false);
    ordered(ctx, map, "StartCallingTime", "EndCallingTime", false);
}

/// GetHotlineServiceStatistics: StartDate not after EndDate.
pub fn hotline_statistics(ctx: &mut Ctx, map: Params, _: Clock) {
    ordered(ctx, map, "StartDate", "EndDate", false);
}

/// ImportTaskNumberDatas: JSON needs PhoneNumberList; EXCEL is refused with the reason
/// (the API would need an OSS upload it does not support yet).
pub fn import_numbers(ctx: &mut Ctx, map: Params, _: Clock) {
    match map.get("DataType").and_then(|v| v.as_str()) {
        Some("JSON") if !present(map, "PhoneNumberList") => ctx.report_at(
            "PhoneNumberList",
            Problem::RequiredBecause {
                field: "DataType".into(),
                value: Some("JSON".into()),
            },
            None,
        ),
        Some("EXCEL") => report_at(
            ctx,
            map,
            "DataType",
            Problem::NotSupported {
                reason: Reason::ExcelUnsupported,
            },
        ),
        _ => {}
    }
}

/// GetCallDialogContent: CallDate within the last 30 days of the Beijing calendar.
pub fn dialog_date(ctx: &mut Ctx, map: Params, clock: Clock) {
    call_date_window(ctx, map, clock)
}

/// Each CallTime window: startTime before endTime, whether given as object or JSON text.
fn call_time_order(ctx: &mut Ctx, map: Params) {
    let Some((_, items)) = map.get("CallTime").and_then(|v| v.items()) else {
        return;
    };
    ctx.key("CallTime", |ctx| {
        for (i, item) in items.enumerate() {
            if item.is_object() {
                window_order(ctx, i, item);
            } else if let Some(text) = item.as_str() {
                // A window given as JSON text (the per-item check already said if it is not JSON).
                if let Ok(tape) = Tape::parse(text) {
                    window_order(ctx, i, tape.root());
                }
            }
        }
    });
}

fn window_order(ctx: &mut Ctx, i: usize, obj: Node) {
    let text = |k: &str| obj.get(k).and_then(|v| v.as_str());
    let t = |k: &str| text(k).and_then(|s| Fmt::HourMinuteSecond.parse(s));
    if let (Some(a), Some(b)) = (t("startTime"), t("endTime")) {
        if b <= a {
            let p = Problem::NotAfter {
                other: "startTime".into(),
                other_value: text("startTime").map(String::from),
            };
            ctx.index(i, |c| report_at(c, obj, "endTime", p));
        }
    }
}

fn call_date_window(ctx: &mut Ctx, map: Params, clock: Clock) {
    let Some(v) = map.get("CallDate") else { return };
    let Some((y, m, d)) = v.as_str().and_then(parse_date) else {
        return;
    };
    let day = days_from_civil(y, m, d);
    let today = (clock.now_ms + CST_OFFSET_MS).div_euclid(86_400_000);
    if day > today {
        report_at(ctx, map, "CallDate", Problem::InFuture);
    } else if today - day > DIALOG_DAYS {
        report_at(ctx, map, "CallDate", Problem::TooOld { days: DIALOG_DAYS });
    }
}
