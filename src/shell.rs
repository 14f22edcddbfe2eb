//! The browser shell: the custom element's entry point, the HTTP client,
//! hooks that fetch and poll (and cancel on drop), and the Yew components.
//! Everything it decides is delegated to [`crate::core`].

mod api;
mod app;
mod components;
pub mod element;
mod hooks;
mod host;
mod money;
mod shared;
mod store;
