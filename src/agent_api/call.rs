//! One Agent API call from its declaration (`ops.rs`): validate the arguments, build the
//! request, read the answer; plan a batch for operations that take any count of items;
//! decide the next page of a list. Pure functions of values.

use super::check_path_ids;
use super::ops::{is_sdk_option, BatchKind, Body, In, Op, Response, Style, SDK_OPTIONS};
use super::response::{envelope, parse_batch_voice_urls, parse_update_task};
use super::task_update::{self, Variant};
use super::Config;
use crate::error::Error;
use crate::http::{pct, HttpRequest};
use crate::issue::{Expected, Hint, Problem};
use crate::policy::batch::{RecordUrlBatch, RowBatch, Run};
use crate::policy::{page_number as number, Cut, Stop};
use crate::schema::{Ctx, Ty};
use crate::Locale;
use serde_json::{Map, Value};

/// A path id as text: a string, or a safe integer (ids typed as numbers by callers).
fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n)
            if n.as_u64()
                .is_some_and(|x| x <= crate::schema::MAX_SAFE as u64) =>
        {
            Some(n.to_string())
        }
        _ => None,
    }
}

/// Every issue of `args` for `op`, all at once (one request: at most `per_request` items).
pub fn validate(op: &Op, args: &Value, variant: Variant, ctx: &mut Ctx) {
    validate_args(op, args, variant, false, ctx);
    if let Some(b) = op.batch.filter(|b| b.kind == BatchKind::Rows) {
        let n = items_at(args, b.param)
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        if n > b.per_request {
            let p = Problem::TooManyItems {
                max: b.per_request,
                got: n,
            };
            ctx.issues
                .push(p.issue(ctx.locale, &format!("{}[{}]", b.param, b.per_request), None));
        }
    }
}

/// Every issue the client method of `op` (`api.addNumbers(args)`, `api.call(name, args)`)
/// would refuse `args` with, nothing built or sent: a batched operation's items as the batch
/// planner takes them (any count; repeated phones refused, repeated record ids merged),
/// any other operation as one request.
pub fn check(op: &Op, args: &Value, variant: Variant, locale: Locale) -> Vec<crate::Issue> {
    let mut ctx = Ctx::new(locale);
    match op.batch {
        // `plan_batch`'s checks without planning (the validators-only wasm has no planner).
        Some(b) => {
            validate_args(op, args, variant, true, &mut ctx);
            if b.kind == BatchKind::RecordIds {
                let ids = items_at(args, b.param).unwrap_or(&Value::Null);
                if let Err(more) = RecordUrlBatch::unique_ids(ids, locale) {
                    ctx.issues.extend(more);
                }
            }
        }
        None => validate(op, args, variant, &mut ctx),
    }
    hide_secrets(op, args, &mut ctx.issues);
    ctx.issues
}

/// Where `check` names the issues inside argument `arg`: under the argument's name, except
/// a task body, whose issues are named as `validateTaskUpdate` names them (`name`,
/// `task_extras.line[0].limit`). The edge names what it finds itself the same way.
pub fn issue_root<'k>(op: Option<&Op>, arg: &'k str) -> &'k str {
    if arg == "body" && op.is_some_and(|op| matches!(op.body, Body::Task)) {
        ""
    } else {
        arg
    }
}

/// The arguments checked field by field; with `batching`, the batch's items are left to
/// the planner (any count).
fn validate_args(op: &Op, args: &Value, variant: Variant, batching: bool, ctx: &mut Ctx) {
    let skip = op
        .batch
        .filter(|b| batching && b.kind == BatchKind::RecordIds)
        .map(|b| b.param);
    for p in op.params.iter().filter(|p| Some(p.arg) != skip) {
        let v = args.get(p.arg).filter(|v| !v.is_null());
        match (p.loc, v) {
            (_, None) if p.required => ctx.report_at(p.arg, Problem::Required, None),
            (_, None) => {}
            (In::Path, Some(v)) => match id_text(v) {
                Some(s) => check_path_ids(ctx, &[(p.arg, &s)]),
                // A whole number past 2^53 has lost digits already: say to pass it as text.
                None if v.as_f64().is_some_and(|x| x.fract() == 0.0 && x > 0.0) => {
                    ctx.report_at(p.arg, Problem::UnsafeInteger, Some(v))
                }
                // (What `id_text` takes.)
                None => ctx.report_at(
                    p.arg,
                    Problem::InvalidType {
                        expected: Expected::StrOrUint,
                    },
                    Some(v),
                ),
            },
            (_, Some(v)) => ctx.key(p.arg, |c| c.check_value(&p.ty, v)),
        }
    }
    unknown_args(op, args, ctx);
    if !op.query.is_empty() {
        let empty = Value::Object(Map::new());
        let q = args.get("query").filter(|v| !v.is_null()).unwrap_or(&empty);
        ctx.text_wire = true;
        ctx.key("query", |c| c.check_value(&Ty::Obj(op.query), q));
        ctx.text_wire = false;
    }
    match (op.body, args.get("body").filter(|v| !v.is_null())) {
        (Body::None, _) => {}
        (_, None) => ctx.report_at("body", Problem::Required, None),
        // The task rules report at the body's own fields; a body that is no object at all
        // is reported at `body` (as the other endpoints do), not as the whole request.
        (Body::Task, Some(body)) if !body.is_object() => {
            ctx.key("body", |c| c.check_value(&Ty::Map, body))
        }
        (Body::Task, Some(body)) => ctx
            .issues
            .extend(task_update::validate(body, variant, ctx.locale)),
        (Body::Fields(fields), Some(body)) => ctx.key("body", |c| {
            // A body that is not an object (JSON text, say) may hold the password: not shown.
            let hide = c.hide;
            c.hide |= !body.is_object() && fields.iter().any(|f| f.secret);
            c.check_value(&Ty::Obj(fields), body);
            c.hide = hide;
        }),
    }
    if matches!(op.body, Body::Task) {
        body_given_twice(op, args, ctx);
    }
    if let Some(rule) = op.rule {
        rule(ctx, args);
    }
}

/// `subUserId` is sent as the body's `sub_user_id`, and a task body may hold one too (the
/// seed documents it there). Two different ones are refused: the body's would be lost.
fn body_given_twice(op: &Op, args: &Value, ctx: &mut Ctx) {
    let Some(body) = args.get("body").and_then(Value::as_object) else {
        return;
    };
    for p in op.params.iter().filter(|p| p.loc == In::Body) {
        let given = |v: Option<&Value>| v.filter(|v| !v.is_null()).and_then(id_text);
        let (Some(arg), Some(inside)) = (given(args.get(p.arg)), given(body.get(p.wire))) else {
            continue;
        };
        if arg != inside {
            let problem = Problem::Differ {
                other: p.arg.to_string(),
                ours: crate::json::shown(&body[p.wire]),
                theirs: crate::json::shown(&args[p.arg]),
            };
            // Named as the task body's other issues are (`issue_root`).
            ctx.issues.push(problem.issue(ctx.locale, p.wire, None));
        }
    }
}

/// Arguments `op` does not take: each gets the nearest name `op` takes, if one is near, else
/// (a name another operation or the SDK takes) that `op` does not take it.
/// Whether `op` takes the argument `key` (a parameter, `body`, `query` or an SDK option).
pub fn takes(op: &Op, key: &str) -> bool {
    op.params.iter().any(|p| p.arg == key)
        || is_sdk_option(Some(op), key)
        || (key == "body" && !matches!(op.body, Body::None))
        || (key == "query" && !op.query.is_empty())
}

/// A vendor field of `op`'s query or body given as an argument of its own (`{ userId, page }`
/// for `{ userId, query: { page } }`): the likeliest first mistake, and not a misspelling.
/// With `fuzzy`, a near name counts too (`perPage` → `query.per_page`).
fn misplaced(op: &Op, key: &str, fuzzy: bool) -> Option<Hint> {
    let find = |fields: &'static [crate::schema::Field]| -> Option<&'static str> {
        match fields.iter().find(|f| f.name == key) {
            Some(f) => Some(f.name),
            None if fuzzy => crate::aiccs::ops::suggest(key, fields.iter().map(|f| f.name)),
            None => None,
        }
    };
    let (arg, name) = if let Some(n) = find(op.query) {
        ("query", n)
    } else {
        match op.body {
            Body::Fields(fields) => ("body", find(fields)?),
            Body::Task => (
                "body",
                find(task_update::V2_FIELDS).or_else(|| find(task_update::LEGACY_FIELDS))?,
            ),
            Body::None => return None,
        }
    };
    Some(Hint::Under(arg, format!("{arg}.{name}")))
}

fn unknown_args(op: &Op, args: &Value, ctx: &mut Ctx) {
    let Some(map) = args.as_object() else { return };
    let known = |k: &str| takes(op, k);
    for key in map.keys().filter(|k| !known(k)) {
        let names = op.params.iter().map(|p| p.arg);
        let names = names.chain(
            SDK_OPTIONS
                .iter()
                .copied()
                .chain(["body", "query"])
                .filter(|k| known(k)),
        );
        let near = crate::aiccs::ops::suggest(key, names).map(|s| Hint::DidYouMean(s.to_string()));
        let elsewhere = || {
            ["body", "query"].contains(&key.as_str())
                || SDK_OPTIONS.contains(&key.as_str())
                || super::ops::OPS
                    .iter()
                    .any(|o| o.params.iter().any(|p| p.arg == key))
        };
        let hint = misplaced(op, key, false)
            .or(near)
            .or_else(|| misplaced(op, key, true))
            .or_else(|| elsewhere().then(|| Hint::NotTakenBy(op.name.to_string())));
        ctx.report_at(key, Problem::UnknownField { hint }, None);
    }
}

/// The value at `path` (`recordIds`, `body.data`) of the arguments.
fn items_at<'a>(args: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(args, |v, k| v.get(k))
}

fn items_at_mut<'a>(args: &'a mut Value, path: &str) -> Option<&'a mut Value> {
    path.split('.').try_fold(args, |v, k| v.get_mut(k))
}

/// The request for `op` with `args` (`{ userId, taskId, query, body, ... }`), validated first.
pub fn build(cfg: &Config, op: &Op, args: &Value, variant: Variant) -> Result<HttpRequest, Error> {
    let mut ctx = Ctx::new(cfg.locale);
    validate(op, args, variant, &mut ctx);
    if !ctx.issues.is_empty() {
        hide_secrets(op, args, &mut ctx.issues);
        return Err(Error::validation(ctx.issues, cfg.locale));
    }
    Ok(encode(cfg, op, args))
}

/// The call's own secrets (a sub-account's password) out of its issues: given in the wrong
/// field too (`subset_data.sex: "<password>"`, or as a key), it is never quoted. Only the
/// forms our own messages write it in (as given, or cut short before `…`): the whole of
/// `redact` would add 3.5 KB gzip to the validators-only wasm.
fn hide_secrets(op: &Op, args: &Value, issues: &mut [crate::Issue]) {
    use crate::redact::{cut_piece, MIN_SECRET_LEN, REDACTED};
    let secrets = secret_values(op, args);
    let hide = |text: &mut String| {
        for s in secrets.iter().filter(|s| s.len() >= MIN_SECRET_LEN) {
            if text.contains(s.as_str()) {
                *text = text.replace(s.as_str(), REDACTED);
            }
            if let Some(cut) = cut_piece(text, s) {
                *text = cut;
            }
        }
    };
    for i in issues.iter_mut().filter(|_| !secrets.is_empty()) {
        hide(&mut i.path);
        hide(&mut i.message);
    }
}

/// The request for arguments already validated.
fn encode(cfg: &Config, op: &Op, args: &Value) -> HttpRequest {
    let mut url = format!("{}{}", cfg.base_url, op.path);
    let mut query: Vec<String> = Vec::new();
    let mut body = match op.body {
        Body::Task => args.get("body").map(task_update::normalize),
        Body::Fields(_) => args.get("body").cloned(),
        Body::None => None,
    };
    for p in op.params {
        let Some(v) = args.get(p.arg).filter(|v| !v.is_null()) else {
            continue;
        };
        match p.loc {
            In::Path => {
                url = url.replace(
                    &format!("{{{}}}", p.wire),
                    &pct(&id_text(v).unwrap_or_default()),
                )
            }
            In::Query if p.style == Style::Brackets => {
                php(p.wire.trim_end_matches("[]"), v, &mut query)
            }
            In::Query => php(p.wire, v, &mut query),
            In::Body => {
                if let Some(Value::Object(obj)) = body.as_mut() {
                    obj.insert(p.wire.to_string(), v.clone());
                }
            }
        }
    }
    if let Some(Value::Object(q)) = args.get("query") {
        for (k, v) in q {
            php(k, v, &mut query);
        }
    }
    if !query.is_empty() {
        url.push('?');
        url.push_str(&query.join("&"));
    }
    HttpRequest {
        method: op.method,
        url,
        headers: cfg.headers(body.is_some()),
        body: body.map(|b| crate::json::text(&b)),
    }
}

/// PHP-style query pairs, as the vendor's Laravel backend reads them: a list of scalars is
/// `key[]=a&key[]=b`, a nested list `key[0][]=A` (the documented `levels`), an object
/// `key[field]=v`, a list of objects `key[0][field]=v`; nulls are left out.
fn php(key: &str, v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Null => {}
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                let sub = if x.is_array() || x.is_object() {
                    format!("{key}[{i}]")
                } else {
                    format!("{key}[]")
                };
                php(&sub, x, out);
            }
        }
        Value::Object(m) => {
            for (k, x) in m {
                php(&format!("{key}[{k}]"), x, out);
            }
        }
        Value::String(s) => out.push(format!("{}={}", pct(key), pct(s))),
        other => out.push(format!("{}={}", pct(key), pct(&crate::json::text(other)))),
    }
}

/// The batch run for `args` of a batched operation: the other arguments are checked as
/// usual, the items planned (any count; record ids de-duplicated, repeated phones
/// refused). All problems at once. The items are taken out of `args`, so what each
/// request copies is only the rest.
pub fn plan_batch(
    op: &Op,
    args: &mut Value,
    variant: Variant,
    locale: Locale,
) -> Result<Box<dyn Run>, Vec<crate::Issue>> {
    let Some(b) = op.batch else {
        return Err(vec![]);
    };
    let mut ctx = Ctx::new(locale);
    validate_args(op, args, variant, true, &mut ctx);
    let items = items_at_mut(args, b.param)
        .map(Value::take)
        .unwrap_or(Value::Null);
    let run: Result<Box<dyn Run>, Vec<crate::Issue>> = match b.kind {
        BatchKind::RecordIds => {
            RecordUrlBatch::plan(&items, b.per_request, locale).map(|r| Box::new(r) as Box<dyn Run>)
        }
        BatchKind::Rows => match items {
            Value::Array(rows) => Ok(Box::new(RowBatch::new(
                rows,
                b.per_request,
                b.param,
                locale,
            ))),
            _ => Err(vec![]), // already reported by the body check
        },
    };
    match run {
        Ok(run) if ctx.issues.is_empty() => Ok(run),
        Ok(_) => Err(ctx.issues),
        Err(more) => {
            ctx.issues.extend(more);
            Err(ctx.issues)
        }
    }
}

/// One request of a batch: the remaining arguments with this request's items, encoded
/// without validating again (the whole input was validated when planned).
pub fn batch_request(cfg: &Config, op: &Op, args: &Value, items: Value) -> HttpRequest {
    // `plan_batch` took the items with `Value::take`, leaving a null in their place.
    let mut one = args.clone();
    if let Some(slot) = op.batch.and_then(|b| items_at_mut(&mut one, b.param)) {
        *slot = items;
    }
    encode(cfg, op, &one)
}

/// The answer of `op` as a JSON value (`null` for `Response::Unit`).
pub fn parse(op: &Op, status: u16, body: &str, locale: Locale) -> Result<Value, Error> {
    parse_answer(op, status, body, locale).map_err(|e| at_argument_paths(op, e, locale))
}

/// The server's field errors (`rejected_by_server`) named as the client's own issues name
/// the same field: Laravel's `task_extras.line.0.limit` as `task_extras.line[0].limit`
/// (a task body's fields sit at the root, as `validateTaskUpdate` names them), a body
/// field as `body.name`, a list filter as `query.per_page`. A field the call does not
/// declare keeps the server's name, its indexes bracketed.
fn at_argument_paths(op: &Op, mut e: Error, locale: Locale) -> Error {
    let Some(issues) = e.issues.as_mut().filter(|_| e.code == "rejected_by_server") else {
        return e;
    };
    for issue in issues.iter_mut() {
        let first = issue.path.split('.').next().unwrap_or_default();
        let root = match op.body {
            Body::Fields(fields) if fields.iter().any(|f| f.name == first) => "body.",
            _ if op.query.iter().any(|f| f.name == first) => "query.",
            _ => "",
        };
        let mut path = String::from(root);
        for (i, seg) in issue.path.split('.').enumerate() {
            if i > 0 && !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) {
                path.push('[');
                path.push_str(seg);
                path.push(']');
            } else {
                if i > 0 {
                    path.push('.');
                }
                path.push_str(seg);
            }
        }
        issue.move_to(path);
    }
    e.message = crate::messages::validation_summary(issues, locale);
    e
}

fn parse_answer(op: &Op, status: u16, body: &str, locale: Locale) -> Result<Value, Error> {
    match op.response {
        Response::Unit => parse_update_task(status, body, locale).map(|_| Value::Null),
        Response::RecordUrls => parse_batch_voice_urls(status, body, locale).map(|v| {
            Value::Array(
                v.into_iter()
                    .map(
                        |u| serde_json::json!({"record_id": u.record_id, "voice_url": u.voice_url}),
                    )
                    .collect(),
            )
        }),
        Response::Data => {
            envelope(status, body, locale).map(|mut e| e.remove("data").unwrap_or(Value::Null))
        }
        Response::Object => envelope(status, body, locale).and_then(|mut e| {
            match e.remove("data").unwrap_or(Value::Null) {
                data @ Value::Object(_) => Ok(data),
                _ => {
                    let says = crate::error::Says::Shape {
                        expected: crate::error::Shape::ObjectData,
                    };
                    Err(
                        Error::said(crate::error::Kind::Parse, "unexpected_shape", says)
                            .with_status(status),
                    )
                }
            }
        }),
        // `data` a list (none or null: an empty one); `meta` as sent, null when left out.
        Response::List => envelope(status, body, locale).and_then(|mut e| {
            let data = match e.remove("data").unwrap_or(Value::Null) {
                Value::Null => Value::Array(vec![]),
                list @ Value::Array(_) => list,
                _ => {
                    let says = crate::error::Says::Shape {
                        expected: crate::error::Shape::ListData,
                    };
                    return Err(
                        Error::said(crate::error::Kind::Parse, "unexpected_shape", says)
                            .with_status(status),
                    );
                }
            };
            let meta = e.remove("meta").unwrap_or(Value::Null);
            Ok(serde_json::json!({"data": data, "meta": meta}))
        }),
    }
}

/// One page of a list as `paginate` uses it: its items, the arguments of the next page
/// (`null` at the end) and the `memo` to hand back with the next page (see
/// `policy::remember_page`: a page the server already gave ends the walk). Before the first
/// page (`answer` null): the arguments to ask it with, page 1 unless given (some lists
/// require `query.page`).
pub fn page_step(args: &Value, answer: &Value, memo: &Value) -> Value {
    if answer.is_null() {
        let mut first = args.clone();
        if let Some(obj) = first.as_object_mut() {
            let query = obj
                .entry("query")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Some(q) = query.as_object_mut() {
                q.entry("page").or_insert(Value::from(1));
            }
        }
        return serde_json::json!({"items": [], "next": first, "memo": null});
    }
    let items = answer
        .get("data")
        .filter(|d| d.is_array())
        .cloned()
        .unwrap_or(Value::Array(vec![]));
    let first = memo.is_null();
    let asked = asked_page(args);
    let (repeat, memo) = crate::policy::remember_page(memo, asked, &items);
    // From page 1, the rows received count against `total`.
    let (from, _) = crate::policy::walk_start(&memo);
    let received = crate::policy::items_seen(&memo);
    let meta = answer.get("meta").filter(|m| m.is_object());
    let total = meta
        .and_then(|m| number(m.get("total")))
        .filter(|_| from == 1);
    let all_received = total.is_some_and(|t| received >= t);
    let says_more = match meta.and_then(last_page) {
        Some(last) => last > asked,
        None => total.is_some() && !all_received,
    };
    let answered = meta.and_then(|m| number(m.get("current_page")));
    let rows = items.as_array().map_or(0, Vec::len);
    if let Some(stop) = crate::policy::stop_at(asked, repeat, answered, rows, &memo) {
        return crate::policy::end_walk(stop, asked, says_more, items, first, memo);
    }
    // A server that contradicts itself (`total` reached, `last_page` still ahead) is read
    // on: stopping there could drop the rows of the pages it announced.
    let last_ahead = meta
        .and_then(|m| number(m.get("last_page")))
        .is_some_and(|l| l > asked);
    let next = if all_received && !last_ahead {
        None
    } else {
        next_page(args, answer)
    };
    // The server's last page, with fewer rows than its total in all (a page size it capped
    // without saying so): told, since rows may be missing.
    if let (None, Some(total)) = (&next, total) {
        if received < total {
            return crate::policy::end_walk(
                Stop::Cut(Cut::Short { received, total }),
                asked,
                true,
                items,
                first,
                memo,
            );
        }
    }
    serde_json::json!({"items": items, "next": next, "memo": memo})
}

/// The last page as the server's `meta` says it: `last_page`, or `total` over `per_page`.
/// (`has_pages` says whether there is more than one page, on the last one too: Laravel's
/// `hasPages()`; it says nothing about what follows.)
fn last_page(meta: &Value) -> Option<u64> {
    number(meta.get("last_page")).or_else(|| {
        let (total, per) = (
            number(meta.get("total"))?,
            number(meta.get("per_page")).filter(|&p| p > 0)?,
        );
        Some(total.div_ceil(per))
    })
}

fn asked_page(args: &Value) -> u64 {
    number(args.get("query").and_then(|q| q.get("page"))).unwrap_or(1)
}

/// After one page of a list (`{data, meta}` from `parse`), the arguments of the next page,
/// or `None` at the end: on an empty page, at the last page (`last_page`, or `total` over
/// `per_page`), without a `meta`, when `has_pages` is false and no last page is given (a
/// single page), and when the server answers another page than the one asked for (a server
/// that ignores `page` would otherwise be walked forever).
pub fn next_page(args: &Value, answer: &Value) -> Option<Value> {
    let asked = asked_page(args);
    let items = answer.get("data").and_then(Value::as_array)?;
    let meta = answer.get("meta").filter(|m| m.is_object())?;
    let last = last_page(meta);
    let single = last.is_none() && meta.get("has_pages") == Some(&Value::Bool(false));
    if items.is_empty()
        || single
        || last.is_some_and(|l| asked >= l)
        || number(meta.get("current_page")).is_some_and(|c| c != asked)
    {
        return None;
    }
    let mut next = args.clone();
    let obj = next.as_object_mut()?;
    let query = obj
        .entry("query")
        .or_insert_with(|| Value::Object(Map::new()));
    if !query.is_object() {
        *query = Value::Object(Map::new());
    }
    query.as_object_mut()?.insert(
        "page".into(),
        Value::from(crate::policy::page_after(asked)?),
    );
    Some(next)
}

// ---- rules that relate fields --------------------------------------------------------------

/// A number given twice in `body.data` is refused, naming both indexes (the server would
/// refuse the whole request, or call the number twice).
pub fn unique_phones(ctx: &mut Ctx, args: &Value) {
    let Some(rows) = items_at(args, "body.data").and_then(Value::as_array) else {
        return;
    };
    let mut seen: std::collections::HashMap<&str, usize> =
        std::collections::HashMap::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let Some(phone) = row
            .get("phone")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|p| !p.is_empty())
        else {
            continue;
        };
        if let Some(&first) = seen.get(phone) {
            let path = format!("body.data[{i}].phone");
            ctx.issues
                .push(Problem::Duplicate { first_index: first }.issue(
                    ctx.locale,
                    &path,
                    row.get("phone"),
                ));
        } else {
            seen.insert(phone, i);
        }
    }
}

/// The values of `op`'s secret body fields in `args` (a sub-account's password): kept out of
/// whatever the server answers about the call, as the client's token is.
pub fn secret_values(op: &Op, args: &Value) -> Vec<String> {
    let Body::Fields(fields) = op.body else {
        return Vec::new();
    };
    let body = args.get("body");
    fields
        .iter()
        .filter(|f| f.secret)
        .filter_map(|f| Some(body?.get(f.name)?.as_str()?.to_string()))
        .collect()
}

/// A list filter's time range in order: `start_at` not after `end_at` (call records),
/// `created_at[0]` not after `created_at[1]` (customers). Equal is a range of one instant.
/// Compared only when both are well-formed (a malformed one has its own issue).
pub fn filter_range(ctx: &mut Ctx, args: &Value) {
    let Some(q) = args.get("query") else {
        return;
    };
    let pair = match q.get("created_at").and_then(Value::as_array) {
        Some(v) if v.len() == 2 => [
            (&v[0], "query.created_at[0]"),
            (&v[1], "query.created_at[1]"),
        ],
        _ => match (q.get("start_at"), q.get("end_at")) {
            (Some(a), Some(b)) => [(a, "query.start_at"), (b, "query.end_at")],
            _ => return,
        },
    };
    let [(from, from_path), (until, until_path)] = pair;
    let at = |v: &Value| {
        v.as_str()
            .and_then(|s| crate::schema::Fmt::Timestamp.parse(s))
    };
    if let (Some(a), Some(b)) = (at(from), at(until)) {
        if b < a {
            let p = Problem::NotBelow {
                other: from_path.into(),
                other_value: from.as_str().unwrap_or_default().into(),
                instant: true,
            };
            ctx.issues
                .push(p.issue(ctx.locale, until_path, Some(until)));
        }
    }
}

/// `password_confirmation` equals `password`. Neither value is ever shown.
pub fn password_confirmed(ctx: &mut Ctx, args: &Value) {
    let body = args.get("body");
    let (a, b) = (
        body.and_then(|b| b.get("password")),
        body.and_then(|b| b.get("password_confirmation")),
    );
    if let (Some(Value::String(a)), Some(Value::String(b))) = (a, b) {
        if a != b {
            let p = Problem::Mismatch {
                other: "body.password".into(),
            };
            ctx.issues
                .push(p.issue(ctx.locale, "body.password_confirmation", None));
        }
    }
}

#[cfg(test)]
mod tests;
