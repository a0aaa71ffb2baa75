//! Policies as plain state machines and decisions: which requests to send for a batch,
//! and whether to send one again. The edge (wasm, or any Rust caller) performs the I/O
//! and the waiting; nothing here touches a clock, a socket or a random source.

pub mod batch;
pub mod retry;
