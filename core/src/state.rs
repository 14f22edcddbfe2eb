//! The widget's one state and its reducer. No I/O happens here: the shell
//! fetches, then dispatches an [`Action`] with what it got; [`State::reduce`]
//! decides what that means for the customer, using the other core modules,
//! and ends by recomputing everything derived ([`State::seat_states`], the
//! rules' verdict, the sale state, the versions host events watch) in one
//! place.
//!
//! What the shell should fetch next is said as data, not done: the
//! [`Wants`] counters go up when the basket should be read, the status
//! polled at once, or the customer re-checked; hooks watch them.
//!
//! The last answer from the box office ([`State::availability`]) is kept
//! apart from local, optimistic changes (an overlay: seats just added or
//! removed), which a later read confirms or drops, and which expire, so a
//! local edit the server never confirmed cannot stick.
//!
//! Large parts (plan, availability, per-seat states) sit behind `Rc`, so a
//! click clones a few small vectors, not the 20,000-seat arena.

use crate::availability::{Availability, Letter, LockIndex};
use crate::basket::Basket;
use crate::customer::CustomerState;
use crate::error::{ApiError, Call};
use crate::labels::list_seats;
use crate::plan::AreaIndex;
use crate::prices::TicketTypeIndex;
use crate::report::Report;
use crate::rules::{self, Fix, RuleConfig, SeatIndex, Verdict};
use crate::seat_state::{seat_state, SeatState};
use crate::venue::{SaleState, Venue};
use std::rc::Rc;

mod action;
mod basket;
mod customer;
mod derive;
mod load;
mod parts;
mod queries;
mod selection;
mod status;

pub use action::Action;
pub use basket::{AddPending, BasketView, ExtraTickets, Pending};
pub use parts::{Away, Chosen, Live, Load, Notice, Queue, SavedChoice, StandingChoice, Tone, Versions, Wants};

/// The widget's state.
#[derive(Debug, Clone)]
pub struct State {
    /// The venue's selection rules.
    pub rules: RuleConfig,
    /// The performance, once loaded.
    pub load: Load,
    /// The last availability the box office sent (not yet known: every seat unknown).
    pub availability: Rc<Availability>,
    /// What each seat looks like now: derived at the end of every action.
    pub seat_states: Rc<Vec<SeatState>>,
    /// Seats chosen, in the order chosen.
    pub selection: Vec<Chosen>,
    /// Standing places chosen.
    pub standing: Vec<StandingChoice>,
    /// The basket, as last read.
    pub basket: BasketView,
    /// Who is logged in.
    pub customer: CustomerState,
    /// Operations under way, each closed only by its own completion.
    pub pending: Pending,
    /// The status polling's health.
    pub live: Live,
    /// Whether the performance can be booked online now.
    pub sale: SaleState,
    /// The queue, when the box office sent the customer there.
    pub queue: Option<Queue>,
    /// The message for the customer, if any.
    pub notice: Option<Notice>,
    /// The rules' verdict on the current choice.
    pub verdict: Verdict,
    /// Seats offered in place of ones that were lost.
    pub alternative: Option<Vec<SeatIndex>>,
    /// Tickets in the basket beyond what was asked for (a re-sent request).
    pub extra_tickets: Option<ExtraTickets>,
    /// Seats to point out (best-available results).
    pub highlight: Rc<[SeatIndex]>,
    /// The seat with the keyboard focus (the map's roving tab stop).
    pub focus: Option<SeatIndex>,
    /// Why the last login failed.
    pub login_error: Option<String>,
    /// Seats added while held for this customer (lock kept), to explain a logout.
    pub held_in_basket: Vec<(SeatIndex, LockIndex)>,
    /// When the basket last changed (Unix ms), while it holds tickets: the hold timer counts from here.
    pub basket_changed_ms: Option<f64>,
    /// The hold timer ran out and the basket is being read to see whether
    /// the box office still holds it.
    hold_check: bool,
    /// Reads the shell should make.
    pub wants: Wants,
    /// Counters for host events.
    pub versions: Versions,
    /// The problems found, one report per document that brought new ones,
    /// oldest first; [`Versions::problems`] counts them. Each problem is in
    /// one report only (it is reported once), so the list stays short. A
    /// list, not the latest: two documents read in one turn (the plan, then
    /// the status already in) are both reported.
    pub problems_found: Vec<Report>,
    /// The buyer's local time (ISO 8601) when last told, for the sale state.
    now_local: Rc<str>,
    overlay: Vec<OverlayEntry>,
    reported: Report,
    last_selection: (Vec<Chosen>, Vec<StandingChoice>),
    /// After an add answered, what the next basket read should show: the
    /// tickets before, and the ones the answer listed. More means the
    /// browser sent the request again after a lost answer.
    added_check: Option<AddedCheck>,
    /// The performance as last read again, for the sale state (the venue keeps the first read).
    sale_instance: Option<crate::venue::InstanceInfo>,
    /// What [`State::seat_states`] was last derived from.
    seat_states_from: Option<SeatStatesFrom>,
}

/// The inputs the seat states were last derived from: when only the choice
/// differs, only the seats that joined or left it need deriving again.
#[derive(Debug, Clone)]
struct SeatStatesFrom {
    /// The availability (held, so its address cannot be reused by another).
    availability: Rc<Availability>,
    overlay: Vec<OverlayEntry>,
    /// The seats chosen.
    chosen: Vec<SeatIndex>,
}

/// What the basket read after an answered add should show.
#[derive(Debug, Clone)]
struct AddedCheck {
    /// This performance's tickets before the add.
    before: Vec<Rc<str>>,
    /// The tickets the answer listed.
    listed: Vec<Rc<str>>,
    /// How many were asked for.
    asked: u32,
}

/// A local change the box office has not confirmed yet.
#[derive(Debug, Clone, Copy, PartialEq)]
struct OverlayEntry {
    seat: SeatIndex,
    /// The letter shown meanwhile.
    shows: Letter,
    /// When the change happened (Unix ms): a status requested after it replaces it.
    since_ms: f64,
}

/// How long a local change may stand without a read confirming it.
const OVERLAY_EXPIRES_MS: f64 = 60_000.0;

impl State {
    /// A fresh state for a widget with these rules.
    pub fn new(rules: RuleConfig) -> State {
        State {
            rules,
            load: Load::Loading { retrying: None },
            availability: Rc::default(),
            seat_states: Rc::default(),
            selection: Vec::new(),
            standing: Vec::new(),
            basket: BasketView::default(),
            customer: CustomerState::Unknown,
            pending: Pending::default(),
            live: Live::default(),
            sale: SaleState::OnSale,
            queue: None,
            notice: None,
            verdict: Verdict::default(),
            alternative: None,
            extra_tickets: None,
            highlight: Rc::from([]),
            focus: None,
            login_error: None,
            held_in_basket: Vec::new(),
            basket_changed_ms: None,
            hold_check: false,
            wants: Wants::default(),
            versions: Versions::default(),
            problems_found: Vec::new(),
            now_local: "".into(),
            overlay: Vec::new(),
            reported: Report::default(),
            last_selection: (Vec::new(), Vec::new()),
            added_check: None,
            sale_instance: None,
            seat_states_from: None,
        }
    }

    /// Applies one action, then recomputes everything derived.
    pub fn reduce(&mut self, action: Action) {
        match action {
            Action::LoadStarted => self.load_started(),
            Action::Loaded { venue, report, now_local } => self.loaded(venue, report, now_local),
            Action::LoadFailed { error, retrying } => self.load_failed(error, retrying),
            Action::Status { availability, requested_ms, now_ms } => {
                self.apply_status(availability, requested_ms, now_ms)
            }
            Action::StatusUnchanged { requested_ms, now_ms } => self.status_unchanged(requested_ms, now_ms),
            Action::StatusFailed { error, stopped } => {
                if error.recovery(crate::error::Call::StatusDetail) == crate::error::Recovery::RecheckCustomer {
                    self.wants.customer_check += 1;
                }
                self.live.failures += 1;
                self.live.error = Some(error);
                self.live.stopped = stopped;
            }
            Action::Toggle(seat) => self.toggle(seat),
            Action::SetTicketType(seat, kind) => {
                // Only a ticket type this seat has a price for.
                if self.price_of(seat, kind).is_some() && !self.is_being_added(seat) {
                    if let Some(c) = self.selection.iter_mut().find(|c| c.seat == seat) {
                        c.ticket_type = kind;
                    }
                }
            }
            Action::Deselect(seat) => {
                if !self.is_being_added(seat) {
                    self.selection.retain(|c| c.seat != seat);
                }
            }
            Action::ClearSelection => {
                let adding = self.pending.add.clone();
                self.selection.retain(|c| adding.as_ref().is_some_and(|a| a.seats.iter().any(|s| s.seat == c.seat)));
                self.standing.clear();
            }
            Action::ApplyFix(fix) => self.apply_fix(&fix),
            Action::AcceptAlternative => self.accept_alternative(),
            Action::DismissAlternative => self.alternative = None,
            Action::SetStanding(choice) => self.set_standing(choice),
            Action::RestoreChoice(saved) => self.restore_choice(saved),
            Action::ChoiceLeftBehind { tickets, performance } => self.choice_left_behind(tickets, performance),
            Action::AddStarted => self.add_started(),
            Action::AddSucceeded { tickets, now_ms } => self.add_answered(tickets, now_ms),
            Action::AddFailed(error) => self.add_failed(error),
            Action::AddUncertain(error) => self.add_uncertain(error),
            Action::BestAvailableStarted { quantity } => self.best_available_started(quantity),
            Action::BestAvailableSucceeded { tickets, now_ms } => self.best_available_answered(tickets, now_ms),
            Action::BestAvailableFailed(error) => self.best_available_failed(error),
            Action::BestAvailableUncertain(error) => self.best_available_uncertain(error),
            Action::RemoveStarted(tickets) => self.remove_started(tickets),
            Action::RemoveSucceeded { now_ms } => self.remove_succeeded(now_ms),
            Action::RemoveFailed(error) => self.remove_failed(error),
            Action::BasketReadStarted => self.basket.reading = true,
            Action::BasketRead { basket, requested_ms, now_ms } => self.basket_read(basket, requested_ms, now_ms),
            Action::BasketReadFailed(error) => {
                if error.recovery(crate::error::Call::Basket) == crate::error::Recovery::RecheckCustomer {
                    self.wants.customer_check += 1;
                }
                self.basket.reading = false;
                self.basket.failures += 1;
                self.basket.error = Some(error);
            }
            Action::Customer(customer) => self.set_customer(customer),
            Action::LogInStarted => {
                self.pending.log_in = true;
                self.login_error = None;
            }
            Action::LogInFailed(message) => {
                self.pending.log_in = false;
                self.login_error = Some(message);
            }
            Action::LogOutStarted => self.pending.log_out = true,
            Action::LogOutFailed(error) => {
                self.pending.log_out = false;
                let text = format!("We couldn't log you out. {}", error.for_buyer(Call::LogOut));
                self.notice = Notice::failure(text, Call::LogOut, &error);
            }
            Action::Focus(seat) => {
                self.focus = seat;
                return;
            }
            Action::Notify(notice) => self.notice = Some(notice),
            Action::DismissNotice => self.notice = None,
            Action::HoldExpired => {
                self.hold_check = true;
                self.wants.basket_read += 1;
            }
            Action::Queued(queue) => self.queued(queue),
            Action::InstanceRead(instance) => {
                if self.venue().is_some_and(|v| v.instance.id == instance.id) {
                    let was_open = self.sale.is_open();
                    self.sale_instance = Some(instance);
                    self.derive();
                    // Read again after a refusal: say why, in place of "couldn't do that".
                    if was_open && !self.sale.is_open() {
                        if let Some(why) = self.closed_for_sale() {
                            self.notice = Notice::new(Tone::Warning, format!("{why} Your choice is kept."));
                        }
                    }
                }
                return;
            }
            Action::BasketChangedElsewhere => {
                self.wants.basket_read += 1;
                self.wants.status_now += 1;
            }
        }
        self.derive();
    }
}
#[cfg(test)]
mod tests;
