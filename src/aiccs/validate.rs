//! Validation of aiccs parameters: the per-parameter shapes of the operation table, plus
//! the rules that relate parameters (written here, once, per operation).

use super::ops::{self, Op, Param, Style};
use crate::issue::{Expected, Hint, Issue, Locale, Problem};
use crate::json::tape::{Node, Tape};
use crate::json::{Json, Kind as JsonKind};
use crate::schema::{Ctx, Field, Ty};
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
    validate_given(action, params, locale, clock).0
}

/// `validate_json`, also handing back the value given for each declared parameter (see
/// `given`): the request builder encodes from it without matching names again.
pub fn validate_given<'a>(
    action: &str,
    params: Node<'a>,
    locale: Locale,
    clock: Clock,
) -> (Vec<Issue>, Vec<Option<Node<'a>>>) {
    let mut ctx = Ctx::new(locale);
    ctx.null_is_absent = true;
    let Some(op) = ops::find(action) else {
        let hint = ops::suggest(action, ops::all().map(|o| o.name)).map(String::from);
        return (
            vec![Problem::UnknownAction { hint }.issue(
                locale,
                "action",
                Some(&Value::String(action.to_string())),
            )],
            vec![],
        );
    };
    match params.kind() {
        JsonKind::Null | JsonKind::Object => {}
        _ => {
            ctx.report_got(
                Problem::InvalidType {
                    expected: Expected::Object,
                },
                Some(params.got()),
            );
            return (ctx.issues, vec![]);
        }
    }
    // `null` params are no params: nothing given, every member absent.
    let values = given(op, params);
    check_params(&mut ctx, op, params, &values);
    if let Some(rule) = op.rule {
        let empty = Tape::of_map(&Map::new());
        rule(
            &mut ctx,
            if params.is_null() {
                empty.root()
            } else {
                params
            },
            clock,
        );
    }
    (ctx.issues, values)
}

/// The value given for each declared parameter of `op`, in declaration order. Of a
/// repeated key the last counts, as in serde_json's map.
pub fn given<'a, J: Json<'a>>(op: &Op, params: J) -> Vec<Option<J>> {
    let mut given: Vec<Option<J>> = vec![None; op.params.len()];
    for (key, v) in params.members().into_iter().flatten() {
        // Declarations are sorted by name (a test holds every operation to it).
        if let Ok(i) = op.params.binary_search_by(|p| p.name.cmp(key)) {
            given[i] = Some(v);
        }
    }
    given
}

fn check_params(ctx: &mut Ctx, op: &Op, params: Node, given: &[Option<Node>]) {
    for (param, &v) in op.params.iter().zip(given) {
        match v {
            // A required parameter given as "" (or only spaces) is missing on the wire
            // (`InstanceId=`), whatever its type says: what a form's empty input gives.
            // Said as an empty task name is ("must not be empty", too_small), in both APIs.
            Some(v) if param.required && v.as_str().is_some_and(|s| s.trim().is_empty()) => {
                ctx.key(param.name, |c| c.report(Problem::TooShort { min: 1 }, None));
            }
            Some(v) if !v.is_null() => {
                ctx.text_wire = param.style != Style::Json;
                ctx.key(param.name, |c| c.check(param.ty, v));
                ctx.text_wire = false;
                // A flat (`repeatList`) value is one wire parameter per item: an empty list
                // or object puts nothing on the wire, and a required parameter would go
                // missing. (The wire spec says required, the models no minimum: refused.)
                // (Only a value of the declared kind: another is refused as such already.)
                let fits = if matches!(param.ty, Ty::List(_) | Ty::AnyList) {
                    v.items().is_some()
                } else {
                    v.members().is_some()
                };
                if param.required
                    && param.style == Style::Flat
                    && fits
                    && !super::encode::flat_writes(v)
                {
                    // `[]` has too few items; `[{}]` or `{}` has items, none with a field.
                    match v.items() {
                        Some((0, _)) => {
                            ctx.report_at(param.name, Problem::TooFewItems { min: 1 }, None)
                        }
                        Some(_) => ctx.key(param.name, |c| {
                            c.index(0, |c| c.report(Problem::NothingToSend, None))
                        }),
                        None => ctx.report_at(param.name, Problem::NothingToSend, None),
                    }
                }
            }
            _ => {
                if param.required {
                    ctx.report_at(param.name, Problem::Required, None);
                }
            }
        }
    }
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (key, _) in params.members().into_iter().flatten() {
        if op.params.binary_search_by(|p| p.name.cmp(key)).is_err() && seen.insert(key, 0).is_none()
        {
            let hint = Some(unknown_hint(op, key));
            ctx.report_at(key, Problem::UnknownField { hint }, None);
        }
    }
}

fn unknown_hint(op: &Op, key: &str) -> Hint {
    match ops::suggest(key, op.params.iter().map(|p| p.name)) {
        Some(s) => Hint::DidYouMean(s.to_string()),
        None => Hint::NotTakenBy(op.name.to_string()),
    }
}

/// The issue of a parameter JSON leaves out (a function or a symbol: `JSON.stringify` drops
/// the key, so the core never sees it): not JSON when `action` takes it (else it would be
/// called missing), unknown otherwise (else it would pass unnoticed).
pub fn dropped_param(action: &str, key: &str, locale: Locale) -> Issue {
    let problem = match ops::find(action) {
        Some(op) if op.params.binary_search_by(|p| p.name.cmp(key)).is_err() => {
            Problem::UnknownField {
                hint: Some(unknown_hint(op, key)),
            }
        }
        _ => Problem::NotSupported {
            reason: crate::issue::Reason::NotJson,
        },
    };
    problem.issue(locale, key, None)
}

/// The params of `op` as `Field`s, for the generated TypeScript.
pub fn fields_of(op: &Op) -> Vec<Field> {
    op.params
        .iter()
        .map(|p: &Param| Field {
            name: p.name,
            ty: p.ty,
            required: p.required,
            secret: false,
            doc: p.doc,
        })
        .collect()
}
