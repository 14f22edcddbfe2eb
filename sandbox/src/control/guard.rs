//! Who may use the control API: a loopback peer, addressing the server by a
//! loopback host name (so a DNS-rebound name cannot reach it from a page),
//! with no `Origin` or a loopback one (so a page on another site cannot
//! post to it). Anything else gets 403.

use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::connection::Peer;
use crate::errors::ApiError;
use crate::state::AppState;

/// Is `authority` (`host[:port]`) a loopback name: `127.0.0.1`,
/// `localhost` or `[::1]`, with any port?
pub fn is_loopback_authority(authority: &str) -> bool {
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        match rest.split_once(']') {
            Some((host, after)) => (host, after.strip_prefix(':')),
            None => return false,
        }
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    port_ok && (host == "127.0.0.1" || host.eq_ignore_ascii_case("localhost") || host == "::1")
}

/// Is `origin` a loopback web origin (`http://127.0.0.1:8080` and the like)?
pub fn is_loopback_origin(origin: &str) -> bool {
    let lower = origin.to_ascii_lowercase();
    let rest = lower.strip_prefix("http://").or_else(|| lower.strip_prefix("https://"));
    rest.is_some_and(is_loopback_authority)
}

pub async fn layer(State(_): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let peer_is_loopback =
        request.extensions().get::<ConnectInfo<Peer>>().is_some_and(|info| info.0.address.ip().is_loopback());
    if !peer_is_loopback {
        return ApiError::forbidden("The control API answers loopback peers only.").into_response();
    }
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .or_else(|| request.uri().authority().map(|a| a.to_string()));
    if !host.as_deref().is_some_and(is_loopback_authority) {
        return ApiError::forbidden(
            "The control API answers requests addressed to 127.0.0.1, localhost or [::1] only.",
        )
        .into_response();
    }
    if let Some(origin) = request.headers().get(header::ORIGIN) {
        if !origin.to_str().is_ok_and(is_loopback_origin) {
            return ApiError::forbidden("The control API refuses requests from web pages on other origins.")
                .into_response();
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::{is_loopback_authority, is_loopback_origin};

    #[test]
    fn loopback_names_with_any_port() {
        for yes in ["127.0.0.1", "127.0.0.1:8081", "localhost", "LOCALHOST:1", "[::1]", "[::1]:18081"] {
            assert!(is_loopback_authority(yes), "{yes}");
        }
        for no in [
            "evil.example",
            "127.0.0.1.evil.example",
            "localhost.evil.example:80",
            "[::2]:80",
            "127.0.0.1:",
            "127.0.0.1:x",
            "[::1",
            "::1",
            "",
        ] {
            assert!(!is_loopback_authority(no), "{no}");
        }
        assert!(is_loopback_origin("http://127.0.0.1:18080") && is_loopback_origin("http://localhost"));
        assert!(!is_loopback_origin("null") && !is_loopback_origin("http://evil.example"));
        assert!(!is_loopback_origin("file://localhost"));
    }
}
