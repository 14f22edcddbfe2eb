//! Where "Go to checkout" may lead: the `checkout-url` attribute resolved
//! against the page, and kept on the page's own site (or on an origin the
//! venue lists in `checkout-origins`).
//!
//! Browsers read URLs leniently: `/\evil.example/checkout` is a path to a
//! person but `http://evil.example/checkout` to the browser, and a tab or a
//! newline inside a URL is silently dropped. Rather than repeat every rule
//! of the URL standard, this accepts only two plain forms (a full `http(s)`
//! address, or a path starting with a single `/`) and refuses anything a
//! browser could read differently from how it looks.

/// Resolves `url` against the page at `page_url` and checks that it stays on
/// the page's origin or one of `allowed` (normalised origins, see
/// [`normalise_origin`]). Returns the absolute address, or a plain reason.
pub(crate) fn resolve_checkout(url: &str, page_url: &str, allowed: &[String]) -> Result<String, String> {
    // Control characters shown escaped, so the message shows where they are.
    let shown: String =
        url.chars().map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() }).collect();
    if url.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\') {
        return Err(format!(
            "checkout-url \"{shown}\" contains a space, a backslash or a control character; browsers would read it as another address."
        ));
    }
    let page_origin = absolute_origin(page_url).ok();
    let (absolute, origin) = if url.starts_with('/') && !url.starts_with("//") {
        let Some(page_origin) = page_origin.clone() else {
            return Err(format!(
                "checkout-url \"{shown}\" is a path, but this page has no web address to resolve it against; use a full https:// address listed in checkout-origins."
            ));
        };
        (format!("{page_origin}{url}"), page_origin)
    } else {
        match absolute_origin(url) {
            Ok(origin) => (url.to_owned(), origin),
            Err(_) => {
                return Err(format!(
                    "checkout-url \"{shown}\" must be a path on this site (starting with a single /) or a full https:// address."
                ))
            }
        }
    };
    if page_origin.as_deref() == Some(origin.as_str()) || allowed.contains(&origin) {
        Ok(absolute)
    } else {
        let page = page_origin.unwrap_or_else(|| "this page".to_owned());
        Err(format!(
            "checkout-url \"{shown}\" leads to {origin}, not to this site ({page}); if that site is yours, list {origin} in the checkout-origins attribute."
        ))
    }
}

/// The origin of an absolute `http://` or `https://` address, normalised:
/// scheme and host in lower case, the scheme's default port left out.
/// Refuses credentials, percent-escapes and backslashes in the authority.
pub(crate) fn absolute_origin(url: &str) -> Result<String, &'static str> {
    let (scheme, rest) = url.split_once("://").ok_or("is not a full address")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return Err("is not a web address");
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    normalise_authority(&scheme, &rest[..end])
}

/// Normalises an origin written as `scheme://host[:port]` (as
/// [`absolute_origin`] does), for comparing origins written differently.
pub(crate) fn normalise_origin(origin: &str) -> Result<String, &'static str> {
    let (scheme, authority) = origin.split_once("://").ok_or("is not an origin")?;
    normalise_authority(&scheme.to_ascii_lowercase(), authority.strip_suffix('/').unwrap_or(authority))
}

fn normalise_authority(scheme: &str, authority: &str) -> Result<String, &'static str> {
    let authority = authority.to_ascii_lowercase();
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']');
    if authority.is_empty() || !authority.chars().all(plain) {
        return Err("has an unusual host name");
    }
    // An IPv6 literal keeps its colons inside the brackets.
    let (host, port) = match authority.rfind(':') {
        Some(i) if !authority[i..].contains(']') => (&authority[..i], Some(&authority[i + 1..])),
        _ => (authority.as_str(), None),
    };
    if host.is_empty() {
        return Err("has no host name");
    }
    let default_port = if scheme == "https" { 443 } else { 80 };
    match port.map(str::parse::<u16>) {
        None => Ok(format!("{scheme}://{host}")),
        Some(Ok(p)) if p == default_port => Ok(format!("{scheme}://{host}")),
        Some(Ok(p)) if p != 0 => Ok(format!("{scheme}://{host}:{p}")),
        _ => Err("has an invalid port"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://www.venue.example/whats-on/tempest?date=1";

    #[test]
    fn a_path_resolves_on_the_page_origin() {
        assert_eq!(resolve_checkout("/checkout", PAGE, &[]).as_deref(), Ok("https://www.venue.example/checkout"));
        assert_eq!(
            resolve_checkout("/basket?step=2#pay", "http://localhost:8080/performance/X", &[]).as_deref(),
            Ok("http://localhost:8080/basket?step=2#pay")
        );
    }

    #[test]
    fn a_full_address_on_the_page_origin_is_kept_as_written() {
        for ok in ["https://www.venue.example/checkout", "HTTPS://WWW.venue.example:443/checkout"] {
            assert_eq!(resolve_checkout(ok, PAGE, &[]).as_deref(), Ok(ok));
        }
    }

    #[test]
    fn addresses_that_browsers_read_as_another_site_are_refused() {
        for bad in [
            "/\\evil.example/checkout",
            "\\\\evil.example/checkout",
            "//evil.example/checkout",
            "/\t/evil.example/checkout",
            "/\n/evil.example",
            " //evil.example",
            "https://evil.example/checkout",
            "https://www.venue.example.evil.example/",
            "https://www.venue.example@evil.example/",
            "https://www.venue.example:8443/checkout",
            "http://www.venue.example/checkout",
            "https://evil%2eexample/",
            "javascript:alert(1)",
            "data:text/html,hi",
            "checkout",
            "../checkout",
            "https:evil.example",
        ] {
            assert!(resolve_checkout(bad, PAGE, &[]).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn the_refusal_names_the_other_site_and_the_allow_list() {
        let why = resolve_checkout("https://tickets.other.example/pay", PAGE, &[]).unwrap_err();
        assert!(why.contains("https://tickets.other.example") && why.contains("checkout-origins"), "{why}");
        let why = resolve_checkout("/\\evil.example/checkout", PAGE, &[]).unwrap_err();
        assert!(why.contains("backslash"), "{why}");
    }

    #[test]
    fn an_allowed_origin_may_be_another_site() {
        let allowed = vec![normalise_origin("https://Tickets.Venue.example:443/").unwrap()];
        assert_eq!(
            resolve_checkout("https://tickets.venue.example/checkout", PAGE, &allowed).as_deref(),
            Ok("https://tickets.venue.example/checkout")
        );
        assert!(resolve_checkout("https://tickets.venue.example:8443/checkout", PAGE, &allowed).is_err());
    }

    #[test]
    fn a_page_without_a_web_address_takes_only_allowed_full_addresses() {
        assert!(resolve_checkout("/checkout", "about:blank", &[]).is_err());
        let allowed = vec!["https://www.venue.example".to_owned()];
        assert!(resolve_checkout("https://www.venue.example/checkout", "about:blank", &allowed).is_ok());
    }

    #[test]
    fn origins_are_normalised_for_comparison() {
        assert_eq!(absolute_origin("http://LOCALHOST:80/x").as_deref(), Ok("http://localhost"));
        assert_eq!(absolute_origin("https://[::1]:8443/").as_deref(), Ok("https://[::1]:8443"));
        assert_eq!(absolute_origin("https://[::1]/").as_deref(), Ok("https://[::1]"));
        assert!(absolute_origin("https://a.example:0/").is_err());
        assert!(absolute_origin("https:///x").is_err());
    }
}
