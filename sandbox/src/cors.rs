//! CORS as production does it: only configured origins are echoed, with
//! credentials; preflights allow GET/POST/DELETE and the `content-type`
//! header only. Other origins get no CORS headers at all.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

/// Answers preflights for any path and adds CORS headers to every answer.
pub async fn layer(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let origins = &state.config.origins;
    if request.method() == Method::OPTIONS {
        return preflight(origins, request.headers());
    }
    let origin = allowed(origins, request.headers()).map(str::to_string);
    let mut response = next.run(request).await;
    apply(&mut response, origin.as_deref());
    response
}

fn allowed<'a>(origins: &[String], headers: &'a HeaderMap) -> Option<&'a str> {
    let origin = headers.get(header::ORIGIN)?.to_str().ok()?;
    origins.iter().any(|allowed| allowed == origin).then_some(origin)
}

/// Adds the CORS headers for an allowed origin (and `Vary: Origin` always).
fn apply(response: &mut Response, origin: Option<&str>) {
    let headers_out = response.headers_mut();
    headers_out.append(header::VARY, HeaderValue::from_static("Origin"));
    if let Some(v) = origin.and_then(|o| HeaderValue::from_str(o).ok()) {
        headers_out.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
        headers_out.insert(header::ACCESS_CONTROL_ALLOW_CREDENTIALS, HeaderValue::from_static("true"));
        // Without this a page cannot read Retry-After on a 429.
        headers_out.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("Retry-After"));
    }
}

/// The answer to an `OPTIONS` preflight.
fn preflight(origins: &[String], headers: &HeaderMap) -> Response {
    let mut response = Response::new(axum::body::Body::empty());
    *response.status_mut() = StatusCode::NO_CONTENT;
    let origin = allowed(origins, headers);
    apply(&mut response, origin);
    if origin.is_none() {
        return response;
    }
    let asked = headers.get(header::ACCESS_CONTROL_REQUEST_HEADERS).and_then(|v| v.to_str().ok()).unwrap_or("");
    let only_content_type =
        asked.split(',').map(str::trim).filter(|s| !s.is_empty()).all(|s| s.eq_ignore_ascii_case("content-type"));
    let headers_out = response.headers_mut();
    headers_out.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, POST, DELETE"));
    headers_out.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    if only_content_type {
        headers_out.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("content-type"));
    } else {
        headers_out.remove(header::ACCESS_CONTROL_ALLOW_METHODS);
        headers_out.remove(header::ACCESS_CONTROL_MAX_AGE);
    }
    response
}
