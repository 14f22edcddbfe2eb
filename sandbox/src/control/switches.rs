//! The control API's switches: the live audience, the queue (`JoinQueue`
//! answers), a performance's sale state, and the `status/detail` format.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use serde_json::{json, Value};

use crate::decode::id_str;
use crate::detail::{format_from, DetailFormat};
use crate::errors::ApiError;
use crate::http::{ControlJson, API_BODY_LIMIT};
use crate::responses::ok_json;
use crate::state::AppState;
use crate::sync::lock;

type Answer = Result<Response, ApiError>;
type Body = ControlJson<API_BODY_LIMIT>;

pub async fn audience(State(state): State<Arc<AppState>>) -> Response {
    ok_json(&lock(&state.audience).json())
}

pub async fn set_audience(State(state): State<Arc<AppState>>, ControlJson(body): Body) -> Response {
    let mut audience = lock(&state.audience);
    if let Some(enabled) = body.get("enabled").and_then(Value::as_bool) {
        audience.enabled = enabled;
    }
    if let Some(ms) = body.get("intervalMs").and_then(Value::as_u64) {
        audience.interval_ms = ms.clamp(10, 3_600_000);
    }
    if let Some(instance) = body.get("instance") {
        audience.instance = id_str(instance);
    }
    ok_json(&audience.json())
}

pub async fn queue(State(state): State<Arc<AppState>>) -> Response {
    ok_json(&state.queue.json())
}

/// `{"enabled": true, "instance"?: id, "times"?: n}`; `enabled: false` turns it off.
pub async fn set_queue(State(state): State<Arc<AppState>>, ControlJson(body): Body) -> Answer {
    let enabled = body.get("enabled").and_then(Value::as_bool).unwrap_or(true);
    if !enabled {
        state.queue.disable();
        return Ok(ok_json(&state.queue.json()));
    }
    let instance = body.get("instance").and_then(id_str);
    if let Some(id) = &instance {
        if state.store.get().instance_index(id).is_none() {
            return Err(ApiError::not_found(&format!("Instance {id}")));
        }
    }
    let times = match body.get("times") {
        None | Some(Value::Null) => None,
        Some(n) => match n.as_u64() {
            Some(n) if n > 0 => Some(n),
            _ => return Err(ApiError::validation(vec!["times must be a whole number from 1".into()])),
        },
    };
    state.queue.enable(instance, times);
    Ok(ok_json(&state.queue.json()))
}

pub async fn clear_queue(State(state): State<Arc<AppState>>) -> Response {
    state.queue.disable();
    ok_json(&state.queue.json())
}

/// A local ISO time as the API writes them: `2026-12-24T10:00:00`.
fn is_local_time(text: &str) -> bool {
    let shape = "dddd-dd-ddTdd:dd:dd";
    text.len() == shape.len()
        && text.bytes().zip(shape.bytes()).all(|(c, s)| if s == b'd' { c.is_ascii_digit() } else { c == s })
}

pub async fn sale(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Answer {
    let world = state.store.get();
    let performance = world.performance(&id).ok_or_else(|| ApiError::not_found(&format!("Instance {id}")))?;
    let sale = lock(&performance.live.sale).json();
    Ok(ok_json(&sale))
}

/// Any of `isOnSale`, `cancelled` (booleans) and `startSellingAtWeb`
/// (`YYYY-MM-DDTHH:MM:SS`); the rest stay as they are.
pub async fn set_sale(State(state): State<Arc<AppState>>, Path(id): Path<String>, ControlJson(body): Body) -> Answer {
    let world = state.store.get();
    let performance = world.performance(&id).ok_or_else(|| ApiError::not_found(&format!("Instance {id}")))?;
    let mut problems = vec![];
    let flag = |name: &str, problems: &mut Vec<String>| match body.get(name) {
        None => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => {
            problems.push(format!("{name} must be true or false"));
            None
        }
    };
    let on_sale = flag("isOnSale", &mut problems);
    let cancelled = flag("cancelled", &mut problems);
    let start = match body.get("startSellingAtWeb") {
        None => None,
        Some(Value::String(s)) if is_local_time(s) => Some(s.clone()),
        Some(_) => {
            problems.push("startSellingAtWeb must be a local time like 2026-12-24T10:00:00".into());
            None
        }
    };
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    let mut sale = lock(&performance.live.sale);
    if let Some(on_sale) = on_sale {
        sale.on_sale = on_sale;
    }
    if let Some(cancelled) = cancelled {
        sale.cancelled = cancelled;
    }
    if let Some(start) = start {
        sale.start_selling_at_web = start;
    }
    Ok(ok_json(&sale.json()))
}

pub async fn detail_format(State(state): State<Arc<AppState>>) -> Response {
    ok_json(&json!({"format": state.detail_format().name()}))
}

/// `{"format": "json" | "xml" | "text"}`.
pub async fn set_detail_format(State(state): State<Arc<AppState>>, ControlJson(body): Body) -> Answer {
    let format: DetailFormat =
        format_from(&body).ok_or_else(|| ApiError::validation(vec!["format must be json, xml or text".into()]))?;
    *lock(&state.detail_format) = format;
    Ok(ok_json(&json!({"format": format.name()})))
}
