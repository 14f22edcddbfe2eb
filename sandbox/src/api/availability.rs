//! `instances/{id}/status` (counts) and `instances/{id}/status/detail`
//! (letters per seat, gzipped when the client accepts it), as the calling
//! session sees them. A replayed capture whose detail the sandbox could not
//! read answers `status/detail` exactly as captured.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use bytes::Bytes;

use crate::availability::{counts as counts_json, view};
use crate::detail::{cached_json, render_text, render_xml, DetailFormat};
use crate::errors::ApiError;
use crate::http::QueryPairs;
use crate::responses::{bytes_with_type, no_store, ok_json};
use crate::session_cookie::CurrentSession;
use crate::state::AppState;
use crate::sync::lock;

fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.trim().starts_with("gzip")))
}

pub async fn counts(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    CurrentSession(session): CurrentSession,
    query: QueryPairs,
) -> Result<Response, ApiError> {
    let world = state.store.get();
    let performance = world.performance(&id).ok_or_else(|| ApiError::not_found(&format!("Instance {id}")))?;
    let viewer = lock(&session).viewer();
    let seen = view(performance.plan, performance.live, viewer);
    let body =
        counts_json(performance.plan, &seen, query.flag("includeChildPlans"), query.flag("includeLockInformation"));
    Ok(no_store(ok_json(&body)))
}

pub async fn detail(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    CurrentSession(session): CurrentSession,
    query: QueryPairs,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let world = state.store.get();
    let performance = world.performance(&id).ok_or_else(|| ApiError::not_found(&format!("Instance {id}")))?;
    if let Some(recorded) = performance.instance.captured.as_ref().and_then(|c| c.status_detail.as_ref()) {
        return Ok(no_store(recorded.response()));
    }
    let viewer = lock(&session).viewer();
    let seen = view(performance.plan, performance.live, viewer);
    let format = state.detail_format();
    let mut response = match format {
        DetailFormat::Json => {
            let rendered = cached_json(
                performance.instance,
                performance.plan,
                performance.live,
                &seen,
                query.flag("includeLockInformation"),
            );
            if accepts_gzip(&headers) {
                let mut response = bytes_with_type(StatusCode::OK, rendered.gzip(), format.content_type());
                response.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
                response
            } else {
                bytes_with_type(StatusCode::OK, rendered.raw.clone(), format.content_type())
            }
        }
        DetailFormat::Xml => {
            let body = render_xml(performance.instance, performance.plan, &seen);
            bytes_with_type(StatusCode::OK, Bytes::from(body), format.content_type())
        }
        DetailFormat::Text => {
            let body = render_text(performance.instance, performance.plan, &seen);
            bytes_with_type(StatusCode::OK, Bytes::from(body), format.content_type())
        }
    };
    response.headers_mut().insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    Ok(no_store(response))
}
