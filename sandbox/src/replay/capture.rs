//! Reading a capture file (docs/capture.md) as leniently as the widget reads
//! the API: a status given as text, a `null` body or content type, unknown
//! fields and exchanges are all fine. What it cannot use is an envelope that
//! is not a capture at all.

use serde_json::Value;

use crate::decode::id_str;

/// One recorded request and its answer.
#[derive(Clone, Debug, Default)]
pub struct Exchange {
    pub name: String,
    pub method: String,
    pub path: String,
    /// 0 when no answer came.
    pub status: u16,
    pub content_type: Option<String>,
    pub body: String,
    pub error: Option<String>,
}

/// How many characters of a body a description quotes.
const QUOTED: usize = 60;

/// What a body is, for an error message: content type, size and the first
/// characters as text (control characters shown as `·`).
pub fn describe_body(content_type: Option<&str>, body: &str) -> String {
    let kind = content_type.filter(|t| !t.trim().is_empty()).unwrap_or("no content type");
    let mut head: String = body.chars().take(QUOTED).map(|c| if c.is_control() { '·' } else { c }).collect();
    if body.chars().count() > QUOTED {
        head.push('…');
    }
    format!("{kind}, {} bytes: \"{head}\"", body.len())
}

impl Exchange {
    /// `exchange "plan" (GET plans/123)`, to name it in a message.
    pub fn label(&self) -> String {
        format!("exchange \"{}\" ({} {})", self.name, self.method, self.path)
    }

    pub fn answered(&self) -> bool {
        self.status != 0
    }

    pub fn succeeded(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body, if it is JSON.
    pub fn json(&self) -> Option<Value> {
        self.parse().ok()
    }

    /// The body as JSON (a byte-order mark skipped), or why it is not.
    fn parse(&self) -> Result<Value, serde_json::Error> {
        serde_json::from_str(self.body.trim_start_matches('\u{feff}'))
    }

    /// Status, content type, size and the start of the body.
    pub fn describe(&self) -> String {
        format!("status {}, {}", self.status, describe_body(self.content_type.as_deref(), &self.body))
    }

    /// Why this answer cannot be used as a JSON object (`None` when it can).
    pub fn not_an_object(&self, what: &str) -> Option<String> {
        if !self.answered() {
            let why = self.error.as_deref().unwrap_or("no reason recorded");
            return Some(format!("{}: no answer was recorded ({why}); {what} is needed", self.label()));
        }
        if !self.succeeded() {
            return Some(format!("{}: {}; expected 200 with {what}", self.label(), self.describe()));
        }
        match self.parse() {
            Ok(Value::Object(_)) => None,
            Ok(_) => Some(format!("{}: the body is JSON but not an object ({})", self.label(), self.describe())),
            // serde_json stops at 128 levels of nesting: about 60 levels of areas.
            Err(e) if e.to_string().contains("recursion limit") => {
                Some(format!("{}: the body nests too deeply to read ({e})", self.label()))
            }
            Err(e) => Some(format!("{}: the body is not JSON ({e}; {})", self.label(), self.describe())),
        }
    }
}

/// A capture: its performance and exchanges (the first of each name).
#[derive(Debug, Default)]
pub struct CaptureFile {
    pub instance_id: Option<String>,
    pub recorded_at: Option<String>,
    pub page: Option<String>,
    pub exchanges: Vec<Exchange>,
    pub notes: Vec<String>,
}

impl CaptureFile {
    pub fn get(&self, name: &str) -> Option<&Exchange> {
        self.exchanges.iter().find(|e| e.name == name)
    }
}

fn text(v: Option<&Value>) -> Option<String> {
    match v {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

/// A status as a number or as text; anything else (or out of range) is 0.
fn status(v: Option<&Value>) -> u16 {
    let n = match v {
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    n.filter(|n| n.fract() == 0.0 && (0.0..=999.0).contains(n)).map(|n| n as u16).unwrap_or(0)
}

fn exchange(v: &Value, position: usize, notes: &mut Vec<String>) -> Option<Exchange> {
    let Value::Object(o) = v else {
        notes.push(format!("exchange {position} is not an object; ignored"));
        return None;
    };
    let Some(name) = text(o.get("name")).filter(|n| !n.is_empty()) else {
        notes.push(format!("exchange {position} has no name; ignored"));
        return None;
    };
    let body = match o.get("body") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        // The format says a string; a recorder that stored the JSON itself
        // still says what it received.
        Some(other) => {
            notes.push(format!("exchange \"{name}\" has a JSON body instead of text; read as its JSON text"));
            other.to_string()
        }
    };
    Some(Exchange {
        method: text(o.get("method")).unwrap_or_else(|| "GET".into()),
        path: text(o.get("path")).unwrap_or_default(),
        status: status(o.get("status")),
        content_type: text(o.get("contentType")),
        body,
        error: text(o.get("error")),
        name,
    })
}

/// Reads the envelope. A document that is not a capture is an error in
/// plain words (a plan file given by mistake says so).
pub fn read(v: &Value) -> Result<CaptureFile, String> {
    let Value::Object(o) = v else {
        return Err(format!("not a seatmap capture: the file holds {}, not an object", kind(v)));
    };
    if let Some(format) = o.get("format").and_then(Value::as_str) {
        if format != "seatmap-capture" {
            return Err(format!("not a seatmap capture: its format is {format:?}"));
        }
    }
    let Some(list) = o.get("exchanges").and_then(Value::as_array) else {
        let hint = if o.contains_key("areas") { " (it looks like a plan: use --plan-file)" } else { "" };
        return Err(format!("not a seatmap capture: it has no \"exchanges\" list{hint}"));
    };
    let mut capture = CaptureFile {
        instance_id: o.get("instanceId").and_then(id_str),
        recorded_at: text(o.get("recordedAt")),
        page: text(o.get("page")),
        ..CaptureFile::default()
    };
    match o.get("version") {
        None => {}
        Some(v) if v.as_f64() == Some(1.0) => {}
        Some(v) => capture.notes.push(format!("format version {v} is not 1; read as version 1")),
    }
    for (k, item) in list.iter().enumerate() {
        let Some(exchange) = exchange(item, k + 1, &mut capture.notes) else {
            continue;
        };
        if capture.get(&exchange.name).is_some() {
            capture.notes.push(format!("exchange \"{}\" appears more than once; the first is used", exchange.name));
            continue;
        }
        capture.exchanges.push(exchange);
    }
    Ok(capture)
}

fn kind(v: &Value) -> &'static str {
    crate::plan_tree::kind_of(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn odd_but_valid_envelopes_are_read() {
        let v = json!({
            "format": "seatmap-capture", "version": 1, "instanceId": 123, "somethingNew": [1],
            "exchanges": [
                {"name": "instance", "status": "200", "contentType": null, "body": {"id": 123}},
                {"name": "plan", "status": 200.0, "body": null, "extra": true},
                {"name": "instance", "status": 500, "body": "second"},
                null,
                {"status": 200}
            ]
        });
        let capture = read(&v).unwrap();
        assert_eq!(capture.instance_id.as_deref(), Some("123"));
        let instance = capture.get("instance").unwrap();
        assert_eq!((instance.status, instance.body.as_str()), (200, r#"{"id":123}"#));
        assert_eq!(instance.method, "GET");
        let plan = capture.get("plan").unwrap();
        assert_eq!((plan.status, plan.body.as_str(), plan.content_type.as_deref()), (200, "", None));
        assert_eq!(capture.exchanges.len(), 2);
        assert_eq!(capture.notes.len(), 4, "{:?}", capture.notes);
    }

    #[test]
    fn what_is_not_a_capture_says_so() {
        assert!(read(&json!([1])).unwrap_err().contains("a list, not an object"));
        assert!(read(&json!({"id": "P", "areas": []})).unwrap_err().contains("use --plan-file"));
        assert!(read(&json!({"format": "har", "exchanges": []})).unwrap_err().contains("\"har\""));
    }

    #[test]
    fn a_body_is_described_by_type_size_and_first_characters() {
        let body = format!("<html>\n{}", "x".repeat(100));
        let said = describe_body(Some("text/html"), &body);
        assert!(said.starts_with("text/html, 107 bytes: \"<html>·xxx"), "{said}");
        assert!(said.ends_with("…\""), "{said}");
        assert_eq!(describe_body(None, ""), "no content type, 0 bytes: \"\"");
    }
}
