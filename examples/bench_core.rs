//! Native timing of the core validators (no wasm, no JS): `cargo run --release --example bench_core`.
use aicall::agent_api::task_update::{validate, Variant};
use aicall::Locale;
use serde_json::{json, Value};
use std::time::Instant;

fn time(name: &str, n: usize, mut f: impl FnMut()) {
    let t = Instant::now();
    for _ in 0..n {
        f();
    }
    println!(
        "{name}: {:.2} us",
        t.elapsed().as_secs_f64() * 1e6 / n as f64
    );
}

fn main() {
    let text = include_str!("../tests/fixtures/agent_api/update_v2.json");
    let body: Value = serde_json::from_str(text).unwrap();
    let mut big = body.clone();
    big["task_extras"]["destination_extension_with_variable_list"] = Value::Array(
        (0..100).map(|g| json!({"mode": g % 2, "values": (0..10).map(|i| format!("关键词-{g}-{i}")).collect::<Vec<_>>(), "destination_extension": 1000 + g, "sort": g})).collect(),
    );
    let big_text = big.to_string();
    time("parse v2 body", 100_000, || {
        drop(std::hint::black_box(
            serde_json::from_str::<Value>(std::hint::black_box(text)).unwrap(),
        ))
    });
    time("validate v2 body", 100_000, || {
        drop(std::hint::black_box(validate(
            std::hint::black_box(&body),
            Variant::V2,
            Locale::En,
        )))
    });
    time("parse 100x10 body", 2_000, || {
        drop(std::hint::black_box(
            serde_json::from_str::<Value>(std::hint::black_box(&big_text)).unwrap(),
        ))
    });
    time("validate 100x10 body", 2_000, || {
        drop(std::hint::black_box(validate(
            std::hint::black_box(&big),
            Variant::V2,
            Locale::En,
        )))
    });
}
