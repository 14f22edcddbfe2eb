//! The Spektrix queue: a control switch that makes basket adds answer with
//! the `JoinQueue` error (for every performance or one, optionally only N
//! times), and the page its `joinQueue` link opens.

use std::sync::Mutex;

use serde_json::{json, Value};

use crate::sync::lock;

#[derive(Clone, Debug)]
struct Rule {
    /// Only adds for this instance queue; `None` means every instance.
    instance: Option<String>,
    /// How many more adds answer `JoinQueue`; `None` means until switched off.
    times: Option<u64>,
}

#[derive(Default)]
pub struct QueueSwitch {
    rule: Mutex<Option<Rule>>,
}

impl QueueSwitch {
    pub fn enable(&self, instance: Option<String>, times: Option<u64>) {
        *lock(&self.rule) = Some(Rule { instance, times });
    }

    pub fn disable(&self) {
        *lock(&self.rule) = None;
    }

    pub fn json(&self) -> Value {
        match &*lock(&self.rule) {
            Some(rule) => json!({"enabled": true, "instance": rule.instance, "times": rule.times}),
            None => json!({"enabled": false, "instance": null, "times": null}),
        }
    }

    /// The instance whose queue an add touching `instances` must join, if
    /// any; each answer uses up one of the rule's `times`.
    pub fn take(&self, instances: &[&str]) -> Option<String> {
        let mut rule = lock(&self.rule);
        let active = rule.as_mut()?;
        let instance = match &active.instance {
            Some(only) => instances.iter().find(|i| *i == only)?.to_string(),
            None => instances.first()?.to_string(),
        };
        if let Some(times) = active.times.as_mut() {
            *times = times.saturating_sub(1);
            if *times == 0 {
                *rule = None;
            }
        }
        Some(instance)
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// Is `url` an absolute http(s) address, safe to link back to?
pub fn is_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")) && !url.chars().any(char::is_whitespace)
}

/// The stand-in for the queue page: it says the customer is queuing and
/// links back to where they came from.
pub fn page(instance: &str, back: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>You are in the queue</title></head>\n<body>\n<h1 id=\"queue\">You are in the queue</h1>\n<p>Demand for performance <span id=\"instance\">{}</span> is high. Please wait; we will let you in soon.</p>\n<p><a id=\"back\" href=\"{}\">Back to the seat map</a></p>\n</body></html>\n",
        escape(instance),
        escape(back)
    )
}
