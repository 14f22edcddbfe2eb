//! Building responses: JSON and byte bodies with their content type, and
//! `Cache-Control: no-store` for answers that change per session.

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use bytes::Bytes;
use serde_json::Value;

/// A JSON response with the given status.
pub fn json(status: StatusCode, value: &Value) -> Response {
    let bytes = serde_json::to_vec(value).unwrap_or_else(|_| b"{}".to_vec());
    bytes_with_type(status, Bytes::from(bytes), "application/json; charset=utf-8")
}

/// A 200 JSON response.
pub fn ok_json(value: &Value) -> Response {
    json(StatusCode::OK, value)
}

pub fn bytes_with_type(status: StatusCode, body: Bytes, content_type: &'static str) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

pub fn no_store(mut response: Response) -> Response {
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
