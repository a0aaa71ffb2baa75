//! Property tests (proptest): the wire encoders round-trip whatever text they are given,
//! signing is deterministic, and the batch planner never loses or duplicates an id,
//! whatever the server answers. Kept small (64 cases each) so `cargo test` stays fast.
#![cfg(not(target_arch = "wasm32"))]

use aicall::agent_api::record_urls;
use aicall::agent_api::response::{parse_batch_voice_urls, RecordUrl};
use aicall::agent_api::task_update::{self, Variant};
use aicall::aiccs::{build_request, Config, ConfigInput, Timestamp};
use aicall::http::pct;
use aicall::policy::batch::RecordUrlBatch;
use aicall::Locale;
use percent_encoding::percent_decode_str;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::HashMap;

const NOW: i64 = 1_795_248_000_000;

/// Any JSON value: the leaves the validators distinguish (integers at the i64/u64 and 2^53
/// edges, floats, escapes, Chinese) nested a few levels.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop_oneof![Just(9_007_199_254_740_993u64), Just(0), Just(1)].prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        "[a-z\\\"\n\t 录音0-9]{0,12}".prop_map(Value::from),
        "\\PC{0,8}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec(
                (
                    "[a-z_]{1,6}|name|task_extras|line|limit|maximumcall|is_group_switch",
                    inner
                ),
                0..6
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// A task body: the seed with one field set to any value (known names, so the rules run).
fn task_body() -> impl Strategy<Value = Value> {
    let seed: Value =
        serde_json::from_str(include_str!("fixtures/agent_api/update_v2.json")).unwrap();
    let keys: Vec<String> = seed.as_object().unwrap().keys().cloned().collect();
    let extras: Vec<String> = seed["task_extras"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    (
        any::<bool>(),
        proptest::sample::select(keys),
        proptest::sample::select(extras),
        any_json(),
    )
        .prop_map(move |(inside, k, e, v)| {
            let mut body = seed.clone();
            if inside {
                body["task_extras"][e] = v;
            } else {
                body[k] = v;
            }
            body
        })
}

fn cfg(v: &str) -> Config {
    Config::new(ConfigInput {
        access_key_id: "id",
        access_key_secret: "secret",
        security_token: Some("sts"),
        endpoint: Some("127.0.0.1:8787"),
        protocol: Some("http"),
        signature_version: Some(v),
        locale: Locale::En,
    })
    .unwrap()
}

/// The value of `name` in a query string, decoded.
fn query_value(url: &str, name: &str) -> Option<String> {
    let q = url.split_once('?')?.1;
    q.split('&').find_map(|p| {
        p.strip_prefix(&format!("{name}="))
            .map(|v| percent_decode_str(v).decode_utf8().unwrap().into_owned())
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The tape reads JSON text as serde_json does, and validating the text through it
    /// reports exactly what validating the parsed value reports.
    #[test]
    fn the_tape_reads_as_serde_json_does(v in any_json()) {
        let text = v.to_string();
        let tape = aicall::json::tape::Tape::parse(&text).expect("serde_json's own output");
        use aicall::json::Json;
        // (Against serde_json's reading of the text: without its float_roundtrip feature a
        // float may come back one ulp off the value written.)
        let v: Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(tape.root().to_value(), v.clone());
        for variant in [Variant::V2, Variant::Legacy] {
            prop_assert_eq!(task_update::validate_json(tape.root(), variant, Locale::En), task_update::validate(&v, variant, Locale::En));
        }
        prop_assert_eq!(record_urls::validate_json(tape.root(), Locale::ZhCn), record_urls::validate(&v, Locale::ZhCn));
    }

    /// aiccs params: the seed operation's params with one parameter set to any value, and
    /// a rule-carrying read, validate alike from text and from the parsed value.
    #[test]
    fn aiccs_params_validate_alike_from_text_and_from_value(value in any_json(), which in 0usize..8) {
        use aicall::aiccs::validate::{validate, validate_json, Clock};
        let mut params = json!({"TaskName": "任务", "AgentId": "1", "StartType": "SCHEDULE", "CallDay": ["MONDAY"],
            "CallTime": ["{\"startTime\":\"12:00:00\",\"endTime\":\"09:00:00\"}"], "TaskStartTime": 1, "TaskCps": 5});
        let keys = ["TaskName", "AgentId", "StartType", "CallDay", "CallTime", "TaskStartTime", "TaskCps", "Unknown"];
        params[keys[which]] = value;
        let text = params.to_string();
        let tape = aicall::json::tape::Tape::parse(&text).expect("serde_json's own output");
        // Against serde_json's reading of the text (a float may come back one ulp off the
        // value written: see above).
        let params: Value = serde_json::from_str(&text).unwrap();
        let clock = Clock { now_ms: NOW };
        for action in ["CreateAiCallTask", "QueryAiCallDetailPage", "GetCallDialogContent"] {
            prop_assert_eq!(validate_json(action, tape.root(), Locale::En, clock), validate(action, &params, Locale::En, clock));
        }
    }

    #[test]
    fn task_bodies_validate_alike_from_text_and_from_value(body in task_body()) {
        let text = body.to_string();
        let tape = aicall::json::tape::Tape::parse(&text).expect("serde_json's own output");
        let body: Value = serde_json::from_str(&text).unwrap();
        for variant in [Variant::V2, Variant::Legacy] {
            prop_assert_eq!(task_update::validate_json(tape.root(), variant, Locale::En), task_update::validate(&body, variant, Locale::En));
        }
    }

    #[test]
    fn pct_keeps_unreserved_only_and_round_trips(s in any::<String>()) {
        let e = pct(&s);
        let b = e.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%' {
                prop_assert!(b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit());
                prop_assert!(!b[i + 1].is_ascii_lowercase() && !b[i + 2].is_ascii_lowercase());
                i += 3;
            } else {
                prop_assert!(b[i].is_ascii_alphanumeric() || b"-_.~".contains(&b[i]), "{}", e);
                i += 1;
            }
        }
        prop_assert_eq!(percent_decode_str(&e).decode_utf8().unwrap(), s.as_str());
    }

    #[test]
    fn aiccs_plain_params_round_trip_and_sign_deterministically(task_id in "\\PC{1,40}", v1 in any::<bool>()) {
        prop_assume!(!task_id.trim().is_empty());
        let c = cfg(if v1 { "v1" } else { "v3" });
        let p = json!({ "TaskId": task_id });
        let ts = Timestamp { unix_ms: NOW };
        let a = build_request(&c, "StopAiCallTask", &p, "nonce-1", ts).unwrap();
        let b = build_request(&c, "StopAiCallTask", &p, "nonce-1", ts).unwrap();
        prop_assert_eq!(&a, &b);
        let sent = match a.body.as_deref() {
            Some(body) => query_value(&format!("?{body}"), "TaskId"),
            None => query_value(&a.url, "TaskId"),
        };
        prop_assert_eq!(sent.as_deref(), Some(task_id.as_str()));
        // Another nonce, another signature.
        let other = build_request(&c, "StopAiCallTask", &p, "nonce-2", ts).unwrap();
        prop_assert_ne!(a, other);
    }

    #[test]
    fn aiccs_json_params_are_sent_as_the_same_json(vars in proptest::collection::btree_map("\\PC{1,8}", "\\PC{0,12}", 0..6), v1 in any::<bool>()) {
        let map: serde_json::Map<String, Value> = vars.into_iter().map(|(k, v)| (k, Value::String(v))).collect();
        let p = json!({ "ApplicationCode": "app", "CalledNumber": "13800000000", "StartWordParam": Value::Object(map.clone()) });
        let req = build_request(&cfg(if v1 { "v1" } else { "v3" }), "LlmSmartCall", &p, "n", Timestamp { unix_ms: NOW }).unwrap();
        let text = query_value(&req.url, "StartWordParam").unwrap();
        let back: Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(back, Value::Object(map));
    }

    /// A secret (token, key, base64 signature, STS token alphabet) embedded anywhere in any
    /// text, as is or percent-encoded, never survives redaction; text without it is kept.
    #[test]
    fn redaction_removes_every_embedded_secret(before in any::<String>(), after in any::<String>(),
                                               secret in "[A-Za-z0-9+/=_-]{4,80}", encoded in any::<bool>()) {
        let shown = if encoded { pct(&secret) } else { secret.clone() };
        let text = format!("{before}{shown}{after}");
        let out = aicall::redact::redact(&text, &[&secret]);
        prop_assert!(!out.contains(&secret), "{}", out);
        prop_assert!(!out.contains(&pct(&secret)), "{}", out);
        let clean = aicall::redact::redact(&before, &["zz-not-there-zz"]);
        prop_assert_eq!(clean, aicall::redact::strip_url_queries(&before));
    }

    /// Every distinct id ends in exactly one of urls / failed, whatever each request's answer.
    #[test]
    fn batch_partition_holds(ids in proptest::collection::vec("[a-c]{1,3}|ID-[a-c]{1,2}", 1..120),
                             per in 1usize..=30,
                             script in proptest::collection::vec(0u8..6, 0..64)) {
        let mut run = RecordUrlBatch::plan(&json!(ids), per, Locale::En).unwrap();
        let total = run.progress().total;
        let mut step = 0;
        while let Some((t, asked)) = run.next_request() {
            prop_assert!(asked.len() <= per);
            let asked = asked.to_vec();
            let pick = script.get(step).copied().unwrap_or(0);
            step += 1;
            let answer = match pick {
                0 => Ok(asked.iter().map(|id| RecordUrl { record_id: id.clone(), voice_url: format!("v/{id}") }).collect()),
                1 => Ok(asked.iter().step_by(2).chain(asked.first()).map(|id| RecordUrl { record_id: id.clone(), voice_url: String::new() }).collect()),
                2 | 3 => {
                    let id = &asked[step % asked.len()];
                    let named = if pick == 2 { id.clone() } else { format!("ID-{id}") };
                    parse_batch_voice_urls(200, &json!({"code": 50051, "status": "error", "message": format!("记录ID-{named}-不存在"), "data": []}).to_string(), Locale::En)
                }
                4 => Err(aicall::error::http_status_error(503, "")),
                _ => Ok(vec![RecordUrl { record_id: "never-asked".into(), voice_url: String::new() }]),
            };
            run.on_answer(t, answer);
        }
        let (urls, failed) = run.finish();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for u in urls { *seen.entry(u.record_id).or_default() += 1; }
        for (id, _) in failed.ids { *seen.entry(id).or_default() += 1; }
        let distinct: std::collections::HashSet<&String> = ids.iter().collect();
        prop_assert_eq!(seen.len(), distinct.len());
        prop_assert_eq!(seen.len(), total);
        prop_assert!(seen.values().all(|&n| n == 1));
        prop_assert!(distinct.iter().all(|id| seen.contains_key(*id)));
    }
}
