//! Test bodies shared by `tests/wasm_node.rs` (Node) and `tests/wasm_browser.rs` (headless
//! Chromium). They drive the wasm bindings only through `JsValue`s, the way JS code would:
//! options objects built with `JSON.parse`, fakes of `fetch` written in JS, errors read
//! back with `Reflect.get`. No network: every request goes to an injected `fetch`.
//!
//! Only globals both hosts have are used (`URL`, `Response`, `AbortController`,
//! `setTimeout`, `Proxy`).

#![allow(dead_code)]

/// One `#[wasm_bindgen_test]` wrapper per shared body; used by both test files so the
/// two targets always run the same list.
macro_rules! shared_tests {
    (sync: [$($s:ident),* $(,)?], async: [$($a:ident),* $(,)?], ignored: [$($i:ident: $why:tt),* $(,)?] $(,)?) => {
        $(
            #[wasm_bindgen_test::wasm_bindgen_test]
            fn $s() {
                common::$s()
            }
        )*
        $(
            #[wasm_bindgen_test::wasm_bindgen_test]
            async fn $a() {
                common::$a().await
            }
        )*
        $(
            #[wasm_bindgen_test::wasm_bindgen_test]
            #[ignore = $why]
            async fn $i() {
                common::$i().await
            }
        )*
    };
}

/// The full list, expanded once in each test file.
macro_rules! all_tests {
    () => {
        shared_tests! {
            sync: [
                validate_task_update_seed,
                validate_task_update_line_limit,
                validate_task_update_zh,
                validate_task_update_legacy,
                validate_task_update_bad_options,
                validate_record_ids_cases,
                hostile_inputs_pure,
                proto_key_is_an_unknown_field,
                deep_and_big_inputs_are_issues,
                constructor_missing_token,
                constructor_errors_never_show_the_token,
                build_update_task_shape,
                build_batch_voice_urls_shape,
                static_parsers,
            ],
            async: [
                hostile_inputs_async,
                update_task_success,
                update_task_with_closure_fetch,
                update_task_6007,
                update_task_http_500,
                update_task_html_200,
                update_task_timeout,
                update_task_aborted,
                update_task_fetch_throws,
                update_task_fetch_returns_garbage,
                batch_65_ids,
                batch_concurrency_one_and_duplicates,
                batch_missing_ids,
                batch_retries_5xx_and_survives_throwing_progress,
                batch_failures_are_per_id,
                build_reports_all_problems_at_once,
                batch_missing_id_containing_a_good_id,
                batch_id_left_out_of_a_success_answer,
            ],
            ignored: [],
        }
    };
}

use aicall::wasm::agent::AgentApi;
use js_sys::{Array, Function, Object, Promise, Reflect, JSON};
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The token of every client in these tests; no error text may ever contain it.
pub const SECRET: &str = "tok-SECRET-123";

const UPDATE_V2: &str = include_str!("../fixtures/agent_api/update_v2.json");
const UPDATE_LEGACY: &str = include_str!("../fixtures/agent_api/update_legacy.json");
const UPDATE_OK: &str = include_str!("../fixtures/agent_api/update_ok.json");
const UPDATE_6007: &str = include_str!("../fixtures/agent_api/update_6007.json");
const BATCH_OK: &str = include_str!("../fixtures/agent_api/batch_voice_ok.json");

const KINDS: &[&str] = &["validation", "api", "http", "network", "timeout", "aborted", "parse"];

/// Fakes and probes written in JS (evaluated once per test; cheap).
const HELPERS_JS: &str = r#"(function () {
  const H = {};
  // A real Response where the host has one, else a duck-typed stand-in.
  H.respond = function (status, body) {
    if (typeof Response === "function") {
      return new Response(body, { status, headers: { "content-type": "application/json" } });
    }
    return { status, headers: { get() { return null; } }, text: async () => body };
  };
  // fetch that always answers `status` / `body` and records every call.
  H.fixed = function (status, body) {
    const calls = [];
    const fetch = async function (url, init) { calls.push({ url, init }); return H.respond(status, body); };
    return { fetch, calls };
  };
  // fetch that never answers but rejects when init.signal aborts (like the real one).
  H.hanging = function () {
    const calls = [];
    const fetch = function (url, init) {
      calls.push({ url, init });
      return new Promise((_, reject) => {
        const s = init && init.signal;
        if (!s) return;
        const fail = () => { const e = new Error("This operation was aborted"); e.name = "AbortError"; reject(e); };
        if (s.aborted) return fail();
        s.addEventListener("abort", fail);
      });
    };
    return { fetch, calls };
  };
  // fetch whose call itself throws.
  H.throwing = function () {
    const calls = [];
    const fetch = function (url, init) { calls.push({ url, init }); throw new TypeError("boom: fetch threw synchronously"); };
    return { fetch, calls };
  };
  // fetch that hands back whatever `make()` returns (non-Responses).
  H.returning = function (make) {
    const calls = [];
    const fetch = function (url, init) { calls.push({ url, init }); return make(); };
    return { fetch, calls };
  };
  H.weirdAnswers = function () {
    return [
      ["42", () => 42],
      ["Promise<42>", () => Promise.resolve(42)],
      ["null", () => null],
      ["undefined", () => undefined],
      ["string", () => "HTTP/1.1 200 OK"],
      ["{}", () => ({})],
      ["status as string", () => ({ status: "200", text: async () => "{}" })],
      ["status 99", () => ({ status: 99, text: async () => "{}" })],
      ["status NaN", () => ({ status: NaN, text: async () => "{}" })],
      ["no text()", () => ({ status: 200 })],
      ["text not a function", () => ({ status: 200, text: 5 })],
      ["text() throws", () => ({ status: 200, text() { throw new Error("text threw"); } })],
      ["text() rejects", () => ({ status: 200, text: () => Promise.reject(new Error("text rejected")) })],
      ["text() resolves a number", () => ({ status: 200, text: async () => 12345 })],
      ["headers.get throws", () => ({ status: 200, headers: { get() { throw new Error("get threw"); } }, text: async () => '{"code":200,"status":"success","data":""}' })],
      ["rejects with a string", () => Promise.reject("plain string rejection")],
      ["rejects with undefined", () => Promise.reject(undefined)],
      ["throws null", () => { throw null; }],
      ["thenable that throws", () => ({ then() { throw new Error("then threw"); } })],
      ["Proxy response with throwing traps", () => new Proxy({}, { get() { throw new Error("response trap"); } })],
    ];
  };
  // Agent API emulator of batch_record/download-full-voice: answers each request by
  // echoing its ids, or with 50051 naming the first id `isMissing` picks.
  H.echo = function (isMissing, failFirst, isDropped) {
    const st = { calls: [], inflight: 0, maxInflight: 0, served: 0 };
    st.fetch = async function (url, init) {
      st.calls.push({ url, init });
      st.inflight++;
      st.maxInflight = Math.max(st.maxInflight, st.inflight);
      await new Promise((r) => setTimeout(r, 5));
      st.inflight--;
      if (failFirst && failFirst > st.served) { st.served++; return H.respond(503, "<html><body>503 busy</body></html>"); }
      st.served++;
      const ids = new URL(url).searchParams.getAll("recordIds[]");
      const missing = isMissing ? ids.find(isMissing) : undefined;
      const body = missing !== undefined
        ? { code: 50051, status: "error", message: "该任务下的通话记录ID-" + missing + "-不存在", data: [] }
        : { code: 200, status: "success", message: "批量返回录音下载地址成功",
            data: { batch_url: ids.filter((id) => !(isDropped && isDropped(id)))
                                   .map((id) => ({ record_id: id, voice_url: "saas.test/voice?id=" + encodeURIComponent(id) })) } };
      return H.respond(200, JSON.stringify(body));
    };
    st.idsOf = function (i) { return new URL(st.calls[i].url).searchParams.getAll("recordIds[]"); };
    return st;
  };
  H.startsWith = function (prefix) { return (id) => id.startsWith(prefix); };
  H.oneOf = function (list) { return (id) => list.includes(id); };
  // Callback that records its arguments.
  H.recorder = function (throws) {
    const st = { calls: [] };
    st.fn = function (p) { st.calls.push(p); if (throws) throw new Error("progress callback threw"); };
    return st;
  };
  H.abortedSignal = function () { const c = new AbortController(); c.abort(); return c.signal; };
  H.abortAfter = function (ms) { const c = new AbortController(); setTimeout(() => c.abort(), ms); return c.signal; };
  H.sleep = function (ms) { return new Promise((r) => setTimeout(r, ms)); };
  // Every text a user could see or log for an error.
  H.errorTexts = function (e) {
    const out = [];
    const tryPush = (f) => { try { out.push(String(f())); } catch (x) { out.push("<threw " + x + ">"); } };
    tryPush(() => String(e));
    tryPush(() => e.message);
    tryPush(() => e.toString());
    tryPush(() => JSON.stringify(e));
    tryPush(() => e.stack);
    tryPush(() => JSON.stringify(Object.getOwnPropertyNames(e).map((k) => [k, e[k]])));
    return out.join("\n");
  };
  H.clone = function (v) { return JSON.parse(JSON.stringify(v)); };
  H.protoPolluted = function () { return ({}).polluted !== undefined || Object.prototype.polluted !== undefined; };
  H.typeOf = function (v) { return typeof v; };
  // Hostile values JS could hand the bindings.
  H.hostile = function () {
    const cycle = { name: "cycle" }; cycle.self = cycle; cycle.task_extras = { back: cycle };
    let deep = {}; for (let i = 0; i < 10000; i++) deep = { a: deep };
    let deepArr = []; for (let i = 0; i < 10000; i++) deepArr = [deepArr];
    const trap = () => { throw new Error("trap " + Math.random()); };
    const traps = { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap, apply: trap, construct: trap };
    const getterThrows = {}; Object.defineProperty(getterThrows, "token", { get: trap, enumerable: true });
    Object.defineProperty(getterThrows, "body", { get: trap, enumerable: true });
    Object.defineProperty(getterThrows, "recordIds", { get: trap, enumerable: true });
    return [
      ["null", null],
      ["undefined", undefined],
      ["a string", "not an object"],
      ["a number", 42],
      ["NaN", NaN],
      ["Infinity", Infinity],
      ["true", true],
      ["BigInt (JS)", 12345678901234567890n],
      ["object holding a BigInt", { maximumcall: 3n, name: "n", token: 1n, recordIds: [1n] }],
      ["object with a cycle", cycle],
      ["object nested 10000 deep", deep],
      ["array nested 10000 deep", deepArr],
      ["5 MB string", "x".repeat(5 * 1024 * 1024)],
      ["own __proto__ key", JSON.parse('{"__proto__":{"polluted":true},"name":"n","recordIds":["a"]}')],
      ["Proxy with throwing traps", new Proxy({}, traps)],
      ["Proxy of an array with throwing traps", new Proxy([], traps)],
      ["Proxy of a function with throwing traps", new Proxy(function () {}, traps)],
      ["object whose getters throw", getterThrows],
      ["toJSON that throws", { toJSON: trap }],
      ["Symbol", Symbol("hostile")],
      ["a function", function () { return 1; }],
      ["a Date", new Date(0)],
      ["a Map", new Map([["token", "t"]])],
      ["frozen empty array", Object.freeze([])],
    ];
  };
  return H;
})()"#;

// ---- small JS helpers ---------------------------------------------------------------------

pub fn helpers() -> JsValue {
    js_sys::eval(HELPERS_JS).expect("helpers evaluate")
}

pub fn parse(s: &str) -> JsValue {
    JSON::parse(s).unwrap_or_else(|e| panic!("test JSON does not parse: {e:?}"))
}

pub fn get(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
}

pub fn set(v: &JsValue, k: &str, x: &JsValue) {
    Reflect::set(v, &JsValue::from_str(k), x).expect("Reflect.set");
}

pub fn gs(v: &JsValue, k: &str) -> Option<String> {
    get(v, k).as_string()
}

pub fn gn(v: &JsValue, k: &str) -> Option<f64> {
    get(v, k).as_f64()
}

pub fn call(h: &JsValue, name: &str, args: &[JsValue]) -> JsValue {
    let f: Function = get(h, name).dyn_into().unwrap_or_else(|_| panic!("helper {name} is not a function"));
    let arr = Array::new();
    for a in args {
        arr.push(a);
    }
    f.apply(h, &arr).unwrap_or_else(|e| panic!("helper {name} threw: {e:?}"))
}

pub fn len(v: &JsValue) -> u32 {
    Array::from(v).length()
}

pub fn stringify(v: &JsValue) -> String {
    JSON::stringify(v).ok().and_then(|s| s.as_string()).unwrap_or_else(|| format!("{v:?}"))
}

fn strings(v: &JsValue) -> Vec<String> {
    Array::from(v).iter().map(|x| x.as_string().expect("a string")).collect()
}

pub async fn sleep(h: &JsValue, ms: u32) {
    let p: Promise = call(h, "sleep", &[JsValue::from(ms)]).unchecked_into();
    let _ = JsFuture::from(p).await;
}

pub async fn settle(p: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(p).await
}

/// `{ token: SECRET, ...extra }` with JS values set on top.
pub fn options(extra: &[(&str, &JsValue)]) -> JsValue {
    let o = parse(&format!(r#"{{"token":"{SECRET}","baseUrl":"https://agent.test"}}"#));
    for (k, v) in extra {
        set(&o, k, v);
    }
    o
}

pub fn client(extra: &[(&str, &JsValue)]) -> AgentApi {
    match AgentApi::new(options(extra)) {
        Ok(api) => api,
        Err(e) => panic!("client options rejected: {}", stringify(&e)),
    }
}

pub fn fixture(s: &str) -> JsValue {
    parse(s)
}

/// `{ userId, taskId, body: update_v2.json }` as JS would pass to updateTask.
pub fn update_args() -> JsValue {
    let a = parse(r#"{"userId":"u1","taskId":"t1"}"#);
    set(&a, "body", &fixture(UPDATE_V2));
    a
}

pub fn ids(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}{i:03}")).collect()
}

pub fn js_strings(v: &[String]) -> JsValue {
    let a = Array::new();
    for s in v {
        a.push(&JsValue::from_str(s));
    }
    a.into()
}

// ---- assertions -----------------------------------------------------------------------------

/// An issues array: `[{path, code, message}]`, every field a string.
pub fn issues(v: &JsValue) -> Vec<(String, String, String)> {
    assert!(Array::is_array(v), "expected an issues array, got {}", stringify(v));
    Array::from(v)
        .iter()
        .map(|i| {
            let path = gs(&i, "path").unwrap_or_else(|| panic!("issue without path: {}", stringify(&i)));
            let code = gs(&i, "code").unwrap_or_else(|| panic!("issue without code: {}", stringify(&i)));
            let message = gs(&i, "message").unwrap_or_else(|| panic!("issue without message: {}", stringify(&i)));
            assert!(!code.is_empty() && !message.is_empty(), "empty issue field: {}", stringify(&i));
            (path, code, message)
        })
        .collect()
}

pub fn assert_no_secret(h: &JsValue, e: &JsValue) {
    let texts = call(h, "errorTexts", &[e.clone()]).as_string().unwrap_or_default();
    assert!(!texts.contains(SECRET), "an error text contains the token: {texts}");
    assert!(!texts.contains("tok-SECRET"), "an error text contains part of the token: {texts}");
}

/// A thrown `AicallError` (fallback path: a plain JS Error named "AicallError").
/// Returns its kind.
pub fn aicall_error(h: &JsValue, e: &JsValue) -> String {
    assert!(e.is_instance_of::<js_sys::Error>(), "thrown value is not a JS Error: {e:?}");
    assert_eq!(gs(e, "name").as_deref(), Some("AicallError"), "error name of {}", stringify(e));
    let kind = gs(e, "kind").unwrap_or_else(|| panic!("error without kind: {}", stringify(e)));
    assert!(KINDS.contains(&kind.as_str()), "unknown kind {kind}");
    let code = gs(e, "code").unwrap_or_default();
    assert!(!code.is_empty(), "error without code: {}", stringify(e));
    assert!(get(e, "retryable").as_bool().is_some(), "retryable is not a boolean: {}", stringify(e));
    let message = gs(e, "message").unwrap_or_default();
    assert!(!message.is_empty(), "error without message: {}", stringify(e));
    if kind == "validation" {
        let list = issues(&get(e, "issues"));
        assert!(!list.is_empty(), "validation error without issues: {}", stringify(e));
    }
    assert_no_secret(h, e);
    kind
}

pub fn expect_kind(h: &JsValue, r: Result<JsValue, JsValue>, kind: &str, what: &str) -> JsValue {
    match r {
        Ok(v) => panic!("{what}: expected a thrown {kind} error, got {}", stringify(&v)),
        Err(e) => {
            let k = aicall_error(h, &e);
            assert_eq!(k, kind, "{what}: kind of {}", stringify(&e));
            e
        }
    }
}

fn issue_paths(e: &JsValue) -> Vec<String> {
    issues(&get(e, "issues")).into_iter().map(|i| i.0).collect()
}

// ---- the static validators, called the way the JS glue calls them -------------------------

/// What wasm-bindgen hands an `Option<JsValue>` parameter: `undefined` and `null` arrive
/// as `None`.
fn js_opt(v: JsValue) -> Option<JsValue> {
    if v.is_undefined() || v.is_null() {
        None
    } else {
        Some(v)
    }
}

pub fn validate_task_update(body: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    AgentApi::validate_task_update(body, js_opt(options))
}

pub fn validate_record_ids(ids: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    AgentApi::validate_record_ids(ids, js_opt(options))
}

// ---- validateTaskUpdate ---------------------------------------------------------------------

pub fn validate_task_update_seed() {
    let body = fixture(UPDATE_V2);
    let out = validate_task_update(body.clone(), JsValue::UNDEFINED).expect("valid options");
    assert_eq!(issues(&out), vec![], "seed v2 body");
    let out = validate_task_update(body.clone(), parse(r#"{"variant":"v2"}"#)).expect("valid options");
    assert_eq!(issues(&out), vec![]);
    let out = validate_task_update(body, JsValue::NULL).expect("null options");
    assert_eq!(issues(&out), vec![]);
}

pub fn validate_task_update_line_limit() {
    let body = fixture(UPDATE_V2);
    set(&body, "maximumcall", &JsValue::from(3));
    let out = issues(&validate_task_update(body, JsValue::UNDEFINED).unwrap());
    assert_eq!(out.len(), 1, "{out:?}");
    assert_eq!(out[0].1, "line_limit_exceeded");
    assert_eq!(out[0].0, "task_extras.line[0].limit");
    assert!(out[0].2.contains('3') && out[0].2.contains('2'), "message names share and limit: {}", out[0].2);
}

pub fn validate_task_update_zh() {
    let body = fixture(UPDATE_V2);
    set(&body, "maximumcall", &JsValue::from(3));
    let en = issues(&validate_task_update(body.clone(), parse(r#"{"locale":"en"}"#)).unwrap());
    let zh = issues(&validate_task_update(body, parse(r#"{"locale":"zh-CN"}"#)).unwrap());
    assert_eq!(zh.len(), 1);
    assert_eq!((&zh[0].0, &zh[0].1), (&en[0].0, &en[0].1), "path and code do not change with the locale");
    assert_ne!(zh[0].2, en[0].2);
    assert!(zh[0].2.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "not Chinese: {}", zh[0].2);
    // Several kinds of issue at once, all in Chinese.
    let bad = parse(r#"{"name":"","maximumcall":0,"task_extras":{}}"#);
    let zh = issues(&validate_task_update(bad, parse(r#"{"locale":"zh-CN"}"#)).unwrap());
    assert!(zh.len() >= 4, "{zh:?}");
    for (_, _, m) in &zh {
        assert!(m.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "not Chinese: {m}");
    }
}

pub fn validate_task_update_legacy() {
    let out = validate_task_update(fixture(UPDATE_LEGACY), parse(r#"{"variant":"legacy"}"#)).unwrap();
    assert_eq!(issues(&out), vec![]);
    // The v2 seed has v2-only fields: as legacy it is not valid.
    let out = validate_task_update(fixture(UPDATE_V2), parse(r#"{"variant":"legacy"}"#)).unwrap();
    assert!(!issues(&out).is_empty());
}

pub fn validate_task_update_bad_options() {
    let h = helpers();
    for (opts, key) in [
        (r#"{"variant":"v3"}"#, "variant"),
        (r#"{"variant":5}"#, "variant"),
        (r#"{"locale":"fr"}"#, "locale"),
        (r#"{"locale":"tok-SECRET-123"}"#, "locale"),
    ] {
        let r = validate_task_update(fixture(UPDATE_V2), parse(opts));
        let e = match r {
            Ok(v) => panic!("{opts}: expected a throw, got {}", stringify(&v)),
            Err(e) => e,
        };
        // `locale: "tok-SECRET-123"` may legitimately echo the received value; only check
        // the shape there.
        if key == "locale" && opts.contains("SECRET") {
            assert!(e.is_instance_of::<js_sys::Error>());
            assert_eq!(gs(&e, "kind").as_deref(), Some("validation"));
            continue;
        }
        assert_eq!(aicall_error(&h, &e), "validation", "{opts}");
        assert!(issue_paths(&e).contains(&key.to_string()), "{opts}: {}", stringify(&e));
    }
    // Several option problems are reported together.
    let e = validate_task_update(fixture(UPDATE_V2), parse(r#"{"variant":"x","locale":"y"}"#)).unwrap_err();
    let paths = issue_paths(&e);
    assert!(paths.contains(&"variant".into()) && paths.contains(&"locale".into()), "{paths:?}");
}

// ---- validateRecordIds ----------------------------------------------------------------------

pub fn validate_record_ids_cases() {
    let v = |ids: &JsValue| issues(&validate_record_ids(ids.clone(), JsValue::UNDEFINED).expect("no options"));
    assert_eq!(v(&js_strings(&ids("rec-", 30))), vec![]);
    assert_eq!(v(&js_strings(&ids("rec-", 1))), vec![]);

    let out = v(&js_strings(&ids("rec-", 31)));
    assert_eq!(out.len(), 1, "{out:?}");
    assert_eq!(out[0].0, "recordIds[30]");
    assert_eq!(out[0].1, "too_big");

    let out = v(&parse(r#"["a","b","a","b","c"]"#));
    let got: Vec<_> = out.iter().map(|i| (i.0.as_str(), i.1.as_str())).collect();
    assert_eq!(got, [("recordIds[2]", "duplicate"), ("recordIds[3]", "duplicate")]);

    let out = v(&parse(r#"["a",5,null,{},[],true,""]"#));
    let got: Vec<_> = out.iter().map(|i| (i.0.as_str(), i.1.as_str())).collect();
    assert_eq!(
        got,
        [
            ("recordIds[1]", "invalid_type"),
            ("recordIds[2]", "invalid_type"),
            ("recordIds[3]", "invalid_type"),
            ("recordIds[4]", "invalid_type"),
            ("recordIds[5]", "invalid_type"),
            ("recordIds[6]", "too_small"),
        ]
    );

    let out = v(&parse("[]"));
    assert_eq!(out.iter().map(|i| (i.0.as_str(), i.1.as_str())).collect::<Vec<_>>(), [("recordIds", "too_small")]);
    let out = v(&JsValue::from_str("rec-1"));
    assert_eq!(out.iter().map(|i| (i.0.as_str(), i.1.as_str())).collect::<Vec<_>>(), [("recordIds", "invalid_type")]);

    // Chinese messages on request.
    let zh = issues(&validate_record_ids(js_strings(&ids("rec-", 31)), parse(r#"{"locale":"zh-CN"}"#)).unwrap());
    assert!(zh[0].2.contains("最多"), "{zh:?}");
}

// ---- hostile inputs -------------------------------------------------------------------------

/// `Ok(issues array)` or `Err(AicallError)`; never a trap, never another kind of throw.
fn issues_or_error(h: &JsValue, r: Result<JsValue, JsValue>, what: &str) {
    match r {
        Ok(v) => {
            issues(&v);
        }
        Err(e) => {
            let k = aicall_error(h, &e);
            assert_eq!(k, "validation", "{what}");
        }
    }
}

fn must_throw_validation(h: &JsValue, r: Result<JsValue, JsValue>, what: &str) {
    match r {
        Ok(v) => panic!("{what}: expected a validation error, got {}", stringify(&v)),
        Err(e) => assert_eq!(aicall_error(h, &e), "validation", "{what}: {}", stringify(&e)),
    }
}

pub fn hostile_values(h: &JsValue) -> Vec<(String, JsValue)> {
    let mut out: Vec<(String, JsValue)> = Array::from(&call(h, "hostile", &[]))
        .iter()
        .map(|pair| (get(&pair, "0").as_string().unwrap(), get(&pair, "1")))
        .collect();
    // The same kinds of value made from Rust.
    out.push(("BigInt (js_sys)".into(), js_sys::BigInt::from(u64::MAX).into()));
    out.push(("NaN (Rust f64)".into(), JsValue::from_f64(f64::NAN)));
    out.push(("Symbol (js_sys)".into(), js_sys::Symbol::for_("aicall-hostile").into()));
    let trap = Function::new_with_args("", "throw new Error('trap from new Function')");
    let handler = Object::new();
    for t in ["get", "has", "ownKeys", "getOwnPropertyDescriptor", "getPrototypeOf"] {
        set(&handler, t, &trap);
    }
    let proxy = js_sys::Proxy::new(&Object::new(), &handler);
    out.push(("Proxy (js_sys)".into(), proxy.into()));
    out
}

/// The pure entry points, with a hostile value in every argument position.
pub fn hostile_inputs_pure() {
    let h = helpers();
    let api = client(&[]);
    for (label, v) in hostile_values(&h) {
        let w = |s: &str| format!("{label}: {s}");
        // As the body / id list: always an issues array, never a throw.
        let out = validate_task_update(v.clone(), JsValue::UNDEFINED)
            .unwrap_or_else(|e| panic!("{}: threw {}", w("validateTaskUpdate(body)"), stringify(&e)));
        assert!(!issues(&out).is_empty(), "{}", w("validateTaskUpdate(body) found nothing"));
        for variant in [r#"{"variant":"legacy"}"#, r#"{"locale":"zh-CN"}"#] {
            let out = validate_task_update(v.clone(), parse(variant)).unwrap_or_else(|e| panic!("{}: {}", w(variant), stringify(&e)));
            assert!(!issues(&out).is_empty(), "{}", w(variant));
        }
        let out = validate_record_ids(v.clone(), JsValue::UNDEFINED)
            .unwrap_or_else(|e| panic!("{}: threw {}", w("validateRecordIds"), stringify(&e)));
        if label != "frozen empty array" {
            assert!(!issues(&out).is_empty(), "{}", w("validateRecordIds found nothing"));
        }

        // As the options object.
        issues_or_error(&h, validate_task_update(fixture(UPDATE_V2), v.clone()), &w("validateTaskUpdate(options)"));
        issues_or_error(&h, validate_record_ids(parse(r#"["a"]"#), v.clone()), &w("validateRecordIds(options)"));

        // As the constructor options, and as each constructor option.
        match AgentApi::new(v.clone()) {
            Ok(_) => panic!("{}", w("new AgentApi(hostile) succeeded without a token")),
            Err(e) => {
                assert_eq!(aicall_error(&h, &e), "validation", "{}", w("new AgentApi"));
            }
        }
        for key in ["token", "baseUrl", "timeoutMs", "fetch", "locale"] {
            let o = options(&[(key, &v)]);
            if let Err(e) = AgentApi::new(o) {
                assert_eq!(aicall_error(&h, &e), "validation", "{}", w(key));
            }
        }

        // As the builders' argument, and as each field of it.
        must_throw_validation(&h, api.build_update_task(v.clone()), &w("buildUpdateTask(args)"));
        must_throw_validation(&h, api.build_batch_voice_urls(v.clone()), &w("buildBatchVoiceUrls(args)"));
        for key in ["userId", "taskId", "subUserId", "body", "variant", "locale"] {
            let a = update_args();
            set(&a, key, &v);
            match api.build_update_task(a) {
                Ok(req) => assert_eq!(gs(&req, "method").as_deref(), Some("PUT"), "{}", w(key)),
                Err(e) => assert_eq!(aicall_error(&h, &e), "validation", "{}", w(key)),
            }
        }
        for key in ["userId", "taskId", "subUserId", "recordIds", "locale"] {
            let a = parse(r#"{"userId":"u1","taskId":"t1","recordIds":["a","b"]}"#);
            set(&a, key, &v);
            match api.build_batch_voice_urls(a) {
                Ok(req) => assert_eq!(gs(&req, "method").as_deref(), Some("GET"), "{}", w(key)),
                Err(e) => assert_eq!(aicall_error(&h, &e), "validation", "{}", w(key)),
            }
        }

        // The static parsers.
        issues_or_error(&h, AgentApi::parse_update_task(v.clone(), JsValue::from_str(UPDATE_OK)).map(|_| Array::new().into()), &w("parseUpdateTask(status)"));
        for r in [AgentApi::parse_update_task(JsValue::from(200), v.clone()).map(|_| JsValue::NULL), AgentApi::parse_batch_voice_urls(JsValue::from(200), v.clone())] {
            if let Err(e) = r {
                aicall_error(&h, &e);
            }
        }
    }
    assert!(!call(&h, "protoPolluted", &[]).is_truthy(), "Object.prototype was polluted");
}

/// The I/O entry points reject (never trap, never call fetch) on hostile arguments.
pub async fn hostile_inputs_async() {
    let h = helpers();
    let fake = call(&h, "fixed", &[JsValue::from(200), JsValue::from_str(UPDATE_OK)]);
    let api = client(&[("fetch", &get(&fake, "fetch"))]);
    for (label, v) in hostile_values(&h) {
        let w = |s: &str| format!("{label}: {s}");
        expect_kind(&h, settle(api.update_task(v.clone())).await, "validation", &w("updateTask(args)"));
        expect_kind(&h, settle(api.batch_voice_urls(v.clone())).await, "validation", &w("batchVoiceUrls(args)"));
        for key in ["signal", "body"] {
            let a = update_args();
            set(&a, key, &v);
            if let Err(e) = settle(api.update_task(a)).await {
                assert_eq!(aicall_error(&h, &e), "validation", "{}", w(key));
            }
        }
        for key in ["signal", "onProgress", "concurrency", "recordIds"] {
            let a = parse(r#"{"userId":"u1","taskId":"t1","recordIds":["a"]}"#);
            set(&a, key, &v);
            match settle(api.batch_voice_urls(a)).await {
                Ok(r) => assert!(Array::is_array(&get(&r, "urls")), "{}", w(key)),
                Err(e) => assert_eq!(aicall_error(&h, &e), "validation", "{}", w(key)),
            }
        }
    }
    // Only the calls whose hostile field was acceptable (null/undefined signal etc.) sent.
    let sent = len(&get(&fake, "calls"));
    assert!(sent < 200, "unexpected number of requests: {sent}");
}

pub fn proto_key_is_an_unknown_field() {
    let body = fixture(UPDATE_V2);
    let with_proto = parse(&UPDATE_V2.replacen('{', r#"{"__proto__":{"polluted":true},"#, 1));
    let out = issues(&validate_task_update(with_proto, JsValue::UNDEFINED).unwrap());
    assert_eq!(out.len(), 1, "{out:?}");
    assert_eq!((out[0].0.as_str(), out[0].1.as_str()), ("__proto__", "unknown_field"));
    // Nothing leaked into the prototype chain or the clean body.
    let h = helpers();
    assert!(!call(&h, "protoPolluted", &[]).is_truthy());
    assert_eq!(issues(&validate_task_update(body, JsValue::UNDEFINED).unwrap()), vec![]);
}

pub fn deep_and_big_inputs_are_issues() {
    let h = helpers();
    let values = hostile_values(&h);
    let find = |l: &str| values.iter().find(|(k, _)| k == l).unwrap().1.clone();
    for l in ["object nested 10000 deep", "array nested 10000 deep"] {
        let out = issues(&validate_task_update(find(l), JsValue::UNDEFINED).unwrap());
        assert_eq!(out.len(), 1, "{l}: {out:?}");
        assert_eq!(out[0].1, "not_supported", "{l}");
    }
    for l in ["object with a cycle", "BigInt (js_sys)", "Proxy with throwing traps"] {
        let out = issues(&validate_task_update(find(l), JsValue::UNDEFINED).unwrap());
        assert_eq!((out.len(), out[0].1.as_str(), out[0].0.as_str()), (1, "not_supported", ""), "{l}: {out:?}");
    }
    let out = issues(&validate_record_ids(find("BigInt (js_sys)"), JsValue::UNDEFINED).unwrap());
    assert_eq!((out[0].0.as_str(), out[0].1.as_str()), ("recordIds", "not_supported"));
    // A 5 MB string (made in JS, and made in Rust) is an invalid type; its message quotes
    // only a short excerpt.
    for big in [find("5 MB string"), JsValue::from_str(&"y".repeat(5 << 20))] {
        let out = issues(&validate_task_update(big.clone(), JsValue::UNDEFINED).unwrap());
        assert_eq!(out[0].1, "invalid_type");
        assert!(out[0].2.len() < 500, "message length {}", out[0].2.len());
        let out = issues(&validate_record_ids(big.clone(), JsValue::UNDEFINED).unwrap());
        assert_eq!((out[0].0.as_str(), out[0].1.as_str()), ("recordIds", "invalid_type"));
        let list = Array::of1(&big);
        let out = issues(&validate_record_ids(list.into(), JsValue::UNDEFINED).unwrap());
        assert_eq!(out, vec![], "one long id is still one id");
    }
}

// ---- constructor ----------------------------------------------------------------------------

pub fn constructor_missing_token() {
    let h = helpers();
    for opts in [JsValue::UNDEFINED, JsValue::NULL, parse("{}"), parse(r#"{"token":""}"#), parse(r#"{"token":"   "}"#), parse(r#"{"token":null}"#)] {
        let e = match AgentApi::new(opts.clone()) {
            Ok(_) => panic!("accepted {}", stringify(&opts)),
            Err(e) => e,
        };
        assert!(e.is_instance_of::<js_sys::Error>());
        assert_eq!(String::from(e.dyn_ref::<js_sys::Error>().unwrap().name()), "AicallError");
        assert_eq!(aicall_error(&h, &e), "validation");
        let list = issues(&get(&e, "issues"));
        assert!(list.iter().any(|i| i.0 == "token"), "{list:?}");
        assert!(gs(&e, "message").unwrap().contains("token"));
        let text = String::from(e.dyn_ref::<js_sys::Error>().unwrap().to_string());
        assert!(text.starts_with("AicallError: "), "{text}");
    }
}

pub fn constructor_errors_never_show_the_token() {
    let h = helpers();
    let cases: Vec<JsValue> = vec![
        parse(&format!(r#"{{"token":"{SECRET}","baseUrl":"ftp://x"}}"#)),
        parse(&format!(r#"{{"token":"{SECRET}","timeoutMs":-1}}"#)),
        parse(&format!(r#"{{"token":"{SECRET}","timeoutMs":"soon","fetch":42,"locale":"fr"}}"#)),
        parse(&format!(r#"{{"token":"{SECRET} with spaces"}}"#)),
        parse(&format!(r#"{{"token":"{SECRET}\n"}}"#)),
        parse(&format!(r#"{{"token":"{SECRET}\r\nX-Injected: 1"}}"#)),
        parse(&format!(r#"{{"token":["{SECRET}"]}}"#)),
        parse(&format!(r#"{{"token":{{"value":"{SECRET}"}}}}"#)),
    ];
    for o in cases {
        match AgentApi::new(o.clone()) {
            Ok(_) => panic!("accepted {}", stringify(&o)),
            Err(e) => assert_eq!(aicall_error(&h, &e), "validation", "{}", stringify(&o)),
        }
    }
    // Several option problems at once.
    let e = AgentApi::new(parse(r#"{"timeoutMs":0,"fetch":1,"locale":"fr"}"#)).err().unwrap();
    let paths = issue_paths(&e);
    for p in ["token", "timeoutMs", "fetch", "locale"] {
        assert!(paths.contains(&p.into()), "{p} missing from {paths:?}");
    }
    // A valid one builds.
    assert!(AgentApi::new(options(&[])).is_ok());
    // A numeric token is read like a numeric id would be.
    assert!(AgentApi::new(parse(r#"{"token":12345}"#)).is_ok());
}

// ---- builders -------------------------------------------------------------------------------

pub fn build_update_task_shape() {
    let h = helpers();
    let api = client(&[]);
    let a = update_args();
    let body = get(&a, "body");
    let extras = get(&body, "task_extras");
    let extras: Object = extras.unchecked_into();
    Reflect::delete_property(&extras, &JsValue::from_str("line")).unwrap();
    Reflect::delete_property(&extras, &JsValue::from_str("holiday")).unwrap();
    let before = stringify(&a);
    let req = api.build_update_task(a.clone()).unwrap_or_else(|e| panic!("{}", stringify(&e)));
    assert_eq!(stringify(&a), before, "the caller's args are not modified");
    let req_obj: Object = req.clone().unchecked_into();
    let keys = strings(&Object::keys(&req_obj).into());
    assert_eq!(keys, ["method", "url", "headers", "body"]);
    assert_eq!(gs(&req, "method").as_deref(), Some("PUT"));
    assert_eq!(gs(&req, "url").as_deref(), Some("https://agent.test/agent-api/new/user/u1/task/t1"));
    let headers = get(&req, "headers");
    assert_eq!(gs(&headers, "Authorization"), Some(format!("Bearer {SECRET}")));
    assert_eq!(gs(&headers, "Content-Type").as_deref(), Some("application/json"));
    let sent = gs(&req, "body").expect("a string body");
    assert!(sent.contains(r#""line":[]"#), "{sent}");
    assert!(sent.contains(r#""holiday":[]"#), "{sent}");
    let sent_v = parse(&sent);
    assert_eq!(gs(&sent_v, "name").as_deref(), Some("测试api接口创建-222"));
    assert_eq!(gn(&get(&sent_v, "task_extras"), "redial_max_times"), Some(3.0));

    // Path ids are percent-encoded; numbers are accepted; subUserId goes into the body.
    let a = update_args();
    set(&a, "userId", &JsValue::from(42));
    set(&a, "taskId", &JsValue::from_str("t/2 x"));
    set(&a, "subUserId", &JsValue::from_str("sub-1"));
    let req = api.build_update_task(a).unwrap();
    assert_eq!(gs(&req, "url").as_deref(), Some("https://agent.test/agent-api/new/user/42/task/t%2F2%20x"));
    assert_eq!(gs(&parse(&gs(&req, "body").unwrap()), "sub_user_id").as_deref(), Some("sub-1"));

    // Default base URL.
    let req = AgentApi::new(parse(&format!(r#"{{"token":"{SECRET}"}}"#))).unwrap().build_update_task(update_args()).unwrap();
    assert!(gs(&req, "url").unwrap().starts_with("https://ai.api.longlonglong.cn/agent-api/new/user/"));

    // Invalid: every problem in one validation error.
    let a = parse(r#"{"userId":"","taskId":"t1","body":{"name":""}}"#);
    let e = expect_kind(&h, api.build_update_task(a), "validation", "bad update args");
    let paths = issue_paths(&e);
    assert!(paths.contains(&"userId".into()) && paths.contains(&"name".into()) && paths.len() >= 4, "{paths:?}");
    // Legacy variant through the builder.
    let a = parse(r#"{"userId":"u","taskId":"t","variant":"legacy"}"#);
    set(&a, "body", &fixture(UPDATE_LEGACY));
    assert_eq!(gs(&api.build_update_task(a).unwrap(), "method").as_deref(), Some("PUT"));
    let a = update_args();
    set(&a, "variant", &JsValue::from_str("v9"));
    let e = expect_kind(&h, api.build_update_task(a), "validation", "bad variant");
    assert!(issue_paths(&e).contains(&"variant".into()));
}

pub fn build_batch_voice_urls_shape() {
    let h = helpers();
    let api = client(&[]);
    let a = parse(r#"{"userId":"u1","taskId":"t1","recordIds":["a","b c","d/é"],"subUserId":"s1"}"#);
    let req = api.build_batch_voice_urls(a).unwrap_or_else(|e| panic!("{}", stringify(&e)));
    assert_eq!(gs(&req, "method").as_deref(), Some("GET"));
    let url = gs(&req, "url").unwrap();
    assert_eq!(
        url,
        "https://agent.test/agent-api/user/u1/task/t1/batch_record/download-full-voice?recordIds%5B%5D=a&recordIds%5B%5D=b%20c&recordIds%5B%5D=d%2F%C3%A9&sub_user_id=s1"
    );
    assert_eq!(url.matches("recordIds%5B%5D=").count(), 3);
    assert_eq!(gs(&get(&req, "headers"), "Authorization"), Some(format!("Bearer {SECRET}")));
    assert!(get(&req, "body").is_undefined(), "GET has no body");
    assert!(!Reflect::has(&req, &"body".into()).unwrap(), "GET request has no body key");

    let a = parse(r#"{"userId":"u1","taskId":"t1"}"#);
    set(&a, "recordIds", &js_strings(&ids("r", 30)));
    let url = gs(&api.build_batch_voice_urls(a).unwrap(), "url").unwrap();
    assert_eq!(url.matches("recordIds%5B%5D=").count(), 30);

    let a = parse(r#"{"userId":"u1","taskId":"t1"}"#);
    set(&a, "recordIds", &js_strings(&ids("r", 31)));
    let e = expect_kind(&h, api.build_batch_voice_urls(a), "validation", "31 ids");
    assert_eq!(issue_paths(&e), ["recordIds[30]"]);
    let e = expect_kind(&h, api.build_batch_voice_urls(parse(r#"{"userId":"u1"}"#)), "validation", "no task id");
    assert!(issue_paths(&e).contains(&"taskId".into()));
    let e = expect_kind(&h, api.build_batch_voice_urls(parse(r#"{"userId":"u1","taskId":"t"}"#)), "validation", "no ids");
    assert_eq!(issue_paths(&e), ["recordIds"]);
}

/// Contract: a validation error carries ALL problems, option-level and body-level together.
/// Fails today (see the report): the bindings return the option-level issues alone
/// (`Opts::finish()?`) before the core validates the rest.
pub async fn build_reports_all_problems_at_once() {
    let h = helpers();
    let api = client(&[]);
    let e = AgentApi::new(parse(&format!(r#"{{"token":"{SECRET}","baseUrl":"ftp://x","timeoutMs":0}}"#))).err().unwrap();
    let paths = issue_paths(&e);
    assert!(paths.contains(&"baseUrl".into()) && paths.contains(&"timeoutMs".into()), "constructor: {paths:?}");
    let e = expect_kind(&h, api.build_batch_voice_urls(parse(r#"{"userId":"u1","recordIds":["a",5]}"#)), "validation", "batch");
    let paths = issue_paths(&e);
    assert!(paths.contains(&"taskId".into()) && paths.contains(&"recordIds[1]".into()), "batch: {paths:?}");
    let e = expect_kind(&h, api.build_update_task(parse(r#"{"taskId":"t1","body":{"name":""}}"#)), "validation", "update");
    let paths = issue_paths(&e);
    assert!(paths.contains(&"userId".into()) && paths.contains(&"name".into()), "update: {paths:?}");
}

pub fn static_parsers() {
    let h = helpers();
    assert!(AgentApi::parse_update_task(JsValue::from(200), JsValue::from_str(UPDATE_OK)).is_ok());
    let e = expect_kind(&h, AgentApi::parse_update_task(JsValue::from(200), JsValue::from_str(UPDATE_6007)).map(|_| JsValue::NULL), "api", "6007");
    assert_eq!(gn(&e, "apiCode"), Some(6007.0));
    assert_eq!(gs(&e, "code").as_deref(), Some("task_running"));
    let urls = AgentApi::parse_batch_voice_urls(JsValue::from(200), JsValue::from_str(BATCH_OK)).unwrap();
    assert_eq!(len(&urls), 1);
    let first = Array::from(&urls).get(0);
    assert_eq!(gs(&first, "record_id").as_deref(), Some("00075047-af8b-4e92-a897-e4ac382acc6a"));
    assert!(gs(&first, "voice_url").unwrap().starts_with("saas.test/"));
    expect_kind(&h, AgentApi::parse_update_task(JsValue::from(502), JsValue::from_str("<html>bad gateway</html>")).map(|_| JsValue::NULL), "http", "502");
    expect_kind(&h, AgentApi::parse_update_task(JsValue::from_str("200"), JsValue::from(5)).map(|_| JsValue::NULL), "validation", "bad args");
}

// ---- transport through an injected fetch ----------------------------------------------------

fn first_call(fake: &JsValue) -> (String, JsValue) {
    let calls = get(fake, "calls");
    assert!(len(&calls) >= 1, "fetch was not called");
    let c = Array::from(&calls).get(0);
    (gs(&c, "url").unwrap(), get(&c, "init"))
}

pub async fn update_task_success() {
    let h = helpers();
    let fake = call(&h, "fixed", &[JsValue::from(200), JsValue::from_str(UPDATE_OK)]);
    let api = client(&[("fetch", &get(&fake, "fetch"))]);
    let args = update_args();
    let expected = api.build_update_task(args.clone()).unwrap();
    let out = settle(api.update_task(args)).await.unwrap_or_else(|e| panic!("rejected: {}", stringify(&e)));
    assert!(out.is_undefined());
    assert_eq!(len(&get(&fake, "calls")), 1);
    let (url, init) = first_call(&fake);
    assert_eq!(url, "https://agent.test/agent-api/new/user/u1/task/t1");
    assert_eq!(gs(&init, "method").as_deref(), Some("PUT"));
    let headers = get(&init, "headers");
    assert_eq!(gs(&headers, "Authorization"), Some(format!("Bearer {SECRET}")));
    assert_eq!(gs(&headers, "Content-Type").as_deref(), Some("application/json"));
    assert_eq!(gs(&init, "body"), gs(&expected, "body"));
    assert!(gs(&init, "body").unwrap().contains(r#""maximumcall":2"#));
    let signal = get(&init, "signal");
    assert!(signal.is_object() && get(&signal, "aborted").as_bool() == Some(false), "init.signal is an AbortSignal");
}

/// The injected fetch may be a Rust closure too.
pub async fn update_task_with_closure_fetch() {
    let seen: Rc<RefCell<Vec<(String, String, Option<String>, Option<String>)>>> = Rc::default();
    let log = seen.clone();
    let f = Closure::<dyn FnMut(JsValue, JsValue) -> JsValue>::new(move |url: JsValue, init: JsValue| {
        log.borrow_mut().push((
            url.as_string().unwrap_or_default(),
            gs(&init, "method").unwrap_or_default(),
            gs(&get(&init, "headers"), "Authorization"),
            gs(&init, "body"),
        ));
        let resp = Object::new();
        set(&resp, "status", &JsValue::from(200));
        let text = Function::new_with_args("", &format!("return Promise.resolve({})", stringify(&JsValue::from_str(UPDATE_OK))));
        set(&resp, "text", &text);
        Promise::resolve(&resp).into()
    });
    let api = client(&[("fetch", f.as_ref())]);
    settle(api.update_task(update_args())).await.unwrap_or_else(|e| panic!("rejected: {}", stringify(&e)));
    let seen = seen.borrow();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].0, "https://agent.test/agent-api/new/user/u1/task/t1");
    assert_eq!(seen[0].1, "PUT");
    assert_eq!(seen[0].2, Some(format!("Bearer {SECRET}")));
    assert!(seen[0].3.as_deref().unwrap_or("").contains(r#""task_extras""#));
    drop(f);
}

pub async fn update_task_6007() {
    let h = helpers();
    let fake = call(&h, "fixed", &[JsValue::from(200), JsValue::from_str(UPDATE_6007)]);
    let api = client(&[("fetch", &get(&fake, "fetch"))]);
    let e = expect_kind(&h, settle(api.update_task(update_args())).await, "api", "6007");
    assert_eq!(gn(&e, "apiCode"), Some(6007.0));
    assert_eq!(gs(&e, "code").as_deref(), Some("task_running"));
    assert_eq!(gn(&e, "status"), Some(200.0));
    assert_eq!(get(&e, "retryable").as_bool(), Some(false));
    assert!(gs(&e, "message").unwrap().contains("stop the task"), "{}", stringify(&e));
    // In Chinese when the client says so.
    let api = client(&[("fetch", &get(&fake, "fetch")), ("locale", &JsValue::from_str("zh-CN"))]);
    let e = expect_kind(&h, settle(api.update_task(update_args())).await, "api", "6007 zh");
    assert!(gs(&e, "message").unwrap().contains("请先停止任务"), "{}", stringify(&e));
}

pub async fn update_task_http_500() {
    let h = helpers();
    for body in ["<html><body><h1>500 Internal Server Error</h1></body></html>", r#"{"code":500,"message":"server exploded"}"#, ""] {
        let fake = call(&h, "fixed", &[JsValue::from(500), JsValue::from_str(body)]);
        let api = client(&[("fetch", &get(&fake, "fetch"))]);
        let e = expect_kind(&h, settle(api.update_task(update_args())).await, "http", body);
        assert_eq!(gn(&e, "status"), Some(500.0));
        assert_eq!(get(&e, "retryable").as_bool(), Some(true));
        assert_eq!(len(&get(&fake, "calls")), 1, "a PUT is not retried");
    }
    let fake = call(&h, "fixed", &[JsValue::from(401), JsValue::from_str(r#"{"code":401,"message":"token invalid"}"#)]);
    let api = client(&[("fetch", &get(&fake, "fetch"))]);
    let e = expect_kind(&h, settle(api.update_task(update_args())).await, "http", "401");
    assert_eq!(gs(&e, "code").as_deref(), Some("unauthorized"));
    assert_eq!(get(&e, "retryable").as_bool(), Some(false));
}

pub async fn update_task_html_200() {
    let h = helpers();
    let fake = call(&h, "fixed", &[JsValue::from(200), JsValue::from_str("<!doctype html><html><head><title>Login</title></head><body>Please log in</body></html>")]);
    let api = client(&[("fetch", &get(&fake, "fetch"))]);
    let e = expect_kind(&h, settle(api.update_task(update_args())).await, "parse", "html 200");
    assert_eq!(gn(&e, "status"), Some(200.0));
    assert_eq!(gs(&e, "code").as_deref(), Some("not_json"));
    for (body, code) in [(r#"{"code":200,"sta"#, "truncated_body"), ("", "empty_body"), ("[1,2]", "unexpected_shape"), (r#"{"status":"success"}"#, "unexpected_shape")] {
        let fake = call(&h, "fixed", &[JsValue::from(200), JsValue::from_str(body)]);
        let api = client(&[("fetch", &get(&fake, "fetch"))]);
        let e = expect_kind(&h, settle(api.update_task(update_args())).await, "parse", body);
        assert_eq!(gs(&e, "code").as_deref(), Some(code), "{body}");
    }
}

pub async fn update_task_timeout() {
    let h = helpers();
    let fake = call(&h, "hanging", &[]);
    let api = client(&[("fetch", &get(&fake, "fetch")), ("timeoutMs", &JsValue::from(50))]);
    let t0 = js_sys::Date::now();
    let e = expect_kind(&h, settle(api.update_task(update_args())).await, "timeout", "timeout");
    let took = js_sys::Date::now() - t0;
    assert!((40.0..5000.0).contains(&took), "timed out after {took} ms");
    assert_eq!(gs(&e, "code").as_deref(), Some("timeout"));
    assert_eq!(get(&e, "retryable").as_bool(), Some(true));
    let (_, init) = first_call(&fake);
    assert_eq!(get(&get(&init, "signal"), "aborted").as_bool(), Some(true), "the fetch's signal was aborted");
}

pub async fn update_task_aborted() {
    let h = helpers();
    // Already aborted: nothing is sent.
    let fake = call(&h, "hanging", &[]);
    let api = client(&[("fetch", &get(&fake, "fetch"))]);
    let a = update_args();
    set(&a, "signal", &call(&h, "abortedSignal", &[]));
    let e = expect_kind(&h, settle(api.update_task(a)).await, "aborted", "already aborted");
    assert_eq!(get(&e, "retryable").as_bool(), Some(false));
    assert_eq!(len(&get(&fake, "calls")), 0, "an aborted signal sends nothing");
    // Aborted while waiting (the timeout is far away).
    let a = update_args();
    set(&a, "signal", &call(&h, "abortAfter", &[JsValue::from(20)]));
    expect_kind(&h, settle(api.update_task(a)).await, "aborted", "aborted in flight");
    assert_eq!(len(&get(&fake, "calls")), 1);
    // Duck-typed signals (another realm's AbortSignal): `aborted` is what counts.
    let a = update_args();
    set(&a, "signal", &parse(r#"{"aborted":true}"#));
    expect_kind(&h, settle(api.update_task(a)).await, "aborted", "duck-typed aborted signal");
    let ok = call(&h, "fixed", &[JsValue::from(200), JsValue::from_str(UPDATE_OK)]);
    let api_ok = client(&[("fetch", &get(&ok, "fetch"))]);
    let a = update_args();
    set(&a, "signal", &parse(r#"{"aborted":false}"#));
    settle(api_ok.update_task(a)).await.unwrap_or_else(|e| panic!("duck-typed live signal: {}", stringify(&e)));
    // A real web_sys controller works too.
    let c = web_sys::AbortController::new().unwrap();
    c.abort();
    let a = update_args();
    set(&a, "signal", &c.signal());
    expect_kind(&h, settle(api.update_task(a)).await, "aborted", "web_sys signal");
}

pub async fn update_task_fetch_throws() {
    let h = helpers();
    let fake = call(&h, "throwing", &[]);
    let api = client(&[("fetch", &get(&fake, "fetch"))]);
    let e = expect_kind(&h, settle(api.update_task(update_args())).await, "network", "sync throw");
    assert_eq!(get(&e, "retryable").as_bool(), Some(true));
    assert!(gs(&e, "message").unwrap().contains("boom"), "{}", stringify(&e));
    assert_eq!(len(&get(&fake, "calls")), 1);
}

pub async fn update_task_fetch_returns_garbage() {
    let h = helpers();
    for pair in Array::from(&call(&h, "weirdAnswers", &[])).iter() {
        let label = get(&pair, "0").as_string().unwrap();
        let fake = call(&h, "returning", &[get(&pair, "1")]);
        let api = client(&[("fetch", &get(&fake, "fetch")), ("timeoutMs", &JsValue::from(2000))]);
        match settle(api.update_task(update_args())).await {
            Ok(v) => {
                // Only a duck-typed response with a success body may pass.
                assert_eq!(label, "headers.get throws", "{label}: resolved with {}", stringify(&v));
            }
            Err(e) => {
                let kind = aicall_error(&h, &e);
                assert!(["network", "parse", "http"].contains(&kind.as_str()), "{label}: kind {kind}");
            }
        }
    }
}

// ---- batchVoiceUrls -------------------------------------------------------------------------

fn batch_args(record_ids: &[String]) -> JsValue {
    let a = parse(r#"{"userId":"u1","taskId":"t1"}"#);
    set(&a, "recordIds", &js_strings(record_ids));
    a
}

/// `(urls: id -> voice_url, failed: id -> error)`, checking every input id is in exactly one.
fn partition(h: &JsValue, result: &JsValue, input: &[String]) -> (Vec<(String, String)>, Vec<(String, JsValue)>) {
    let urls: Vec<(String, String)> = Array::from(&get(result, "urls"))
        .iter()
        .map(|u| (gs(&u, "record_id").expect("record_id"), gs(&u, "voice_url").expect("voice_url")))
        .collect();
    let failed: Vec<(String, JsValue)> = Array::from(&get(result, "failed"))
        .iter()
        .map(|f| (gs(&f, "record_id").expect("record_id"), get(&f, "error")))
        .collect();
    for (_, e) in &failed {
        aicall_error(h, e);
    }
    let mut seen = HashSet::new();
    for id in urls.iter().map(|u| &u.0).chain(failed.iter().map(|f| &f.0)) {
        assert!(seen.insert(id.clone()), "{id} is listed twice");
    }
    let input_set: HashSet<String> = input.iter().cloned().collect();
    assert_eq!(seen, input_set, "every input id ends up in exactly one list");
    (urls, failed)
}

pub async fn batch_65_ids() {
    let h = helpers();
    let fake = call(&h, "echo", &[JsValue::UNDEFINED]);
    let api = client(&[("fetch", &get(&fake, "fetch"))]);
    let progress = call(&h, "recorder", &[]);
    let input = ids("rec-", 65);
    let a = batch_args(&input);
    set(&a, "concurrency", &JsValue::from(2));
    set(&a, "onProgress", &get(&progress, "fn"));
    let result = settle(api.batch_voice_urls(a)).await.unwrap_or_else(|e| panic!("rejected: {}", stringify(&e)));
    let (urls, failed) = partition(&h, &result, &input);
    assert_eq!((urls.len(), failed.len()), (65, 0));
    for (id, url) in &urls {
        assert_eq!(url, &format!("saas.test/voice?id={id}"));
    }
    let calls = get(&fake, "calls");
    assert_eq!(len(&calls), 3, "65 ids take 3 requests");
    let mut sizes = Vec::new();
    for i in 0..3u32 {
        let asked = strings(&call(&fake, "idsOf", &[JsValue::from(i)]));
        assert!(asked.len() <= 30, "request {i} carries {} ids", asked.len());
        sizes.push(asked.len());
        let c = Array::from(&calls).get(i);
        let init = get(&c, "init");
        assert_eq!(gs(&init, "method").as_deref(), Some("GET"));
        assert_eq!(gs(&get(&init, "headers"), "Authorization"), Some(format!("Bearer {SECRET}")));
        assert!(get(&init, "body").is_undefined());
        assert!(gs(&c, "url").unwrap().starts_with("https://agent.test/agent-api/user/u1/task/t1/batch_record/download-full-voice?"));
    }
    sizes.sort();
    assert_eq!(sizes, [5, 30, 30]);
    let max_inflight = gn(&fake, "maxInflight").unwrap();
    assert!(max_inflight <= 2.0, "concurrency 2 but {max_inflight} requests in flight");
    assert_eq!(max_inflight, 2.0, "two workers run side by side");
    let reports = get(&progress, "calls");
    assert!(len(&reports) >= 1, "onProgress was called");
    let last = Array::from(&reports).get(len(&reports) - 1);
    assert_eq!((gn(&last, "done"), gn(&last, "total"), gn(&last, "succeeded"), gn(&last, "failed")), (Some(65.0), Some(65.0), Some(65.0), Some(0.0)));
    let mut prev = 0.0;
    for r in Array::from(&reports).iter() {
        let d = gn(&r, "done").unwrap();
        assert!(d >= prev && d <= 65.0, "progress goes forward: {}", stringify(&reports));
        prev = d;
    }
}

pub async fn batch_concurrency_one_and_duplicates() {
    let h = helpers();
    let fake = call(&h, "echo", &[JsValue::UNDEFINED]);
    let api = client(&[("fetch", &get(&fake, "fetch"))]);
    let mut input = ids("rec-", 61);
    input.extend(ids("rec-", 5)); // repeats are asked for once
    let a = batch_args(&input);
    set(&a, "concurrency", &JsValue::from(1));
    let result = settle(api.batch_voice_urls(a)).await.unwrap();
    let (urls, failed) = partition(&h, &result, &input);
    assert_eq!((urls.len(), failed.len()), (61, 0));
    assert_eq!(len(&get(&fake, "calls")), 3);
    assert_eq!(gn(&fake, "maxInflight"), Some(1.0));
}

pub async fn batch_missing_ids() {
    let h = helpers();
    let fake = call(&h, "echo", &[call(&h, "startsWith", &[JsValue::from_str("missing-")])]);
    let api = client(&[("fetch", &get(&fake, "fetch"))]);
    let mut input = ids("rec-", 65);
    for (i, m) in [(0usize, "missing-a"), (29, "missing-b"), (30, "missing-c"), (64, "missing-d")] {
        input[i] = m.to_string();
    }
    input.push("missing-e".into()); // two missing ids in the last chunk of 6
    let a = batch_args(&input);
    set(&a, "concurrency", &JsValue::from(2));
    let result = settle(api.batch_voice_urls(a)).await.unwrap_or_else(|e| panic!("rejected: {}", stringify(&e)));
    let (urls, failed) = partition(&h, &result, &input);
    let mut failed_ids: Vec<&str> = failed.iter().map(|f| f.0.as_str()).collect();
    failed_ids.sort();
    assert_eq!(failed_ids, ["missing-a", "missing-b", "missing-c", "missing-d", "missing-e"]);
    assert_eq!(urls.len(), 61);
    assert!(urls.iter().all(|u| u.0.starts_with("rec-")));
    for (id, e) in &failed {
        assert_eq!(gs(e, "kind").as_deref(), Some("api"), "{id}");
        assert_eq!(gn(e, "apiCode"), Some(50051.0), "{id}");
        assert_eq!(gs(e, "code").as_deref(), Some("record_not_found"), "{id}");
        assert!(gs(e, "message").unwrap().contains(id.as_str()), "{id}: {}", stringify(e));
    }
    // No request carried more than 30 ids.
    for i in 0..len(&get(&fake, "calls")) {
        assert!(len(&call(&fake, "idsOf", &[JsValue::from(i)])) <= 30);
    }
}

/// A good id that is a substring of a missing id (`1001` / `10010`) must not be blamed for
/// the missing one.
pub async fn batch_missing_id_containing_a_good_id() {
    let h = helpers();
    let missing = js_strings(&["10010".to_string()]);
    let fake = call(&h, "echo", &[call(&h, "oneOf", &[missing])]);
    let api = client(&[("fetch", &get(&fake, "fetch"))]);
    let input: Vec<String> = ["1001", "10010", "2002"].iter().map(|s| s.to_string()).collect();
    let result = settle(api.batch_voice_urls(batch_args(&input))).await.unwrap();
    let (urls, failed) = partition(&h, &result, &input);
    let failed_ids: Vec<&str> = failed.iter().map(|f| f.0.as_str()).collect();
    let mut url_ids: Vec<&str> = urls.iter().map(|u| u.0.as_str()).collect();
    url_ids.sort();
    assert_eq!(failed_ids, ["10010"], "only the missing id fails");
    assert_eq!(url_ids, ["1001", "2002"]);
}

/// Contract: "every input id ends up in exactly one of the two lists" — also when a
/// success answer leaves an id out.
pub async fn batch_id_left_out_of_a_success_answer() {
    let h = helpers();
    let dropped = call(&h, "oneOf", &[js_strings(&["rec-007".to_string()])]);
    let fake = call(&h, "echo", &[JsValue::UNDEFINED, JsValue::UNDEFINED, dropped]);
    let api = client(&[("fetch", &get(&fake, "fetch"))]);
    let input = ids("rec-", 10);
    let result = settle(api.batch_voice_urls(batch_args(&input))).await.unwrap();
    let (urls, failed) = partition(&h, &result, &input);
    assert_eq!((urls.len(), failed.len()), (9, 1));
    assert_eq!(failed[0].0, "rec-007");
}

pub async fn batch_retries_5xx_and_survives_throwing_progress() {
    let h = helpers();
    // The first answer is a 503: the GET is retried and every id still arrives.
    let fake = call(&h, "echo", &[JsValue::UNDEFINED, JsValue::from(1)]);
    let progress = call(&h, "recorder", &[JsValue::TRUE]);
    let api = client(&[("fetch", &get(&fake, "fetch"))]);
    let input = ids("rec-", 40);
    let a = batch_args(&input);
    set(&a, "concurrency", &JsValue::from(1));
    set(&a, "onProgress", &get(&progress, "fn"));
    let result = settle(api.batch_voice_urls(a)).await.unwrap_or_else(|e| panic!("rejected: {}", stringify(&e)));
    let (urls, failed) = partition(&h, &result, &input);
    assert_eq!((urls.len(), failed.len()), (40, 0));
    assert_eq!(len(&get(&fake, "calls")), 3, "2 chunks + 1 retry");
    assert_eq!(len(&get(&progress, "calls")), 2);
}

pub async fn batch_failures_are_per_id() {
    let h = helpers();
    // Every request fails with a non-retryable error: every id is in `failed`, none lost.
    let fake = call(&h, "fixed", &[JsValue::from(200), JsValue::from_str(r#"{"code":5002,"status":"error","message":"任务不存在","data":[]}"#)]);
    let api = client(&[("fetch", &get(&fake, "fetch"))]);
    let input = ids("rec-", 35);
    let result = settle(api.batch_voice_urls(batch_args(&input))).await.unwrap();
    let (urls, failed) = partition(&h, &result, &input);
    assert_eq!((urls.len(), failed.len()), (0, 35));
    assert!(failed.iter().all(|(_, e)| gn(e, "apiCode") == Some(5002.0) && gs(e, "code").as_deref() == Some("task_not_found")));
    // An already-aborted signal: nothing is sent, every id fails as aborted.
    let fake = call(&h, "echo", &[JsValue::UNDEFINED]);
    let api = client(&[("fetch", &get(&fake, "fetch"))]);
    let a = batch_args(&input);
    set(&a, "signal", &call(&h, "abortedSignal", &[]));
    let result = settle(api.batch_voice_urls(a)).await.unwrap();
    let (urls, failed) = partition(&h, &result, &input);
    assert_eq!((urls.len(), failed.len()), (0, 35));
    assert!(failed.iter().all(|(_, e)| gs(e, "kind").as_deref() == Some("aborted")));
    assert_eq!(len(&get(&fake, "calls")), 0);
    // Invalid ids reject the whole call up front.
    let a = parse(r#"{"userId":"u1","taskId":"t1","recordIds":["a",5,""]}"#);
    let e = expect_kind(&h, settle(api.batch_voice_urls(a)).await, "validation", "bad ids");
    assert_eq!(issue_paths(&e), ["recordIds[1]", "recordIds[2]"]);
    let a = parse(r#"{"userId":"u1","taskId":"t1","recordIds":[]}"#);
    expect_kind(&h, settle(api.batch_voice_urls(a)).await, "validation", "no ids");
}
