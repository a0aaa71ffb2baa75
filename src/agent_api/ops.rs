//! The Agent API operations, one declaration each.
//!
//! A declaration says where every argument goes (path, query, body), its type and
//! limits, whether the operation is safe to send again, how it pages, how many items
//! one request may carry, and how its answer reads. `build` and `parse` below, the
//! metadata (`crate::meta`), the TypeScript, the client methods and the README rows are
//! all derived from it. Adding an operation is adding an entry to `OPS`.

use super::record_urls::{MAX_RECORD_IDS, RECORD_IDS};
use super::task_update::{self, Variant};
use super::{check_path_ids, Config, MAX_ID_LEN};
use crate::error::Error;
use crate::http::{pct, HttpRequest};
use crate::issue::{LenUnit, Problem};
use crate::schema::{doc, Ctx, Field, Ty};
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum In {
    /// Replaces `{wire}` in the path, percent-encoded.
    Path,
    Query,
    /// A key of the JSON body (the SDK's camelCase argument, the vendor's wire name).
    Body,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    /// PHP brackets: `recordIds[]=a&recordIds[]=b`.
    Brackets,
}

/// One top-level argument of the client method.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    /// The argument's name in the client call (`userId`, `recordIds`).
    pub arg: &'static str,
    /// Its name on the wire (`user_id`, `recordIds[]`, `sub_user_id`).
    pub wire: &'static str,
    pub loc: In,
    pub style: Style,
    pub ty: Ty,
    pub required: bool,
    pub doc: &'static str,
}

#[derive(Debug, Clone, Copy)]
pub enum Body {
    None,
    /// The 2.0 task body, in its `v2` or `legacy` shape (chosen by the `variant` argument).
    Task,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Response {
    /// Success carries nothing the caller needs.
    Unit,
    /// `data.batch_url[]` as `{record_id, voice_url}`.
    RecordUrls,
}

#[derive(Debug)]
pub struct Op {
    /// The client method (`updateTask`).
    pub name: &'static str,
    pub method: &'static str,
    /// With `{wire}` placeholders for the path parameters.
    pub path: &'static str,
    pub summary: &'static str,
    /// Safe to send again after a timeout or a 5xx (only reads are).
    pub idempotent: bool,
    pub paged: bool,
    pub params: &'static [Param],
    pub body: Body,
    /// The argument that takes any count of items, and how many one request carries.
    pub batch: Option<(&'static str, usize)>,
    pub response: Response,
    /// What is checked beyond each argument's own type and limits, in one line (README).
    pub rules: &'static str,
}

const ID: Ty = Ty::Str { min: 1, max: Some(MAX_ID_LEN), unit: LenUnit::Chars };

const fn path(arg: &'static str, wire: &'static str, text: &'static str) -> Param {
    Param { arg, wire, loc: In::Path, style: Style::Plain, ty: ID, required: true, doc: doc(text) }
}

const USER_ID: Param = path("userId", "user_id", "Main account user id.");
const TASK_ID: Param = path("taskId", "task_id", "Task id.");
const fn sub_user(loc: In) -> Param {
    Param { arg: "subUserId", wire: "sub_user_id", loc, style: Style::Plain, ty: ID, required: false, doc: "Sub-account id." }
}

pub const OPS: &[Op] = &[
    Op {
        name: "updateTask",
        method: "PUT",
        path: "/agent-api/new/user/{user_id}/task/{task_id}",
        summary: doc("Update a 2.0 task (v2 or legacy body); the task must be stopped."),
        idempotent: false,
        paged: false,
        params: &[USER_ID, TASK_ID, sub_user(In::Body)],
        body: Body::Task,
        batch: None,
        response: Response::Unit,
        rules: doc("Required fields per variant; `maximumcall` divisible by the number of lines and each line's share within its `limit`; what each `is_group_switch` mode needs; variable groups ≤ 100 with 1–10 unique keywords; `redial_interval` ≤ 60, `redial_max_times` ≤ 3; `da_status` codes 2–12, unique, equal at both depths; date-times and `HH:MM` ranges start before they end; legacy `re_call_time` within 10–11 / 13–22 o'clock; `elasticity_type` vs `end_action`; `line` and `holiday` sent as `[]` when left out; 6007 (task running) explained."),
    },
    Op {
        name: "batchVoiceUrls",
        method: "GET",
        path: "/agent-api/user/{user_id}/task/{task_id}/batch_record/download-full-voice",
        summary: doc("Recording download URLs for record ids (any count; 30 per request)."),
        idempotent: true,
        paged: false,
        params: &[
            USER_ID,
            TASK_ID,
            Param {
                arg: "recordIds",
                wire: "recordIds[]",
                loc: In::Query,
                style: Style::Brackets,
                ty: Ty::List(&RECORD_IDS),
                required: true,
                doc: doc("1 to 30 distinct record ids per request."),
            },
            sub_user(In::Query),
        ],
        body: Body::None,
        batch: Some(("recordIds", MAX_RECORD_IDS)),
        response: Response::RecordUrls,
        rules: doc("Any count of ids, de-duplicated, sent 30 per request with bounded concurrency; an id that 50051 / 50061 names is failed alone and the rest asked again; every id ends in `urls` or `failed`."),
    },
];

/// Arguments that steer the SDK rather than the request; never sent.
pub const SDK_OPTIONS: &[&str] = &["variant", "locale", "signal", "onProgress", "concurrency"];

pub fn find(name: &str) -> Option<&'static Op> {
    OPS.iter().find(|op| op.name == name)
}

/// The fields of a body shape, for metadata and TypeScript.
pub fn body_fields(variant: Variant) -> &'static [Field] {
    task_update::fields(variant)
}

/// A path id as text: a string, or a safe integer (ids typed as numbers by callers).
fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) if n.as_u64().is_some_and(|x| x <= crate::schema::MAX_SAFE as u64) => Some(n.to_string()),
        _ => None,
    }
}

/// Every issue of `args` for `op`, all at once.
pub fn validate(op: &Op, args: &Value, variant: Variant, ctx: &mut Ctx) {
    validate_except(op, args, variant, None, ctx)
}

/// As `validate`, leaving out the argument `skip` (a batch's items, planned apart).
fn validate_except(op: &Op, args: &Value, variant: Variant, skip: Option<&str>, ctx: &mut Ctx) {
    for p in op.params.iter().filter(|p| Some(p.arg) != skip) {
        let v = args.get(p.arg).filter(|v| !v.is_null());
        match (p.loc, v) {
            (_, None) if p.required => ctx.report_at(p.arg, Problem::Required, None),
            (_, None) => {}
            (In::Path, Some(v)) => match id_text(v) {
                Some(s) => check_path_ids(ctx, &[(p.arg, &s)]),
                None => ctx.report_at(p.arg, Problem::InvalidType { expected: crate::issue::Expected::Str }, Some(v)),
            },
            (_, Some(v)) => ctx.key(p.arg, |c| c.check(&p.ty, v)),
        }
    }
    if let Some(map) = args.as_object() {
        let known = |k: &str| op.params.iter().any(|p| p.arg == k) || SDK_OPTIONS.contains(&k) || (k == "body" && !matches!(op.body, Body::None));
        for key in map.keys().filter(|k| !known(k)) {
            let names = op.params.iter().map(|p| p.arg).chain(SDK_OPTIONS.iter().copied());
            let hint = crate::aiccs::ops::suggest(key, names).map(|s| crate::issue::Hint::DidYouMean(s.to_string()));
            ctx.report_at(key, Problem::UnknownField { hint }, None);
        }
    }
    if let Body::Task = op.body {
        match args.get("body") {
            None | Some(Value::Null) => ctx.report_at("body", Problem::Required, None),
            Some(body) => ctx.issues.extend(task_update::validate(body, variant, ctx.locale)),
        }
    }
}

/// The request for `op` with `args` (`{ userId, taskId, body, ... }`), validated first.
pub fn build(cfg: &Config, op: &Op, args: &Value, variant: Variant) -> Result<HttpRequest, Error> {
    let mut ctx = Ctx::new(cfg.locale);
    validate(op, args, variant, &mut ctx);
    if !ctx.issues.is_empty() {
        return Err(Error::validation(ctx.issues, cfg.locale));
    }
    let mut url = format!("{}{}", cfg.base_url, op.path);
    let mut query: Vec<String> = Vec::new();
    let mut body = match op.body {
        Body::Task => args.get("body").map(task_update::normalize),
        Body::None => None,
    };
    for p in op.params {
        let Some(v) = args.get(p.arg).filter(|v| !v.is_null()) else { continue };
        match p.loc {
            In::Path => url = url.replace(&format!("{{{}}}", p.wire), &pct(&id_text(v).unwrap_or_default())),
            In::Query => match (p.style, v) {
                (Style::Brackets, Value::Array(items)) => {
                    query.extend(items.iter().map(|i| format!("{}={}", pct(p.wire), pct(&scalar(i)))));
                }
                _ => query.push(format!("{}={}", pct(p.wire), pct(&scalar(v)))),
            },
            In::Body => {
                if let Some(Value::Object(obj)) = body.as_mut() {
                    obj.insert(p.wire.to_string(), v.clone());
                }
            }
        }
    }
    if !query.is_empty() {
        url.push('?');
        url.push_str(&query.join("&"));
    }
    Ok(HttpRequest { method: op.method, url, headers: cfg.headers(body.is_some()), body: body.map(|b| b.to_string()) })
}

/// The batch run for `args` of a batched operation: the other arguments are checked as
/// usual, the items planned (any count, de-duplicated). All problems at once. The items
/// are taken out of `args`, so what each request copies is only the rest.
pub fn plan_batch(op: &Op, args: &mut Value, locale: crate::Locale) -> Result<crate::policy::batch::RecordUrlBatch, Vec<crate::Issue>> {
    let mut ctx = Ctx::new(locale);
    let (arg, per_request) = op.batch.unwrap_or(("", 1));
    validate_except(op, args, Variant::V2, Some(arg), &mut ctx);
    let items = args.as_object_mut().and_then(|m| m.remove(arg)).unwrap_or(Value::Null);
    match crate::policy::batch::RecordUrlBatch::plan(&items, per_request, locale) {
        Ok(run) if ctx.issues.is_empty() => Ok(run),
        Ok(_) => Err(ctx.issues),
        Err(more) => {
            ctx.issues.extend(more);
            Err(ctx.issues)
        }
    }
}

/// `args` with the batch argument replaced by one request's items.
pub fn with_items(op: &Op, args: &Value, items: &[String]) -> Value {
    let mut out = args.clone();
    if let (Some((arg, _)), Some(obj)) = (op.batch, out.as_object_mut()) {
        obj.insert(arg.to_string(), Value::Array(items.iter().cloned().map(Value::String).collect()));
    }
    out
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The answer of `op` as a JSON value (`null` for `Response::Unit`).
pub fn parse(op: &Op, status: u16, body: &str, locale: crate::Locale) -> Result<Value, Error> {
    use super::response::{parse_batch_voice_urls, parse_update_task};
    match op.response {
        Response::Unit => parse_update_task(status, body, locale).map(|_| Value::Null),
        Response::RecordUrls => parse_batch_voice_urls(status, body, locale).map(|v| serde_json::to_value(v).unwrap_or(Value::Null)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Locale;
    use serde_json::json;

    #[test]
    fn every_path_placeholder_has_a_path_param_and_back() {
        for op in OPS {
            for p in op.params.iter().filter(|p| p.loc == In::Path) {
                assert!(op.path.contains(&format!("{{{}}}", p.wire)), "{} {}", op.name, p.wire);
            }
            let placeholders = op.path.matches('{').count();
            assert_eq!(placeholders, op.params.iter().filter(|p| p.loc == In::Path).count(), "{}", op.name);
            assert!(matches!(op.method, "GET" | "POST" | "PUT" | "DELETE"));
            // Only reads are declared safe to repeat.
            assert!(!op.idempotent || op.method == "GET", "{}", op.name);
            if let Some((arg, _)) = op.batch {
                assert!(op.params.iter().any(|p| p.arg == arg), "{}", op.name);
            }
        }
    }

    #[test]
    fn a_batch_plan_takes_the_items_out_of_the_arguments() {
        // Each request copies the remaining arguments: were the items left in, every
        // request would copy all of them (quadratic in the count).
        let cfg = Config::new("t", Some("http://h"), Locale::En).unwrap();
        let op = find("batchVoiceUrls").unwrap();
        let ids: Vec<String> = (0..200_000).map(|i| format!("r{i}")).collect();
        let mut args = json!({"userId": "u", "taskId": "t", "recordIds": ids, "subUserId": "s"});
        let mut run = plan_batch(op, &mut args, Locale::En).unwrap();
        assert_eq!(args, json!({"userId": "u", "taskId": "t", "subUserId": "s"}));
        let mut requests = 0;
        while let Some((t, ids)) = run.next_request() {
            let req = build(&cfg, op, &with_items(op, &args, ids), Variant::V2).unwrap();
            assert!(req.url.ends_with("&sub_user_id=s"));
            requests += 1;
            run.on_answer(t, Ok(vec![]));
        }
        assert_eq!(requests, 6_667);
        assert_eq!(run.progress().failed, 200_000); // answers named no id: none lost
    }

    #[test]
    fn batch_plans_report_argument_and_item_problems_together() {
        let op = find("batchVoiceUrls").unwrap();
        let mut args = json!({"taskId": "", "recordIds": ["a", ""], "recordId": 1});
        let issues = plan_batch(op, &mut args, Locale::En).unwrap_err();
        let got: Vec<_> = issues.iter().map(|i| (i.path.as_str(), i.code.as_str())).collect();
        assert_eq!(got, [("userId", "required"), ("taskId", "required"), ("recordId", "unknown_field"), ("recordIds[1]", "too_small")]);
    }

    #[test]
    fn numbers_are_accepted_as_path_ids() {
        let cfg = Config::new("t", Some("http://h"), Locale::En).unwrap();
        let op = find("batchVoiceUrls").unwrap();
        let req = build(&cfg, op, &json!({"userId": 12, "taskId": "t", "recordIds": ["a"]}), Variant::V2).unwrap();
        assert_eq!(req.url, "http://h/agent-api/user/12/task/t/batch_record/download-full-voice?recordIds%5B%5D=a");
        let err = build(&cfg, op, &json!({"userId": true, "recordIds": ["a"]}), Variant::V2).unwrap_err();
        let paths: Vec<_> = err.issues.unwrap().into_iter().map(|i| (i.path, i.code)).collect();
        assert_eq!(paths, [("userId".into(), "invalid_type".into()), ("taskId".into(), "required".into())]);
    }
}
