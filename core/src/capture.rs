//! Captures: what a venue's web developer records from the widget on their
//! own page (`element.capture()`), against their real custom domain, and
//! what `seatmap-sandbox --replay` serves back as a venue. The format is
//! documented in docs/capture.md; personal data is redacted here, before
//! anything leaves the page.

use serde::{Deserialize, Serialize};

/// One request and its answer, as received.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Exchange {
    /// What it is: `instance`, `plan`, `price-list`, `status`, `status-detail`,
    /// `status-detail-session`, `basket`, `customer`.
    pub name: String,
    /// The HTTP method.
    pub method: String,
    /// The path after `{customDomain}/{clientName}/api/v3/`, query included.
    pub path: String,
    /// `include` (with the session cookie) or `omit`.
    pub credentials: String,
    /// The status (0 when no answer came).
    pub status: u16,
    /// The `Content-Type` of the answer.
    pub content_type: Option<String>,
    /// The body's size in bytes.
    pub bytes: usize,
    /// How long it took, in ms.
    pub ms: f64,
    /// The body as text, exactly as received (after redaction).
    pub body: String,
    /// Why no answer came, when none did.
    pub error: Option<String>,
}

/// A whole capture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Capture {
    /// Always `seatmap-capture`.
    pub format: String,
    /// Format version (1).
    pub version: u32,
    /// When it was recorded (ISO 8601, UTC).
    pub recorded_at: String,
    /// The widget that recorded it.
    pub widget: String,
    /// The page it was recorded on (origin and path, no query).
    pub page: String,
    /// The browser.
    pub user_agent: String,
    /// The Spektrix client name.
    pub client_name: String,
    /// The custom domain.
    pub custom_domain: String,
    /// The performance.
    pub instance_id: String,
    /// Whether a customer was logged in.
    pub logged_in: bool,
    /// The JSON paths whose values were replaced by `REDACTED`.
    pub redacted: Vec<String>,
    /// The requests, in order.
    pub exchanges: Vec<Exchange>,
}

/// Keys whose values are personal, wherever they appear in a customer object.
const PERSONAL: [&str; 8] = ["firstname", "lastname", "name", "email", "title", "postcode", "birthdate", "dateofbirth"];

/// Prefixes of keys whose values are personal (`phoneHome`, `addressLine1`, …).
const PERSONAL_PREFIXES: [&str; 3] = ["phone", "mobile", "address"];

fn is_personal(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    PERSONAL.contains(&k.as_str()) || PERSONAL_PREFIXES.iter().any(|p| k.starts_with(p))
}

/// Replaces personal values in `body` (a customer, or a basket holding a
/// `customer` object), recording each redacted path under `prefix`. A body
/// that is not JSON is kept only if it holds no `@` (an email address in an
/// unknown format is dropped entirely).
pub fn redact(name: &str, body: &str, redacted: &mut Vec<String>) -> String {
    let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(body.as_bytes()) else {
        return if body.contains('@') {
            "(not JSON; removed because it may hold personal data)".into()
        } else {
            body.into()
        };
    };
    let before = redacted.len();
    match name {
        "customer" => redact_object(&mut value, name, redacted),
        _ => walk_for_customers(&mut value, name, redacted),
    }
    if redacted.len() == before {
        return body.to_owned();
    }
    serde_json::to_string(&value).unwrap_or_default()
}

fn redact_object(value: &mut serde_json::Value, path: &str, redacted: &mut Vec<String>) {
    if let serde_json::Value::Object(map) = value {
        for (key, v) in map.iter_mut() {
            let here = format!("{path}.{key}");
            if is_personal(key) && !v.is_null() {
                *v = serde_json::Value::String("REDACTED".into());
                redacted.push(here);
            } else if v.is_object() {
                redact_object(v, &here, redacted);
            }
        }
    }
}

fn walk_for_customers(value: &mut serde_json::Value, path: &str, redacted: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                let here = format!("{path}.{key}");
                if key.eq_ignore_ascii_case("customer") {
                    redact_object(v, &here, redacted);
                } else {
                    walk_for_customers(v, &here, redacted);
                }
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                walk_for_customers(item, &format!("{path}[]"), redacted);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_customer_is_redacted_and_the_paths_listed() {
        let mut redacted = Vec::new();
        let body = r#"{"id":"C1","firstName":"Ada","lastName":"Lovelace","email":"ada@example.com","phoneMobile":"07700","address":{"postcode":"N1"}}"#;
        let out = redact("customer", body, &mut redacted);
        assert!(!out.contains("Ada") && !out.contains("ada@example.com") && !out.contains("07700"), "{out}");
        assert!(out.contains("\"id\":\"C1\""), "ids are kept: {out}");
        assert!(redacted.contains(&"customer.email".to_owned()));
    }

    #[test]
    fn a_basket_keeps_its_tickets_and_loses_its_customer() {
        let mut redacted = Vec::new();
        let body = r#"{"id":"B1","tickets":[{"id":"T1","seatName":"A1"}],"customer":{"id":"C1","email":"x@y.z"}}"#;
        let out = redact("basket", body, &mut redacted);
        assert!(out.contains("seatName") && !out.contains("x@y.z"), "{out}");
        assert_eq!(redacted, vec!["basket.customer.email".to_owned()]);
        let untouched = r#"{"id":"B1","tickets":[]}"#;
        assert_eq!(redact("basket", untouched, &mut Vec::new()), untouched, "byte for byte when nothing is personal");
    }

    #[test]
    fn an_unreadable_body_with_an_address_is_dropped() {
        assert!(!redact("customer", "<p>ada@example.com</p>", &mut Vec::new()).contains('@'));
        assert_eq!(redact("status-detail", "<xml/>", &mut Vec::new()), "<xml/>");
    }
}
