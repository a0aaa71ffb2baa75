//! Hostile server answers: two bytes of status, then the body. Every parser of both APIs,
//! and the text helpers that read what the server sends (Retry-After, Location, excerpts,
//! redaction). Must never panic; a secret in the body never survives redaction.
#![no_main]
use aicall::agent_api::response::{parse_batch_voice_urls, parse_update_task};
use aicall::aiccs::response::parse_response;
use aicall::{endpoint, error, policy::retry, redact, Locale};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let status = 100 + (u16::from_le_bytes([data[0], data[1]]) % 500);
    let body = String::from_utf8_lossy(&data[2..]);
    for locale in [Locale::En, Locale::ZhCn] {
        let _ = parse_update_task(status, &body, locale);
        let _ = parse_batch_voice_urls(status, &body, locale);
    }
    let _ = aicall::agent_api::response::envelope(status, &body, Locale::En);
    if let Err(e) = parse_response(status, &body, Some("req-1")) {
        let r = e.redacted(&["S3CRET-value"]);
        assert!(!r.message.contains("S3CRET-value"));
    }
    let _ = error::http_status_error(status, &body);
    let _ = retry::parse_retry_after(&body, 1_795_248_000_000);
    let _ = endpoint::location_host(&body);
    let _ = endpoint::parse_base_url(&body);
    let _ = endpoint::parse_endpoint(&body, "https");
    let red = redact::redact(&body, &["S3CRET-value"]);
    assert!(!red.contains("S3CRET-value"));
});
