//! The one place requests leave the widget, on gloo-net.
//!
//! A [`Client`] has a base address and a credentials mode: the custom domain
//! with `credentials: "include"` (the session cookie is first-party there
//! and goes nowhere else), or a shared cache with `"omit"`. Bodies carry
//! only `Content-Type`, the one header the real preflight allows
//! (docs/spektrix-v3.md#base). Answers come back whole as
//! [`seatmap_core::Response`] — status, content type, `Retry-After`, the
//! body as bytes (one copy out of the browser, no string re-encoding) — for
//! the core to interpret. Dropping the last handle aborts what is in flight.

use gloo_net::http::{Method, Request};
use seatmap_core::{ApiError, Response};
use std::rc::Rc;
use web_sys::{AbortController, RequestCredentials, RequestMode};

/// Requests to one base address.
#[derive(Clone)]
pub struct Client {
    inner: Rc<Inner>,
}

struct Inner {
    base: String,
    credentials: RequestCredentials,
    abort: Option<AbortController>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        if let Some(abort) = &self.abort {
            abort.abort();
        }
    }
}

impl PartialEq for Client {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl Client {
    /// A client for `base` (ending in `/`); `with_cookie` sends the session cookie.
    pub fn new(base: String, with_cookie: bool) -> Client {
        let credentials = if with_cookie { RequestCredentials::Include } else { RequestCredentials::Omit };
        Client { inner: Rc::new(Inner { base, credentials, abort: AbortController::new().ok() }) }
    }

    /// The base address.
    pub fn base(&self) -> &str {
        &self.inner.base
    }

    /// Aborts everything in flight (the widget is going away).
    pub fn abort_all(&self) {
        if let Some(abort) = &self.inner.abort {
            abort.abort();
        }
    }

    /// Sends a request and reads the whole answer. Only a failure to get any
    /// answer is an error here; statuses are the core's to interpret.
    pub async fn send(&self, method: Method, path: &str, json_body: Option<String>) -> Result<Response, ApiError> {
        // The query goes through the builder's own parameters (gloo-net 0.4
        // appends a stray `&` to a URL that already has a query).
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let url = format!("{}{}", self.inner.base, path);
        let signal = self.inner.abort.as_ref().map(|a| a.signal());
        let pairs: Vec<(String, String)> = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (decode(k), decode(v))
            })
            .collect();
        let builder = gloo_net::http::RequestBuilder::new(&url)
            .method(method)
            .mode(RequestMode::Cors)
            .credentials(self.inner.credentials)
            .abort_signal(signal.as_ref())
            .query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let request: Result<Request, gloo_net::Error> = match json_body {
            Some(body) => builder.header("Content-Type", "application/json").body(body),
            None => builder.build(),
        };
        let response = request.map_err(network)?.send().await.map_err(network)?;
        let headers = response.headers();
        let body = response.binary().await.map_err(network)?;
        Ok(Response {
            status: response.status(),
            content_type: headers.get("content-type"),
            retry_after: headers.get("retry-after"),
            body,
        })
    }
}

fn network(error: gloo_net::Error) -> ApiError {
    ApiError::Network { detail: error.to_string() }
}

fn decode(component: &str) -> String {
    js_sys::decode_uri_component(component).map(String::from).unwrap_or_else(|_| component.to_owned())
}

/// Percent-encodes one path or query component.
pub fn encode(component: &str) -> String {
    String::from(js_sys::encode_uri_component(component))
}
