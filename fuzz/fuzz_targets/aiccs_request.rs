//! `Action\n{params}`: validation, then (when valid) the wire encoding and both signatures.
//! An unknown action name picks a declared one by hash, so every operation gets fuzzed.
#![no_main]
use aicall::aiccs::{build_request, ops, validate, Config, ConfigInput, Timestamp};
use aicall::Locale;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (name, json) = text.split_once('\n').unwrap_or(("", text));
    let Ok(params) = serde_json::from_str::<serde_json::Value>(json) else { return };
    let action = match ops::find(name) {
        Some(op) => op.name,
        None => ops::OPS[name.bytes().fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize)) % ops::OPS.len()].name,
    };
    let now = validate::Clock { now_ms: 1_795_248_000_000 };
    let issues = validate::validate(action, &params, Locale::ZhCn, now);
    let _ = validate::validate(name, &params, Locale::En, now);
    for v in ["v3", "v1"] {
        let cfg = Config::new(ConfigInput {
            access_key_id: "id",
            access_key_secret: "fuzz-secret",
            security_token: Some("fuzz-sts"),
            endpoint: Some("127.0.0.1:8787"),
            protocol: Some("http"),
            signature_version: Some(v),
            locale: Locale::En,
        })
        .unwrap();
        let r = build_request(&cfg, action, &params, "nonce-1", Timestamp { unix_ms: now.now_ms });
        assert_eq!(r.is_ok(), issues.is_empty(), "validate and build disagree for {action}");
        if let Ok(req) = r {
            let all = format!("{:?}", req);
            assert!(!all.contains("fuzz-secret"), "the secret is on the wire");
        }
    }
});
