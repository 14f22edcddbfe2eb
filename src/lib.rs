//! seatmap: an embeddable seat map for venues on Spektrix.
//!
//! The crate has two halves. [`core`] is pure Rust: wire decoding, the plan
//! model, availability, prices, the selection rules, the view transform and
//! the one reducer. It knows nothing of the DOM and is tested natively with
//! `cargo test`. The browser shell (components, hooks, the HTTP client and
//! the custom-element entry point) is compiled only for `wasm32`.

pub mod core;

#[cfg(target_arch = "wasm32")]
mod shell;

#[cfg(target_arch = "wasm32")]
pub use shell::element::{mount, MountHandle};
