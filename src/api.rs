//! The HTTP client for the venue's Spektrix API on its custom domain.
//!
//! Every call goes to `{custom-domain}/{client-name}/api/v3/` with
//! `credentials: "include"` (the session cookie is first-party there and is
//! never sent anywhere else), and bodies carry only `Content-Type`, the one
//! header the real preflight allows. The status is checked here: a 4xx or
//! 5xx becomes an [`ApiError`] that keeps the server's message.

use seatmap_core::error::{decode, ApiError};
use seatmap_core::wire::outgoing::ToJson;
use serde::de::DeserializeOwned;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Request, RequestCredentials, RequestInit, RequestMode, Response};

/// One client per mounted widget. Dropping the last clone aborts every
/// request still in flight, so an unmounted widget leaves nothing running.
#[derive(Clone)]
pub struct Api {
    inner: Rc<Inner>,
}

struct Inner {
    base: String,
    abort: Option<AbortController>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        if let Some(abort) = &self.abort {
            abort.abort();
        }
    }
}

impl PartialEq for Api {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

/// A successful answer: the body text, or `None` for 404 when asked to allow it.
pub enum Answer {
    Body(String),
    NotFound,
}

impl Api {
    pub fn new(base: String) -> Api {
        Api { inner: Rc::new(Inner { base, abort: AbortController::new().ok() }) }
    }

    /// Aborts everything in flight (the widget is going away).
    pub fn abort_all(&self) {
        if let Some(abort) = &self.inner.abort {
            abort.abort();
        }
    }

    /// GET returning the body text unparsed (to compare before decoding).
    pub async fn get_text(&self, path: &str) -> Result<String, ApiError> {
        self.text("GET", path, None).await
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str, what: &'static str) -> Result<T, ApiError> {
        let body = self.text("GET", path, None).await?;
        decode(what, &body)
    }

    /// GET that treats 404 as "none yet" (`GET basket` before the session has one).
    pub async fn get_optional<T: DeserializeOwned>(
        &self,
        path: &str,
        what: &'static str,
    ) -> Result<Option<T>, ApiError> {
        match self.request("GET", path, None, true).await? {
            Answer::NotFound => Ok(None),
            Answer::Body(body) => decode(what, &body).map(Some),
        }
    }

    pub async fn post<B: ToJson + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        what: &'static str,
    ) -> Result<T, ApiError> {
        let json = body.to_json();
        let text = self.text("POST", path, Some(json)).await?;
        if text.trim().is_empty() {
            return decode(what, "null");
        }
        decode(what, &text)
    }

    pub async fn delete<T: DeserializeOwned>(&self, path: &str, what: &'static str) -> Result<T, ApiError> {
        let text = self.text("DELETE", path, None).await?;
        if text.trim().is_empty() {
            return decode(what, "null");
        }
        decode(what, &text)
    }

    async fn text(&self, method: &str, path: &str, body: Option<String>) -> Result<String, ApiError> {
        match self.request(method, path, body, false).await? {
            Answer::Body(text) => Ok(text),
            Answer::NotFound => Err(ApiError::Http { status: 404, message: None, retry_after_secs: None }),
        }
    }

    async fn request(
        &self,
        method: &str,
        path: &str,
        body: Option<String>,
        allow_404: bool,
    ) -> Result<Answer, ApiError> {
        let url = format!("{}{}", self.inner.base, path);
        let init = RequestInit::new();
        init.set_method(method);
        init.set_mode(RequestMode::Cors);
        init.set_credentials(RequestCredentials::Include);
        if let Some(abort) = &self.inner.abort {
            init.set_signal(Some(&abort.signal()));
        }
        if let Some(body) = &body {
            let headers = web_sys::Headers::new().map_err(network)?;
            headers.set("Content-Type", "application/json").map_err(network)?;
            init.set_headers(&headers);
            init.set_body(&JsValue::from_str(body));
        }
        let request = Request::new_with_str_and_init(&url, &init).map_err(network)?;
        let window = web_sys::window().ok_or_else(|| ApiError::Network { detail: "no window".into() })?;
        let response: Response =
            JsFuture::from(window.fetch_with_request(&request)).await.map_err(network)?.unchecked_into();
        let status = response.status();
        let text = match response.text() {
            Ok(promise) => JsFuture::from(promise).await.map_err(network)?.as_string().unwrap_or_default(),
            Err(e) => return Err(network(e)),
        };
        if (200..300).contains(&status) {
            return Ok(Answer::Body(text));
        }
        if status == 404 && allow_404 {
            return Ok(Answer::NotFound);
        }
        let retry_after =
            response.headers().get("Retry-After").ok().flatten().and_then(|v| v.trim().parse::<u32>().ok());
        Err(ApiError::from_response(status, &text, retry_after))
    }
}

fn network(error: JsValue) -> ApiError {
    let detail = error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "request failed".into());
    ApiError::Network { detail }
}

/// Percent-encodes one path or query component.
pub fn encode(component: &str) -> String {
    String::from(js_sys::encode_uri_component(component))
}

/// `status/detail` for a performance, with child plans and lock information
/// (lock types are what tell a customer why a seat is held).
pub fn status_detail_path(instance_id: &str) -> String {
    format!("instances/{}/status/detail?includeChildPlans=true&includeLockInformation=true", encode(instance_id))
}
