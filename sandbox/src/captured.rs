//! What a replayed performance serves exactly as its capture recorded it:
//! the `instances/{id}` fields, and — when the sandbox cannot rebuild them
//! live — the price list and the `status/detail` answer, byte for byte with
//! their status and content type.

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use bytes::Bytes;
use serde_json::{Map, Value};

/// One recorded answer, to be served again as it was.
#[derive(Clone, Debug)]
pub struct RawAnswer {
    pub status: StatusCode,
    pub content_type: Option<String>,
    pub body: Bytes,
}

impl RawAnswer {
    /// The answer as recorded (no content type header when none was recorded,
    /// or when the recorded one cannot be sent as a header).
    pub fn response(&self) -> Response {
        let mut response = Response::new(Body::from(self.body.clone()));
        *response.status_mut() = self.status;
        if let Some(value) = self.content_type.as_deref().and_then(|t| HeaderValue::from_str(t).ok()) {
            response.headers_mut().insert(header::CONTENT_TYPE, value);
        }
        response
    }
}

/// The sale fields of `instances/{id}` as captured, so that only what the
/// control API has changed since is written over the captured body.
#[derive(Clone, Debug, PartialEq)]
pub struct CapturedSale {
    pub on_sale: bool,
    pub cancelled: bool,
    pub start_selling_at_web: String,
}

#[derive(Debug)]
pub struct Captured {
    /// The captured `instances/{id}` object, every field kept.
    pub instance: Map<String, Value>,
    pub sale: CapturedSale,
    /// Served for `instances/{id}/price-list` when the capture has one.
    pub price_list: Option<RawAnswer>,
    /// Served for `instances/{id}/status/detail` when the captured one was
    /// not JSON in the contract's shape (the seats are then live only in
    /// `status` and in baskets).
    pub status_detail: Option<RawAnswer>,
}

impl Captured {
    /// The instance body: as captured, with a sale field replaced only once
    /// it differs from the captured value.
    pub fn instance_json(&self, on_sale: bool, cancelled: bool, start_selling_at_web: &str) -> Value {
        let mut fields = self.instance.clone();
        if on_sale != self.sale.on_sale {
            fields.insert("isOnSale".into(), Value::Bool(on_sale));
        }
        if cancelled != self.sale.cancelled {
            fields.insert("cancelled".into(), Value::Bool(cancelled));
        }
        if start_selling_at_web != self.sale.start_selling_at_web {
            fields.insert("startSellingAtWeb".into(), Value::String(start_selling_at_web.into()));
        }
        Value::Object(fields)
    }
}
