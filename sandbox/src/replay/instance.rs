//! The captured `instances/{id}`: the performance's ids and the fields the
//! sandbox acts on (sale state, best available, start), read leniently.
//! Without it, or without an id or a plan id, there is nothing to replay.

use serde_json::{Map, Value};

use super::capture::CaptureFile;
use crate::captured::CapturedSale;
use crate::decode::id_str;
use crate::live::SaleState;

/// What the sandbox needs from the captured performance.
#[derive(Debug)]
pub struct InstanceFacts {
    pub id: String,
    pub plan_id: String,
    pub event_id: Option<String>,
    pub event_name: Option<String>,
    pub start: String,
    pub start_utc: String,
    pub web_instance_id: String,
    pub overlay: bool,
    pub sale: CapturedSale,
    pub fields: Map<String, Value>,
}

/// A boolean as JSON writes it, or as text or 0/1 an odd server might send.
pub fn flag(v: Option<&Value>) -> Option<bool> {
    match v? {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        Value::Number(n) => n.as_f64().map(|n| n != 0.0),
        _ => None,
    }
}

fn text(v: Option<&Value>) -> Option<String> {
    match v {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

/// An id given directly or as `{"id": ...}`.
pub fn nested_id(v: Option<&Value>) -> Option<String> {
    let v = v?;
    id_str(v).or_else(|| v.get("id").and_then(id_str))
}

pub fn read(capture: &CaptureFile) -> Result<InstanceFacts, String> {
    let Some(exchange) = capture.get("instance") else {
        return Err("the capture has no \"instance\" exchange, so there is no performance to replay".into());
    };
    if let Some(why) = exchange.not_an_object("the performance") {
        return Err(why);
    }
    let Some(Value::Object(fields)) = exchange.json() else {
        return Err(format!("{}: the body is not a JSON object", exchange.label()));
    };
    let id = fields.get("id").and_then(id_str).or_else(|| capture.instance_id.clone());
    let Some(id) = id else {
        return Err(format!("{}: the performance has no \"id\" (and the capture no instanceId)", exchange.label()));
    };
    let Some(plan_id) = fields.get("planId").and_then(id_str) else {
        return Err(format!("{}: the performance has no \"planId\", so its plan is unknown", exchange.label()));
    };
    let event = fields.get("event");
    let defaults = SaleState::default();
    let sale = CapturedSale {
        on_sale: flag(fields.get("isOnSale")).unwrap_or(defaults.on_sale),
        cancelled: flag(fields.get("cancelled")).unwrap_or(defaults.cancelled),
        start_selling_at_web: text(fields.get("startSellingAtWeb")).unwrap_or(defaults.start_selling_at_web),
    };
    Ok(InstanceFacts {
        id,
        plan_id,
        event_id: nested_id(event),
        event_name: event.and_then(|e| text(e.get("name"))).or_else(|| text(fields.get("name"))),
        start: text(fields.get("start")).unwrap_or_default(),
        start_utc: text(fields.get("startUtc")).unwrap_or_default(),
        web_instance_id: fields.get("webInstanceId").and_then(id_str).unwrap_or_default(),
        overlay: flag(fields.get("hasBestAvailableOverlay")).unwrap_or(false),
        sale,
        fields,
    })
}
