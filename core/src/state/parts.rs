//! The parts of the state that the shell reads: the loading, notices, the
//! choice in progress, the live status, what to fetch next, the queue, the
//! choice kept across a switch of performance.

use crate::error::{ApiError, Call};
use crate::plan::AreaIndex;
use crate::prices::TicketTypeIndex;
use crate::rules::SeatIndex;
use crate::venue::Venue;
use std::rc::Rc;

/// The loading of the performance: one enum that carries its data.
#[derive(Debug, Clone)]
pub enum Load {
    /// Reading the instance, plan and prices; `retrying` after a transient failure.
    Loading {
        /// The last failure, while it is being retried.
        retrying: Option<ApiError>,
    },
    /// The map can be drawn.
    Ready(Rc<Venue>),
    /// Nothing to draw, and trying again by itself would not help.
    Failed(ApiError),
}

/// How urgent a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// For information.
    Info,
    /// Something the customer should know (a seat lost, a rule).
    Warning,
    /// Something failed.
    Error,
}

/// A message for the customer, shown in the panel and read by screen readers.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// How urgent it is.
    pub tone: Tone,
    /// The words, for the buyer.
    pub text: String,
    /// What failed, technically, for the console and the `seatmap:error`
    /// event (never shown to the buyer).
    pub detail: Option<String>,
}

impl Notice {
    pub(super) fn new(tone: Tone, text: impl Into<String>) -> Option<Notice> {
        Some(Notice { tone, text: text.into(), detail: None })
    }

    /// A failure of `call`: the buyer's words, with the error's detail kept for the developer.
    pub(super) fn failure(text: impl Into<String>, call: Call, error: &ApiError) -> Option<Notice> {
        Some(Notice { tone: Tone::Error, text: text.into(), detail: Some(format!("{call:?}: {}", error.detail())) })
    }
}

/// A seat chosen in the picker, with its ticket type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chosen {
    /// The seat.
    pub seat: SeatIndex,
    /// The ticket type it will be bought as.
    pub ticket_type: TicketTypeIndex,
}

/// Places chosen in an unreserved (standing) area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StandingChoice {
    /// The area.
    pub area: AreaIndex,
    /// The ticket type.
    pub ticket_type: TicketTypeIndex,
    /// How many places.
    pub quantity: u32,
}

/// How live the map is: the status polling's health.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Live {
    /// When the last status was read (Unix ms).
    pub last_ok_ms: Option<f64>,
    /// Consecutive failed polls.
    pub failures: u32,
    /// The last failure, until a poll succeeds.
    pub error: Option<ApiError>,
    /// Polling has stopped: trying again by itself would not help.
    pub stopped: bool,
}

/// Reads the shell should make, as counters: each increase asks once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Wants {
    /// Read the basket (`GET basket`).
    pub basket_read: u32,
    /// Poll the status now, without waiting for the interval.
    pub status_now: u32,
    /// Ask who is logged in.
    pub customer_check: u32,
    /// Read the performance (`GET instances/{id}`) again: its sale state may have changed.
    pub instance_read: u32,
}

/// Counters that change exactly when what a host event describes changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Versions {
    /// The choice (seats, ticket types, standing places) changed.
    pub selection: u32,
    /// Tickets were added (focus moves to the basket).
    pub added: u32,
    /// New problems were found in the API's documents: how many reports
    /// [`State::problems_found`] holds.
    pub problems: u32,
}

/// Spektrix's queue, when a basket call answered `JoinQueue`.
#[derive(Debug, Clone, PartialEq)]
pub struct Queue {
    /// Where the queue is, as the server gave it (the shell resolves it against the custom domain).
    pub url: Option<String>,
    /// The server's message.
    pub message: Option<String>,
}

/// A seat or standing choice to restore (after the queue, or from the page).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SavedChoice {
    /// Seat ids and ticket type ids.
    pub seats: Vec<(String, String)>,
    /// Area ids, ticket type ids and quantities.
    pub standing: Vec<(String, String, u32)>,
    /// Where the customer was meanwhile (what to say when it comes back).
    #[serde(default)]
    pub away: Away,
}

impl SavedChoice {
    /// Whether there is nothing to keep.
    pub fn is_empty(&self) -> bool {
        self.seats.is_empty() && self.standing.is_empty()
    }

    /// How many tickets the choice holds.
    pub fn tickets(&self) -> u32 {
        self.seats.len() as u32 + self.standing.iter().map(|(_, _, quantity)| quantity).sum::<u32>()
    }
}

/// Where the customer was while their choice was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Away {
    /// In Spektrix's queue.
    #[default]
    InQueue,
    /// Looking at another performance (the page switched `instance-id`).
    OtherPerformance,
}
