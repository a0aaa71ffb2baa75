//! Crossing the JS boundary: every JS value is treated as hostile. Inputs cross once
//! (one `JSON.stringify`), outputs once (one `JSON.parse`, or for issues one text that
//! runtime.js splits); no field-by-field conversion.

use crate::error::{Error, Kind};
use crate::issue::{Expected, Issue, Locale, Problem, Reason};
use crate::json::tape::{Node, Tape};
use crate::json::{Json, Kind as JsonKind};
use crate::schema::Ctx;
use js_sys::{Function, Reflect, JSON};
use serde::Serialize;
use serde_json::Value;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    static ERROR_CLASS: RefCell<Option<Function>> = const { RefCell::new(None) };
    static ISSUE_READER: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// The package entry points hand over their `AicallError` class once, so errors thrown
/// from Rust are real instances of the class users import (`instanceof` works), and the
/// function that splits issues sent as one text (`issuesFrom` in runtime.js).
#[wasm_bindgen(js_name = "__registerErrorClass")]
pub fn register_error_class(class: JsValue, issue_reader: JsValue) {
    if let Ok(f) = class.dyn_into::<Function>() {
        ERROR_CLASS.with(|c| *c.borrow_mut() = Some(f));
    }
    if let Ok(f) = issue_reader.dyn_into::<Function>() {
        ISSUE_READER.with(|c| *c.borrow_mut() = Some(f));
    }
}

/// Any serialisable Rust value as a plain JS value (objects, not `Map`s).
pub fn to_js<T: Serialize>(v: &T) -> JsValue {
    match serde_json::to_string(v) {
        Ok(s) => JSON::parse(&s).unwrap_or(JsValue::NULL),
        Err(_) => JsValue::NULL,
    }
}

/// A step of a walk through pages (`nextPage`) as JS: `{ items, next, memo }`, and `error`
/// (an `AicallError`) when the walk ends with one; runtime.js throws it from the public
/// `nextPage`, and `paginate` after handing out the step's items.
pub fn step_to_js(step: Value, locale: Locale) -> JsValue {
    let (step, error) = crate::policy::split_walk(step);
    let out = to_js(&step);
    if let Some(e) = error {
        let _ = Reflect::set(&out, &"error".into(), &to_js_error(&e.in_locale(locale)));
    }
    out
}

/// The JS `AicallError` for a core error.
pub fn to_js_error(e: &Error) -> JsValue {
    let fields = to_js(e);
    let class = ERROR_CLASS.with(|c| c.borrow().clone());
    if let Some(class) = class {
        let args = js_sys::Array::of2(&JsValue::from_str(&e.message), &fields);
        if let Ok(obj) = Reflect::construct(&class, &args) {
            return obj;
        }
    }
    // Without the entry point (raw wasm-bindgen output): a plain Error with the same fields.
    let err = js_sys::Error::new(&e.message);
    err.set_name("AicallError");
    if let Ok(keys) = Reflect::own_keys(&fields) {
        for k in keys.iter() {
            if let Ok(v) = Reflect::get(&fields, &k) {
                let _ = Reflect::set(&err, &k, &v);
            }
        }
    }
    err.into()
}

/// One validation error from issues.
pub fn invalid(issues: Vec<Issue>, locale: Locale) -> JsValue {
    to_js_error(&Error::validation(issues, locale))
}

/// Reads a JS value as JSON. `undefined` reads as `null` (the validators then say what
/// was expected). BigInt, cycles and getters that throw come back as an issue at `path`.
pub fn json_of(v: &JsValue, path: &str, locale: Locale) -> Result<Value, Issue> {
    match json_text_of(v, path, locale)? {
        None => Ok(Value::Null),
        Some(text) => parse_checked(v, &text, path, locale),
    }
}

/// `text` (the JSON of `v`) read, with NaN and ±Infinity refused: JSON.stringify writes
/// them as null, which would read as "not given" or be sent as null. Only a text with a
/// null is looked at again, in the JS value at each null's place.
pub fn parse_checked(v: &JsValue, text: &str, path: &str, locale: Locale) -> Result<Value, Issue> {
    let tape = Tape::parse(text).map_err(|_| unreadable(v, path, locale))?;
    if let Err(mut issues) = finite(v, tape.has_null(), tape.root(), path, locale) {
        return Err(issues.swap_remove(0));
    }
    Ok(tape.root().to_value())
}

/// Refuses every NaN or ±Infinity in `v`, each at its path: `JSON.stringify` wrote each as
/// `null` (so only text holding a null, `any_null`, is looked at), read here as `parsed`.
#[cfg_attr(aicall_speed, optimize(speed))]
pub fn finite<'a, J: Json<'a>>(
    v: &JsValue,
    any_null: bool,
    parsed: J,
    path: &str,
    locale: Locale,
) -> Result<(), Vec<Issue>> {
    let mut found = Vec::new();
    if any_null {
        non_finite(v, parsed, path.to_string(), &mut found);
    }
    if found.is_empty() {
        return Ok(());
    }
    Err(found
        .into_iter()
        .map(|(at, value)| Problem::NonFinite { value }.issue(locale, &at, None))
        .collect())
}

/// Every NaN/±Infinity in `js` (two empty number inputs read with `parseInt` are two NaNs),
/// found at the nulls of its JSON `parsed`. A property that cannot be read (a throwing
/// getter, a revoked proxy) is passed over.
fn non_finite<'a, J: Json<'a>>(
    js: &JsValue,
    parsed: J,
    path: String,
    found: &mut Vec<(String, &'static str)>,
) {
    match parsed.kind() {
        JsonKind::Null => {
            if let Some(x) = js.as_f64().filter(|x| !x.is_finite()) {
                let what = if x.is_nan() {
                    "NaN"
                } else if x > 0.0 {
                    "Infinity"
                } else {
                    "-Infinity"
                };
                found.push((path, what));
            }
        }
        // Only the parts holding a null are read from JS (one property read each).
        JsonKind::Array => {
            let Some((_, items)) = parsed.items() else {
                return;
            };
            for (i, item) in items.enumerate().filter(|(_, item)| has_null(*item)) {
                if let Ok(inner) = Reflect::get_u32(js, i as u32) {
                    non_finite(&inner, item, format!("{path}[{i}]"), found);
                }
            }
        }
        JsonKind::Object => {
            let Some(members) = parsed.members() else {
                return;
            };
            for (k, item) in members.filter(|(_, item)| has_null(*item)) {
                if let Ok(inner) = Reflect::get(js, &JsValue::from_str(k)) {
                    let at = if path.is_empty() {
                        k.to_string()
                    } else {
                        format!("{path}.{k}")
                    };
                    non_finite(&inner, item, at, found);
                }
            }
        }
        _ => {}
    }
}

#[cfg_attr(aicall_speed, optimize(speed))]
fn has_null<'a, J: Json<'a>>(v: J) -> bool {
    match v.kind() {
        JsonKind::Null => true,
        JsonKind::Array => v.items().is_some_and(|(_, mut items)| items.any(has_null)),
        JsonKind::Object => v.members().is_some_and(|mut m| m.any(|(_, x)| has_null(x))),
        _ => false,
    }
}

/// The issues of `v`, read as `tape` (its JSON text): `first` (found by the edge) and each
/// NaN or ±Infinity (at its path) first, then what `check` finds in the tape's root.
pub fn tape_issues(
    v: &JsValue,
    tape: &Tape,
    path: &str,
    locale: Locale,
    mut first: Vec<Issue>,
    check: impl FnOnce(Node) -> Vec<Issue>,
) -> JsValue {
    // `first` and the NaNs' issues first, and every other one (the NaN read as null is not
    // said twice).
    if let Err(issues) = finite(v, tape.has_null(), tape.root(), path, locale) {
        first.extend(issues);
    }
    let found = check(tape.root());
    issues_to_js(&merge_issues(first, found))
}

/// `tape_issues` with the issues written as one text as they are found (no `Issue` values
/// made on the way: the invalid form's cost).
pub fn tape_issues_text(
    v: &JsValue,
    tape: &Tape,
    path: &str,
    locale: Locale,
    check: impl FnOnce(&mut Ctx, Node),
) -> JsValue {
    let non_finite = finite(v, tape.has_null(), tape.root(), path, locale).err();
    let mut ctx = Ctx::new_text(locale);
    check(&mut ctx, tape.root());
    match (non_finite, ctx.into_text()) {
        (None, Ok(text)) => text_to_js(&text),
        (None, Err(issues)) => issues_to_js(&issues),
        // (Rare: the issues are read back from their text to merge them.)
        (Some(issues), found) => {
            let found =
                found.map_or_else(|issues| issues, |text| crate::issue::issues_of_text(&text));
            issues_to_js(&merge_issues(issues, found))
        }
    }
}

/// Issues written as `issue::issues_text` as a JS array: split by runtime.js's reader.
fn text_to_js(text: &str) -> JsValue {
    if text.is_empty() {
        return js_sys::Array::new().into();
    }
    let reader = ISSUE_READER.with(|r| r.borrow().clone());
    match reader.map(|r| r.call1(&JsValue::UNDEFINED, &JsValue::from_str(text))) {
        Some(Ok(v)) => v,
        _ => JSON::parse(&crate::issue::issues_json(&crate::issue::issues_of_text(
            text,
        )))
        .unwrap_or(JsValue::NULL),
    }
}

/// Issues as a JS array (an empty one without a JSON round trip: the common answer).
#[cfg_attr(aicall_speed, optimize(speed))]
pub fn issues_to_js(issues: &[Issue]) -> JsValue {
    if issues.is_empty() {
        return js_sys::Array::new().into();
    }
    // Split in JS when no field holds the separator (a NUL only comes from the input).
    let has_reader = ISSUE_READER.with(|r| r.borrow().is_some());
    match has_reader
        .then(|| crate::issue::issues_text(issues))
        .flatten()
    {
        Some(text) => text_to_js(&text),
        None => JSON::parse(&crate::issue::issues_json(issues)).unwrap_or(JsValue::NULL),
    }
}

/// `JSON.stringify(v)`: `None` for undefined, functions and symbols (they read as null).
#[cfg_attr(aicall_speed, optimize(speed))]
pub fn json_text_of(v: &JsValue, path: &str, locale: Locale) -> Result<Option<String>, Issue> {
    if v.is_undefined() {
        return Ok(None);
    }
    // Why it failed stays out of the message: a throwing getter's text could be anything.
    match JSON::stringify(v) {
        Ok(s) if s.is_string() => {
            let text = utf8_of(&s);
            // Looked for only where JSON wrote an empty object (what a Map or a Set becomes).
            if has_empty_object(&text) {
                if let Some(issue) = map_or_set_issue(v, path, locale) {
                    return Err(issue);
                }
            }
            Ok(Some(text))
        }
        Ok(_) => Ok(None),
        Err(_) => {
            let mut at = path.to_string();
            let mut seen = vec![v.clone()];
            let mut reason = unjson_part(v, &mut at, &mut seen);
            if seen.len() > MAX_DESCENT {
                // Deeper than any argument is meant to be: the nesting is the problem.
                at = path.to_string();
                reason = Reason::NotJson;
            }
            Err(Problem::NotSupported { reason }.issue(locale, &at, None))
        }
    }
}

/// How deep [`first_in`] looks (the tape reads at most 127 levels anyway).
const MAX_DEPTH: usize = 128;

/// Whether JSON text holds `{}`. Through `find(char)` (core's word-at-a-time memchr):
/// `contains("{}")` ran its two-way search byte by byte, +1.6 µs on 30 record ids.
fn has_empty_object(text: &str) -> bool {
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        rest = &rest[i + 1..];
        if rest.starts_with('}') {
            return true;
        }
    }
    false
}

/// The issue of a `Map` or a `Set` in `v`, named where it is: JSON writes each as `{}`, so
/// `Variables: new Map([["name", "张三"]])` would go out as `Variables={}` without a word.
/// Off the hot path (kept out of `json_text_of`, which every validation goes through).
#[cold]
#[inline(never)]
fn map_or_set_issue(v: &JsValue, path: &str, locale: Locale) -> Option<Issue> {
    let mut at = path.to_string();
    let found = first_in(v, &mut at, MAX_DEPTH, &|v| {
        v.is_instance_of::<js_sys::Map>() || v.is_instance_of::<js_sys::Set>()
    });
    found.then(|| {
        Problem::NotSupported {
            reason: Reason::NotJson,
        }
        .issue(locale, &at, None)
    })
}

/// Whether `v` is or holds a value `is` picks (`path` then names the first one). Each value
/// is visited once (linear), through own keys as JSON reads them; a Proxy whose traps
/// throw is left alone (JSON just read it). Only on paths where something is wrong, or
/// where JSON's text already says it may be.
fn first_in(v: &JsValue, path: &mut String, depth: usize, is: &dyn Fn(&JsValue) -> bool) -> bool {
    if is(v) {
        return true;
    }
    let Some(obj) = v.dyn_ref::<js_sys::Object>().filter(|_| depth > 0) else {
        return false;
    };
    let array = js_sys::Array::is_array(v);
    let Ok(keys) = js_sys::Reflect::own_keys(obj) else {
        return false;
    };
    let len = path.len();
    for key in keys.iter() {
        let Some(k) = key.as_string() else { continue };
        let Ok(child) = Reflect::get(v, &key) else {
            return false;
        };
        push_key(path, array, &k);
        // The key itself may be what is looked for (a lone surrogate in a row's custom field
        // name): named at that key.
        if is(&key) || first_in(&child, path, depth - 1, is) {
            return true;
        }
        path.truncate(len);
    }
    false
}

/// Grows `path` by an own key of a JS value: `[k]` in an array, `k` at the root, else `.k`.
fn push_key(path: &mut String, array: bool, k: &str) {
    if array {
        path.push('[');
        path.push_str(k);
        path.push(']');
    } else {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(k);
    }
}

/// Narrows `path` (where `v` failed `JSON.stringify`) to the part that fails: the first
/// own key whose value alone fails, and so on down (`PageSize: 10n` is named, not the
/// whole request). Stops at a value that is one of its ancestors (`seen`: a cycle is named
/// where it closes) or whose keys cannot be listed. Only on this error path: each level
/// stringifies the children of one value (linear per level), and at most `MAX_DESCENT`
/// levels are taken: 10,000 nested arrays (too deep for JSON.stringify) would otherwise be
/// stringified once per level, quadratic.
const MAX_DESCENT: usize = 16;
fn unjson_part(v: &JsValue, path: &mut String, seen: &mut Vec<JsValue>) -> Reason {
    if v.is_bigint() {
        return Reason::BigInt;
    }
    if seen.len() > MAX_DESCENT {
        return Reason::NotJson;
    }
    let Some(obj) = v.dyn_ref::<js_sys::Object>() else {
        return Reason::NotJson;
    };
    let array = js_sys::Array::is_array(v);
    // Own keys (a Proxy's trap may throw: then the path stays where it is).
    let Ok(keys) = js_sys::Reflect::own_keys(obj) else {
        return Reason::NotJson;
    };
    for key in keys.iter() {
        let Some(k) = key.as_string() else { continue };
        let Ok(child) = Reflect::get(v, &key) else {
            return Reason::NotJson;
        };
        if seen.iter().any(|a| js_sys::Object::is(a, &child)) {
            return Reason::Cycle;
        }
        if JSON::stringify(&child).is_err() {
            push_key(path, array, &k);
            seen.push(child.clone());
            return unjson_part(&child, path, seen);
        }
    }
    Reason::NotJson
}

/// An issue found under argument `key` (its path starts with `key`), named from `root`
/// instead: `body.maximumcall` → `maximumcall` when a task body's root is "". The argument
/// itself keeps its name (a root of "" would name nothing).
fn rerooted(mut issue: Issue, key: &str, root: &str) -> Issue {
    if root != key {
        if let Some(rest) = issue.path.strip_prefix(key).filter(|r| !r.is_empty()) {
            let rest = rest.strip_prefix('.').unwrap_or(rest);
            let path = if root.is_empty() || rest.starts_with('[') {
                format!("{root}{rest}")
            } else {
                format!("{root}.{rest}")
            };
            issue.move_to(path);
        }
    }
    issue
}

#[wasm_bindgen]
extern "C" {
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(
        this: &TextEncoder,
        text: &js_sys::JsString,
        into: &mut [u8],
    ) -> EncodeIntoResult;
    type EncodeIntoResult;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeIntoResult) -> f64;
}

thread_local! {
    static ENCODER: TextEncoder = TextEncoder::new();
}

/// The text of a JS string, written straight into wasm memory by one `encodeInto` call.
/// (`as_string` copies character by character in JS: 4.7 µs for 1.3 KB of record ids,
/// against about 0.6 µs this way.)
#[cfg_attr(aicall_speed, optimize(speed))]
fn utf8_of(s: &js_sys::JsString) -> String {
    // A UTF-16 unit never takes more than 3 bytes of UTF-8.
    let mut buf = vec![0u8; s.length() as usize * 3];
    let written = ENCODER.with(|e| e.encode_into(s, &mut buf).written()) as usize;
    buf.truncate(written.min(buf.len()));
    // encodeInto writes well-formed UTF-8 (a lone surrogate becomes U+FFFD); checked all the same.
    String::from_utf8(buf).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Text `JSON.stringify` wrote (from `v`, at `path`) that is still not read: a string
/// with a lone UTF-16 surrogate (an emoji cut in half by `slice`), named where it is, or
/// nesting deeper than the tape reads (see `tape::MAX_DEPTH`), named at `path`.
pub fn unreadable(v: &JsValue, path: &str, locale: Locale) -> Issue {
    let mut at = path.to_string();
    let lone = |v: &JsValue| {
        v.dyn_ref::<js_sys::JsString>()
            .is_some_and(|s| !s.is_valid_utf16())
    };
    let reason = if first_in(v, &mut at, MAX_DEPTH, &lone) {
        Reason::LoneSurrogate
    } else {
        at = path.to_string();
        Reason::Unreadable
    };
    Problem::NotSupported { reason }.issue(locale, &at, None)
}

/// The text of anything thrown: an Error's `message` when it is a string, a thrown string,
/// else a fixed phrase. Never trusts the shape (a `message` that is an object, a symbol, a
/// revoked proxy); at most 300 characters, then `…`.
pub fn js_message(e: &JsValue) -> String {
    let m = prop(e, "message").as_string().or_else(|| e.as_string());
    // Node's fetch says only "fetch failed"; what failed is in `cause` ("getaddrinfo
    // ENOTFOUND h", or just a `code` such as ECONNREFUSED).
    let cause = prop(e, "cause");
    let why = prop(&cause, "message")
        .as_string()
        .filter(|s| !s.is_empty())
        .or_else(|| prop(&cause, "code").as_string());
    let m = match (m, why) {
        (Some(m), Some(why)) if !m.contains(&why) => Some(format!("{m} ({why})")),
        (m, _) => m,
    };
    match m {
        // Marked where cut: redaction removes a secret's piece at a cut (see redact.rs).
        Some(m) if m.chars().nth(300).is_some() => {
            m.chars().take(300).chain(std::iter::once('…')).collect()
        }
        Some(m) => m,
        None => "unknown error".into(),
    }
}

/// A credential option as text whatever was given (a string, a number, a `String` object),
/// so it can be kept out of the messages about the other options even when it is refused.
/// `None` when there is none, or it cannot be made text (a `toString` that throws).
pub fn credential_text(obj: &JsValue, key: &'static str) -> Option<String> {
    let v = own(obj, key);
    if v.is_undefined() || v.is_null() || v.is_symbol() {
        return None;
    }
    if let Some(s) = v.as_string() {
        return Some(s);
    }
    let string = Reflect::get(&js_sys::global(), &"String".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    string.call1(&JsValue::UNDEFINED, &v).ok()?.as_string()
}

/// The secrets of the credential options, as given (see `redact::credential_secrets`).
pub fn credential_secrets(obj: &JsValue) -> Vec<String> {
    crate::options::CREDENTIALS
        .iter()
        .filter_map(|k| credential_text(obj, k))
        .flat_map(|t| crate::redact::credential_secrets(&t))
        .collect()
}

/// A property of a JS value (inherited ones included: Response and AbortSignal getters
/// live on prototypes); a getter that throws, or a revoked proxy, reads as `undefined`.
pub fn prop(obj: &JsValue, key: &'static str) -> JsValue {
    if !obj.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(obj, &key_of(key)).unwrap_or(JsValue::UNDEFINED)
}

thread_local! {
    static KEYS: RefCell<Vec<(&'static str, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// The JS string of a property name, made once: each `JsValue::from_str` decodes the
/// text in JS again (of `buildRequest`'s ~2 µs spent reading three options, most).
/// Names are the code's own constants, so the cache stays small.
fn key_of(key: &'static str) -> JsValue {
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        // Compared by address: a `'static` text never moves (equal texts at two
        // addresses only take two places).
        if let Some((_, v)) = keys.iter().find(|(k, _)| std::ptr::eq(*k, key)) {
            return v.clone();
        }
        let v = JsValue::from_str(key);
        if keys.len() < 256 {
            keys.push((key, v.clone()));
        }
        v
    })
}

/// An OWN property of an options object: what another library put on
/// `Object.prototype` (`baseUrl`, `endpoint`, `fetch`, `token`) is never used.
pub fn own(obj: &JsValue, key: &'static str) -> JsValue {
    own_at(obj, &key_of(key))
}

/// `own` for a name known at run time only (an argument's name).
fn own_at(obj: &JsValue, k: &JsValue) -> JsValue {
    own_readable(obj, k).unwrap_or(JsValue::UNDEFINED)
}

/// `own_at`, with `None` for a property that is there but cannot be read (its getter, or
/// a proxy's trap, throws).
pub fn own_readable(obj: &JsValue, k: &JsValue) -> Option<JsValue> {
    own_entry(obj, k).unwrap_or(Some(JsValue::UNDEFINED))
}

/// The own keys of `obj` whose values JSON leaves out without a word (functions and
/// symbols): `JSON.stringify` drops them from an object. `[]` for anything unreadable.
/// `text` is that JSON: when it holds every enumerable key (the usual case), nothing was
/// dropped and no key is read (this runs on every aiccs request).
pub fn dropped_keys(obj: &JsValue, text: &str) -> Vec<String> {
    // (Own keys, caught: a proxy's trap may throw. Symbol or non-enumerable keys only
    // make the count differ, and the keys are then read.)
    let Ok(keys) = Reflect::own_keys(obj) else {
        return Vec::new();
    };
    if keys.length() as usize == top_level_members(text) {
        return Vec::new();
    }
    keys.iter()
        .filter(|k| {
            Reflect::get(obj, k)
                .map(|v| v.is_function() || v.is_symbol())
                .unwrap_or(false)
        })
        .filter_map(|k| k.as_string())
        .collect()
}

/// How many members the JSON object `text` has at its top level (its `:` outside strings
/// and nested values).
fn top_level_members(text: &str) -> usize {
    let (mut depth, mut in_string, mut escaped, mut n) = (0u32, false, false, 0);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b':' if depth == 1 => n += 1,
            _ => {}
        }
    }
    n
}

/// `None` when `obj` has no own property `k`; else `own_readable`'s answer.
fn own_entry(obj: &JsValue, k: &JsValue) -> Option<Option<JsValue>> {
    if !obj.is_object() {
        return None;
    }
    match Reflect::get_own_property_descriptor(obj.unchecked_ref::<js_sys::Object>(), k) {
        Ok(d) if !d.is_undefined() => Some(Reflect::get(obj, k).ok()),
        _ => None,
    }
}

/// The language `nextPage`'s options ask for (`{ locale }`, English when left out); a bad
/// options object or locale is refused as the constructors refuse it.
pub fn step_locale(options: Option<JsValue>) -> Result<Locale, JsValue> {
    let options = options.unwrap_or(JsValue::UNDEFINED);
    let mut o = Opts::new(&options, Locale::En);
    o.only(crate::options::LOCALE);
    o.finish()
}

/// An error as a client hands it out: its secrets replaced (an argument may hold one).
pub fn redacted_js(e: Error, secrets: &[String]) -> JsValue {
    let s: Vec<&str> = secrets.iter().map(String::as_str).collect();
    to_js_error(&e.redacted(&s))
}

/// A walk's first step when the arguments cannot be read for it: no first page (`next`
/// null), so `paginate` makes the call as given and the call says what is wrong.
pub fn no_first_page() -> JsValue {
    to_js(&serde_json::json!({"items": [], "next": null, "memo": null}))
}

/// Collects option problems so a bad options object reports everything at once.
pub struct Opts<'a> {
    pub obj: &'a JsValue,
    pub issues: Vec<Issue>,
    pub locale: Locale,
    /// How many own properties were read (each once: `get` is called once per key): when
    /// they are all the object has, `only` needs no list of its keys.
    read: usize,
}

impl<'a> Opts<'a> {
    /// An options object (a value that is not an object is reported as `options`). Reads
    /// `locale` first so the other messages use it.
    pub fn new(obj: &'a JsValue, fallback: Locale) -> Opts<'a> {
        Opts::at(obj, fallback, "options")
    }

    /// The arguments of an Agent API call (reported as the request itself).
    pub fn args(obj: &'a JsValue, fallback: Locale) -> Opts<'a> {
        Opts::at(obj, fallback, "")
    }

    fn at(obj: &'a JsValue, fallback: Locale, name: &'static str) -> Opts<'a> {
        let mut o = Opts {
            obj,
            issues: Vec::new(),
            locale: fallback,
            read: 0,
        };
        if !obj.is_undefined() && !obj.is_null() && !obj.is_object() {
            o.bad(
                name,
                Problem::InvalidType {
                    expected: Expected::Object,
                },
            );
            return o;
        }
        if let Some(l) = o.string("locale") {
            match Locale::parse(&l) {
                Some(l) => o.locale = l,
                None => o.bad(
                    "locale",
                    Problem::InvalidEnum {
                        allowed: vec!["\"en\"".into(), "\"zh-CN\"".into()],
                    },
                ),
            }
        }
        o
    }

    /// An own property; one given behind a getter that throws is reported here (it was
    /// given: reading it as absent would fall back to a default, such as the default
    /// `baseUrl`, and send the token there).
    fn get(&mut self, key: &'static str) -> JsValue {
        match own_entry(self.obj, &key_of(key)) {
            None => JsValue::UNDEFINED,
            Some(read) => {
                self.read += 1;
                read.unwrap_or_else(|| {
                    self.issues.push(
                        Problem::NotSupported {
                            reason: Reason::NotJson,
                        }
                        .issue(self.locale, key, None),
                    );
                    JsValue::UNDEFINED
                })
            }
        }
    }

    /// `p` at `key`, showing what was given: a string, number or boolean as it is, anything
    /// else by its kind. Never a credential's value, whatever its type.
    pub fn bad(&mut self, key: &'static str, p: Problem) {
        let v = own(self.obj, key);
        let got = if crate::options::CREDENTIALS.contains(&key) {
            None
        } else if let Some(s) = v.as_string() {
            Some(Value::String(s))
        } else if let Some(n) = v.as_f64() {
            crate::json::js_number(n)
        } else if let Some(b) = v.as_bool() {
            Some(Value::Bool(b))
        } else {
            v.is_object().then(|| Value::Object(Default::default()))
        };
        self.issues.push(p.issue(self.locale, key, got.as_ref()));
    }

    pub fn string(&mut self, key: &'static str) -> Option<String> {
        let v = self.get(key);
        self.string_of(key, v)
    }

    fn string_of(&mut self, key: &'static str, v: JsValue) -> Option<String> {
        if v.is_undefined() || v.is_null() {
            return None;
        }
        match v.as_string() {
            Some(s) => Some(s),
            None => {
                self.bad(
                    key,
                    Problem::InvalidType {
                        expected: Expected::Str,
                    },
                );
                None
            }
        }
    }

    /// An id given as string or safe integer; missing reads as "" for the core to report.
    pub fn id(&mut self, key: &'static str) -> String {
        let v = self.get(key);
        // Ids typed as numbers by callers are accepted when they are safe integers.
        if let Some(n) = v.as_f64() {
            if n.fract() == 0.0 && n.abs() <= crate::schema::MAX_SAFE as f64 {
                return format!("{}", n as i64);
            }
        }
        self.string_of(key, v).unwrap_or_default()
    }

    /// `number`, whole (a count: 2.5 workers is no count).
    pub fn whole(&mut self, key: &'static str, min: f64, max: f64) -> Option<f64> {
        let n = self.number(key, min, max)?;
        if n.fract() != 0.0 {
            self.bad(
                key,
                Problem::InvalidType {
                    expected: Expected::Int,
                },
            );
            return None;
        }
        Some(n)
    }

    pub fn number(&mut self, key: &'static str, min: f64, max: f64) -> Option<f64> {
        let v = self.get(key);
        if v.is_undefined() || v.is_null() {
            return None;
        }
        match v.as_f64() {
            Some(n) if n.is_finite() && n >= min && n <= max => Some(n),
            Some(n) if n.is_finite() && n < min => {
                self.bad(key, Problem::TooSmall { min: min as i64 });
                None
            }
            Some(n) if n.is_finite() => {
                self.bad(key, Problem::TooBig { max: max as i64 });
                None
            }
            _ => {
                self.bad(
                    key,
                    Problem::InvalidType {
                        expected: Expected::FiniteNumber,
                    },
                );
                None
            }
        }
    }

    pub fn function(&mut self, key: &'static str) -> Option<Function> {
        let v = self.get(key);
        if v.is_undefined() || v.is_null() {
            return None;
        }
        match v.dyn_into::<Function>() {
            Ok(f) => Some(f),
            Err(_) => {
                self.bad(
                    key,
                    Problem::InvalidType {
                        expected: Expected::Function,
                    },
                );
                None
            }
        }
    }

    pub fn signal(&mut self, key: &'static str) -> Option<web_sys::AbortSignal> {
        let v = self.get(key);
        if v.is_undefined() || v.is_null() {
            return None;
        }
        // Duck-typed: AbortSignal from another realm (jsdom, node) still has `aborted`,
        // `addEventListener` (without it an abort would only be seen between requests) and
        // `removeEventListener` (without it a later abort would call a listener already freed).
        if v.is_object()
            && !prop(&v, "aborted").is_undefined()
            && prop(&v, "addEventListener").is_function()
            && prop(&v, "removeEventListener").is_function()
        {
            return Some(v.unchecked_into());
        }
        self.bad(
            key,
            Problem::InvalidType {
                expected: Expected::AbortSignal,
            },
        );
        None
    }

    /// Reads `key` as JSON; an unreadable value (BigInt, cycle) is an issue and `None`.
    pub fn json(&mut self, key: &str) -> Option<Value> {
        self.json_at(key, key)
    }

    /// `key`'s value as JSON; what is wrong inside it (a NaN, a BigInt, a lone surrogate) is
    /// named from `root` (see `call::issue_root`: a task body's fields have no `body.` in
    /// front, as in `validateTaskUpdate`).
    pub fn json_at(&mut self, key: &str, root: &str) -> Option<Value> {
        // Given, but behind a getter (or a proxy's `get` trap) that throws, or a function or a
        // symbol: not "missing" (the core would say required), but nothing JSON can carry.
        let v = own_readable(self.obj, &JsValue::from_str(key))
            .filter(|v| !v.is_function() && !v.is_symbol());
        let Some(v) = v else {
            self.issues.push(
                Problem::NotSupported {
                    reason: Reason::NotJson,
                }
                .issue(self.locale, key, None),
            );
            return None;
        };
        let text = match json_text_of(&v, key, self.locale) {
            Ok(Some(text)) => text,
            Ok(None) => return Some(Value::Null),
            Err(issue) => {
                self.issues.push(rerooted(issue, key, root));
                return None;
            }
        };
        let Ok(tape) = Tape::parse(&text) else {
            let issue = unreadable(&v, key, self.locale);
            self.issues.push(rerooted(issue, key, root));
            return None;
        };
        // A NaN or ±Infinity inside is refused at its own path, and the value is still
        // given (the NaN read as null): the core must not also call it missing ("body is
        // required"); what it says at the same path is not repeated (see `then`).
        // (The value itself NaN: named by its key, whatever the root.)
        let root = if v.as_f64().is_some_and(|x| !x.is_finite()) {
            key
        } else {
            root
        };
        if let Err(issues) = finite(&v, tape.has_null(), tape.root(), root, self.locale) {
            self.issues.extend(issues);
        }
        Some(tape.root().to_value())
    }

    /// Ends option reading and runs the core step. Option problems and the core's
    /// validation issues come back together in ONE error (an issue the core finds again at
    /// the same path is not repeated), so a form sees every problem at once.
    pub fn then<T>(self, f: impl FnOnce(Locale) -> Result<T, Error>) -> Result<T, JsValue> {
        self.then_redacting(&[], f)
    }

    /// `then` for a client's calls: the client's secrets are replaced in whatever error
    /// comes back (an argument may hold one).
    pub fn then_redacting<T>(
        self,
        secrets: &[String],
        f: impl FnOnce(Locale) -> Result<T, Error>,
    ) -> Result<T, JsValue> {
        let Opts { issues, locale, .. } = self;
        let e = match f(locale) {
            Ok(v) if issues.is_empty() => return Ok(v),
            Ok(_) => Error::validation(issues, locale),
            Err(e) => merge(issues, locale, e.in_locale(locale)),
        };
        // No secrets (plain `then`): the error as it is, not a copy of every issue text.
        if secrets.is_empty() {
            return Err(to_js_error(&e));
        }
        let s: Vec<&str> = secrets.iter().map(String::as_str).collect();
        Err(to_js_error(&e.redacted(&s)))
    }

    /// Reports every own key of the options that is not in `known` (see `options::unknown`).
    /// Options whose keys cannot be listed are left as read.
    pub fn only(&mut self, known: &[&'static str]) {
        // No options (the common case) cost nothing: no own_keys call, no exception caught.
        if !self.obj.is_object() {
            return;
        }
        let Ok(keys) = Reflect::own_keys(self.obj) else {
            return;
        };
        // Every own key already read as an option (the usual case: `{ nonce, timestamp }` on
        // each `buildRequest`): nothing unknown, and no key copied out of JS. (Callers read
        // only keys of `known`, each once.)
        if keys.length() as usize == self.read {
            return;
        }
        let keys: Vec<String> = keys.iter().filter_map(|k| k.as_string()).collect();
        self.issues.extend(crate::options::unknown(
            keys.iter().map(String::as_str),
            known,
            self.locale,
        ));
    }

    pub fn finish(self) -> Result<Locale, JsValue> {
        if self.issues.is_empty() {
            Ok(self.locale)
        } else {
            Err(invalid(self.issues, self.locale))
        }
    }
}

/// The `(status, bodyText)` pair of the parse functions, both checked at once.
pub fn status_and_body(status: &JsValue, body: &JsValue) -> Result<(u16, String), JsValue> {
    let mut issues = Vec::new();
    let s = status
        .as_f64()
        .filter(|s| s.fract() == 0.0 && (100.0..=599.0).contains(s));
    // What was given is said (`received "200"`); a value JSON cannot read, without it.
    let got = |v: &JsValue, path| json_of(v, path, Locale::En).ok();
    if s.is_none() {
        issues.push(
            Problem::InvalidType {
                expected: Expected::HttpStatus,
            }
            .issue(Locale::En, "status", got(status, "status").as_ref()),
        );
    }
    let b = body.as_string();
    if b.is_none() {
        issues.push(
            Problem::InvalidType {
                expected: Expected::Str,
            }
            .issue(Locale::En, "bodyText", got(body, "bodyText").as_ref()),
        );
    }
    match (s, b) {
        (Some(s), Some(b)) => Ok((s as u16, b)),
        _ => Err(invalid(issues, Locale::En)),
    }
}

/// One error from the option problems and the core's answer. An issue the core finds
/// again at a path the options already reported is not repeated. Compared against the
/// option issues only (a handful, one per option key), so a million core issues stay
/// linear.
fn merge(options: Vec<Issue>, locale: Locale, e: Error) -> Error {
    if e.kind != Kind::Validation {
        return if options.is_empty() {
            e
        } else {
            Error::validation(options, locale)
        };
    }
    Error::validation(merge_issues(options, e.issues.unwrap_or_default()), locale)
}

/// The option reader's issues, then the core's, less those at a path an option issue
/// already names (the core sees a bad option again as an odd argument).
pub fn merge_issues(mut options: Vec<Issue>, found: Vec<Issue>) -> Vec<Issue> {
    if options.is_empty() {
        return found;
    }
    // Paths in a map (a NaN may be in each of 10⁶ rows); `<&str, usize>` as the task rules'
    // maps are, so no other hash map is compiled in.
    // A value that could not be read at all (not_supported, named at the part that fails)
    // was not handed to the core: what it says at that part's ancestors ("body is
    // required") is about the gap, not the caller's value.
    let mut said: std::collections::HashMap<&str, usize> =
        options.iter().map(|o| (o.path.as_str(), 0)).collect();
    for o in options.iter().filter(|o| o.code == "not_supported") {
        let p = o.path.as_str();
        for (i, _) in p.match_indices(['.', '[']) {
            said.insert(&p[..i], 0);
        }
    }
    let new: Vec<Issue> = found
        .into_iter()
        .filter(|i| !said.contains_key(i.path.as_str()))
        .collect();
    drop(said);
    options.extend(new);
    options
}
