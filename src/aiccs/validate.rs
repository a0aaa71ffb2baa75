//! Validation of aiccs parameters: the per-parameter shapes of the operation table, plus
//! the rules that relate parameters (written here, once, per operation).

use super::ops::{self, Op, Param};
use crate::issue::{Expected, Hint, Issue, Locale, Problem};
use crate::schema::{Ctx, Field};
use crate::json::tape::{Node, Tape};
use crate::json::{Json, Kind as JsonKind};
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
pub const CST_OFFSET_MS: i64 = 8 * 3600 * 1000;

/// Every issue of `params` for `action`, all at once.
pub fn validate(action: &str, params: &Value, locale: Locale, clock: Clock) -> Vec<Issue> {
    let tape = Tape::of_value(params);
    validate_json(action, tape.root(), locale, clock)
}

/// `validate` of params read from JSON text (the wasm entry: no `Value` is built).
pub fn validate_json(action: &str, params: Node, locale: Locale, clock: Clock) -> Vec<Issue> {
    let mut ctx = Ctx::new(locale);
    ctx.null_is_absent = true;
    let Some(op) = ops::find(action) else {
        let hint = ops::suggest(action, ops::all().map(|o| o.name)).map(String::from);
        return vec![Problem::UnknownAction { hint }.issue(locale, "action", Some(&Value::String(action.to_string())))];
    };
    let empty = Tape::of_map(&Map::new());
    let params = match params.kind() {
        JsonKind::Null => empty.root(),
        JsonKind::Object => params,
        _ => {
            ctx.report_got(Problem::InvalidType { expected: Expected::Object }, Some(params.got()));
            return ctx.issues;
        }
    };
    check_params(&mut ctx, op, params);
    if let Some(rule) = op.rule {
        rule(&mut ctx, params, clock);
    }
    ctx.issues
}

fn check_params(ctx: &mut Ctx, op: &Op, params: Node) {
    let mut given: Vec<Option<Node>> = vec![None; op.params.len()];
    for (key, v) in params.members().into_iter().flatten() {
        // A repeated key: the last counts, as in serde_json's map.
        if let Some(i) = op.params.iter().position(|p| p.name == key) {
            given[i] = Some(v);
        }
    }
    for (param, v) in op.params.iter().zip(given) {
        match v {
            Some(v) if !v.is_null() => ctx.key(param.name, |c| c.check(param.ty, v)),
            _ => {
                if param.required {
                    ctx.report_at(param.name, Problem::Required, None);
                }
            }
        }
    }
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (key, _) in params.members().into_iter().flatten() {
        if op.params.iter().all(|p| p.name != key) && seen.insert(key, 0).is_none() {
            let hint = match ops::suggest(key, op.params.iter().map(|p| p.name)) {
                Some(s) => Hint::DidYouMean(s.to_string()),
                None => Hint::NotTakenBy(op.name.to_string()),
            };
            let hint = Some(hint);
            ctx.report_at(key, Problem::UnknownField { hint }, None);
        }
    }
}

/// The params of `op` as `Field`s, for the generated TypeScript.
pub fn fields_of(op: &Op) -> Vec<Field> {
    op.params.iter().map(|p: &Param| Field { name: p.name, ty: p.ty, required: p.required, doc: p.doc }).collect()
}
