//! Serde mirrors of the Spektrix API v3 JSON (docs/spektrix-v3.md).
//!
//! Every shape the contract marks **assumed** is decoded here and nowhere
//! else, so meeting the real API is a one-file change. Every field is read
//! leniently ([`lenient`]): ids may be strings or numbers, counts may be
//! `577.0` or `"577"`, any field may be missing, `null` or of a shape we do
//! not expect, and unknown fields are ignored. Nothing here fails because of
//! one field; the conversion into domain types decides what to skip and
//! reports it.

pub(crate) mod lenient;
pub(crate) mod outgoing;

use lenient::{Count, Flag, Id, List, Number, Ref, Str, Text};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::marker::PhantomData;

/// `GET instances/{id}` (docs/spektrix-v3.md#instance).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Instance<'a> {
    #[serde(default, borrow)]
    pub id: Id<'a>,
    #[serde(default, borrow)]
    pub plan_id: Id<'a>,
    #[serde(default, borrow)]
    pub start: Text<'a>,
    #[serde(default)]
    pub is_on_sale: Flag,
    #[serde(default)]
    pub cancelled: Flag,
    #[serde(default, borrow)]
    pub start_selling_at_web: Text<'a>,
    #[serde(default, borrow)]
    pub stop_selling_at_web: Text<'a>,
    #[serde(default)]
    pub has_best_available_overlay: Flag,
}

/// `GET instances/{id}/price-list` (docs/spektrix-v3.md#price-list).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PriceList<'a> {
    #[serde(default, borrow)]
    pub prices: List<Price<'a>>,
}

/// One (price band, ticket type) price.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Price<'a> {
    #[serde(default)]
    pub amount: Number,
    #[serde(default)]
    pub is_band_default: Flag,
    #[serde(default, borrow)]
    pub price_band: Ref<'a>,
    #[serde(default, borrow)]
    pub ticket_type: Ref<'a>,
}

/// `GET plans/{id}`: a tree of areas (docs/spektrix-v3.md#plan). Unreserved
/// areas' `width` and `height` are **assumed** (the block we draw for them).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PlanArea<'a> {
    #[serde(default, borrow)]
    pub id: Id<'a>,
    #[serde(default, borrow)]
    pub name: Text<'a>,
    #[serde(default, borrow, rename = "type")]
    pub kind: Text<'a>,
    #[serde(default)]
    pub x: Number,
    #[serde(default)]
    pub y: Number,
    #[serde(default)]
    pub width: Number,
    #[serde(default)]
    pub height: Number,
    #[serde(default)]
    pub capacity: Count,
    #[serde(default, borrow)]
    pub background_image_url: Text<'a>,
    #[serde(default, borrow)]
    pub areas: List<PlanArea<'a>>,
    #[serde(default, borrow)]
    pub seats: SeatList<'a>,
}

/// An area's `seats` as written, read when the plan's build reaches the
/// area: the 20,000 seats of an arena are never all decoded at once.
pub(crate) type SeatList<'a> = ReadLater<'a, PlanSeat<'a>>;

/// A list kept as its JSON (borrowed from the body, not copied) and read
/// when it is reached, so a document's big lists are never all decoded at
/// once; read with the same lenient [`List`] as any other.
#[derive(Debug, Clone)]
pub(crate) struct ReadLater<'a, T>(pub Option<&'a RawValue>, PhantomData<T>);

impl<'de: 'a, 'a, T> Deserialize<'de> for ReadLater<'a, T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(ReadLater(Option::deserialize(d)?, PhantomData))
    }
}

impl<T> Default for ReadLater<'_, T> {
    fn default() -> Self {
        ReadLater(None, PhantomData)
    }
}

impl<'a, T: Deserialize<'a>> ReadLater<'a, T> {
    /// The records, read as leniently as any list (absent and `null` are
    /// [`List::Missing`]); an error only where the whole document would
    /// have been one (a record naming a field twice).
    pub fn read(&self) -> serde_json::Result<List<T>> {
        match self.0 {
            // From bytes, like every other document: one copy of the
            // decoding code in the wasm, not a second one for text.
            Some(raw) => serde_json::from_slice(raw.get().as_bytes()),
            None => Ok(List::Missing),
        }
    }
}

/// One seat of a plan area.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PlanSeat<'a> {
    #[serde(default, borrow)]
    pub id: Id<'a>,
    #[serde(default, borrow)]
    pub name: Text<'a>,
    #[serde(default, borrow)]
    pub row: Text<'a>,
    #[serde(default, borrow)]
    pub number: Text<'a>,
    #[serde(default)]
    pub x: Number,
    #[serde(default)]
    pub y: Number,
    #[serde(default)]
    pub tab_order: Number,
    #[serde(default, borrow)]
    pub previous_seat_id: Id<'a>,
    #[serde(default)]
    pub previous_is_across_aisle: Flag,
    #[serde(default, borrow)]
    pub next_seat_id: Id<'a>,
    #[serde(default)]
    pub next_is_across_aisle: Flag,
}

/// `GET instances/{id}/status/detail` — the JSON around the letters is
/// **assumed** (docs/spektrix-v3.md#status-detail). Areas may nest
/// (`areas` or `childPlans`).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct StatusDetail<'a> {
    #[serde(default, borrow)]
    pub instance: Ref<'a>,
    #[serde(default, borrow)]
    pub areas: List<StatusArea<'a>>,
}

/// One area of the status detail: bands of seats, or counts for an unreserved area.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct StatusArea<'a> {
    #[serde(default, borrow)]
    pub id: Id<'a>,
    #[serde(default)]
    pub capacity: Count,
    #[serde(default)]
    pub available: Count,
    #[serde(default)]
    pub in_basket: Count,
    #[serde(default, borrow)]
    pub bands: List<StatusBand<'a>>,
    #[serde(default, borrow)]
    pub lock_types: List<LockType<'a>>,
    #[serde(default, borrow)]
    pub areas: List<StatusArea<'a>>,
    #[serde(default, borrow)]
    pub child_plans: List<StatusArea<'a>>,
}

/// The seats of one price band within an area.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct StatusBand<'a> {
    #[serde(default, borrow)]
    pub price_band: Ref<'a>,
    /// Read when the band is reached (an arena's status lists 20,000 seats).
    #[serde(default, borrow)]
    pub seats: ReadLater<'a, SeatStatus<'a>>,
}

/// One seat's letter (docs/spektrix-v3.md#status-letters).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SeatStatus<'a> {
    #[serde(default, borrow)]
    pub id: Id<'a>,
    #[serde(default, borrow)]
    pub status: Str<'a>,
    #[serde(default, borrow)]
    pub lock_type: Ref<'a>,
    #[serde(default, borrow)]
    pub info: Text<'a>,
}

/// A lock type named by locked seats.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LockType<'a> {
    #[serde(default, borrow)]
    pub id: Id<'a>,
    #[serde(default, borrow)]
    pub name: Text<'a>,
    #[serde(default, borrow)]
    pub description: Text<'a>,
}

/// `GET basket` (docs/spektrix-v3.md#basket); ticket fields are **assumed**.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Basket<'a> {
    #[serde(default, borrow)]
    pub id: Id<'a>,
    #[serde(default, borrow)]
    pub hash: Text<'a>,
    #[serde(default, borrow)]
    pub tickets: List<Ticket<'a>>,
    #[serde(default)]
    pub total: Number,
}

/// A ticket in the basket, or one just added.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Ticket<'a> {
    #[serde(default, borrow)]
    pub id: Id<'a>,
    #[serde(default, borrow)]
    pub seat: Ref<'a>,
    #[serde(default, borrow)]
    pub seat_name: Text<'a>,
    #[serde(default, borrow)]
    pub seating_plan: Ref<'a>,
    #[serde(default, borrow)]
    pub plan_name: Text<'a>,
    #[serde(default, borrow)]
    pub band: Ref<'a>,
    #[serde(default, borrow)]
    pub instance: Ref<'a>,
    /// The ticket type (`type`; `ticketType` is its deprecated name, read as well).
    #[serde(default, borrow, rename = "type")]
    pub kind: Ref<'a>,
    #[serde(default, borrow)]
    pub ticket_type: Ref<'a>,
    #[serde(default)]
    pub price: Number,
    #[serde(default)]
    pub total: Number,
}

/// `GET customer` / `POST customer/authenticate` (docs/spektrix-v3.md#customer).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Customer<'a> {
    #[serde(default, borrow)]
    pub id: Id<'a>,
    #[serde(default, borrow)]
    pub first_name: Text<'a>,
    #[serde(default, borrow)]
    pub last_name: Text<'a>,
}

/// The error body: `{"errorCode", "message", "problems"}`, or the queue
/// error `{"code": "JoinQueue", "message", "joinQueue"}` (docs/spektrix-v3.md#errors).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ErrorBody<'a> {
    #[serde(default, borrow)]
    pub message: Text<'a>,
    #[serde(default)]
    pub problems: lenient::Problems,
    #[serde(default, borrow)]
    pub code: Text<'a>,
    #[serde(default, borrow)]
    pub join_queue: Text<'a>,
}

impl ErrorBody<'_> {
    /// The plainest words the body offers, problems first (they name seats).
    pub fn plain_message(&self) -> Option<String> {
        let problems: Vec<&str> = self.problems.0.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect();
        let message = self.message.text();
        match (message, problems.is_empty()) {
            (Some(m), true) => Some(m.to_owned()),
            (Some(m), false) if m.eq_ignore_ascii_case("validation failed") => Some(problems.join(" ")),
            (Some(m), false) => Some(format!("{m} {}", problems.join(" "))),
            (None, false) => Some(problems.join(" ")),
            (None, true) => None,
        }
    }
}

#[cfg(test)]
mod tests;
