//! The pure validators the JS side calls as static methods (`AgentApi.validate`,
//! `AgentApi.validateTaskUpdate`, `AgentApi.validateRecordIds`, `Aiccs.validate`), and the
//! reading of an Agent API call's arguments they share with the client: argument reading
//! only, every rule is in the core. Both wasm builds use them: the whole SDK (the classes in
//! `agent.rs` and `aiccs.rs` call these), and the validation-only build
//! (`--no-default-features`, the "aicall/validate" entry), whose classes below hold these
//! four and nothing else, so transport, signing, batches and paging stay out of its module.

use crate::agent_api::record_urls;
use crate::agent_api::task_update::{self, Variant};
use crate::agent_api::{call, ops};
use crate::aiccs::validate::{validate, validate_json, Clock};
use crate::issue::{Expected, Locale, Problem};
use crate::json::tape::Tape;
use crate::json::Json;
use crate::policy::batch::{DEFAULT_CONCURRENCY, MAX_CONCURRENCY};
use crate::wasm::js::{
    invalid, issues_to_js, json_of, json_text_of, merge_issues, tape_issues, tape_issues_text,
    to_js, unreadable, Opts,
};
use serde_json::Value;
use wasm_bindgen::prelude::*;

fn variant_opt(o: &mut Opts) -> Variant {
    match o.string("variant") {
        None => Variant::V2,
        Some(v) => Variant::parse(&v).unwrap_or_else(|| {
            o.bad(
                "variant",
                Problem::InvalidEnum {
                    allowed: Variant::NAMES.iter().map(|n| format!("\"{n}\"")).collect(),
                },
            );
            Variant::V2
        }),
    }
}

pub(crate) fn action_of(action: &JsValue, locale: Locale) -> Result<String, JsValue> {
    string_arg(action, "action", locale)
}

/// An operation's name: a string, else an AicallError naming `path` and what it got (a
/// name that is no string cannot be a secret).
fn string_arg(v: &JsValue, path: &'static str, locale: Locale) -> Result<String, JsValue> {
    v.as_string().ok_or_else(|| {
        // Shown for what JSON shows as it is (`undefined`, a symbol or a function would read
        // as null, a `String` object as the string it wraps): those are left unsaid.
        let shown = v.is_null()
            || v.as_f64().is_some()
            || v.as_bool().is_some()
            || js_sys::Array::is_array(v);
        let got = shown
            .then(|| crate::wasm::js::json_of(v, path, locale).ok())
            .flatten();
        invalid(
            vec![Problem::InvalidType {
                expected: Expected::Str,
            }
            .issue(locale, path, got.as_ref())],
            locale,
        )
    })
}

/// An Agent API call's arguments as its client method reads them. (The validators read only
/// the issues: the values are for the client.)
#[cfg_attr(not(feature = "client"), allow(dead_code))]
pub(crate) struct AgentArgs<'a> {
    /// The option reader: the locale, and every problem with the arguments it has read.
    pub o: Opts<'a>,
    pub variant: Variant,
    pub op: Option<&'static ops::Op>,
    /// The arguments as JSON, the SDK options left out.
    pub values: Value,
    pub signal: Option<web_sys::AbortSignal>,
    /// A batched operation's requests at a time, and its progress callback.
    pub concurrency: usize,
    pub on_progress: Option<js_sys::Function>,
}

/// Reads `args` for Agent API operation `name` as its client method does: `locale` and
/// `variant`, the operation, the arguments as JSON, then the SDK options (`signal`; a batch's
/// `concurrency` and `onProgress`), every problem into the option reader. Each argument
/// crosses on its own, so a problem is reported at its own path; SDK options never go
/// through JSON. `locale` is the fallback (the client's).
pub(crate) fn agent_args<'a>(name: &str, args: &'a JsValue, locale: Locale) -> AgentArgs<'a> {
    let mut o = Opts::args(args, locale);
    let variant = variant_opt(&mut o);
    let op = match ops::lookup(name) {
        Ok(op) => Some(op),
        Err(p) => {
            o.issues
                .push(p.issue(o.locale, "name", Some(&Value::String(name.into()))));
            None
        }
    };
    let mut values = serde_json::Map::new();
    let keys = if args.is_object() {
        js_sys::Reflect::own_keys(args).ok()
    } else {
        None
    };
    let keys: Vec<String> = keys
        .map(|k| k.iter().filter_map(|k| k.as_string()).collect())
        .unwrap_or_default();
    for key in keys {
        let unknown = match op {
            Some(op) => !crate::agent_api::call::takes(op, &key),
            None => ops::SDK_OPTIONS.contains(&key.as_str()),
        };
        if unknown {
            // Not taken by this operation (`onProgress` on a single request, a misspelled
            // `onProgres: fn`): unknown whatever it holds, so it is not read as JSON (a
            // function is not "not JSON", it is in the wrong place).
            values.insert(key, Value::Null);
        } else if !ops::is_sdk_option(op, &key) {
            if let Some(v) = o.json_at(&key, crate::agent_api::call::issue_root(op, &key)) {
                values.insert(key, v);
            }
        }
    }
    let batched = op.is_some_and(|op| op.batch.is_some());
    let concurrency = if batched {
        o.whole("concurrency", 1.0, MAX_CONCURRENCY as f64)
    } else {
        None
    };
    let signal = o.signal("signal");
    let on_progress = if batched {
        o.function("onProgress")
    } else {
        None
    };
    let concurrency = concurrency.map_or(DEFAULT_CONCURRENCY, |n| n as usize);
    AgentArgs {
        o,
        variant,
        op,
        values: Value::Object(values),
        signal,
        concurrency,
        on_progress,
    }
}

/// Every issue the Agent API method `name` would refuse `args` with, as `api.call(name,
/// args)` reads them (`variant` and `locale` may be among them); `[]` when it would send.
/// `options.locale` is the fallback. Problems with `options` or `name` throw, as for the
/// other validators; everything about `args` is an issue.
pub fn agent(name: JsValue, args: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    let options = options.unwrap_or(JsValue::UNDEFINED);
    let mut o = Opts::new(&options, Locale::En);
    o.only(crate::options::LOCALE);
    let fallback = o.finish()?;
    let name = string_arg(&name, "name", fallback)?;
    let AgentArgs {
        o,
        variant,
        op,
        values,
        ..
    } = agent_args(&name, &args, fallback);
    let Opts { issues, locale, .. } = o;
    let found = op
        .map(|op| call::check(op, &values, variant, locale))
        .unwrap_or_default();
    Ok(issues_to_js(&merge_issues(issues, found)))
}

/// Reads `params` (undefined reads as `{}`) as JSON.
pub(crate) fn params_of(params: &JsValue, locale: Locale) -> Result<Value, crate::Issue> {
    if params.is_undefined() || params.is_null() {
        return Ok(Value::Object(Default::default()));
    }
    // Checked after reading, never with `Array.isArray` (it throws on a revoked proxy):
    // NaN, symbols and functions read as null, arrays as arrays.
    match json_of(params, "", locale)? {
        v @ Value::Object(_) if params.is_object() => Ok(v),
        Value::Null if !params.is_null() => Err(not_json_root(params, locale)),
        // What was given is said (`received an array of 1 item`).
        v => Err(Problem::InvalidType {
            expected: Expected::Object,
        }
        .issue(locale, "", Some(&v))),
    }
}

/// "must be an object" for a value JSON writes nothing for (undefined, a function, a
/// symbol), saying which it was.
fn not_json_root(v: &JsValue, locale: Locale) -> crate::Issue {
    use crate::json::Got;
    let got = if v.is_function() {
        Got::Function
    } else if v.is_symbol() {
        Got::Symbol
    } else {
        Got::Undefined
    };
    Problem::InvalidType {
        expected: Expected::Object,
    }
    .issue_got(locale, "", Some(got))
}

/// All issues of a task update body (`[]` when valid). Pure, no I/O.
pub fn task_update(body: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    let options = options.unwrap_or(JsValue::UNDEFINED);
    let mut o = Opts::new(&options, Locale::En);
    o.only(crate::options::TASK_UPDATE);
    let variant = variant_opt(&mut o);
    let locale = o.finish()?;
    let text = match json_text_of(&body, "", locale) {
        Ok(Some(text)) => text,
        Ok(None) => return Ok(to_js(&vec![not_json_root(&body, locale)])),
        Err(issue) => return Ok(to_js(&vec![issue])),
    };
    // The tape reads the text in one pass.
    Ok(match Tape::parse(&text) {
        Ok(tape) => tape_issues_text(&body, &tape, "", locale, |ctx, root| {
            task_update::check_json(ctx, root, variant)
        }),
        Err(_) => to_js(&vec![unreadable(&body, "", locale)]),
    })
}

/// Issues of a record id list: 1..30 unique non-empty strings.
pub fn record_ids(record_ids: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    let options = options.unwrap_or(JsValue::UNDEFINED);
    let mut o = Opts::new(&options, Locale::En);
    o.only(crate::options::LOCALE);
    let locale = o.finish()?;
    let text = match json_text_of(&record_ids, "recordIds", locale) {
        Ok(text) => text,
        Err(issue) => return Ok(to_js(&vec![issue])),
    };
    // The common cases (a plain list, valid or too long) answer from one scan of the
    // text, without a parse.
    if let Some(issues) = text
        .as_deref()
        .and_then(|t| record_urls::plain_issues(t, locale))
    {
        return Ok(issues_to_js(&issues));
    }
    Ok(match Tape::parse(text.as_deref().unwrap_or("null")) {
        Ok(tape) => tape_issues(
            &record_ids,
            &tape,
            "recordIds",
            locale,
            Vec::new(),
            |root| record_urls::validate_json(root, locale),
        ),
        Err(_) => to_js(&vec![unreadable(&record_ids, "recordIds", locale)]),
    })
}

/// All issues of `params` for `action` (`[]` when valid). Pure, no I/O.
pub fn aiccs(
    action: JsValue,
    params: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let options = options.unwrap_or(JsValue::UNDEFINED);
    let mut o = Opts::new(&options, Locale::En);
    o.only(crate::options::VALIDATE);
    let now = o
        .number("now", -8.64e15, 8.64e15)
        .unwrap_or_else(js_sys::Date::now);
    let locale = o.finish()?;
    let action = action_of(&action, locale)?;
    let clock = Clock { now_ms: now as i64 };
    // An object's JSON text is read through the tape; anything else (and text nested too
    // deeply to read) the way `params_of` reads it, which says what is wrong.
    if params.is_object() {
        let text = match json_text_of(&params, "", locale) {
            Ok(text) => text,
            Err(issue) => return Ok(to_js(&vec![issue])),
        };
        if let Some(tape) = text
            .as_deref()
            .and_then(|t| Tape::parse(t).ok())
            .filter(|t| t.root().is_object())
        {
            // A function among the params (JSON dropped it): its issue first, as a NaN's is.
            let dropped = dropped_params(&action, &params, text.as_deref().unwrap_or(""), locale);
            return Ok(tape_issues(&params, &tape, "", locale, dropped, |root| {
                validate_json(&action, root, locale, clock)
            }));
        }
    }
    Ok(match params_of(&params, locale) {
        Ok(p) => issues_to_js(&validate(&action, &p, locale, clock)),
        Err(issue) => to_js(&vec![issue]),
    })
}

/// The issues of the params JSON dropped (`text` is their JSON; see `dropped_param`).
pub(crate) fn dropped_params(
    action: &str,
    params: &JsValue,
    text: &str,
    locale: Locale,
) -> Vec<crate::Issue> {
    crate::wasm::js::dropped_keys(params, text)
        .iter()
        .map(|k| crate::aiccs::validate::dropped_param(action, k, locale))
        .collect()
}

/// The validation-only build's classes: the same names and static methods as the whole
/// SDK's, nothing else (no constructor: a client needs the whole SDK).
#[cfg(not(feature = "client"))]
mod only {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    pub struct AgentApi;

    #[wasm_bindgen]
    impl AgentApi {
        /// All issues of a task update body (`[]` when valid). Pure, no I/O.
        #[wasm_bindgen(js_name = validateTaskUpdate)]
        pub fn validate_task_update(
            body: JsValue,
            options: Option<JsValue>,
        ) -> Result<JsValue, JsValue> {
            super::task_update(body, options)
        }

        /// Issues of a record id list: 1..30 unique non-empty strings.
        #[wasm_bindgen(js_name = validateRecordIds)]
        pub fn validate_record_ids(
            record_ids: JsValue,
            options: Option<JsValue>,
        ) -> Result<JsValue, JsValue> {
            super::record_ids(record_ids, options)
        }

        /// Every issue the method `name` would refuse `args` with (`[]` when it would send them).
        pub fn validate(
            name: JsValue,
            args: JsValue,
            options: Option<JsValue>,
        ) -> Result<JsValue, JsValue> {
            super::agent(name, args, options)
        }
    }

    #[wasm_bindgen]
    pub struct Aiccs;

    #[wasm_bindgen]
    impl Aiccs {
        /// All issues of `params` for `action` (`[]` when valid). Pure, no I/O.
        pub fn validate(
            action: JsValue,
            params: JsValue,
            options: Option<JsValue>,
        ) -> Result<JsValue, JsValue> {
            super::aiccs(action, params, options)
        }
    }
}
