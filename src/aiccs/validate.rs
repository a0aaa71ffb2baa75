//! Validation of aiccs parameters: the per-parameter shapes of the operation table, plus
//! the rules that relate parameters (written here, once, per operation).

use super::ops::{self, Op, Param};
use crate::issue::{Expected, Hint, Issue, Locale, Problem, Reason};
use crate::schema::{days_from_civil, get, parse_date, Ctx, Field, Fmt};
use serde_json::{Map, Value};

/// What "today" is for rules that depend on the date (CallDate within 30 days).
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    /// Milliseconds since the Unix epoch.
    pub now_ms: i64,
}

/// GetCallDialogContent only serves the last 30 days.
pub const DIALOG_DAYS: i64 = 30;
/// The service's calendar is China Standard Time (UTC+8): a call made at 07:00 on the
/// 6th in Beijing is dated the 6th even though it is still the 5th in UTC.
const CST_OFFSET_MS: i64 = 8 * 3600 * 1000;

/// Every issue of `params` for `action`, all at once.
pub fn validate(action: &str, params: &Value, locale: Locale, clock: Clock) -> Vec<Issue> {
    let mut ctx = Ctx::new(locale);
    ctx.null_is_absent = true;
    let Some(op) = ops::find(action) else {
        let hint = ops::suggest(action, ops::OPS.iter().map(|o| o.name)).map(String::from);
        return vec![Problem::UnknownAction { hint }.issue(locale, "action", Some(&Value::String(action.to_string())))];
    };
    let empty = Map::new();
    let map = match params {
        Value::Null => &empty,
        Value::Object(m) => m,
        other => {
            ctx.report(Problem::InvalidType { expected: Expected::Object }, Some(other));
            return ctx.issues;
        }
    };
    check_params(&mut ctx, op, map);
    rules(&mut ctx, op, map, clock);
    ctx.issues
}

fn check_params(ctx: &mut Ctx, op: &Op, map: &Map<String, Value>) {
    for param in op.params {
        match map.get(param.name) {
            None | Some(Value::Null) => {
                if param.required {
                    ctx.report_at(param.name, Problem::Required, None);
                }
            }
            Some(v) => ctx.key(param.name, |c| c.check(&param.ty, v)),
        }
    }
    for key in map.keys() {
        if op.params.iter().all(|p| p.name != key) {
            let hint = match ops::suggest(key, op.params.iter().map(|p| p.name)) {
                Some(s) => Hint::DidYouMean(s.to_string()),
                None => Hint::NotTakenBy(op.name.to_string()),
            };
            let hint = Some(hint);
            ctx.report_at(key, Problem::UnknownField { hint }, None);
        }
    }
}

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

fn rules(ctx: &mut Ctx, op: &Op, map: &Map<String, Value>, clock: Clock) {
    match op.name {
        "CreateAiCallTask" | "UpdateAiCallTask" => {
            if map.get("StartType").and_then(|v| v.as_str()) == Some("SCHEDULE") {
                match int_of(map, "TaskStartTime") {
                    None if !present(map, "TaskStartTime") => {
                        ctx.report_at("TaskStartTime", Problem::RequiredBecause { field: "StartType".into(), value: Some("SCHEDULE".into()) }, None)
                    }
                    // A scheduled start that has already passed would never fire.
                    Some(ms) if ms <= clock.now_ms => ctx.report_at("TaskStartTime", Problem::InPast, map.get("TaskStartTime")),
                    _ => {}
                }
            }
            call_time_order(ctx, map);
        }
        "CancelAiCallDetails" => {
            // PhoneNumbers only mean something together with a BatchId.
            if present(map, "PhoneNumbers") && !present(map, "BatchId") && !present(map, "DetailIdList") {
                ctx.report_at("BatchId", Problem::RequiredBecause { field: "PhoneNumbers".into(), value: None }, None);
            }
        }
        "QueryAiCallDetailPage" => {
            ordered(ctx, map, "MinConversationDuration", "MaxConversationDuration");
            ordered(ctx, map, "StartImportedTime", "EndImportedTime");
            ordered(ctx, map, "StartCallingTime", "EndCallingTime");
        }
        "GetHotlineServiceStatistics" => ordered(ctx, map, "StartDate", "EndDate"),
        "ImportTaskNumberDatas" => match map.get("DataType").and_then(|v| v.as_str()) {
            Some("JSON") if !present(map, "PhoneNumberList") => {
                ctx.report_at("PhoneNumberList", Problem::RequiredBecause { field: "DataType".into(), value: Some("JSON".into()) }, None)
            }
            Some("EXCEL") => {
                ctx.report_at("DataType", Problem::NotSupported { reason: Reason::ExcelUnsupported }, map.get("DataType"));
            }
            _ => {}
        },
        "GetCallDialogContent" => call_date_window(ctx, map, clock),
        _ => {}
    }
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

/// The params of `op` as `Field`s, for the generated TypeScript.
pub fn fields_of(op: &Op) -> Vec<Field> {
    op.params.iter().map(|p: &Param| Field { name: p.name, ty: p.ty, required: p.required, doc: p.doc }).collect()
}
