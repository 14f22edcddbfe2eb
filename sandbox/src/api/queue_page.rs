//! The page a `JoinQueue` error's link opens (`basket/queue/{id}`): it says
//! the customer is in the queue and links back — to `?return=` if that is
//! a web address, else to the referring page.

use axum::extract::Path;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use bytes::Bytes;

use crate::http::QueryPairs;
use crate::queue::{is_web_address, page as render};
use crate::responses::{bytes_with_type, no_store};

pub async fn page(Path(id): Path<String>, query: QueryPairs, headers: HeaderMap) -> Response {
    let referer = headers.get(header::REFERER).and_then(|v| v.to_str().ok());
    let back = query.get("return").into_iter().chain(referer).find(|url| is_web_address(url)).unwrap_or("/");
    let mut response = bytes_with_type(StatusCode::OK, Bytes::from(render(&id, back)), "text/html; charset=utf-8");
    response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'"));
    no_store(response)
}
