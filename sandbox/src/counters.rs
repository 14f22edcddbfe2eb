//! Request counters: a total, per route template (`GET instances/{id}`),
//! and per session per route.

use std::collections::BTreeMap;
use std::sync::Mutex;

use serde_json::{json, Value};

use crate::sync::lock;

#[derive(Default)]
struct Inner {
    total: u64,
    routes: BTreeMap<String, u64>,
    sessions: BTreeMap<String, BTreeMap<String, u64>>,
}

#[derive(Default)]
pub struct Counters {
    inner: Mutex<Inner>,
}

impl Counters {
    pub fn count(&self, key: &str, session: &str) {
        let mut counts = lock(&self.inner);
        counts.total += 1;
        *counts.routes.entry(key.to_string()).or_default() += 1;
        *counts.sessions.entry(session.to_string()).or_default().entry(key.to_string()).or_default() += 1;
    }

    pub fn reset(&self) {
        *lock(&self.inner) = Inner::default();
    }

    pub fn json(&self) -> Value {
        let counts = lock(&self.inner);
        json!({"total": counts.total, "routes": counts.routes, "sessions": counts.sessions})
    }
}
