//! Native timing of the core validators (no wasm, no JS): `cargo run --release --example bench_core`.
use aicall::agent_api::task_update::{validate, Variant};
use aicall::Locale;
use std::time::Instant;

fn main() {
    let text = include_str!("../tests/fixtures/agent_api/update_v2.json");
    let body: serde_json::Value = serde_json::from_str(text).unwrap();
    let n = 200_000;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(serde_json::from_str::<serde_json::Value>(std::hint::black_box(text)).unwrap());
    }
    println!("parse v2 body: {:.2} us", t.elapsed().as_secs_f64() * 1e6 / n as f64);
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(validate(std::hint::black_box(&body), Variant::V2, Locale::En));
    }
    println!("validate v2 body: {:.2} us", t.elapsed().as_secs_f64() * 1e6 / n as f64);
}
