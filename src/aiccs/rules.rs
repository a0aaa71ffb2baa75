//! Rules that relate several parameters of one aiccs operation. Each is named in its
//! operation's declaration (`ops.rs`, field `rule`), next to a one-line summary that the
//! README shows; `validate` runs it after the per-parameter checks.

use super::validate::{Clock, CST_OFFSET_MS, DIALOG_DAYS};
use crate::issue::{Problem, Reason};
use crate::schema::{days_from_civil, get, parse_date, Ctx, Fmt};
use serde_json::{Map, Value};

fn int_of(map: &Map<String, Value>, key: &str) -> Option<i64> {
    crate::schema::int_value(map.get(key)?, true).ok().flatten()
}

fn present(map: &Map<String, Value>, key: &str) -> bool {
    map.get(key).is_some_and(|v| !v.is_null())
}

/// `lo` must not be after `hi` (both optional).
fn ordered(ctx: &mut Ctx, map: &Map<String, Value>, lo: &str, hi: &str) {
    if let (Some(a), Some(b)) = (int_of(map, lo), int_of(map, hi)) {
        if b < a {
            ctx.report_at(hi, Problem::NotAfter { other: lo.into(), other_value: Some(a.to_string()) }, map.get(hi));
        }
    }
}

/// CreateAiCallTask, UpdateAiCallTask: a scheduled start needs a time in the future;
/// every CallTime window starts before it ends.
pub fn task_settings(ctx: &mut Ctx, map: &Map<String, Value>, clock: Clock) {
    if map.get("StartType").and_then(|v| v.as_str()) == Some("SCHEDULE") {
        match int_of(map, "TaskStartTime") {
            None if !present(map, "TaskStartTime") => ctx.report_at(
                "TaskStartTime",
                Problem::RequiredBecause { field: "StartType".into(), value: Some("SCHEDULE".into()) },
                None,
            ),
            // A scheduled start that has already passed would never fire.
            Some(ms) if ms <= clock.now_ms => ctx.report_at("TaskStartTime", Problem::InPast, map.get("TaskStartTime")),
            _ => {}
        }
    }
    call_time_order(ctx, map);
}

/// CancelAiCallDetails: PhoneNumbers only mean something together with a BatchId.
pub fn cancel_details(ctx: &mut Ctx, map: &Map<String, Value>, _: Clock) {
    if present(map, "PhoneNumbers") && !present(map, "BatchId") && !present(map, "DetailIdList") {
        ctx.report_at("BatchId", Problem::RequiredBecause { field: "PhoneNumbers".into(), value: None }, None);
    }
}

/// QueryAiCallDetailPage: every min/max and from/until pair in order.
pub fn detail_page(ctx: &mut Ctx, map: &Map<String, Value>, _: Clock) {
    ordered(ctx, map, "MinConversationDuration", "MaxConversationDuration");
    ordered(ctx, map, "StartImportedTime", "EndImportedTime");
    ordered(ctx, map, "StartCallingTime", "EndCallingTime");
}

/// GetHotlineServiceStatistics: StartDate not after EndDate.
pub fn hotline_statistics(ctx: &mut Ctx, map: &Map<String, Value>, _: Clock) {
    ordered(ctx, map, "StartDate", "EndDate");
}

/// ImportTaskNumberDatas: JSON needs PhoneNumberList; EXCEL is refused with the reason
/// (the API would need an OSS upload it does not support yet).
pub fn import_numbers(ctx: &mut Ctx, map: &Map<String, Value>, _: Clock) {
    match map.get("DataType").and_then(|v| v.as_str()) {
        Some("JSON") if !present(map, "PhoneNumberList") => ctx.report_at(
            "PhoneNumberList",
            Problem::RequiredBecause { field: "DataType".into(), value: Some("JSON".into()) },
            None,
        ),
        Some("EXCEL") => ctx.report_at("DataType", Problem::NotSupported { reason: Reason::ExcelUnsupported }, map.get("DataType")),
        _ => {}
    }
}

/// GetCallDialogContent: CallDate within the last 30 days of the Beijing calendar.
pub fn dialog_date(ctx: &mut Ctx, map: &Map<String, Value>, clock: Clock) {
    call_date_window(ctx, map, clock)
}

/// Each CallTime window: startTime before endTime, whether given as object or JSON text.
fn call_time_order(ctx: &mut Ctx, map: &Map<String, Value>) {
    let Some(items) = map.get("CallTime").and_then(|v| v.as_array()) else { return };
    ctx.key("CallTime", |ctx| {
        for (i, item) in items.iter().enumerate() {
            let obj = match item {
                Value::String(s) => serde_json::from_str::<Value>(s).ok(),
                Value::Object(_) => Some(item.clone()),
                _ => None,
            };
            let Some(obj) = obj else { continue };
            let t = |k: &str| get(&obj, &[k]).and_then(|v| v.as_str()).and_then(|s| Fmt::HourMinuteSecond.parse(s));
            if let (Some(a), Some(b)) = (t("startTime"), t("endTime")) {
                if b <= a {
                    let other_value = get(&obj, &["startTime"]).and_then(|v| v.as_str()).map(String::from);
                    let p = Problem::NotAfter { other: "startTime".into(), other_value };
                    ctx.index(i, |c| c.report_at("endTime", p, get(&obj, &["endTime"])));
                }
            }
        }
    });
}

fn call_date_window(ctx: &mut Ctx, map: &Map<String, Value>, clock: Clock) {
    let Some(v) = map.get("CallDate") else { return };
    let Some((y, m, d)) = v.as_str().and_then(parse_date) else { return };
    let day = days_from_civil(y, m, d);
    let today = (clock.now_ms + CST_OFFSET_MS).div_euclid(86_400_000);
    if day > today {
        ctx.report_at("CallDate", Problem::InFuture, Some(v));
    } else if today - day > DIALOG_DAYS {
        ctx.report_at("CallDate", Problem::TooOld { days: DIALOG_DAYS }, Some(v));
    }
}

