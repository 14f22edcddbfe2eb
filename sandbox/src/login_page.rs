//! A stand-in for Spektrix's `loginlogout.aspx` iframe: a small HTML form that
//! logs the session in or out, frameable only by the allowed origins, and
//! escaping everything it echoes.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use axum::response::Response;

use crate::app::{read_body, API_BODY_LIMIT};
use crate::customer;
use crate::session::SessionRef;
use crate::store::lock;
use crate::AppState;

pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

pub fn render(logged_in: Option<usize>, message: Option<&str>, email: &str) -> String {
    let msg = message.map(|m| format!("<p id=\"message\" role=\"status\">{}</p>", escape(m))).unwrap_or_default();
    let body = match logged_in {
        Some(c) => format!(
            "<p id=\"who\">Logged in as {}</p>\n<form method=\"post\">\n<input type=\"hidden\" name=\"action\" value=\"logout\">\n<button type=\"submit\" id=\"logout\">Log out</button>\n</form>",
            escape(customer::first_name(c))
        ),
        None => format!(
            "<form method=\"post\">\n<input type=\"hidden\" name=\"action\" value=\"login\">\n<label for=\"email\">Email</label>\n<input type=\"email\" id=\"email\" name=\"email\" autocomplete=\"username\" value=\"{}\">\n<label for=\"password\">Password</label>\n<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\">\n<button type=\"submit\" id=\"login\">Log in</button>\n</form>",
            escape(email)
        ),
    };
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Log in</title>\n<style>body{{font:14px system-ui,sans-serif;margin:8px}}label,input,button{{display:block;margin:4px 0}}</style></head>\n<body>\n{msg}\n{body}\n</body></html>\n"
    )
}

pub async fn handle(st: Arc<AppState>, req: Request<Body>, sess: SessionRef) -> Response {
    let (message, email) = if req.method() == Method::POST {
        let (parts, body) = req.into_parts();
        let bytes = read_body(body, &parts.headers, API_BODY_LIMIT).await.unwrap_or_default();
        let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
        let get = |k: &str| form.iter().find(|(a, _)| a == k).map(|(_, v)| v.clone()).unwrap_or_default();
        let mut g = lock(&sess);
        if get("action") == "logout" {
            g.customer = None;
            (Some("You have logged out.".to_string()), String::new())
        } else {
            match customer::authenticate(&get("email"), &get("password")) {
                Some(c) => {
                    g.customer = Some(c);
                    (None, String::new())
                }
                None => (Some(format!("No account matches {} with that password.", get("email"))), get("email")),
            }
        }
    } else if req.method() == Method::GET {
        (None, String::new())
    } else {
        let mut r = Response::new(Body::from("Method not allowed"));
        *r.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
        return r;
    };
    let who = lock(&sess).customer;
    let html = render(who, message.as_deref(), &email);
    let mut r = Response::new(Body::from(html));
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let csp = format!("frame-ancestors 'self' {}", st.config.origins.join(" "));
    if let Ok(v) = HeaderValue::from_str(&csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    r
}
