//! Smoke tests that must run inside wasm, shared by `tests/wasm_node.rs` (Node) and
//! `tests/wasm_browser.rs` (headless Chromium): the module instantiates in that host, values
//! cross as `JsValue`s, the host's `crypto.getRandomValues` gives nonces, and an injected
//! `fetch` is awaited through the host's promises and timers.
//!
//! Everything else about the bindings (every rule, error kind, option, hostile input, the
//! batch runner) is tested once, on the built package, in `tests/js/`.

use aicall::wasm::agent::AgentApi;
use aicall::wasm::aiccs::Aiccs;
use js_sys::{Array, Function, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

const UPDATE_V2: &str = include_str!("../fixtures/agent_api/update_v2.json");
const UPDATE_OK: &str = include_str!("../fixtures/agent_api/update_ok.json");
const SECRET: &str = "sk-SECRET-456";

fn parse(s: &str) -> JsValue {
    JSON::parse(s).unwrap_or_else(|e| panic!("test JSON does not parse: {e:?}"))
}

fn get(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
}

fn gs(v: &JsValue, k: &str) -> String {
    get(v, k)
        .as_string()
        .unwrap_or_else(|| panic!("{k} is not a string in {}", stringify(v)))
}

fn stringify(v: &JsValue) -> String {
    JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| format!("{v:?}"))
}

/// `[(path, code)]` of an `Issue[]`, checking every issue has a path, a code and a message.
fn issues(v: &JsValue) -> Vec<(String, String)> {
    assert!(
        Array::is_array(v),
        "expected an Issue[], got {}",
        stringify(v)
    );
    Array::from(v)
        .iter()
        .map(|i| {
            assert!(
                !gs(&i, "message").is_empty(),
                "issue without a message: {}",
                stringify(&i)
            );
            (gs(&i, "path"), gs(&i, "code"))
        })
        .collect()
}

/// The documented `AicallError` shape (here the fallback: a JS `Error` named "AicallError").
fn assert_aicall_error(e: &JsValue, kind: &str) {
    assert!(e.is_instance_of::<js_sys::Error>(), "not a JS Error: {e:?}");
    assert_eq!(gs(e, "name"), "AicallError");
    assert_eq!(gs(e, "kind"), kind, "{}", stringify(e));
    assert!(!gs(e, "code").is_empty() && !gs(e, "message").is_empty());
    assert!(
        get(e, "retryable").as_bool().is_some(),
        "retryable is not a boolean"
    );
}

/// A `fetch` that records `{ url, init }` and answers a real `Response(body, { status })`.
fn fake_fetch(status: u16, body: &str) -> (JsValue, Array) {
    let make = Function::new_with_args(
        "status, body, calls",
        "return async (url, init) => { calls.push({ url, init }); \
         return new Response(body, { status, headers: { 'content-type': 'application/json' } }); };",
    );
    let calls = Array::new();
    let fetch = make
        .call3(
            &JsValue::NULL,
            &JsValue::from(status),
            &JsValue::from_str(body),
            &calls,
        )
        .expect("fake fetch");
    (fetch, calls)
}

#[wasm_bindgen_test]
fn validators_return_issues() {
    let none = |v: JsValue| AgentApi::validate_record_ids(v, None).expect("validateRecordIds");
    assert_eq!(issues(&none(parse(r#"["rec-1"]"#))), vec![]);
    assert_eq!(
        issues(&none(parse("[]"))),
        vec![("recordIds".to_string(), "too_small".to_string())]
    );

    let body = parse(UPDATE_V2);
    assert_eq!(
        issues(&AgentApi::validate_task_update(body.clone(), None).expect("validateTaskUpdate")),
        vec![]
    );
    Reflect::set(&body, &"maximumcall".into(), &JsValue::from(3)).unwrap();
    let zh = AgentApi::validate_task_update(body, Some(parse(r#"{"locale":"zh-CN"}"#)))
        .expect("validateTaskUpdate");
    assert_eq!(
        issues(&zh),
        vec![(
            "task_extras.line[0].limit".to_string(),
            "line_limit_exceeded".to_string()
        )]
    );
}

#[wasm_bindgen_test]
fn aiccs_build_request_is_signed() {
    let client = Aiccs::new(parse(&format!(
        r#"{{"accessKeyId":"testid","accessKeySecret":"{SECRET}"}}"#
    )))
    .expect("new Aiccs");
    let fixed = || {
        Some(parse(
            r#"{"nonce":"n-1","timestamp":"2026-01-01T00:00:00Z"}"#,
        ))
    };
    let req = client
        .build_request("ListAvailableTts".into(), parse("{}"), fixed())
        .expect("buildRequest");
    assert!(
        gs(&req, "url").starts_with("https://aiccs.aliyuncs.com/"),
        "{}",
        stringify(&req)
    );
    let auth = gs(&get(&req, "headers"), "authorization");
    assert!(
        auth.starts_with("ACS3-HMAC-SHA256 Credential=testid,SignedHeaders="),
        "{auth}"
    );
    let signature = auth.rsplit("Signature=").next().unwrap();
    assert!(
        signature.len() == 64 && signature.bytes().all(|b| b.is_ascii_hexdigit()),
        "{auth}"
    );
    assert!(!stringify(&req).contains(SECRET));
    // Same nonce and time: the same signature. No nonce: the host's crypto gives a fresh one.
    let again = client
        .build_request("ListAvailableTts".into(), parse("{}"), fixed())
        .unwrap();
    assert_eq!(stringify(&again), stringify(&req));
    let fresh_nonce = || {
        let r = client
            .build_request("ListAvailableTts".into(), parse("{}"), None)
            .expect("buildRequest without a nonce");
        gs(&get(&r, "headers"), "x-acs-signature-nonce")
    };
    assert_ne!(fresh_nonce(), fresh_nonce());
}

#[wasm_bindgen_test]
async fn call_through_injected_fetch_resolves() {
    let (fetch, calls) = fake_fetch(200, UPDATE_OK);
    let options = parse(r#"{"token":"tok-1","baseUrl":"https://agent.test"}"#);
    Reflect::set(&options, &"fetch".into(), &fetch).unwrap();
    let api = AgentApi::new(options).expect("new AgentApi");
    let args = parse(r#"{"userId":"u1","taskId":"t1"}"#);
    Reflect::set(&args, &"body".into(), &parse(UPDATE_V2)).unwrap();
    let out = JsFuture::from(api.update_task(args))
        .await
        .unwrap_or_else(|e| panic!("rejected: {}", stringify(&e)));
    assert!(out.is_undefined());
    assert_eq!(calls.length(), 1);
    let call = calls.get(0);
    assert_eq!(
        gs(&call, "url"),
        "https://agent.test/agent-api/new/user/u1/task/t1"
    );
    let init = get(&call, "init");
    assert_eq!(gs(&init, "method"), "PUT");
    assert_eq!(gs(&get(&init, "headers"), "Authorization"), "Bearer tok-1");
}

#[wasm_bindgen_test]
async fn call_through_injected_fetch_rejects_with_an_aicall_error() {
    let answer = r#"{"RequestId":"R-1","Code":"SignatureDoesNotMatch","Message":"Specified signature does not match our calculation."}"#;
    let (fetch, calls) = fake_fetch(400, answer);
    let options = parse(&format!(
        r#"{{"accessKeyId":"testid","accessKeySecret":"{SECRET}"}}"#
    ));
    Reflect::set(&options, &"fetch".into(), &fetch).unwrap();
    let client = Aiccs::new(options).expect("new Aiccs");
    let e = JsFuture::from(client.call("ListAvailableTts".into(), parse("{}"), None))
        .await
        .expect_err("resolved");
    assert_aicall_error(&e, "http");
    assert_eq!(gs(&e, "apiCode"), "SignatureDoesNotMatch");
    assert_eq!(gs(&e, "requestId"), "R-1");
    assert_eq!(get(&e, "status").as_f64(), Some(400.0));
    assert_eq!(calls.length(), 1);
    let text = String::from(e.unchecked_ref::<js_sys::Error>().to_string());
    assert!(
        text.starts_with("AicallError: ") && !text.contains(SECRET),
        "{text}"
    );
}
