//! Injected faults: latency, error status (with body / Retry-After), or a
//! dropped connection (before the request is handled, or after it has been
//! handled and its answer is lost), for requests whose path after `/api/v3/`
//! ends with (or, with `{id}` wildcards, equals) a route; optionally only N
//! times.

use std::sync::Mutex;

use serde_json::{json, Value};

use crate::decode::id_str;
use crate::errors::ApiError;
use crate::ids::token;
use crate::sync::lock;

#[derive(Debug, Clone)]
pub struct Fault {
    pub id: String,
    pub route: String,
    pub method: Option<String>,
    pub latency_ms: u64,
    pub status: Option<u16>,
    pub body: Option<Value>,
    pub retry_after: Option<u64>,
    /// Close the connection instead of handling the request.
    pub drop: bool,
    /// Handle the request, then close the connection instead of answering.
    pub drop_after: bool,
    /// Of an array body (`POST basket/tickets`), handle only the first N
    /// entries: the answer lists what was added, as a partial add would.
    pub partial: Option<usize>,
    pub times: Option<u64>,
}

#[derive(Default)]
pub struct Faults {
    list: Mutex<Vec<Fault>>,
}

/// Does a fault's `route` match a request path (after `/api/v3/`)?
pub fn matches(route: &str, path: &str) -> bool {
    let route = route.trim_matches('/');
    let path = path.trim_matches('/');
    if route.contains('{') {
        let r: Vec<&str> = route.split('/').collect();
        let p: Vec<&str> = path.split('/').collect();
        r.len() == p.len() && r.iter().zip(&p).all(|(a, b)| (a.starts_with('{') && a.ends_with('}')) || a == b)
    } else {
        path == route || path.ends_with(&format!("/{route}")) || route.is_empty()
    }
}

pub fn parse(v: &Value) -> Result<Fault, ApiError> {
    let Some(route) = v.get("route").and_then(Value::as_str) else {
        return Err(ApiError::validation(vec!["route is required".into()]));
    };
    let number = |k: &str| v.get(k).and_then(|x| x.as_u64().or_else(|| id_str(x).and_then(|s| s.parse().ok())));
    let status = match number("status") {
        Some(s) if (100..=599).contains(&s) => Some(s as u16),
        Some(_) => return Err(ApiError::validation(vec!["status must be from 100 to 599".into()])),
        None => None,
    };
    Ok(Fault {
        id: token(12),
        route: route.to_string(),
        method: v.get("method").and_then(Value::as_str).map(str::to_ascii_uppercase),
        latency_ms: number("latencyMs").unwrap_or(0).min(120_000),
        status,
        body: v.get("body").cloned().filter(|b| !b.is_null()),
        retry_after: number("retryAfterSecs"),
        drop: v.get("drop").and_then(Value::as_bool).unwrap_or(false),
        drop_after: v.get("dropAfter").and_then(Value::as_bool).unwrap_or(false),
        partial: number("partial").map(|n| n as usize),
        times: number("times"),
    })
}

impl Faults {
    pub fn add(&self, fault: Fault) -> Value {
        let id = fault.id.clone();
        lock(&self.list).push(fault);
        json!({ "id": id })
    }

    pub fn clear(&self) {
        lock(&self.list).clear();
    }

    pub fn list(&self) -> Value {
        let faults = lock(&self.list);
        Value::Array(
            faults
                .iter()
                .map(|f| {
                    json!({"id": f.id, "route": f.route, "method": f.method, "latencyMs": f.latency_ms,
                    "status": f.status, "drop": f.drop, "dropAfter": f.drop_after, "partial": f.partial, "times": f.times})
                })
                .collect(),
        )
    }

    /// The first fault matching this request, consuming one of its `times`.
    pub fn take(&self, method: &str, path: &str) -> Option<Fault> {
        let mut faults = lock(&self.list);
        let index =
            faults.iter().position(|f| f.method.as_deref().is_none_or(|m| m == method) && matches(&f.route, path))?;
        let fault = faults[index].clone();
        if let Some(times) = faults[index].times.as_mut() {
            *times = times.saturating_sub(1);
            if *times == 0 {
                faults.remove(index);
            }
        }
        Some(fault)
    }
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn suffix_and_template_matching() {
        assert!(matches("status/detail", "instances/ABC/status/detail"));
        assert!(!matches("status", "instances/ABC/status/detail"));
        assert!(matches("status", "instances/ABC/status"));
        assert!(!matches("tatus/detail", "instances/ABC/status/detail"));
        assert!(matches("instances/{id}/status/detail", "instances/ABC/status/detail"));
        assert!(!matches("instances/{id}/status", "instances/ABC/status/detail"));
        assert!(matches("basket", "basket"));
    }
}
