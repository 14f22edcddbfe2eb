//! The contract's error bodies (`{"errorCode","message"}` and Validation
//! Failed with `problems`) and the codes this sandbox uses for each case.

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

pub const VALIDATION: u32 = 1;
pub const BAD_REQUEST: u32 = 2;
pub const UNSUPPORTED_MEDIA: u32 = 3;
pub const TOO_LARGE: u32 = 4;
pub const METHOD: u32 = 5;
pub const BAD_LOGIN: u32 = 7;
pub const NOT_LOGGED_IN: u32 = 8;
pub const FORBIDDEN: u32 = 9;
pub const NOT_FOUND: u32 = 12;
pub const UNAVAILABLE: u32 = 40;
pub const SERVER: u32 = 50;

#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: u32,
    pub message: String,
    pub problems: Option<Vec<String>>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: u32, message: impl Into<String>) -> Self {
        ApiError { status, code, message: message.into(), problems: None }
    }

    pub fn validation(problems: Vec<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: VALIDATION,
            message: "Validation Failed".into(),
            problems: Some(problems),
        }
    }

    pub fn bad_json(why: impl std::fmt::Display) -> Self {
        Self::new(StatusCode::BAD_REQUEST, BAD_REQUEST, format!("The request body is not valid JSON: {why}"))
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, NOT_FOUND, format!("{what} was not found."))
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, UNAVAILABLE, message)
    }

    pub fn body(&self) -> Value {
        match &self.problems {
            Some(p) => json!({"problems": p, "errorCode": self.code, "message": self.message}),
            None => json!({"errorCode": self.code, "message": self.message}),
        }
    }

    pub fn into_response(self) -> Response {
        json_response(self.status, &self.body())
    }
}

/// A JSON response with the given status.
pub fn json_response(status: StatusCode, v: &Value) -> Response {
    let bytes = serde_json::to_vec(v).unwrap_or_else(|_| b"{}".to_vec());
    bytes_response(status, bytes::Bytes::from(bytes), "application/json; charset=utf-8")
}

pub fn bytes_response(status: StatusCode, body: bytes::Bytes, content_type: &'static str) -> Response {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

pub fn ok_json(v: &Value) -> Response {
    json_response(StatusCode::OK, v)
}
