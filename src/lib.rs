//! seatmap: an embeddable seat map for venues on Spektrix.
//!
//! This crate is the browser shell: the `<seat-map>` custom element's entry
//! point, the services that call the venue's Spektrix API, the hooks that
//! fetch, poll and cancel on drop, and the Yew components. Everything it
//! decides is delegated to [`seatmap_core`], which is pure Rust and tested
//! natively. The shell is compiled only for `wasm32`.
#![cfg(target_arch = "wasm32")]

mod app;
mod components;
mod dates;
mod element;
mod hooks;
mod host;
mod money;
mod services;
mod shared;
mod store;
mod trusted_html;

pub use element::{mount, MountHandle};
