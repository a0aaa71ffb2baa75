//! JS bindings: map JS values to core types and back, and do the I/O. No business rule
//! lives here — each one is in the core module named after it.

#[cfg(feature = "client")]
pub mod agent;
#[cfg(feature = "client")]
pub mod aiccs;
pub mod js;
pub mod memory;
#[cfg(feature = "client")]
pub mod transport;
pub mod validators;
