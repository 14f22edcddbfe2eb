//! The contract's error bodies (`{"errorCode","message"}`, Validation Failed
//! with `problems`, and the queue's `{"code": "JoinQueue", ...}`) and the
//! codes this sandbox uses for each case.

use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::responses;

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
pub const SESSION_EXPIRED: u32 = 41;
pub const SERVER: u32 = 50;

/// Spektrix's queue answers with this status here: its documentation gives
/// the body but no status (see the README).
pub const JOIN_QUEUE_STATUS: StatusCode = StatusCode::SERVICE_UNAVAILABLE;

#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: u32,
    pub message: String,
    pub problems: Option<Vec<String>>,
    /// Set for the queue error: the instance whose queue to join.
    pub join_queue: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: u32, message: impl Into<String>) -> Self {
        ApiError { status, code, message: message.into(), problems: None, join_queue: None }
    }

    pub fn validation(problems: Vec<String>) -> Self {
        ApiError { problems: Some(problems), ..Self::new(StatusCode::BAD_REQUEST, VALIDATION, "Validation Failed") }
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

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, FORBIDDEN, message)
    }

    /// Spektrix's "join the queue first" answer for `instance`.
    pub fn join_queue(instance: &str) -> Self {
        ApiError {
            join_queue: Some(instance.to_string()),
            ..Self::new(JOIN_QUEUE_STATUS, 0, "You must join the queue.")
        }
    }

    pub fn body(&self) -> Value {
        match (&self.join_queue, &self.problems) {
            (Some(instance), _) => json!({
                "code": "JoinQueue", "message": self.message, "eventInstanceId": instance,
                "joinQueue": format!("/api/v3/basket/queue/{instance}"),
            }),
            (None, Some(problems)) => json!({"problems": problems, "errorCode": self.code, "message": self.message}),
            (None, None) => json!({"errorCode": self.code, "message": self.message}),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        responses::json(self.status, &self.body())
    }
}

/// Gives the router's bare 405 the contract's body, naming the methods its
/// `Allow` header lists; every other response passes unchanged.
pub fn complete_method_not_allowed(method: &Method, response: Response) -> Response {
    let bare =
        response.status() == StatusCode::METHOD_NOT_ALLOWED && !response.headers().contains_key(header::CONTENT_TYPE);
    if !bare {
        return response;
    }
    let allowed: Vec<&str> = response
        .headers()
        .get(header::ALLOW)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|m| !m.is_empty() && *m != "HEAD")
        .collect();
    let message = if allowed.is_empty() {
        format!("{method} is not allowed here.")
    } else {
        format!("{method} is not allowed here; use {}.", allowed.join(" or "))
    };
    let answer = ApiError::new(StatusCode::METHOD_NOT_ALLOWED, METHOD, message).into_response();
    // Keep the headers already set (CORS, cookie, Allow), change the body.
    let (mut parts, _) = response.into_parts();
    let (answer_parts, body) = answer.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.extend(answer_parts.headers);
    Response::from_parts(parts, body)
}
