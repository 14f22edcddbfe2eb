//! Injected faults: latency, error status (with body / Retry-After), or a
//! dropped connection, for requests whose path after `/api/v3/` ends with
//! (or, with `{id}` wildcards, equals) a route; optionally only N times.

use std::sync::Mutex;

use serde_json::{json, Value};

use crate::decode::id_str;
use crate::errors::ApiError;
use crate::ids::token;
use crate::store::lock;

#[derive(Debug, Clone)]
pub struct Fault {
    pub id: String,
    pub route: String,
    pub method: Option<String>,
    pub latency_ms: u64,
    pub status: Option<u16>,
    pub body: Option<Value>,
    pub retry_after: Option<u64>,
    pub drop: bool,
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
    let num = |k: &str| v.get(k).and_then(|x| x.as_u64().or_else(|| id_str(x).and_then(|s| s.parse().ok())));
    let status = match num("status") {
        Some(s) if (100..=599).contains(&s) => Some(s as u16),
        Some(_) => return Err(ApiError::validation(vec!["status must be from 100 to 599".into()])),
        None => None,
    };
    Ok(Fault {
        id: token(12),
        route: route.to_string(),
        method: v.get("method").and_then(Value::as_str).map(str::to_ascii_uppercase),
        latency_ms: num("latencyMs").unwrap_or(0).min(120_000),
        status,
        body: v.get("body").cloned().filter(|b| !b.is_null()),
        retry_after: num("retryAfterSecs"),
        drop: v.get("drop").and_then(Value::as_bool).unwrap_or(false),
        times: num("times"),
    })
}

impl Faults {
    pub fn add(&self, f: Fault) -> Value {
        let id = f.id.clone();
        lock(&self.list).push(f);
        json!({ "id": id })
    }

    pub fn clear(&self) {
        lock(&self.list).clear();
    }

    pub fn list(&self) -> Value {
        let l = lock(&self.list);
        Value::Array(
            l.iter()
                .map(|f| {
                    json!({"id": f.id, "route": f.route, "method": f.method, "latencyMs": f.latency_ms,
                    "status": f.status, "drop": f.drop, "times": f.times})
                })
                .collect(),
        )
    }

    /// The first fault matching this request, consuming one of its `times`.
    pub fn take(&self, method: &str, path: &str) -> Option<Fault> {
        let mut l = lock(&self.list);
        let i = l.iter().position(|f| f.method.as_deref().is_none_or(|m| m == method) && matches(&f.route, path))?;
        let f = l[i].clone();
        if let Some(t) = l[i].times.as_mut() {
            *t = t.saturating_sub(1);
            if *t == 0 {
                l.remove(i);
            }
        }
        Some(f)
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
