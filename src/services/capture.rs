//! Recording a capture (docs/capture.md): every read the widget relies on,
//! made afresh against the venue's custom domain and kept exactly as
//! received — status, content type, body — with personal data redacted
//! before it leaves the page.

use super::http::{encode, Client};
use gloo_net::http::Method;
use seatmap_core::{decode, redact, Capture, Config, Exchange};

/// What to record, in order: (name, path, with the session cookie).
fn requests(instance_id: &str, plan_id: &str) -> Vec<(&'static str, String, bool)> {
    let instance = encode(instance_id);
    let detail = format!("instances/{instance}/status/detail?includeChildPlans=true&includeLockInformation=true");
    vec![
        ("plan", format!("plans/{}", encode(plan_id)), true),
        ("price-list", format!("instances/{instance}/price-list"), true),
        ("status", format!("instances/{instance}/status?includeChildPlans=true&includeLockInformation=true"), true),
        ("status-detail", detail.clone(), false),
        ("status-detail-session", detail, true),
        ("basket", "basket".to_owned(), true),
        ("customer", "customer".to_owned(), true),
    ]
}

async fn exchange(
    client: &Client,
    name: &str,
    path: String,
    with_cookie: bool,
    redacted: &mut Vec<String>,
) -> Exchange {
    let started = js_sys::Date::now();
    let answer = client.send(Method::GET, &path, None).await;
    let ms = js_sys::Date::now() - started;
    let credentials = if with_cookie { "include" } else { "omit" }.to_owned();
    match answer {
        Ok(response) => {
            let text = String::from_utf8_lossy(&response.body).into_owned();
            let body = if matches!(name, "customer" | "basket") { redact(name, &text, redacted) } else { text };
            Exchange {
                name: name.to_owned(),
                method: "GET".into(),
                path,
                credentials,
                status: response.status,
                content_type: response.content_type,
                bytes: response.body.len(),
                ms,
                body,
                error: None,
            }
        }
        Err(e) => Exchange {
            name: name.to_owned(),
            method: "GET".into(),
            path,
            credentials,
            status: 0,
            content_type: None,
            bytes: 0,
            ms,
            body: String::new(),
            error: Some(e.detail()),
        },
    }
}

/// Records a capture for `config`'s performance.
pub async fn record(config: &Config) -> Capture {
    let with_cookie = Client::new(config.api_base(), true);
    let without_cookie = Client::new(config.api_base(), false);
    let mut redacted = Vec::new();
    let instance_path = format!("instances/{}", encode(&config.instance_id));
    let instance = exchange(&with_cookie, "instance", instance_path, true, &mut redacted).await;
    let response = seatmap_core::Response {
        status: instance.status,
        content_type: instance.content_type.clone(),
        retry_after: None,
        body: instance.body.as_bytes().to_vec(),
    };
    let plan_id =
        decode::instance(&response, &config.instance_id).map(|i| i.value.plan_id.to_string()).unwrap_or_default();
    let mut exchanges = vec![instance];
    for (name, path, cookie) in requests(&config.instance_id, &plan_id) {
        let client = if cookie { &with_cookie } else { &without_cookie };
        if name == "plan" && plan_id.is_empty() {
            continue;
        }
        exchanges.push(exchange(client, name, path, cookie, &mut redacted).await);
    }
    let logged_in = exchanges.iter().any(|e| e.name == "customer" && (200..300).contains(&e.status));
    let window = web_sys::window();
    let location = window.as_ref().map(|w| w.location());
    let page = location
        .map(|l| format!("{}{}", l.origin().unwrap_or_default(), l.pathname().unwrap_or_default()))
        .unwrap_or_default();
    let user_agent = window.and_then(|w| w.navigator().user_agent().ok()).unwrap_or_default();
    Capture {
        format: "seatmap-capture".into(),
        version: 1,
        recorded_at: String::from(js_sys::Date::new_0().to_iso_string()),
        widget: concat!("seatmap ", env!("CARGO_PKG_VERSION")).into(),
        page,
        user_agent,
        client_name: config.client_name.clone(),
        custom_domain: config.custom_domain.clone(),
        instance_id: config.instance_id.clone(),
        logged_in,
        redacted,
        exchanges,
    }
}
