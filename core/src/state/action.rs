//! Everything that can happen to the widget, as data for [`State::reduce`].

use super::{Notice, Queue, SavedChoice, StandingChoice};
use crate::availability::Availability;
use crate::basket::Basket;
use crate::customer::CustomerState;
use crate::error::ApiError;
use crate::prices::TicketTypeIndex;
use crate::report::Report;
use crate::rules::{Fix, SeatIndex};
use crate::venue::Venue;
use std::rc::Rc;

/// Everything that happens to the widget.
#[derive(Debug, Clone)]
pub enum Action {
    /// (Re)start loading the performance.
    LoadStarted,
    /// The instance, plan and prices are read; `now_local` is the buyer's time (ISO 8601).
    Loaded {
        /// The performance.
        venue: Rc<Venue>,
        /// What reading its documents skipped or repaired.
        report: Report,
        /// The buyer's local time.
        now_local: Rc<str>,
    },
    /// Loading failed; `retrying` when the shell will try again by itself.
    LoadFailed {
        /// Why.
        error: ApiError,
        /// Whether it will be tried again.
        retrying: bool,
    },
    /// A status arrived. `requested_ms` is when it was asked for (Unix ms).
    Status {
        /// The decoded availability.
        availability: Availability,
        /// When the request was made.
        requested_ms: f64,
        /// When it arrived.
        now_ms: f64,
    },
    /// A poll answered exactly as the last one: nothing to redraw.
    StatusUnchanged {
        /// When the request was made.
        requested_ms: f64,
        /// When it arrived.
        now_ms: f64,
    },
    /// A poll failed; `stopped` when polling has stopped (a permanent failure).
    StatusFailed {
        /// Why.
        error: ApiError,
        /// Whether polling stopped.
        stopped: bool,
    },
    /// A seat was clicked or pressed.
    Toggle(SeatIndex),
    /// A chosen seat's ticket type changed.
    SetTicketType(SeatIndex, TicketTypeIndex),
    /// A chosen seat was removed from the choice.
    Deselect(SeatIndex),
    /// The whole choice was cleared.
    ClearSelection,
    /// The rules' one-click fix was applied.
    ApplyFix(Fix),
    /// The offered alternative seats were taken instead.
    AcceptAlternative,
    /// The offered alternative was dismissed.
    DismissAlternative,
    /// Standing places were chosen.
    SetStanding(StandingChoice),
    /// A saved choice is restored (after the queue, or on switching back to its performance).
    RestoreChoice(SavedChoice),
    /// The page switched performance while the customer had a choice on
    /// the one before: it stays with that performance (seats differ), and
    /// the customer is told.
    ChoiceLeftBehind {
        /// How many tickets were chosen there.
        tickets: u32,
        /// That performance, in words ("Wednesday 9 December, 7.30pm"), when known.
        performance: Option<String>,
    },
    /// `POST basket/tickets` was sent with [`State::add_request`].
    AddStarted,
    /// The add answered: the tickets the server added.
    AddSucceeded {
        /// The tickets added, as the server listed them.
        tickets: Vec<crate::basket::Ticket>,
        /// When the answer arrived (Unix ms).
        now_ms: f64,
    },
    /// The add was refused (the server answered with an error).
    AddFailed(ApiError),
    /// The add's answer was lost: the basket must be read to know.
    AddUncertain(ApiError),
    /// `POST basket/tickets/best-available` was sent.
    BestAvailableStarted {
        /// How many tickets were asked for.
        quantity: u32,
    },
    /// Best available answered with the tickets added.
    BestAvailableSucceeded {
        /// The tickets added.
        tickets: Vec<crate::basket::Ticket>,
        /// When the answer arrived (Unix ms).
        now_ms: f64,
    },
    /// Best available was refused.
    BestAvailableFailed(ApiError),
    /// Best available's answer was lost.
    BestAvailableUncertain(ApiError),
    /// `DELETE basket/tickets` was sent for these tickets.
    RemoveStarted(Vec<Rc<str>>),
    /// The removal succeeded.
    RemoveSucceeded {
        /// When the answer arrived (Unix ms).
        now_ms: f64,
    },
    /// The removal failed.
    RemoveFailed(ApiError),
    /// A basket read started.
    BasketReadStarted,
    /// A basket read answered (`None`: the session has no basket). `requested_ms` is when it was asked.
    BasketRead {
        /// The basket.
        basket: Option<Basket>,
        /// When it was asked for.
        requested_ms: f64,
        /// When it arrived.
        now_ms: f64,
    },
    /// A basket read failed (it is retried by the shell under the polling policy).
    BasketReadFailed(ApiError),
    /// Who is logged in, as the box office just said.
    Customer(CustomerState),
    /// The login form was sent.
    LogInStarted,
    /// The login was refused, in these words.
    LogInFailed(String),
    /// The logout was sent.
    LogOutStarted,
    /// The logout failed.
    LogOutFailed(ApiError),
    /// The keyboard focus moved to a seat.
    Focus(Option<SeatIndex>),
    /// A message from the shell.
    Notify(Notice),
    /// The message was dismissed.
    DismissNotice,
    /// The hold timer ran out: read the basket and explain.
    HoldExpired,
    /// A basket call answered `JoinQueue`.
    Queued(Queue),
    /// Another map on the page changed the basket: read it again.
    BasketChangedElsewhere,
    /// The performance was read again (after a refusal): its sale state.
    InstanceRead(crate::venue::InstanceInfo),
}
