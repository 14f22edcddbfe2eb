//! The element's attributes, checked. Bad configuration is reported in
//! plain words and stops the widget before it sends any request.

mod checkout;

use crate::detail::Detail;
use crate::rules::{RuleConfig, SinglesRule};
use checkout::{normalise_origin, resolve_checkout};

/// The element's configuration, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The Spektrix client name.
    pub client_name: String,
    /// `scheme://host[:port]`, no trailing slash.
    pub custom_domain: String,
    /// The performance.
    pub instance_id: String,
    /// Where "Go to checkout" leads: an absolute address on the page's
    /// origin or on one listed in `checkout-origins`.
    pub checkout_url: Option<String>,
    /// Origins besides the page's where checkout may be (`checkout-origins`),
    /// normalised as the browser writes an origin.
    pub checkout_origins: Vec<String>,
    /// Milliseconds between status polls.
    pub poll_interval_ms: u32,
    /// Number formatting locale (the browser's when absent).
    pub locale: Option<String>,
    /// ISO 4217 currency code.
    pub currency: String,
    /// Show the widget's own login form.
    pub login_form: bool,
    /// Greet the logged-in customer by name.
    pub show_customer_name: bool,
    /// The selection rules.
    pub rules: RuleConfig,
    /// The base of a shared cache mirroring the API's paths
    /// (`{shared-cache}/{client}/api/v3/...`), for reads that are the same
    /// for everyone; `https://` (or `http://` on localhost), no query.
    pub shared_cache: Option<String>,
    /// How long the venue's Spektrix holds an unchanged basket, in ms
    /// (`basket-timeout`, minutes; must match the venue's setting).
    pub basket_timeout_ms: u32,
    /// `level-of-detail="seats"` draws every seat at any zoom (for the
    /// benchmark against raw SVG); absent or `auto`, the zoom decides.
    pub level_of_detail: Option<Detail>,
    /// Light or dark colours (`color-scheme`); the stylesheet reads the
    /// attribute itself, this records the checked value.
    pub color_scheme: ColorScheme,
    /// The level of the widget's panel headings (`heading-level`, 1 to 5;
    /// default 3): panels are `h{n}`, their parts `h{n+1}`, so the widget's
    /// headings continue the host page's outline.
    pub heading_level: u8,
}

/// The widget's colours (`color-scheme` attribute).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorScheme {
    /// Dark text on a light background (the default: most venues' pages are light).
    #[default]
    Light,
    /// Light text on a dark background.
    Dark,
    /// Follows the buyer's system setting (`prefers-color-scheme`).
    Auto,
}

/// Default heading level: a page with its `h1` and an `h2` section holding the map.
pub const DEFAULT_HEADING_LEVEL: u8 = 3;

/// Default basket hold, in minutes (Spektrix venues set 10 to 20).
pub const DEFAULT_BASKET_TIMEOUT_MINUTES: f64 = 20.0;

/// Default poll interval: frequent enough to feel live, few enough calls
/// for Spektrix's unpublished rate limits.
pub const DEFAULT_POLL_SECONDS: f64 = 15.0;

impl Config {
    /// `{custom-domain}/{client-name}/api/v3/`
    pub fn api_base(&self) -> String {
        format!("{}/{}/api/v3/", self.custom_domain, self.client_name)
    }

    /// `{shared-cache}/{client-name}/api/v3/`, when a shared cache is configured.
    pub fn shared_base(&self) -> Option<String> {
        self.shared_cache.as_ref().map(|base| format!("{}/{}/api/v3/", base, self.client_name))
    }

    /// Reads attributes through `get` (absent → `None`). `page_url` is the
    /// address of the page the element is on: `checkout-url` is resolved
    /// against it and must stay on its origin (or one in `checkout-origins`).
    pub fn from_attributes(page_url: &str, get: impl Fn(&str) -> Option<String>) -> Result<Config, Vec<String>> {
        let mut problems = Vec::new();
        let text = |name: &str| get(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let flag = |name: &str| get(name).is_some_and(|v| !matches!(v.trim(), "false" | "no" | "off" | "0"));

        let client_name = match text("client-name") {
            Some(c) if c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_') => c,
            Some(c) => {
                problems.push(format!("client-name \"{c}\" may only contain letters, digits, '-' and '_'."));
                String::new()
            }
            None => {
                problems.push("The client-name attribute is missing (your Spektrix client name).".into());
                String::new()
            }
        };
        let custom_domain = match text("custom-domain") {
            Some(d) => match parse_origin(&d) {
                Ok(origin) => origin,
                Err(why) => {
                    problems.push(format!("custom-domain \"{d}\" {why}"));
                    String::new()
                }
            },
            None => {
                problems.push("The custom-domain attribute is missing (e.g. https://tickets.yourvenue.org).".into());
                String::new()
            }
        };
        let instance_id = match text("instance-id") {
            Some(i) if i.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_') => i,
            Some(i) => {
                problems.push(format!("instance-id \"{i}\" is not a Spektrix instance id."));
                String::new()
            }
            None => {
                problems.push("The instance-id attribute is missing (the performance to show).".into());
                String::new()
            }
        };
        let mut checkout_origins = Vec::new();
        for origin in text("checkout-origins").iter().flat_map(|v| v.split([',', ' ']).filter(|o| !o.is_empty())) {
            match parse_origin(origin).and_then(|o| normalise_origin(&o)) {
                Ok(o) => checkout_origins.push(o),
                Err(why) => problems.push(format!("checkout-origins: \"{origin}\" {why}")),
            }
        }
        // Not trimmed: a browser drops a leading newline and would follow what is left.
        let checkout_url = match get("checkout-url").filter(|v| !v.trim().is_empty()) {
            Some(u) => match resolve_checkout(&u, page_url, &checkout_origins) {
                Ok(url) => Some(url),
                Err(why) => {
                    problems.push(why);
                    None
                }
            },
            None => None,
        };
        let color_scheme = match text("color-scheme").map(|v| v.to_ascii_lowercase()).as_deref() {
            None | Some("light") => ColorScheme::Light,
            Some("dark") => ColorScheme::Dark,
            Some("auto") => ColorScheme::Auto,
            Some(other) => {
                problems.push(format!("color-scheme \"{other}\" must be light, dark or auto."));
                ColorScheme::Light
            }
        };
        let poll_interval_ms = match text("poll-interval") {
            None => (DEFAULT_POLL_SECONDS * 1000.0) as u32,
            Some(v) => match crate::decimal::parse_f64(v.trim_end_matches('s')) {
                Some(s) if (2.0..=600.0).contains(&s) => (s * 1000.0) as u32,
                _ => {
                    problems.push(format!("poll-interval \"{v}\" must be a number of seconds from 2 to 600."));
                    0
                }
            },
        };
        let shared_cache = match text("shared-cache") {
            None => None,
            Some(u) => match parse_base_url(&u) {
                Ok(base) => Some(base),
                Err(why) => {
                    problems.push(format!("shared-cache \"{u}\" {why}"));
                    None
                }
            },
        };
        let basket_timeout_ms = match text("basket-timeout") {
            None => (DEFAULT_BASKET_TIMEOUT_MINUTES * 60_000.0) as u32,
            Some(v) => match crate::decimal::parse_f64(v.trim_end_matches("min").trim()) {
                Some(m) if (0.5..=120.0).contains(&m) => (m * 60_000.0) as u32,
                _ => {
                    problems.push(format!("basket-timeout \"{v}\" must be a number of minutes from 0.5 to 120."));
                    0
                }
            },
        };
        let level_of_detail = match text("level-of-detail").as_deref() {
            None | Some("auto") => None,
            Some("seats") => Some(Detail::Seats),
            Some("areas") => Some(Detail::Areas),
            Some(v) => {
                problems.push(format!("level-of-detail \"{v}\" must be auto, seats or areas."));
                None
            }
        };
        let heading_level = match text("heading-level") {
            None => DEFAULT_HEADING_LEVEL,
            Some(v) => match v.trim_start_matches(['h', 'H']).parse::<u8>() {
                Ok(n) if (1..=5).contains(&n) => n,
                _ => {
                    problems.push(format!(
                        "heading-level \"{v}\" must be a number from 1 to 5 (the level of the widget's headings)."
                    ));
                    DEFAULT_HEADING_LEVEL
                }
            },
        };
        let mut rules = RuleConfig::default();
        if let Some(v) = text("max-tickets") {
            match v.parse::<u32>() {
                Ok(n) if (1..=100).contains(&n) => rules.max_tickets = n,
                _ => problems.push(format!("max-tickets \"{v}\" must be a whole number from 1 to 100.")),
            }
        }
        if let Some(v) = text("allowed-counts") {
            let counts: Result<Vec<u32>, _> =
                v.split([',', ' ']).filter(|s| !s.is_empty()).map(str::parse::<u32>).collect();
            match counts {
                Ok(mut c) if !c.is_empty() && c.iter().all(|n| *n > 0) => {
                    crate::sorting::sort(&mut c);
                    c.dedup();
                    rules.allowed_counts = Some(c);
                }
                _ => problems.push(format!("allowed-counts \"{v}\" must list ticket counts, like \"2,4,6\".")),
            }
        }
        if let Some(v) = text("singles") {
            rules.singles = match v.as_str() {
                "off" | "allow" => SinglesRule::Off,
                "warn" => SinglesRule::Warn,
                "block" => SinglesRule::Block,
                _ => {
                    problems.push(format!("singles \"{v}\" must be off, warn or block."));
                    rules.singles
                }
            };
        }
        rules.together = flag("together");
        let currency = match text("currency") {
            None => "GBP".to_owned(),
            Some(c) if c.len() == 3 && c.chars().all(|ch| ch.is_ascii_alphabetic()) => c.to_ascii_uppercase(),
            Some(c) => {
                problems.push(format!("currency \"{c}\" must be a three-letter code such as GBP."));
                "GBP".to_owned()
            }
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Config {
            client_name,
            custom_domain,
            instance_id,
            checkout_url,
            checkout_origins,
            poll_interval_ms,
            locale: text("locale"),
            currency,
            login_form: flag("login-form"),
            show_customer_name: flag("show-customer-name"),
            rules,
            shared_cache,
            basket_timeout_ms,
            level_of_detail,
            color_scheme,
            heading_level,
        })
    }
}

fn is_loopback(host: &str) -> bool {
    host == "localhost" || host.ends_with(".localhost") || host == "127.0.0.1" || host == "[::1]"
}

/// Checks an origin: `https://host[:port]`, or `http://` for localhost only.
/// A trailing slash is allowed; a path, query, or credentials are not.
pub fn parse_origin(input: &str) -> Result<String, &'static str> {
    let lower = input.trim().to_ascii_lowercase();
    let (scheme, rest) = lower.split_once("://").ok_or("must start with https://")?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.is_empty() || rest.contains(['/', '?', '#', '@', ' ', '\\']) {
        return Err("must be an origin only, like https://tickets.yourvenue.org (no path).");
    }
    let host = if rest.starts_with('[') {
        rest.split_once(']').map(|(h, _)| format!("{h}]")).ok_or("has a malformed address.")?
    } else {
        rest.split(':').next().unwrap_or("").to_owned()
    };
    if let Some(port) = rest.strip_prefix(&host).and_then(|p| p.strip_prefix(':')) {
        if port.parse::<u16>().map_or(true, |p| p == 0) {
            return Err("has an invalid port.");
        }
    } else if rest != host {
        return Err("has a malformed address.");
    }
    let host_ok =
        !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':'));
    if !host_ok {
        return Err("has an invalid host name.");
    }
    match scheme {
        "https" => Ok(format!("https://{rest}")),
        "http" if is_loopback(&host) => Ok(format!("http://{rest}")),
        "http" => Err("must use https:// (plain http is allowed only for localhost)."),
        _ => Err("must start with https://"),
    }
}

/// Checks a base address: an origin as [`parse_origin`] plus an optional
/// path (no query, fragment or credentials); the trailing slash is dropped.
pub fn parse_base_url(input: &str) -> Result<String, &'static str> {
    let trimmed = input.trim().trim_end_matches('/');
    let after_scheme = trimmed.find("://").map_or(0, |i| i + 3);
    let (origin, path) = match trimmed[after_scheme..].find('/') {
        Some(i) => trimmed.split_at(after_scheme + i),
        None => (trimmed, ""),
    };
    if path.contains(['?', '#', '\\', ' ', '@']) || path.contains("//") {
        return Err("must be an address like https://www.yourvenue.org/seatmap-cache (no query).");
    }
    let origin = parse_origin(origin)?;
    Ok(format!("{origin}{path}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(pairs: &[(&str, &str)]) -> Result<Config, Vec<String>> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_attributes(PAGE, |k| map.get(k).cloned())
    }

    const PAGE: &str = "https://www.example.org/whats-on/tempest";

    const GOOD: [(&str, &str); 3] =
        [("client-name", "demotheatre"), ("custom-domain", "https://tickets.example.org/"), ("instance-id", "6720AB")];

    #[test]
    fn a_complete_configuration_parses_with_defaults() {
        let c = parse(&GOOD).unwrap();
        assert_eq!(c.api_base(), "https://tickets.example.org/demotheatre/api/v3/");
        assert_eq!(c.poll_interval_ms, 15_000);
        assert_eq!(c.rules.max_tickets, RuleConfig::default().max_tickets);
        assert!(!c.login_form);
    }

    #[test]
    fn missing_attributes_are_each_named() {
        let errs = parse(&[]).unwrap_err();
        assert_eq!(errs.len(), 3);
        assert!(
            errs[0].contains("client-name") && errs[1].contains("custom-domain") && errs[2].contains("instance-id")
        );
    }

    #[test]
    fn custom_domain_must_be_an_https_origin_except_localhost() {
        for ok in [
            "https://a.b",
            "https://a.b:8443",
            "http://localhost:8081",
            "http://127.0.0.1:1",
            "http://tickets.localhost",
        ] {
            assert!(parse_origin(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://tickets.example.org",
            "https://a.b/path",
            "ftp://a.b",
            "a.b",
            "https://u@a.b",
            "https://a.b:0",
            "javascript:alert(1)",
            "https://",
        ] {
            assert!(parse_origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_shared_cache_is_a_base_address_and_the_basket_timeout_is_minutes() {
        let mut pairs = GOOD.to_vec();
        pairs.extend([("shared-cache", "https://www.example.org/seatmap-cache/"), ("basket-timeout", "15")]);
        let c = parse(&pairs).unwrap();
        assert_eq!(c.shared_base().as_deref(), Some("https://www.example.org/seatmap-cache/demotheatre/api/v3/"));
        assert_eq!(c.basket_timeout_ms, 15 * 60_000);
        assert_eq!(parse(&GOOD).unwrap().basket_timeout_ms, 20 * 60_000);
        assert_eq!(parse_base_url("http://localhost:8083").as_deref(), Ok("http://localhost:8083"));
        for bad in ["http://cache.example.org/x", "https://a.b/x?y=1", "https://a.b/x#y", "ftp://a.b", "https://a.b//x"]
        {
            assert!(parse_base_url(bad).is_err(), "{bad}");
        }
        let mut bad = GOOD.to_vec();
        bad.extend([("shared-cache", "javascript:alert(1)"), ("basket-timeout", "0")]);
        assert_eq!(parse(&bad).unwrap_err().len(), 2);
    }

    #[test]
    fn the_heading_level_fits_the_host_page_and_defaults_to_three() {
        assert_eq!(parse(&GOOD).unwrap().heading_level, 3);
        for (given, level) in [("2", 2), (" h4 ", 4), ("1", 1), ("5", 5)] {
            let mut pairs = GOOD.to_vec();
            pairs.push(("heading-level", given));
            assert_eq!(parse(&pairs).unwrap().heading_level, level, "{given}");
        }
        for bad in ["0", "6", "two", "-1"] {
            let mut pairs = GOOD.to_vec();
            pairs.push(("heading-level", bad));
            let problems = parse(&pairs).unwrap_err();
            assert!(problems.len() == 1 && problems[0].contains("heading-level"), "{bad}: {problems:?}");
        }
    }

    #[test]
    fn options_parse_and_bad_values_are_refused() {
        let mut pairs = GOOD.to_vec();
        pairs.extend([
            ("poll-interval", "5"),
            ("max-tickets", "6"),
            ("allowed-counts", "4, 2"),
            ("singles", "block"),
            ("together", ""),
            ("login-form", ""),
        ]);
        let c = parse(&pairs).unwrap();
        assert_eq!(c.poll_interval_ms, 5_000);
        assert_eq!(c.rules.allowed_counts, Some(vec![2, 4]));
        assert_eq!(c.rules.singles, SinglesRule::Block);
        assert!(c.rules.together && c.login_form);
        let mut bad = GOOD.to_vec();
        bad.extend([("poll-interval", "0.1"), ("checkout-url", "javascript:alert(1)"), ("max-tickets", "lots")]);
        assert_eq!(parse(&bad).unwrap_err().len(), 3);
    }

    #[test]
    fn level_of_detail_is_the_zoom_s_unless_forced() {
        assert_eq!(parse(&GOOD).unwrap().level_of_detail, None);
        let with = |v: &'static str| {
            let mut pairs = GOOD.to_vec();
            pairs.push(("level-of-detail", v));
            parse(&pairs)
        };
        assert_eq!(with("seats").unwrap().level_of_detail, Some(Detail::Seats));
        assert_eq!(with("auto").unwrap().level_of_detail, None);
        assert!(with("everything").unwrap_err()[0].contains("level-of-detail"));
    }

    #[test]
    fn checkout_url_is_resolved_on_the_page_and_kept_on_its_site() {
        let with = |extra: &[(&'static str, &'static str)]| {
            let mut pairs = GOOD.to_vec();
            pairs.extend_from_slice(extra);
            parse(&pairs)
        };
        let c = with(&[("checkout-url", "/checkout")]).unwrap();
        assert_eq!(c.checkout_url.as_deref(), Some("https://www.example.org/checkout"));
        let errs = with(&[("checkout-url", "/\\evil.example/checkout")]).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert!(errs[0].starts_with("checkout-url \"/\\evil.example/checkout\""), "{}", errs[0]);
        assert!(
            with(&[("checkout-url", "\n//evil.example/checkout")]).is_err(),
            "a leading newline is not trimmed away"
        );
        assert!(with(&[("checkout-url", "https://tickets.example.org/checkout")]).is_err());
        let c = with(&[
            ("checkout-url", "https://tickets.example.org/checkout"),
            ("checkout-origins", "https://tickets.example.org, https://shop.example.org/"),
        ])
        .unwrap();
        assert_eq!(c.checkout_url.as_deref(), Some("https://tickets.example.org/checkout"));
        let errs = with(&[("checkout-origins", "http://shop.example.org https://a.b/path")]).unwrap_err();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs.iter().all(|e| e.starts_with("checkout-origins")), "{errs:?}");
    }

    #[test]
    fn color_scheme_is_light_dark_or_auto() {
        assert_eq!(parse(&GOOD).unwrap().color_scheme, ColorScheme::Light);
        for (value, scheme) in [("dark", ColorScheme::Dark), ("Auto", ColorScheme::Auto), ("light", ColorScheme::Light)]
        {
            let mut pairs = GOOD.to_vec();
            pairs.push(("color-scheme", value));
            assert_eq!(parse(&pairs).unwrap().color_scheme, scheme, "{value}");
        }
        let mut pairs = GOOD.to_vec();
        pairs.push(("color-scheme", "night"));
        assert!(parse(&pairs).unwrap_err()[0].contains("light, dark or auto"));
    }
}
