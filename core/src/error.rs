//! What can go wrong talking to the venue's API, what each failure means for
//! what the widget does next, and the words a buyer reads.
//!
//! Every decision about what an HTTP status means lives here and in
//! [`interpret`] — the table in docs/spektrix-v3.md#status-codes — not at
//! call sites. Each error keeps its cause; [`ApiError::plain`] is for
//! buyers, [`ApiError::detail`] for the console and the `seatmap:error` event.

use crate::wire::ErrorBody;

/// One call the widget makes. What a status code means depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Call {
    /// `GET instances/{id}`.
    Instance,
    /// `GET plans/{id}`.
    Plan,
    /// `GET instances/{id}/price-list`.
    PriceList,
    /// `GET instances/{id}/status/detail`.
    StatusDetail,
    /// `GET basket`.
    Basket,
    /// `GET customer`.
    Customer,
    /// `POST basket/tickets`.
    AddTickets,
    /// `DELETE basket/tickets`.
    RemoveTickets,
    /// `POST basket/tickets/best-available`.
    BestAvailable,
    /// `POST customer/authenticate`.
    LogIn,
    /// `POST customer/deauthenticate`.
    LogOut,
}

impl Call {
    /// What the call reads or changes, in words: "the seating plan".
    pub fn what(self) -> &'static str {
        match self {
            Call::Instance => "the performance",
            Call::Plan => "the seating plan",
            Call::PriceList => "the price list",
            Call::StatusDetail => "seat availability",
            Call::Basket | Call::AddTickets | Call::RemoveTickets | Call::BestAvailable => "your basket",
            Call::Customer | Call::LogIn | Call::LogOut => "your account",
        }
    }

    /// Whether the widget makes the call again by itself after a transient
    /// failure (reads: loading, polling, the basket, the customer), rather
    /// than leaving it to the buyer (changes they asked for).
    pub fn is_retried_by_itself(self) -> bool {
        matches!(
            self,
            Call::Instance | Call::Plan | Call::PriceList | Call::StatusDetail | Call::Basket | Call::Customer
        )
    }

    /// Whether the call carries the customer's session (a 401 then means
    /// the customer changed, not that the call is wrong).
    pub fn is_personal(self) -> bool {
        !matches!(self, Call::Instance | Call::Plan | Call::PriceList)
    }
}

/// A failed call.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The request never got an answer (offline, connection dropped, CORS refused).
    Network {
        /// The browser's words.
        detail: String,
    },
    /// The server answered with a non-2xx status.
    Http {
        /// The status code.
        status: u16,
        /// The server's own `message` (and problems), when the body had one.
        message: Option<String>,
        /// How long the server asked us to wait, in seconds (from `Retry-After`).
        retry_after_secs: Option<u32>,
    },
    /// Spektrix's queue: `{"code": "JoinQueue", "joinQueue": url}`.
    Queue {
        /// The server's message.
        message: Option<String>,
        /// Where the queue is, as the server gave it (relative to the custom domain).
        url: Option<String>,
    },
    /// A 2xx answer that is not the kind of document expected (not JSON, or
    /// not an object where one is required). Names what arrived.
    Unreadable {
        /// What it was meant to be: "the seating plan".
        what: &'static str,
        /// The `Content-Type` it came with.
        content_type: Option<String>,
        /// Its size in bytes.
        size: usize,
        /// Its first characters, as text.
        start: String,
        /// The parser's words.
        detail: String,
    },
    /// The answer was read but cannot be used (an instance without a plan).
    Invalid {
        /// What it was: "the performance".
        what: &'static str,
        /// Why, in words.
        detail: String,
    },
}

/// What the widget does after a failure (docs/spektrix-v3.md#status-codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recovery {
    /// Try again later under the back-off policy, not before `after_secs`.
    Retry {
        /// The server's `Retry-After`, if it gave one.
        after_secs: Option<u32>,
    },
    /// Trying the same again will not help: stop, say so, offer "Try again".
    Stop,
    /// A personal call was refused as not logged in: re-check the customer.
    RecheckCustomer,
    /// High demand: send the customer to the queue.
    Queue,
}

/// The least wait after a 429 that gave no readable `Retry-After`.
pub const RATE_LIMITED_SECS: u32 = 5;

impl ApiError {
    /// The HTTP status, if the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Http { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// What to do next after this failure of `call`.
    pub fn recovery(&self, call: Call) -> Recovery {
        match self {
            ApiError::Network { .. } => Recovery::Retry { after_secs: None },
            ApiError::Queue { .. } => Recovery::Queue,
            ApiError::Http { status: 429, retry_after_secs, .. } => {
                Recovery::Retry { after_secs: Some(retry_after_secs.unwrap_or(RATE_LIMITED_SECS)) }
            }
            ApiError::Http { status: 401, .. } if call.is_personal() && call != Call::LogIn => {
                Recovery::RecheckCustomer
            }
            ApiError::Http { status, retry_after_secs, .. } if *status == 408 || *status >= 500 => {
                Recovery::Retry { after_secs: *retry_after_secs }
            }
            ApiError::Http { .. } | ApiError::Unreadable { .. } | ApiError::Invalid { .. } => Recovery::Stop,
        }
    }

    /// Whether trying the same call later may succeed by itself.
    pub fn is_transient(&self, call: Call) -> bool {
        matches!(self.recovery(call), Recovery::Retry { .. })
    }

    /// What went wrong, in a sentence for a buyer: no codes, no jargon, no
    /// promise about what happens next ([`ApiError::for_buyer`] adds that).
    /// Only a refusal (409) keeps the server's own words: Spektrix phrases
    /// those for customers ("Seat C12 is no longer available."); its other
    /// messages are for developers and go to [`ApiError::detail`].
    pub fn plain(&self) -> String {
        match self {
            ApiError::Network { .. } => "We can't reach the box office right now.".into(),
            ApiError::Queue { message, .. } => {
                message.clone().unwrap_or_else(|| "Lots of people are booking right now, so there is a queue.".into())
            }
            ApiError::Http { status: 429, .. } => "The box office is very busy.".into(),
            ApiError::Http { status, .. } if *status >= 500 || *status == 408 => {
                "The box office is having trouble right now.".into()
            }
            ApiError::Http { status: 409, message: Some(m), .. } => m.clone(),
            ApiError::Http { status: 409, .. } => "Those seats are no longer available.".into(),
            ApiError::Http { status: 401 | 403, .. } => "The box office didn't accept that.".into(),
            ApiError::Http { status: 404 | 410, .. } => "The box office couldn't find what we asked for.".into(),
            ApiError::Http { .. } => "The box office couldn't do that.".into(),
            // Named plainly, because that is what a venue's developer (or the
            // buyer on the phone to the box office) can act on
            // (docs/spektrix-v3.md#status-detail-format).
            ApiError::Unreadable { what, content_type, size, start, .. } => format!(
                "The box office sent {what} in a form this seat map can't read ({}, {} bytes, starting “{}”).",
                content_type.as_deref().unwrap_or("no content type"),
                size,
                start
            ),
            ApiError::Invalid { what, .. } => format!("We can't show {what}."),
        }
    }

    /// What went wrong with `call` and what happens next, for a buyer: the
    /// widget tries reads again by itself ("We'll keep trying."); a change
    /// the buyer asked for is theirs to ask again ("Please try again in a
    /// moment."), and only when asking again can help.
    pub fn for_buyer(&self, call: Call) -> String {
        let what = self.plain();
        let by_itself = call.is_retried_by_itself();
        let next = match (self, self.recovery(call)) {
            (ApiError::Queue { .. }, _) => None,
            (ApiError::Http { status: 429, .. }, Recovery::Retry { after_secs }) => {
                Some(match (after_secs, by_itself) {
                    (Some(s), true) if s <= 120 => format!("We'll try again in {s} seconds."),
                    (_, true) => "We'll try again shortly.".to_owned(),
                    (Some(s), false) if s <= 120 => format!("Please try again in {s} seconds."),
                    (_, false) => "Please try again in a few minutes.".to_owned(),
                })
            }
            (ApiError::Network { .. }, _) if !by_itself => {
                Some("Please check your connection and try again.".to_owned())
            }
            (_, Recovery::Retry { .. }) if by_itself => Some("We'll keep trying.".to_owned()),
            (_, Recovery::Retry { .. }) => Some("Please try again in a moment.".to_owned()),
            (_, Recovery::RecheckCustomer) => Some("We're checking whether you are still logged in.".to_owned()),
            (_, Recovery::Stop | Recovery::Queue) => None,
        };
        match next {
            Some(next) => format!("{what} {next}"),
            None => what,
        }
    }

    /// Technical detail for the console and the `seatmap:error` event.
    pub fn detail(&self) -> String {
        match self {
            ApiError::Network { detail } => format!("network: {detail}"),
            ApiError::Http { status, message, retry_after_secs } => format!(
                "http {status}: {}{}",
                message.as_deref().unwrap_or("(no message)"),
                retry_after_secs.map(|s| format!(" (Retry-After {s} s)")).unwrap_or_default()
            ),
            ApiError::Queue { message, url } => format!(
                "JoinQueue: {} (queue at {})",
                message.as_deref().unwrap_or("(no message)"),
                url.as_deref().unwrap_or("no url")
            ),
            ApiError::Unreadable { what, content_type, size, start, detail } => format!(
                "unreadable {what}: {detail}; content-type {}, {size} bytes, starts {start:?}",
                content_type.as_deref().unwrap_or("(none)")
            ),
            ApiError::Invalid { what, detail } => format!("invalid {what}: {detail}"),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.plain())
    }
}

impl std::error::Error for ApiError {}

/// A raw answer: what the services layer got back from the browser.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Response {
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type` header.
    pub content_type: Option<String>,
    /// The `Retry-After` header, as sent.
    pub retry_after: Option<String>,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// A `200` answer with a JSON `body` (samples and tests).
    pub(crate) fn json(body: &str) -> Response {
        Response {
            status: 200,
            content_type: Some("application/json".into()),
            body: body.as_bytes().to_vec(),
            ..Response::default()
        }
    }
}

/// Interprets an answer to `call`: `Ok(Some(body))` for a document to
/// decode, `Ok(None)` for an answer that means "none" (no basket yet: 404 on
/// `GET basket`; nobody logged in: 401 on `GET customer`), or the error.
/// `now_ms` (Unix time) reads a `Retry-After` given as a date.
pub fn interpret(call: Call, response: Response, now_ms: f64) -> Result<Option<Response>, ApiError> {
    let status = response.status;
    if (200..300).contains(&status) {
        return Ok(Some(response));
    }
    match (call, status) {
        (Call::Basket, 404) | (Call::Customer, 401) => return Ok(None),
        _ => {}
    }
    let retry_after_secs = response.retry_after.as_deref().and_then(|v| crate::poll::parse_retry_after(v, now_ms));
    Err(error_from_body(status, &response.body, retry_after_secs))
}

/// Builds the error for a non-2xx answer from its body: the queue, or the
/// server's message kept.
pub fn error_from_body(status: u16, body: &[u8], retry_after_secs: Option<u32>) -> ApiError {
    let parsed = serde_json::from_slice::<ErrorBody>(body).ok();
    let message =
        parsed.as_ref().and_then(|b| b.plain_message()).map(|m| m.trim().to_owned()).filter(|m| !m.is_empty());
    if let Some(b) = &parsed {
        let queue_url = b.join_queue.text().map(str::to_owned);
        if b.code.text().is_some_and(|c| c.eq_ignore_ascii_case("JoinQueue")) || queue_url.is_some() {
            return ApiError::Queue { message, url: queue_url };
        }
    }
    ApiError::Http { status, message, retry_after_secs }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> Response {
        Response { status, body: body.as_bytes().to_vec(), ..Response::default() }
    }

    #[test]
    fn no_basket_and_nobody_logged_in_are_answers_not_errors() {
        assert_eq!(interpret(Call::Basket, answer(404, ""), 0.0), Ok(None));
        assert_eq!(interpret(Call::Customer, answer(401, "{}"), 0.0), Ok(None));
        assert!(interpret(Call::Instance, answer(404, ""), 0.0).is_err());
        assert!(interpret(Call::AddTickets, answer(401, ""), 0.0).is_err());
    }

    #[test]
    fn each_status_has_one_recovery() {
        let http = |status| ApiError::Http { status, message: None, retry_after_secs: None };
        let table = [
            (http(500), Call::StatusDetail, Recovery::Retry { after_secs: None }),
            (http(503), Call::Plan, Recovery::Retry { after_secs: None }),
            (http(408), Call::Basket, Recovery::Retry { after_secs: None }),
            (http(429), Call::StatusDetail, Recovery::Retry { after_secs: Some(RATE_LIMITED_SECS) }),
            (http(400), Call::StatusDetail, Recovery::Stop),
            (http(403), Call::StatusDetail, Recovery::Stop),
            (http(404), Call::Instance, Recovery::Stop),
            (http(401), Call::StatusDetail, Recovery::RecheckCustomer),
            (http(401), Call::Plan, Recovery::Stop),
            (http(401), Call::LogIn, Recovery::Stop),
            (ApiError::Network { detail: "x".into() }, Call::AddTickets, Recovery::Retry { after_secs: None }),
            (ApiError::Queue { message: None, url: None }, Call::AddTickets, Recovery::Queue),
        ];
        for (error, call, want) in table {
            assert_eq!(error.recovery(call), want, "{error:?} on {call:?}");
        }
    }

    #[test]
    fn the_queue_error_is_recognised_with_its_url() {
        let body = r#"{"code":"JoinQueue","message":"Please join the queue","eventInstanceId":"I1","joinQueue":"/api/v3/basket/queue/I1"}"#;
        assert_eq!(
            error_from_body(503, body.as_bytes(), None),
            ApiError::Queue {
                message: Some("Please join the queue".into()),
                url: Some("/api/v3/basket/queue/I1".into())
            }
        );
    }

    #[test]
    fn server_messages_are_kept_but_server_faults_are_not_shown_to_buyers() {
        let e = error_from_body(409, br#"{"errorCode":40,"message":"Seat C12 is no longer available."}"#, None);
        assert_eq!(e.plain(), "Seat C12 is no longer available.");
        let fault = error_from_body(503, br#"{"errorCode":50,"message":"A fault was injected."}"#, None);
        assert!(!fault.plain().contains("injected") && !fault.plain().contains("503"), "{}", fault.plain());
        assert!(fault.detail().contains("A fault was injected."));
    }

    #[test]
    fn buyers_are_told_what_happens_next_only_when_it_is_true() {
        let http = |status, message: Option<&str>| ApiError::Http {
            status,
            message: message.map(str::to_owned),
            retry_after_secs: None,
        };
        let network = ApiError::Network { detail: "TypeError: Failed to fetch".into() };
        let table = [
            (network.clone(), Call::StatusDetail, "We can't reach the box office right now. We'll keep trying."),
            (
                network,
                Call::AddTickets,
                "We can't reach the box office right now. Please check your connection and try again.",
            ),
            (http(503, None), Call::Basket, "The box office is having trouble right now. We'll keep trying."),
            (
                http(503, Some("A fault was injected by the sandbox.")),
                Call::AddTickets,
                "The box office is having trouble right now. Please try again in a moment.",
            ),
            (
                ApiError::Http { status: 429, message: None, retry_after_secs: Some(8) },
                Call::RemoveTickets,
                "The box office is very busy. Please try again in 8 seconds.",
            ),
            (http(409, Some("Seat C12 is no longer available.")), Call::AddTickets, "Seat C12 is no longer available."),
            (
                http(404, Some("Instance NOSUCHINSTANCE123 was not found.")),
                Call::Instance,
                "The box office couldn't find what we asked for.",
            ),
            (
                http(400, Some("Validation Failed: ticketType is required")),
                Call::AddTickets,
                "The box office couldn't do that.",
            ),
        ];
        for (error, call, want) in table {
            assert_eq!(error.for_buyer(call), want, "{error:?} on {call:?}");
        }
    }

    #[test]
    fn technical_detail_stays_out_of_the_buyers_words() {
        let unreadable = ApiError::Unreadable {
            what: "the seating plan",
            content_type: Some("text/html".into()),
            size: 5120,
            start: "<!doctype html>".into(),
            detail: "expected value at line 1 column 1".into(),
        };
        // What arrived is named (issue 8: content type, size, first characters), the parser's words are not.
        assert_eq!(
            unreadable.plain(),
            "The box office sent the seating plan in a form this seat map can't read (text/html, 5120 bytes, starting “<!doctype html>”)."
        );
        assert!(!unreadable.plain().contains("line 1 column 1"));
        assert!(unreadable.detail().contains("text/html") && unreadable.detail().contains("5120 bytes"));
        let invalid = ApiError::Invalid { what: "the performance", detail: "it has no seating plan".into() };
        assert_eq!(invalid.plain(), "We can't show the performance.");
        assert!(invalid.detail().contains("no seating plan"));
        for error in [unreadable, invalid, ApiError::Http { status: 404, message: None, retry_after_secs: None }] {
            let words = error.for_buyer(Call::Instance);
            assert!(!words.contains("error") && !words.contains("404") && !words.contains("Try"), "{words}");
        }
    }

    #[test]
    fn a_bodiless_or_html_error_still_has_a_status() {
        let e = error_from_body(502, b"<html>Bad gateway</html>", Some(3));
        assert_eq!(e, ApiError::Http { status: 502, message: None, retry_after_secs: Some(3) });
    }
}
