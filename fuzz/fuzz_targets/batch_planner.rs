//! The batch invariant under any ids and any answers: every distinct valid id ends in
//! exactly one of `urls` / `failed`, nothing is asked twice after success, and the run ends.
//! Input: a JSON array of ids (or raw lines), then answers chosen from the remaining bytes.
#![no_main]
use aicall::agent_api::response::{parse_batch_voice_urls, RecordUrl};
use aicall::policy::batch::RecordUrlBatch;
use aicall::Locale;
use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let (head, script) = (&data[..split], data.get(split + 1..).unwrap_or(&[]));
    let ids: serde_json::Value = serde_json::from_slice(head).unwrap_or_else(|_| {
        let text = String::from_utf8_lossy(head);
        serde_json::Value::Array(text.split('\n').map(|s| serde_json::Value::String(s.to_string())).collect())
    });
    let per = 1 + script.first().copied().unwrap_or(29) as usize % 30;
    let Ok(mut run) = RecordUrlBatch::plan(&ids, per, Locale::En) else { return };
    let total = run.progress().total;
    let mut step = 0usize;
    let mut requests = 0usize;
    while let Some((t, asked)) = run.next_request() {
        requests += 1;
        assert!(requests <= 2 * total + 2, "the run does not end");
        let asked = asked.to_vec();
        let b = script.get(1 + step).copied().unwrap_or(0);
        step += 1;
        let answer = match b % 6 {
            0 => Ok(asked.iter().map(|id| RecordUrl { record_id: id.clone(), voice_url: format!("v/{id}") }).collect()),
            // Part of the ids, one twice, plus one nobody asked for.
            1 => Ok(asked.iter().step_by(2).chain(asked.first()).map(|id| RecordUrl { record_id: id.clone(), voice_url: String::new() })
                .chain(std::iter::once(RecordUrl { record_id: "not-asked".into(), voice_url: String::new() })).collect::<Vec<RecordUrl>>()),
            2 | 3 => {
                // 50051 / 50061 naming an asked id (or a text around one).
                let id = &asked[(b as usize / 6) % asked.len()];
                let named = if b % 6 == 2 { id.clone() } else { format!("ID-{id}") };
                let code = if b & 0x80 != 0 { 50061 } else { 50051 };
                let body = serde_json::json!({"code": code, "status": "error", "message": format!("记录ID-{named}-不存在"), "data": []}).to_string();
                parse_batch_voice_urls(200, &body, Locale::En)
            }
            4 => Err(aicall::error::http_status_error(503, "down")),
            _ => parse_batch_voice_urls(200, &String::from_utf8_lossy(script), Locale::En),
        };
        run.on_answer(t, answer);
    }
    assert!(run.is_done());
    let (urls, failed) = run.finish();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for u in &urls {
        *seen.entry(u.record_id.as_str()).or_default() += 1;
    }
    for (id, e) in &failed.ids {
        assert!(*e < failed.errors.len());
        *seen.entry(id.as_str()).or_default() += 1;
    }
    assert_eq!(seen.len(), total, "an id was lost or invented");
    assert!(seen.values().all(|&n| n == 1), "an id is in two lists");
});
