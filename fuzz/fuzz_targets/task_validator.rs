//! Any JSON as an Agent API task update: both variants, both locales, and the request
//! built from it. Must never panic; issues are the only way to refuse.
#![no_main]
use aicall::agent_api::task_update::{normalize, validate, Variant};
use aicall::agent_api::{build_update_task, Config};
use aicall::Locale;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(body) = serde_json::from_slice::<serde_json::Value>(data) else { return };
    let cfg = Config::new("fuzz-token", Some("http://127.0.0.1:9"), Locale::En).unwrap();
    for variant in [Variant::V2, Variant::Legacy] {
        for locale in [Locale::En, Locale::ZhCn] {
            let issues = validate(&body, variant, locale);
            for i in &issues {
                assert!(!i.message.is_empty() && !i.code.is_empty());
            }
        }
        let _ = normalize(&body);
        if let Ok(req) = build_update_task(&cfg, "u", "t", None, &body, variant) {
            // A built body is always valid JSON.
            serde_json::from_str::<serde_json::Value>(req.body.as_deref().unwrap()).unwrap();
        }
    }
});
