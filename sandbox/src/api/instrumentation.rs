//! What happens to every public-API request before its handler: it is
//! counted (per route template and per session), then any matching injected
//! fault applies — latency, an error status, or a dropped connection before
//! or after the handler ran.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use bytes::Bytes;
use serde_json::Value;

use crate::connection::Peer;
use crate::errors::{self, ApiError};
use crate::faults::Fault;
use crate::responses;
use crate::session_cookie::CurrentSession;
use crate::state::AppState;
use crate::sync::lock;

/// The request with only the first `keep` entries of its JSON array body
/// (any other body is left as it is).
async fn first_entries(request: Request, keep: usize) -> Request {
    let (mut parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, crate::http::API_BODY_LIMIT).await.unwrap_or_default();
    let body = match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Array(mut entries)) => {
            entries.truncate(keep);
            Bytes::from(serde_json::to_vec(&Value::Array(entries)).unwrap_or_default())
        }
        _ => bytes,
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Request::from_parts(parts, axum::body::Body::from(body))
}

/// The part of a path after `/api/v3/`, without empty segments.
fn api_path(path: &str) -> String {
    let rest = path.split_once("/api/v3/").map(|(_, rest)| rest).unwrap_or(path);
    rest.split('/').filter(|s| !s.is_empty()).collect::<Vec<_>>().join("/")
}

/// Counts the request, then applies the first matching fault, if any.
pub async fn layer(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let template = match request.extensions().get::<MatchedPath>() {
        Some(matched) => api_path(matched.as_str()),
        None => "(unknown)".into(),
    };
    let session_id = request.extensions().get::<CurrentSession>().map(|s| lock(&s.0).id.clone()).unwrap_or_default();
    state.counters.count(&format!("{method} {template}"), &session_id);
    let peer = request.extensions().get::<ConnectInfo<Peer>>().map(|info| info.0.clone());
    let fault = state.faults.take(method.as_str(), &api_path(request.uri().path()));
    let response = match fault {
        Some(fault) => apply(fault, peer, request, next).await,
        None => next.run(request).await,
    };
    response
}

async fn apply(fault: Fault, peer: Option<Peer>, request: Request, next: Next) -> Response {
    if fault.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(fault.latency_ms)).await;
    }
    if let Some(keep) = fault.partial {
        return next.run(first_entries(request, keep).await).await;
    }
    if fault.drop || fault.drop_after {
        let response = if fault.drop_after { next.run(request).await } else { Response::default() };
        if let Some(peer) = peer {
            peer.abort_connection();
        }
        return response;
    }
    let Some(code) = fault.status else {
        return next.run(request).await;
    };
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = match &fault.body {
        Some(Value::String(text)) => {
            responses::bytes_with_type(status, Bytes::from(text.clone()), "text/plain; charset=utf-8")
        }
        Some(body) => responses::json(status, body),
        None => responses::json(
            status,
            &ApiError::new(status, errors::SERVER, "A fault was injected by the sandbox.").body(),
        ),
    };
    if let Some(seconds) = fault.retry_after {
        if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
    }
    response
}
