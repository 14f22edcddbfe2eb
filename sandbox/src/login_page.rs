//! A stand-in for Spektrix's `loginlogout.aspx` iframe: a small HTML form that
//! logs the session in or out, frameable only by the allowed origins, and
//! escaping everything it echoes.

use std::sync::Arc;

use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::customer;
use crate::errors::ApiError;
use crate::http::{read_body, API_BODY_LIMIT};
use crate::session_cookie::CurrentSession;
use crate::state::AppState;
use crate::sync::lock;

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn render(logged_in: Option<usize>, message: Option<&str>, email: &str) -> String {
    let message = message.map(|m| format!("<p id=\"message\" role=\"status\">{}</p>", escape(m))).unwrap_or_default();
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
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Log in</title>\n<style>body{{font:14px system-ui,sans-serif;margin:8px}}label,input,button{{display:block;margin:4px 0}}</style></head>\n<body>\n{message}\n{body}\n</body></html>\n"
    )
}

/// The page's name is matched as IIS would, ignoring case.
pub async fn handle(
    State(state): State<Arc<AppState>>,
    Path(page): Path<String>,
    CurrentSession(session): CurrentSession,
    request: Request,
) -> Response {
    if !page.eq_ignore_ascii_case("loginlogout.aspx") {
        return ApiError::not_found("The resource").into_response();
    }
    let (message, email) = if request.method() == Method::POST {
        let (parts, body) = request.into_parts();
        let bytes = read_body(body, &parts.headers, API_BODY_LIMIT).await.unwrap_or_default();
        let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
        let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
        let mut session = lock(&session);
        if field("action") == "logout" {
            session.customer = None;
            (Some("You have logged out.".to_string()), String::new())
        } else {
            match customer::authenticate(&field("email"), &field("password")) {
                Some(index) => {
                    session.customer = Some(index);
                    (None, String::new())
                }
                None => (Some(format!("No account matches {} with that password.", field("email"))), field("email")),
            }
        }
    } else if request.method() == Method::GET {
        (None, String::new())
    } else {
        return (StatusCode::METHOD_NOT_ALLOWED, "Method not allowed").into_response();
    };
    let logged_in = lock(&session).customer;
    let mut response = render(logged_in, message.as_deref(), &email).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let policy = format!("frame-ancestors 'self' {}", state.config.origins.join(" "));
    if let Ok(value) = HeaderValue::from_str(&policy) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    response
}
