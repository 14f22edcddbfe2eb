//! Recording a capture over HTTP exactly as the widget's `element.capture()`
//! does (src/services/capture.rs, docs/capture.md): the same exchanges in
//! the same order, with the same paths and credentials, bodies kept as
//! received, personal data redacted by the same function (seatmap-core's
//! `redact`). Shared by the `record_capture` example and the sandbox tests.

use std::time::{Instant, SystemTime, UNIX_EPOCH};

use seatmap_core::{redact, Capture, Exchange};
use serde_json::Value;

/// What the widget asks with the status calls.
const STATUS_QUERY: &str = "includeChildPlans=true&includeLockInformation=true";

/// Where to record from and as whom.
pub struct Target<'a> {
    /// `http://HOST:PORT/CLIENT/api/v3/`
    pub api_base: &'a str,
    pub instance_id: &'a str,
    /// Logged in first (as through the venue's login page), when given.
    pub login: Option<(&'a str, &'a str)>,
    /// What the capture says recorded it.
    pub recorder: &'a str,
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` for a time since the Unix epoch (the
/// proleptic Gregorian calendar, as JavaScript's `toISOString`).
pub fn iso_time(since_epoch: std::time::Duration) -> String {
    let seconds = since_epoch.as_secs();
    let days = (seconds / 86_400) as i64;
    let rest = seconds % 86_400;
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60,
        since_epoch.subsec_millis()
    )
}

async fn exchange(
    client: &reqwest::Client,
    api_base: &str,
    name: &str,
    path: String,
    with_cookie: bool,
    redacted: &mut Vec<String>,
) -> Exchange {
    let started = Instant::now();
    let answer = client.get(format!("{api_base}{path}")).send().await;
    let credentials = if with_cookie { "include" } else { "omit" }.to_owned();
    let (status, content_type, body, error) = match answer {
        Ok(response) => {
            let status = response.status().as_u16();
            let content_type = response.headers().get("content-type").and_then(|v| v.to_str().ok()).map(str::to_owned);
            match response.bytes().await {
                Ok(bytes) => (status, content_type, String::from_utf8_lossy(&bytes).into_owned(), None),
                Err(e) => (0, None, String::new(), Some(e.to_string())),
            }
        }
        Err(e) => (0, None, String::new(), Some(e.to_string())),
    };
    let bytes = body.len();
    let body =
        if matches!(name, "customer" | "basket") && error.is_none() { redact(name, &body, redacted) } else { body };
    Exchange {
        name: name.to_owned(),
        method: "GET".into(),
        path,
        credentials,
        status,
        content_type,
        bytes,
        ms: (started.elapsed().as_secs_f64() * 10_000.0).round() / 10.0,
        body,
        error,
    }
}

/// Records the performance's capture.
pub async fn record(target: &Target<'_>) -> Result<Capture, String> {
    let with_cookie = reqwest::Client::builder().cookie_store(true).build().map_err(|e| e.to_string())?;
    let without_cookie = reqwest::Client::new();
    let base = target.api_base;
    if let Some((email, password)) = target.login {
        let login = with_cookie
            .post(format!("{base}customer/authenticate"))
            .json(&serde_json::json!({"email": email, "password": password}))
            .send()
            .await
            .map_err(|e| format!("logging in: {e}"))?;
        if !login.status().is_success() {
            return Err(format!("logging in as {email}: status {}", login.status()));
        }
    }
    let mut redacted = vec![];
    let instance = target.instance_id;
    let first = exchange(&with_cookie, base, "instance", format!("instances/{instance}"), true, &mut redacted).await;
    let plan_id = serde_json::from_str::<Value>(&first.body)
        .ok()
        .and_then(|v| v.get("planId").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_default();
    let detail = format!("instances/{instance}/status/detail?{STATUS_QUERY}");
    let mut requests = vec![
        ("price-list", format!("instances/{instance}/price-list"), true),
        ("status", format!("instances/{instance}/status?{STATUS_QUERY}"), true),
        ("status-detail", detail.clone(), false),
        ("status-detail-session", detail, true),
        ("basket", "basket".to_owned(), true),
        ("customer", "customer".to_owned(), true),
    ];
    if !plan_id.is_empty() {
        requests.insert(0, ("plan", format!("plans/{plan_id}"), true));
    }
    let mut exchanges = vec![first];
    for (name, path, cookie) in requests {
        let client = if cookie { &with_cookie } else { &without_cookie };
        exchanges.push(exchange(client, base, name, path, cookie, &mut redacted).await);
    }
    let logged_in = exchanges.iter().any(|e| e.name == "customer" && (200..300).contains(&e.status));
    let (custom_domain, client_name) = match base.split_once("://") {
        Some((scheme, rest)) => {
            let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
            (format!("{scheme}://{host}"), path.split('/').next().unwrap_or("").to_owned())
        }
        None => (base.to_owned(), String::new()),
    };
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    Ok(Capture {
        format: "seatmap-capture".into(),
        version: 1,
        recorded_at: iso_time(now),
        widget: target.recorder.to_owned(),
        page: String::new(),
        user_agent: "reqwest".into(),
        client_name,
        custom_domain,
        instance_id: instance.to_owned(),
        logged_in,
        redacted,
        exchanges,
    })
}
