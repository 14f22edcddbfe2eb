//! The customer endpoints: who is logged in, log in, log out.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::customer;
use crate::decode;
use crate::errors::{self, ApiError};
use crate::http::{IgnoredBody, JsonBytes, API_BODY_LIMIT};
use crate::responses::{no_store, ok_json};
use crate::session_cookie::CurrentSession;
use crate::sync::lock;

pub async fn read(CurrentSession(session): CurrentSession) -> Result<Response, ApiError> {
    match lock(&session).customer {
        Some(index) => Ok(no_store(ok_json(&customer::json(index)))),
        None => Err(ApiError::new(StatusCode::UNAUTHORIZED, errors::NOT_LOGGED_IN, "No customer is logged in.")),
    }
}

pub async fn authenticate(
    CurrentSession(session): CurrentSession,
    JsonBytes(body): JsonBytes,
) -> Result<Response, ApiError> {
    let credentials = decode::authenticate(&body)?;
    match customer::authenticate(&credentials.email, &credentials.password) {
        Some(index) => {
            lock(&session).customer = Some(index);
            Ok(ok_json(&customer::json(index)))
        }
        None => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            errors::BAD_LOGIN,
            "The email address or password is incorrect.",
        )),
    }
}

pub async fn deauthenticate(CurrentSession(session): CurrentSession, _body: IgnoredBody<API_BODY_LIMIT>) -> Response {
    lock(&session).customer = None;
    StatusCode::NO_CONTENT.into_response()
}
