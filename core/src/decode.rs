//! Reading the API's answers: bytes in, checked domain types out.
//!
//! Each function takes the raw [`Response`] and returns a domain value, its
//! [`Report`] of skipped or repaired records, or — only when the document is
//! not the kind expected at all (not JSON; not an object where one is
//! required) — an [`ApiError::Unreadable`] that names what arrived: content
//! type, size and its first characters.
//!
//! `status/detail` is routed by `Content-Type` and by what the body starts
//! with (docs/spektrix-v3.md#status-detail-format): JSON goes to the JSON
//! decoder; a second format (XML, text) is one more entry in
//! [`STATUS_DECODERS`] with its own fixture.

use crate::availability::Availability;
use crate::basket::{self, Basket, Ticket};
use crate::customer::CustomerState;
use crate::error::{ApiError, Response};
use crate::plan::Plan;
use crate::prices::PriceList;
use crate::report::Report;
use crate::venue::{InstanceInfo, Venue};
use crate::wire;
use crate::wire::lenient::{List, Record};
use serde::Deserialize;

/// A value read from a document, with what reading it skipped or repaired.
#[derive(Debug, Clone)]
pub struct Decoded<T> {
    /// The value.
    pub value: T,
    /// What was skipped or repaired.
    pub report: Report,
}

/// What a body looks like, judged by its content type and first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFormat {
    /// JSON.
    Json,
    /// XML.
    Xml,
    /// An HTML page (a login wall, an error page, a queue page).
    Html,
    /// Plain text or anything else textual.
    Text,
    /// Nothing at all.
    Empty,
}

impl BodyFormat {
    /// Sniffs a body: the first non-blank byte decides between JSON, XML
    /// and HTML; the content type is the tie-breaker for everything else.
    pub fn of(content_type: Option<&str>, body: &[u8]) -> BodyFormat {
        let start = body.iter().position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF);
        let Some(start) = start else { return BodyFormat::Empty };
        let head: Vec<u8> = body[start..].iter().take(16).map(u8::to_ascii_lowercase).collect();
        let content_type = content_type.unwrap_or("").to_ascii_lowercase();
        match head[0] {
            b'{' | b'[' => BodyFormat::Json,
            b'<' if head.starts_with(b"<!doctype html") || head.starts_with(b"<html") => BodyFormat::Html,
            b'<' if content_type.contains("html") => BodyFormat::Html,
            b'<' => BodyFormat::Xml,
            _ if content_type.contains("json") => BodyFormat::Json,
            _ => BodyFormat::Text,
        }
    }
}

/// A status/detail decoder for one body format.
type StatusDecoder = fn(&Venue, &Response) -> Result<Availability, ApiError>;

/// The formats `status/detail` can be read in. Today only JSON
/// (docs/spektrix-v3.md#status-detail-format).
const STATUS_DECODERS: &[(BodyFormat, StatusDecoder)] = &[(BodyFormat::Json, status_detail_json)];

/// `GET instances/{id}`.
pub fn instance(response: &Response, requested_id: &str) -> Result<Decoded<InstanceInfo>, ApiError> {
    let wire: wire::Instance = object("the performance", response)?;
    let mut report = Report::default();
    let value = InstanceInfo::build(wire, requested_id, &mut report)?;
    Ok(Decoded { value, report })
}

/// `GET plans/{id}`; the plan carries its own report.
pub fn plan(response: &Response) -> Result<Plan, ApiError> {
    crate::plan::build(object("the seating plan", response)?, response)
}

/// `GET instances/{id}/price-list`.
pub fn price_list(response: &Response) -> Result<Decoded<PriceList>, ApiError> {
    let wire: wire::PriceList = object("the price list", response)?;
    let mut report = Report::default();
    let value = PriceList::build(wire, &mut report)?;
    Ok(Decoded { value, report })
}

/// `GET instances/{id}/status/detail`, in whichever format it came, read
/// against the performance it was asked for; the availability carries its
/// own report.
pub fn status_detail(venue: &Venue, response: &Response) -> Result<Availability, ApiError> {
    let format = BodyFormat::of(response.content_type.as_deref(), &response.body);
    match STATUS_DECODERS.iter().find(|(f, _)| *f == format) {
        Some((_, decoder)) => decoder(venue, response),
        None => Err(unreadable(
            "seat availability",
            response,
            format!("a {format:?} body; this seat map reads availability as JSON"),
        )),
    }
}

fn status_detail_json(venue: &Venue, response: &Response) -> Result<Availability, ApiError> {
    let wire: wire::StatusDetail = object("seat availability", response)?;
    // The `instance` field is assumed (docs/spektrix-v3.md#status-detail-json):
    // a venue may name it differently (a web instance id), so a mismatch is
    // reported, not refused. The shell only ever applies a status to the
    // performance it asked about.
    let other = wire.instance.id().filter(|id| *id != &*venue.instance.id).map(str::to_owned);
    let mut availability = Availability::build(&venue.plan, &venue.prices, wire)
        .map_err(|e| unreadable("seat availability", response, e.to_string()))?;
    if let Some(other) = other {
        availability.report.add("seat availability", format!("it names performance {other:?}, not the one asked for"));
    }
    Ok(availability)
}

/// `GET basket`.
pub fn basket(response: &Response, venue: &Venue) -> Result<Basket, ApiError> {
    let wire: wire::Basket = object("your basket", response)?;
    Ok(Basket::build(wire, &venue.instance.id, &venue.plan, &venue.prices))
}

/// The answer to `POST basket/tickets` (or best available): the tickets
/// added. An empty body is an empty list (the basket read that follows tells).
pub fn tickets_added(response: &Response, venue: &Venue) -> Result<Vec<Ticket>, ApiError> {
    if BodyFormat::of(response.content_type.as_deref(), &response.body) == BodyFormat::Empty {
        return Ok(Vec::new());
    }
    // Some answers wrap the list in a basket-like object: accept both.
    let list: List<wire::Ticket> = match first_byte(&response.body) {
        Some(b'{') => object::<wire::Basket>("the added tickets", response)?.tickets,
        _ => json("the added tickets", response)?,
    };
    if list.is_invalid() {
        return Err(unreadable("the added tickets", response, "not a list of tickets".into()));
    }
    let records: Vec<Record<wire::Ticket>> = match list {
        List::Ok(records) => records,
        _ => Vec::new(),
    };
    Ok(basket::tickets(&records, &venue.instance.id, &venue.plan, &venue.prices))
}

/// `GET customer` (or the answer to `customer/authenticate`).
pub fn customer(response: &Response) -> Result<CustomerState, ApiError> {
    let wire: wire::Customer = object("your account", response)?;
    Ok(CustomerState::build(wire))
}

fn first_byte(body: &[u8]) -> Option<u8> {
    body.iter().copied().find(|b| !b.is_ascii_whitespace())
}

/// Decodes a document that must be a JSON object.
fn object<'a, T: Deserialize<'a>>(what: &'static str, response: &'a Response) -> Result<T, ApiError> {
    match first_byte(&response.body) {
        Some(b'{') => json(what, response),
        _ => Err(unreadable(what, response, "not a JSON object".into())),
    }
}

fn json<'a, T: Deserialize<'a>>(what: &'static str, response: &'a Response) -> Result<T, ApiError> {
    serde_json::from_slice(&response.body).map_err(|e| unreadable(what, response, e.to_string()))
}

/// The error naming what arrived.
pub(crate) fn unreadable(what: &'static str, response: &Response, detail: String) -> ApiError {
    ApiError::Unreadable {
        what,
        content_type: response.content_type.clone(),
        size: response.body.len(),
        start: start_of(&response.body),
        detail,
    }
}

/// The first characters of a body, as text a person can read: invalid
/// UTF-8 replaced, control characters and runs of blanks as one space.
fn start_of(body: &[u8]) -> String {
    const CHARS: usize = 40;
    let text = String::from_utf8_lossy(&body[..body.len().min(CHARS * 4)]);
    let mut out = String::new();
    let mut blank = false;
    for (count, ch) in text.trim_start().chars().enumerate() {
        if count >= CHARS {
            out.push('…');
            break;
        }
        if ch.is_control() || ch.is_whitespace() {
            if !blank && !out.is_empty() {
                out.push(' ');
            }
            blank = true;
        } else {
            out.push(ch);
            blank = false;
        }
    }
    out.trim_end().to_owned()
}

#[cfg(test)]
mod tests;
