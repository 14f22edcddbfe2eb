//! End-to-end tests: the sandbox runs in-process on 127.0.0.1 port 0 and is
//! driven over real HTTP by reqwest clients, one cookie store per browser.

#![recursion_limit = "256"]

#[path = "http/support.rs"]
mod support;

#[path = "../examples/record_capture/recorder.rs"]
mod recorder;

#[path = "http/basket.rs"]
mod basket;
#[path = "http/catalog.rs"]
mod catalog;
#[path = "http/control.rs"]
mod control;
#[path = "http/cors.rs"]
mod cors;
#[path = "http/faithful.rs"]
mod faithful;
#[path = "http/login.rs"]
mod login;
#[path = "http/replay.rs"]
mod replay;
#[path = "http/sessions.rs"]
mod sessions;
#[path = "http/status.rs"]
mod status;
#[path = "http/switches.rs"]
mod switches;
