//! Request helpers shared by the public and control APIs: bodies read up to
//! a limit (413 beyond), the JSON content-type check (415), and the query
//! string as forgiving name/value pairs. Each is an axum extractor whose
//! rejection is the contract's error body.

use axum::body::Body;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use bytes::Bytes;
use serde_json::{json, Value};

use crate::decode;
use crate::errors::{self, ApiError};

/// The public API's body limit.
pub const API_BODY_LIMIT: usize = 64 * 1024;
/// Plan uploads through the control API may be large.
pub const PLAN_BODY_LIMIT: usize = 16 * 1024 * 1024;
/// A capture holds a plan, its status twice and more, each as escaped text.
pub const CAPTURE_BODY_LIMIT: usize = 64 * 1024 * 1024;

/// Reads a body up to `limit` bytes; 413 beyond.
pub async fn read_body(body: Body, headers: &HeaderMap, limit: usize) -> Result<Bytes, ApiError> {
    let too_big = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            errors::TOO_LARGE,
            format!("The request body is larger than {limit} bytes."),
        )
    };
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_big());
    }
    axum::body::to_bytes(body, limit).await.map_err(|_| too_big())
}

/// 415 unless the request says its body is `application/json`.
pub fn require_json(headers: &HeaderMap) -> Result<(), ApiError> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let mime = content_type.split(';').next().unwrap_or("").trim();
    if mime.eq_ignore_ascii_case("application/json") {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            errors::UNSUPPORTED_MEDIA,
            "The request body must be sent as application/json.",
        ))
    }
}

/// A body that is read and ignored, but refused (413) beyond `LIMIT` bytes.
pub struct IgnoredBody<const LIMIT: usize>;

impl<S: Send + Sync, const LIMIT: usize> FromRequest<S> for IgnoredBody<LIMIT> {
    type Rejection = ApiError;

    async fn from_request(request: Request, _: &S) -> Result<Self, ApiError> {
        let (parts, body) = request.into_parts();
        read_body(body, &parts.headers, LIMIT).await?;
        Ok(IgnoredBody)
    }
}

/// The raw bytes of a public-API JSON body: content type checked first, then
/// the size (the decoders in `decode` parse it).
pub struct JsonBytes(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for JsonBytes {
    type Rejection = ApiError;

    async fn from_request(request: Request, _: &S) -> Result<Self, ApiError> {
        require_json(request.headers())?;
        let (parts, body) = request.into_parts();
        Ok(JsonBytes(read_body(body, &parts.headers, API_BODY_LIMIT).await?))
    }
}

/// A control-API body: JSON of at most `LIMIT` bytes, where an empty body
/// means `{}` (so `curl -X POST .../reset` works).
pub struct ControlJson<const LIMIT: usize>(pub Value);

impl<S: Send + Sync, const LIMIT: usize> FromRequest<S> for ControlJson<LIMIT> {
    type Rejection = ApiError;

    async fn from_request(request: Request, _: &S) -> Result<Self, ApiError> {
        let (parts, body) = request.into_parts();
        let bytes = read_body(body, &parts.headers, LIMIT).await?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(ControlJson(json!({})));
        }
        require_json(&parts.headers)?;
        Ok(ControlJson(decode::json(&bytes)?))
    }
}

/// The query string as name/value pairs, in order; an unreadable query is
/// treated as empty rather than refused.
#[derive(Debug, Default)]
pub struct QueryPairs(pub Vec<(String, String)>);

impl QueryPairs {
    /// Is `name=true` given (both case-insensitively)?
    pub fn flag(&self, name: &str) -> bool {
        self.0.iter().any(|(k, v)| k.eq_ignore_ascii_case(name) && v.eq_ignore_ascii_case("true"))
    }

    /// Every value of a list parameter, in any of the three forms clients
    /// send: `name=a,b`, `name=a&name=b` and `name[]=a&name[]=b`.
    pub fn list(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| {
                let k = k.strip_suffix("[]").unwrap_or(k);
                k.eq_ignore_ascii_case(name)
            })
            .flat_map(|(_, v)| v.split(','))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// The first value of `name` (spelled exactly).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for QueryPairs {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(QueryPairs(serde_urlencoded::from_str(parts.uri.query().unwrap_or("")).unwrap_or_default()))
    }
}

#[cfg(test)]
mod tests {
    use super::QueryPairs;

    fn pairs(query: &str) -> QueryPairs {
        QueryPairs(serde_urlencoded::from_str(query).unwrap())
    }

    #[test]
    fn list_parameters_in_every_form() {
        for query in [
            "ticketIds=a,b",
            "ticketIds=a&ticketIds=b",
            "ticketIds[]=a&ticketIds[]=b",
            "ticketIds%5B%5D=a&ticketIds%5B%5D=b",
            "TICKETIDS=a, b,",
        ] {
            assert_eq!(pairs(query).list("ticketIds"), ["a", "b"], "{query}");
        }
        assert!(pairs("other=a").list("ticketIds").is_empty());
        assert!(pairs("includeLockInformation=TRUE").flag("includelockinformation"));
    }
}
