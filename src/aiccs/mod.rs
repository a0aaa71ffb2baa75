//! Alibaba Cloud aiccs 2019-10-15: operations as data, validation, wire encoding, signing.
pub mod ts;
